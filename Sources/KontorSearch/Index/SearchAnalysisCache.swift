import Foundation
import KontorHashing
import KontorParallel

/// Analysed documents of earlier index builds, keyed by the text they were analysed from (see
/// `SearchIndexInputs.analysisKeys`). Analysis — tokenizing, folding and counting every word —
/// is half of an index build; a document found here is decoded from its word counts instead,
/// which gives the same counts, so the index is byte-identical to one built from scratch.
///
/// The cache is a list of images, one per analysis chunk of an index build: the chunk's
/// vocabulary and its documents' word counts. Images read from an earlier build's file are
/// looked up only; images made in this build ("fresh") are what `serialized` writes, so the file
/// holds exactly the documents of the last build. A document that a fresh image already holds
/// (a help page in the second reseller's site) is not stored again. Beside the images, each
/// index build's words and stems (`StemList`) are kept the same way.
public struct SearchAnalysisCache: Sendable {
    private var images: [AnalysisImage] = []
    /// Analysis key → image index << 32 | document index in that image. Fresh images win.
    private var locations: [UInt64: UInt64] = [:]
    private var freshKeys: Set<UInt64> = []
    /// Words and stems of earlier index builds; the last `freshStemLists` were made in this one.
    private(set) var stemLists: [StemList] = []
    private var freshStemLists = 0

    private static let magic: UInt64 = 0x4B4F_4E54_4F52_5341  // "KONTORSA"
    private static let formatVersion: UInt64 = 3

    public init() {}

    /// Reads a cache written by `serialized(fingerprint:)` with the same fingerprint (whatever
    /// decides that the analysis is unchanged, such as the Kontor binary). `bytes` is kept, not
    /// copied: a mapped file stays mapped. Nil when the header does not match or an image is
    /// damaged: each image carries a hash of its bytes, as a changed count would change the
    /// index without a trace.
    public init?(serialized bytes: some ContiguousBytes & Sendable, fingerprint: UInt64) {
        let storage = AnalysisImage.Storage(bytes)
        var stems: [StemList] = []
        let framed: [(range: Range<Int>, checksum: UInt64)]? = storage.withBytes { raw in
            var reader = ImageReader(raw)
            guard reader.uint64() == Self.magic, reader.uint64() == Self.formatVersion,
                  reader.uint64() == fingerprint, let count = reader.uint64() else { return nil }
            var framed: [(Range<Int>, UInt64)] = []
            for _ in 0..<min(count, UInt64(raw.count)) {
                guard let length = reader.uint64(), let checksum = reader.uint64(),
                      let range = reader.skip(Int(clamping: length)) else { return nil }
                framed.append((range, checksum))
            }
            guard framed.count == count, let stemCount = reader.uint64() else { return nil }
            for _ in 0..<min(stemCount, UInt64(raw.count)) {
                guard let length = reader.uint64(), let checksum = reader.uint64(), let range = reader.skip(Int(clamping: length)),
                      ContentHash.of(UnsafeRawBufferPointer(rebasing: raw[range])) == checksum,
                      let list = Self.stemList(UnsafeRawBufferPointer(rebasing: raw[range])) else { return nil }
                stems.append(list)
            }
            return reader.isAtEnd && stems.count == stemCount ? framed : nil
        }
        guard let framed else { return nil }
        stemLists = stems
        let images = Parallel.map(framed.count, minimumChunk: 1) { index in
            AnalysisImage(storage, range: framed[index].range, isFresh: false, checksum: framed[index].checksum)
        }
        for image in images {
            guard let image else { return nil }
            add(image)
        }
    }

    /// The fresh images and stem lists (what the index builds since this cache was read made),
    /// as one byte string.
    public func serialized(fingerprint: UInt64) -> [UInt8] {
        var output: [UInt8] = []
        serialize(fingerprint: fingerprint) { output.append(contentsOf: $0) }
        return output
    }

    /// `serialized`, handed to `write` piece by piece: the images (tens of MB at 10,000 pages)
    /// are written from where they are, not copied into one buffer first.
    public func serialize(fingerprint: UInt64, into write: (UnsafeRawBufferPointer) -> Void) {
        let fresh = images.filter(\.isFresh)
        var header = ImageWriter()
        header.uint64(Self.magic)
        header.uint64(Self.formatVersion)
        header.uint64(fingerprint)
        header.uint64(UInt64(fresh.count))
        header.bytes.withUnsafeBytes(write)
        for image in fresh {
            image.withBytes { bytes in
                var frame = ImageWriter()
                frame.uint64(UInt64(bytes.count))
                frame.uint64(image.checksum)
                frame.bytes.withUnsafeBytes(write)
                write(bytes)
            }
        }
        let freshStems = stemLists.suffix(freshStemLists)
        var count = ImageWriter()
        count.uint64(UInt64(freshStems.count))
        count.bytes.withUnsafeBytes(write)
        for list in freshStems {
            let bytes = Self.bytes(of: list)
            var frame = ImageWriter()
            frame.uint64(UInt64(bytes.count))
            frame.uint64(ContentHash.of(bytes))
            frame.bytes.withUnsafeBytes(write)
            bytes.withUnsafeBytes(write)
        }
    }

    /// Adds the words and stems of an index build, for the next build.
    mutating func addStems(_ list: StemList) {
        stemLists.append(list)
        freshStemLists += 1
    }

    /// u32 count, u32 word bytes, u32 stem bytes, the word starts and the stem starts (count + 1
    /// each), the word bytes, the stem bytes.
    private static func bytes(of list: StemList) -> [UInt8] {
        var output = ImageWriter()
        output.uint32(UInt32(list.words.count))
        output.uint32(UInt32(list.words.bytes.count))
        output.uint32(UInt32(list.stems.bytes.count))
        for start in list.words.starts { output.uint32(UInt32(start)) }
        for start in list.stems.starts { output.uint32(UInt32(start)) }
        output.bytes.append(contentsOf: list.words.bytes)
        output.bytes.append(contentsOf: list.stems.bytes)
        return output.bytes
    }

    /// The list `bytes(of:)` wrote, or nil when its layout does not fit.
    private static func stemList(_ bytes: UnsafeRawBufferPointer) -> StemList? {
        var reader = ImageReader(bytes)
        guard let count = reader.uint32(), let wordByteCount = reader.uint32(), let stemByteCount = reader.uint32(),
              wordByteCount <= Int32.max, stemByteCount <= Int32.max else { return nil }
        func starts(limit: UInt32) -> [Int32]? {
            var starts: [Int32] = []
            starts.reserveCapacity(Int(count) + 1)
            var previous: UInt32 = 0
            for index in 0...Int(count) {
                guard let start = reader.uint32(), start >= previous, start <= limit, index > 0 || start == 0 else { return nil }
                starts.append(Int32(start))
                previous = start
            }
            return starts
        }
        guard let wordStarts = starts(limit: wordByteCount), let stemStarts = starts(limit: stemByteCount),
              let wordRange = reader.skip(Int(wordByteCount)), let stemRange = reader.skip(Int(stemByteCount)), reader.isAtEnd
        else { return nil }
        return StemList(words: ByteStrings(bytes: Array(UnsafeRawBufferPointer(rebasing: bytes[wordRange])), checkedStarts: wordStarts),
                        stems: ByteStrings(bytes: Array(UnsafeRawBufferPointer(rebasing: bytes[stemRange])), checkedStarts: stemStarts))
    }

    /// The number of documents the cache can give.
    public var documentCount: Int { locations.count }

    /// True once an index build added analyses: only then is there something new to save.
    public private(set) var hasNewAnalyses = false

    /// Keeps the images read from the previous build for the next one, as if made in this
    /// build: for an index taken over whole, whose documents were not analysed this time.
    public mutating func keepPrevious() {
        guard images.contains(where: { !$0.isFresh }) else { return }
        let kept = images
        let hadNewAnalyses = hasNewAnalyses
        let stems = stemLists
        self = SearchAnalysisCache()
        hasNewAnalyses = hadNewAnalyses
        for var image in kept {
            image.isFresh = true
            add(image)
        }
        stemLists = stems
        freshStemLists = stems.count
    }

    /// Keeps image `index` (read from the previous build) for the next build: an index build
    /// took a chunk of exactly its documents from it (see `DocumentAnalysis.decode`).
    mutating func keepAnalysed(_ index: Int) {
        var image = images[index]
        guard !image.isFresh, !image.keys.contains(where: freshKeys.contains) else { return }
        image.isFresh = true
        add(image)
        hasNewAnalyses = true
    }

    /// The images of runs of `keys` that hold exactly those documents, in that order: such a
    /// chunk is decoded whole, without analysis (see `DocumentAnalysis.decode`). After an edit,
    /// every chunk of the previous build but the edited page's is one.
    func imageRuns(in keys: [UInt64]) -> [(range: Range<Int>, image: Int)] {
        var position: [UInt64: Int] = [:]
        position.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() where position[key] == nil { position[key] = index }
        var runs: [(range: Range<Int>, image: Int)] = []
        for (index, image) in images.enumerated() where !image.keys.isEmpty {
            guard let start = position[image.keys[0]], start + image.keys.count <= keys.count,
                  keys[start..<(start + image.keys.count)].elementsEqual(image.keys),
                  !runs.contains(where: { $0.range.overlaps(start..<(start + image.keys.count)) }) else { continue }
            runs.append((start..<(start + image.keys.count), index))
        }
        return runs.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Adds the image of a chunk that an index build analysed.
    mutating func addAnalysed(_ encoded: (bytes: [UInt8], checksum: UInt64)) {
        let bytes = encoded.bytes
        guard let image = AnalysisImage(AnalysisImage.Storage(bytes), range: 0..<bytes.count, isFresh: true,
                                        checksum: encoded.checksum, verified: true)
        else { return }
        add(image)
        hasNewAnalyses = true
    }

    private mutating func add(_ image: AnalysisImage) {
        let index = UInt64(images.count)
        images.append(image)
        for (position, key) in image.keys.enumerated() where image.isFresh || !freshKeys.contains(key) {
            locations[key] = index << 32 | UInt64(position)
            if image.isFresh { freshKeys.insert(key) }
        }
    }

    /// Where the analysed document with this key is, if the cache has it.
    func location(of key: UInt64) -> (image: Int, document: Int)? {
        locations[key].map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }

    /// True when an image of this build holds the document: it need not be stored again.
    func hasFresh(_ key: UInt64) -> Bool { freshKeys.contains(key) }

    var imageCount: Int { images.count }

    /// Documents held by all images together (a document in two images counts twice).
    var storedDocumentCount: Int { images.reduce(0) { $0 + $1.keys.count } }

    func image(_ index: Int) -> AnalysisImage { images[index] }
}

/// One analysis chunk's vocabulary and word counts, as bytes (little-endian):
///
///     counts (countByteCount bytes)
///     u32 wordCount, u32 wordByteCount, u32 wordStarts[wordCount + 1], wordBytes
///     u32 documentCount, then per document: u64 key, u32 length, u32 start of its counts
///     u32 countByteCount
///
/// A document's counts: LEB128 entry count, then per entry LEB128 word, frequency << 2 |
/// in title << 1 | standalone, best section, best weight (frequencies and weights are whole
/// numbers: one analysis counts each occurrence once). The counts come first because an
/// analysed chunk keeps its documents' counts in this format (see `DocumentWordCounts`): the
/// image of a whole chunk is those bytes with the rest appended, not a copy of them.
struct AnalysisImage: Sendable {
    /// The bytes of an image: an array made by this build, or part of a mapped cache file.
    final class Storage: Sendable {
        private let bytes: any ContiguousBytes & Sendable

        init(_ bytes: some ContiguousBytes & Sendable) {
            self.bytes = bytes
        }

        func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
            bytes.withUnsafeBytes(body)
        }
    }

    let storage: Storage
    let range: Range<Int>
    var isFresh: Bool
    /// A hash of the image's bytes.
    let checksum: UInt64
    let wordCount: Int
    let keys: [UInt64]
    private let startsOffset: Int
    private let wordBytesOffset: Int
    private let documentTableOffset: Int
    private let countsOffset: Int
    private let countsEnd: Int
    /// The size of the documents' counts together.
    var countBytes: Int { countsEnd - countsOffset }

    private static let documentRecordBytes = 16

    /// Reads the layout of the image in `storage[range]`; nil when it does not fit or its bytes
    /// do not have the `checksum` they were written with (unless the caller just computed it).
    init?(_ storage: Storage, range: Range<Int>, isFresh: Bool, checksum: UInt64, verified: Bool = false) {
        self.storage = storage
        self.range = range
        self.isFresh = isFresh
        self.checksum = checksum
        let layout: (words: Int, starts: Int, wordBytes: Int, table: Int, keys: [UInt64], counts: Int, end: Int)? = storage.withBytes { all in
            guard range.upperBound <= all.count else { return nil }
            guard verified || ContentHash.of(UnsafeRawBufferPointer(rebasing: all[range])) == checksum else { return nil }
            guard range.count >= 4 else { return nil }
            let countBytes = Int(UInt32(littleEndian: all.loadUnaligned(fromByteOffset: range.upperBound - 4, as: UInt32.self)))
            guard countBytes <= range.count - 4 else { return nil }
            var reader = ImageReader(UnsafeRawBufferPointer(rebasing: all[range]), at: countBytes)
            guard let words = reader.uint32(), let wordByteCount = reader.uint32(), wordByteCount <= Int32.max else { return nil }
            let starts = reader.offset
            guard reader.skip(4 * (Int(words) + 1)) != nil else { return nil }
            let wordBytes = reader.offset
            guard reader.skip(Int(wordByteCount)) != nil, let documents = reader.uint32() else { return nil }
            // Word starts must rise within the word bytes: `withWord` relies on it.
            var startsReader = ImageReader(UnsafeRawBufferPointer(rebasing: all[range]), at: starts)
            var previous: UInt32 = 0
            for _ in 0...words {
                guard let start = startsReader.uint32(), start >= previous, start <= wordByteCount else { return nil }
                previous = start
            }
            let table = reader.offset
            guard reader.skip(Self.documentRecordBytes * Int(documents)) != nil, reader.uint32() != nil, reader.isAtEnd else { return nil }
            var tableReader = ImageReader(UnsafeRawBufferPointer(rebasing: all[range]), at: table)
            var keys: [UInt64] = []
            keys.reserveCapacity(Int(documents))
            for _ in 0..<documents {
                guard let key = tableReader.uint64(), tableReader.skip(8) != nil else { return nil }
                keys.append(key)
            }
            return (Int(words), starts, wordBytes, table, keys, 0, countBytes)
        }
        guard let layout else { return nil }
        wordCount = layout.words
        startsOffset = layout.starts
        wordBytesOffset = layout.wordBytes
        documentTableOffset = layout.table
        keys = layout.keys
        countsOffset = layout.counts
        countsEnd = layout.end
    }

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        storage.withBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Decodes document `index` into `entries` (emptied first), with the image's word ids, and
    /// returns its length; nil when its bytes are damaged.
    func decode(document index: Int, into entries: inout [WordCounts]) -> Int? {
        entries.removeAll(keepingCapacity: true)
        return withBytes { bytes -> Int? in
            var table = ImageReader(bytes, at: documentTableOffset + Self.documentRecordBytes * index + 8)
            guard let length = table.uint32(), let start = table.uint32() else { return nil }
            var reader = ImageReader(UnsafeRawBufferPointer(rebasing: bytes[countsOffset..<countsEnd]), at: Int(start))
            guard let count = reader.leb128(), count <= countsEnd - countsOffset else { return nil }
            entries.reserveCapacity(count)
            for _ in 0..<count {
                guard let word = reader.leb128(), word < wordCount, let packed = reader.leb128(),
                      let section = reader.leb128(), section <= Int(Int32.max >> 1), let weight = reader.leb128()
                else { return nil }
                entries.append(WordCounts(word: Int32(word), frequency: Float(packed >> 2), inTitle: packed & 2 != 0,
                                          standalone: packed & 1 != 0, bestSection: Int32(section), bestWeight: Float(weight)))
            }
            return Int(length)
        }
    }

    /// The word bytes and word starts (as in `ChunkAnalysis`) of the image's vocabulary.
    func vocabulary() -> (bytes: [UInt8], starts: [Int32]) {
        withBytes { bytes in
            let starts = (0...wordCount).map { index in
                Int32(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: startsOffset + 4 * index, as: UInt32.self)))
            }
            let end = Int(starts[wordCount])
            return (Array(UnsafeRawBufferPointer(rebasing: bytes[wordBytesOffset..<(wordBytesOffset + end)])), starts)
        }
    }

    /// The folded spelling of word `index` (< `wordCount`; `init` checked every word's bounds).
    func withWord<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withBytes { bytes in
            let start = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: startsOffset + 4 * index, as: UInt32.self)))
            let end = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: startsOffset + 4 * index + 4, as: UInt32.self)))
            let word = UnsafeRawBufferPointer(rebasing: bytes[(wordBytesOffset + start)..<(wordBytesOffset + end)])
            return body(word.bindMemory(to: UInt8.self))
        }
    }

    /// The image of an analysed chunk: its vocabulary and the documents for which `include` is
    /// true, and the image's checksum; nil when it is too large for the format. When it holds
    /// every document, the rest of the image is appended to the chunk's own counts, which the
    /// image then shares (see the type); otherwise the included documents' counts are copied.
    static func encode(_ chunk: inout ChunkAnalysis, keys: ArraySlice<UInt64>, include: (UInt64) -> Bool) -> (bytes: [UInt8], checksum: UInt64)? {
        let included = keys.indices.filter { include(keys[$0]) }.map { $0 - keys.startIndex }
        let wordCount = chunk.wordStarts.count - 1
        let recordSizes = included.map { chunk.documents.recordSize($0) }
        let countBytes = recordSizes.reduce(0, +)
        let restBytes = 8 + 4 * chunk.wordStarts.count + chunk.wordBytes.count + 4 + documentRecordBytes * included.count + 4
        guard chunk.wordBytes.count <= UInt32.max, wordCount <= UInt32.max, countBytes + restBytes <= Int(UInt32.max) else { return nil }
        let whole = included.count == chunk.documents.count
        // The rest is written straight after the records: built apart and appended, it took as
        // much fresh memory again as it is large (7 MB a chunk at 10,000 pages).
        let (wordStarts, wordBytes, lengths) = (chunk.wordStarts, chunk.wordBytes, chunk.lengths)
        func writeRest(_ base: UnsafeMutablePointer<UInt8>) -> Int {
            var output = ImageOutput(base)
            output.uint32(UInt32(wordCount))
            output.uint32(UInt32(wordBytes.count))
            for start in wordStarts { output.uint32(UInt32(start)) }
            wordBytes.withUnsafeBufferPointer { output.append($0) }
            output.uint32(UInt32(included.count))
            var recordStart = 0
            for (offset, size) in zip(included, recordSizes) {
                output.uint64(keys[keys.startIndex + offset])
                output.uint32(UInt32(clamping: lengths[offset]))
                output.uint32(UInt32(recordStart))
                recordStart += size
            }
            output.uint32(UInt32(countBytes))
            return output.position
        }
        let bytes: [UInt8]
        if whole {
            chunk.documents.appendAfterRecords(byteCount: restBytes, writeRest)
            bytes = chunk.documents.bytes
        } else {
            var copied: [UInt8] = []
            copied.reserveCapacity(countBytes + restBytes)
            for offset in included { chunk.documents.withRecord(offset) { copied.append(contentsOf: $0) } }
            copied.appendWritten(upTo: restBytes, writeRest)
            bytes = copied
        }
        return (bytes, ContentHash.of(bytes))
    }
}

extension Array where Element == UInt8 {
    /// Appends what `write` writes into room for `byteCount` bytes at the end (it returns how
    /// many it wrote): no buffer of its own to copy from.
    mutating func appendWritten(upTo byteCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        let start = count
        append(contentsOf: repeatElement(0, count: byteCount))
        let written = withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { write($0 + start) } ?? 0 }
        removeLast(byteCount - written)
    }
}

/// Writes numbers into memory the caller has sized (see `AnalysisImage.encode`).
private struct ImageOutput {
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var position: Int

    init(_ base: UnsafeMutablePointer<UInt8>, at position: Int = 0) {
        self.base = base
        self.position = position
    }

    mutating func uint32(_ value: UInt32) {
        UnsafeMutableRawPointer(base + position).storeBytes(of: value.littleEndian, as: UInt32.self)
        position += 4
    }

    mutating func uint64(_ value: UInt64) {
        UnsafeMutableRawPointer(base + position).storeBytes(of: value.littleEndian, as: UInt64.self)
        position += 8
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let source = bytes.baseAddress { (base + position).update(from: source, count: bytes.count) }
        position += bytes.count
    }
}

/// Little-endian fixed-width and LEB128 numbers, never reading past the end.
private struct ImageReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// The range of the next `count` bytes, which are skipped.
    mutating func skip(_ count: Int) -> Range<Int>? {
        guard count >= 0, offset <= bytes.count, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return offset..<(offset + count)
    }

    mutating func uint32() -> UInt32? {
        guard let range = skip(4) else { return nil }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: range.lowerBound, as: UInt32.self))
    }

    mutating func uint64() -> UInt64? {
        guard let range = skip(8) else { return nil }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self))
    }

    @inline(__always)
    mutating func leb128() -> Int? {
        var value = 0
        var shift = 0
        while offset >= 0 && offset < bytes.count && shift < 63 {
            let byte = bytes[offset]
            offset += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

private struct ImageWriter {
    var bytes: [UInt8] = []

    mutating func uint32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func leb128(_ value: Int) {
        var rest = UInt(bitPattern: value)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }
}
