import Foundation
import KontorParallel

/// One document's statistics for one term: the term's place in its group travels with the
/// posting until the postings are sorted by term (see `TermGroups`). Twelve bytes, in the
/// buffers a term group is sorted in, which stay in the cache: the title flag shares a word
/// with the section, and the place one with the frequency. Between the analysis and the
/// sorting, postings wait in a compact form of their own (see `ChunkPostings`).
struct Posting: Sendable {
    var document: Int32
    private var sectionAndTitle: SectionAndTitle
    /// The term's place in its group (`TermGroups.maximumShift` bits) above the frequency in
    /// half occurrences.
    private var placeAndFrequency: UInt32

    private static let frequencyBits = 32 - TermGroups.maximumShift
    private static let frequencyMask: UInt32 = 1 << frequencyBits - 1

    /// `frequency` counts whole and half occurrences (compound parts count half). Beyond four
    /// million occurrences of one term in one document it is capped, where BM25 has long
    /// saturated.
    init(place: Int, document: Int32, section: Int32, frequency: Float, inTitle: Bool) {
        self.document = document
        sectionAndTitle = SectionAndTitle(section: section, inTitle: inTitle)
        let halves = UInt32(min(Float(Self.frequencyMask), frequency * 2))
        placeAndFrequency = UInt32(truncatingIfNeeded: place) << Self.frequencyBits | halves
    }

    /// A posting as `halfOccurrences` gives it back.
    init(place: Int, document: Int32, section: Int32, halfOccurrences: UInt32, inTitle: Bool) {
        self.document = document
        sectionAndTitle = SectionAndTitle(section: section, inTitle: inTitle)
        placeAndFrequency = UInt32(truncatingIfNeeded: place) << Self.frequencyBits | halfOccurrences & Self.frequencyMask
    }

    /// The term's place in its group.
    var place: Int { Int(placeAndFrequency >> Self.frequencyBits) }
    /// The frequency in half occurrences, as stored.
    var halfOccurrences: UInt32 { placeAndFrequency & Self.frequencyMask }
    /// Weighted term frequency of body and headings (heading occurrences count 3×).
    var frequency: Float { Float(placeAndFrequency & Self.frequencyMask) / 2 }
    /// The section with the most weighted occurrences: where a hit links to.
    var section: Int32 { sectionAndTitle.section }
    var inTitle: Bool { sectionAndTitle.inTitle }
}

/// All postings of the corpus grouped by term. Each chunk of documents keeps its own postings,
/// bucketed by term group (a run of a few hundred consecutive term ids); a term's posting list
/// is its postings in the chunks, in chunk order.
struct PostingTable: Sendable {
    static let k1 = 1.2
    static let b = 0.75
    /// Added to the saturated frequency when the term is in the title: a title hit always ranks
    /// above a document that merely mentions the word often.
    static let titleBonus = 1.5

    var terms: ByteStrings
    fileprivate var chunks: [ChunkPostings]
    fileprivate var groups: TermGroups
    var lengths: [Int]
    /// BM25's length normalization of each document, worked out once instead of per posting.
    private var norms: [Double]

    private init(terms: ByteStrings, chunks: [ChunkPostings], groups: TermGroups, lengths: [Int]) {
        self.terms = terms
        self.chunks = chunks
        self.groups = groups
        self.lengths = lengths
        let averageLength = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0, +)) / Double(lengths.count))
        norms = lengths.map { Self.k1 * (1 - Self.b + Self.b * Double($0) / averageLength) }
    }

    /// The number of postings (document-term pairs).
    var count: Int { chunks.reduce(0) { $0 + $1.count } }

    static func build(_ chunks: [ChunkAnalysis], expansions: TermExpansion) -> PostingTable {
        var firstDocument: [Int] = []
        var documentCount = 0
        for chunk in chunks { firstDocument.append(documentCount); documentCount += chunk.documents.count }
        let starts = firstDocument
        let groups = TermGroups(termCount: expansions.terms.count)
        let localExpansions = Parallel.map(chunks.count, minimumChunk: 1) { index in
            LocalExpansions(globalWord: expansions.globalWord[index], expansions: expansions)
        }
        let pieces = Self.pieces(of: chunks)
        let perPiece = Parallel.map(pieces.count, minimumChunk: 1) { index in
            let (chunk, documents) = pieces[index]
            return ChunkPostings(chunks[chunk], documents: documents, firstDocument: starts[chunk] + documents.lowerBound,
                                 expansions: localExpansions[chunk], groups: groups)
        }
        return PostingTable(terms: expansions.terms, chunks: perPiece, groups: groups, lengths: chunks.flatMap(\.lengths))
    }

    /// The chunks' documents cut into runs of about equal numbers of word entries, a few per core:
    /// a clean build has one chunk per core cut by text size, and the chunk with the offers has
    /// far more entries for its text (short documents share few words), so one core collected
    /// postings alone for a fifth of a second at 10k + 10k. Runs keep document order, and a
    /// term's posting list is the runs' postings in order, exactly as with whole chunks.
    private static func pieces(of chunks: [ChunkAnalysis]) -> [(chunk: Int, documents: Range<Int>)] {
        let entryCounts = chunks.map(\.documents.entryCounts)
        let total = entryCounts.reduce(0) { $0 + $1.reduce(0, +) }
        let target = max(1, total / (Parallel.coreCount * 4))
        return chunks.indices.flatMap { chunk -> [(chunk: Int, documents: Range<Int>)] in
            let entries = entryCounts[chunk].reduce(0, +)
            let parts = max(1, (entries + target / 2) / target)
            return Parallel.balancedRanges(weights: entryCounts[chunk], parts: parts).map { (chunk, $0) }
        }
    }

    /// Inverse document frequency (BM25, never negative).
    func inverseDocumentFrequency(_ documentFrequency: Int) -> Double {
        let total = Double(lengths.count)
        let frequency = Double(documentFrequency)
        return log(1 + (total - frequency + 0.5) / (frequency + 0.5))
    }

    /// The quantized BM25 weight of a posting, as stored in the index.
    func weight(_ posting: Posting, inverseDocumentFrequency idf: Double) -> Int {
        let norm = norms[Int(posting.document)]
        let frequency = Double(posting.frequency)
        let saturated = frequency * (Self.k1 + 1) / (frequency + norm)
        let score = idf * (saturated + (posting.inTitle ? Self.titleBonus : 0))
        return min(SearchIndexFormat.maximumWeight, max(1, Int(Self.roundedHalfUp(score * SearchIndexFormat.weightScale))))
    }

    /// `value.rounded()` (halves away from zero) for a value that is not negative, without the
    /// library call `rounded()` makes on x86, which has no instruction for that rounding: once
    /// per posting, it was an eighth of encoding them. Truncation is an instruction, and the
    /// difference to the truncated value is exact.
    @inline(__always)
    static func roundedHalfUp(_ value: Double) -> Double {
        let truncated = value.rounded(.towardZero)
        return value - truncated >= 0.5 ? truncated + 1 : truncated
    }

    /// The posting list of every term as stored in a shard (see `ShardEncoding.appendPostings`),
    /// in term order, on all cores. A term group's postings are sorted by term in a buffer that
    /// is reused from group to group and stays in the cache.
    func encodeAll(layout: PostingLayout) -> EncodedPostings {
        // Runs of groups with about equal numbers of postings: groups of common terms hold many
        // times more than others, and runs of equal numbers of groups left a core idle at the end.
        let postingsPerGroup = (0..<groups.count).map { group in chunks.reduce(0) { $0 + $1.count(of: group) } }
        let runs = Parallel.balancedRanges(weights: postingsPerGroup, parts: Parallel.coreCount * 4)
        return EncodedPostings(segments: Parallel.mapRanges(runs) { range in
            var encoder = GroupEncoder()
            // Room for six bytes a posting (10k + 10k: 3.5 to 4.1 bytes, and a run outgrowing four
            // was copied whole); room that stays unused is never touched.
            let postings = postingsPerGroup[range].reduce(0, +)
            var lists = ByteStrings(reservingCapacity: range.count << groups.shift, bytes: 6 * postings + 64)
            for group in range { encoder.encode(group, of: self, layout: layout, into: &lists) }
            return lists
        })
    }
}

/// Every term's encoded posting list, in term order, back to back in one buffer per run of
/// term groups encoded together: an array per term was 200,000 allocations at 10,000 pages.
struct EncodedPostings: Sendable {
    private let segments: [ByteStrings]
    /// Term t is in the segment s with `firstTerms[s] <= t < firstTerms[s + 1]`.
    private let firstTerms: [Int]

    init(segments: [ByteStrings]) {
        self.segments = segments
        var firstTerms = [0]
        for segment in segments { firstTerms.append(firstTerms[firstTerms.count - 1] + segment.count) }
        self.firstTerms = firstTerms
    }

    var count: Int { firstTerms[firstTerms.count - 1] }

    /// The size of each term's list, in term order.
    var sizes: [Int] { segments.flatMap { segment in segment.withBuffers { buffers in (0..<buffers.count).map { buffers[$0].count } } } }

    /// Calls `body` with the lists of `terms`, in order (a shard's).
    func forEachList(in terms: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var segment = 0
        for term in terms {
            while firstTerms[segment + 1] <= term { segment += 1 }
            segments[segment].withBuffers { body($0[term - firstTerms[segment]]) }
        }
    }
}

/// Term ids cut into groups of `1 << shift` consecutive ids: few enough groups that writing to
/// all of them at once stays in the cache, small enough that sorting one group does too. A
/// group has at most `1 << maximumShift` terms, so that a posting has room for its place in it.
private struct TermGroups: Sendable {
    static let maximumShift = 9
    let termCount: Int
    let shift: Int
    var count: Int { (termCount + (1 << shift) - 1) >> shift }

    init(termCount: Int) {
        self.termCount = termCount
        var bits = 0
        while 1 << bits < termCount { bits += 1 }
        shift = min(Self.maximumShift, max(0, bits - 9))
    }

    @inline(__always)
    func group(of term: Int32) -> Int { Int(term) >> shift }

    /// A term's place in its group.
    @inline(__always)
    func place(of term: Int32) -> Int { Int(term) & ((1 << shift) - 1) }

    func terms(of group: Int) -> Range<Int> {
        (group << shift)..<min(termCount, (group + 1) << shift)
    }
}

/// Sorts one term group's postings by term (stable: chunk order, then documents ascending) and
/// encodes each term's list. Its buffers are reused from group to group.
private struct GroupEncoder {
    private var decoded: [Posting] = []
    private var sorted: [Posting] = []
    private var next: [Int] = []
    private var encoded: [EncodedPosting] = []

    mutating func encode(_ group: Int, of table: PostingTable, layout: PostingLayout, into lists: inout ByteStrings) {
        let terms = table.groups.terms(of: group)
        next.removeAll(keepingCapacity: true)
        next.append(contentsOf: repeatElement(0, count: terms.count + 1))
        let total = table.chunks.reduce(0) { $0 + $1.count(of: group) }
        let empty = Posting(place: 0, document: 0, section: 0, frequency: 0, inTitle: false)
        if decoded.count < total {
            decoded = Array(repeating: empty, count: total)
            sorted = Array(repeating: empty, count: total)
        }
        // Decoded once, counted by term, then placed by term.
        decoded.withUnsafeMutableBufferPointer { decoded in
            var index = 0
            for chunk in table.chunks {
                chunk.forEachPosting(of: group) { posting in
                    decoded[index] = posting
                    next[posting.place + 1] += 1
                    index += 1
                }
            }
        }
        for index in 0..<terms.count { next[index + 1] += next[index] }
        let starts = next
        decoded.withUnsafeBufferPointer { decoded in
            sorted.withUnsafeMutableBufferPointer { sorted in
                for posting in decoded[..<total] {
                    sorted[next[posting.place]] = posting
                    next[posting.place] += 1
                }
            }
        }
        for term in 0..<terms.count {
            let postings = sorted[starts[term]..<starts[term + 1]]
            let idf = table.inverseDocumentFrequency(postings.count)
            encoded.removeAll(keepingCapacity: true)
            for posting in postings {
                encoded.append(EncodedPosting(document: Int(posting.document), weight: table.weight(posting, inverseDocumentFrequency: idf),
                                              section: Int(posting.section)))
            }
            lists.appendString { ShardEncoding.appendPostings(encoded, layout: layout, to: &$0) }
        }
    }
}

enum ShardCutter {
    /// Terms in byte order are grouped into shards of about `targetBytes`. A term whose entry
    /// alone reaches `isolatedBytes` gets a shard of its own: a query loads the shards of its
    /// words, and a long posting list beside a small term would make that small term cost as
    /// much as the long one (measured at 10k pages: 37 KB loaded for a word of 50 bytes).
    static func cut(terms: ByteStrings, encodedSizes: [Int], targetBytes: Int, isolatedBytes: Int) -> [Range<Int>] {
        var shards: [Range<Int>] = []
        var start = 0
        var size = 0
        for index in 0..<terms.count {
            let entry = terms.size(index) + encodedSizes[index] + 6
            if entry >= isolatedBytes {
                if start < index { shards.append(start..<index) }
                shards.append(index..<(index + 1))
                start = index + 1
                size = 0
                continue
            }
            size += entry
            if size >= targetBytes {
                shards.append(start..<(index + 1))
                start = index + 1
                size = 0
            }
        }
        if start < terms.count || shards.isEmpty { shards.append(start..<terms.count) }
        return shards
    }

    /// The manifest's name for each shard: the shortest start of its first term that still sorts
    /// after the previous shard's last term (shard 0: ""). Readers pick the last shard whose name
    /// is ≤ the term, which these shorter names answer exactly as the full terms would.
    static func boundaries(of shards: [Range<Int>], terms: ByteStrings) -> [String] {
        shards.indices.map { index in
            guard index > 0, !shards[index].isEmpty else { return "" }
            let first = Array(terms.bytes(at: shards[index].lowerBound))
            let previousLast = shards[index - 1].isEmpty ? [] : Array(terms.bytes(at: shards[index - 1].upperBound - 1))
            var length = 1
            while length < first.count, !previousLast.lexicographicallyPrecedes(first[..<length]) {
                length += 1
            }
            // Never cut a character in two.
            while length < first.count, first[length] & 0xC0 == 0x80 { length += 1 }
            return String(decoding: first[..<length], as: UTF8.self)
        }
    }
}

/// A chunk's own copy of its words' expansions (see `TermExpansion`), by local word id: small,
/// read in local word order, and shared by the runs of the chunk's documents.
private struct LocalExpansions: Sendable {
    /// One term a word counts for, and how much.
    struct Expansion {
        var term: Int32
        var factor: Float
    }

    /// Local word w counts for `expansions[starts[w]..<starts[w + 1]]`. Term and factor side by
    /// side: the words of a document are read in no order, and apart they were a cache miss each.
    var starts: [Int32] = [0]
    var expansions: [Expansion] = []
    /// The most terms a word counts for.
    private(set) var longest = 0

    init(globalWord: [Int32], expansions all: TermExpansion) {
        starts.reserveCapacity(globalWord.count + 1)
        // Through buffers: taking a slice of the global arrays for every word retained and
        // released them, about 1 % of a rebuild's CPU with 10,000 offers.
        all.expansionStarts.withUnsafeBufferPointer { expansionStarts in
            all.expansionTerms.withUnsafeBufferPointer { expansionTerms in
                all.expansionFactors.withUnsafeBufferPointer { expansionFactors in
                    expansions.reserveCapacity(globalWord.reduce(0) {
                        $0 + Int(expansionStarts[Int($1) + 1] - expansionStarts[Int($1)])
                    })
                    for word in globalWord {
                        for index in Int(expansionStarts[Int(word)])..<Int(expansionStarts[Int(word) + 1]) {
                            expansions.append(Expansion(term: expansionTerms[index], factor: expansionFactors[index]))
                        }
                        longest = max(longest, expansions.count - Int(starts[starts.count - 1]))
                        starts.append(Int32(expansions.count))
                    }
                }
            }
        }
    }
}

/// The postings of a run of one chunk's documents, bucketed by term group, documents ascending
/// within a group. Each group fills blocks of `blockSize` bytes taken in turn from one buffer,
/// so postings go straight to their group without a first pass that counts them (a quarter of
/// the postings' time at 10k + 10k: it decoded every document's words once more).
///
/// A posting is stored as four LEB128 numbers — place << 1 | in title, the document's distance
/// from the group's previous one, section, frequency in half occurrences — about five bytes
/// instead of a `Posting`'s twelve: the postings are the index's largest memory (4 million at
/// 10k + 10k), all of it new to the process, and on the virtual machines this runs on a new
/// page costs up to ten microseconds.
private struct ChunkPostings: Sendable {
    /// Enough for a group's postings to be read in a few long runs, few enough that the partly
    /// filled last block of each of a few hundred groups costs little.
    private static let blockSize = 4_096
    /// The most bytes a posting takes: a posting starts a new block when fewer are left, and
    /// the reader, seeing the same, follows.
    private static let postingBound = 2 + 3 * LEB128.maximumBytesOf32Bits

    private let buffer: PostingBuffer
    private let firstDocument: Int32
    /// The blocks of group g, in order: block b is `buffer[b * blockSize…]`.
    private var blocks: [[Int32]]
    /// The postings of each group.
    private var counts: [Int]

    var count: Int { counts.reduce(0, +) }

    /// One term's statistics in the current document.
    private struct Accumulator {
        var term: Int32
        var inTitle = false
        var frequency: Float = 0
        var bestWeight: Float = 0
        var bestSection: Int32 = 0

        @inline(__always)
        mutating func add(_ entry: WordCounts, factor: Float) {
            inTitle = inTitle || entry.inTitle
            frequency += entry.frequency * factor
            // The section of the strongest word form wins (earlier section on a tie).
            let weight = entry.bestWeight * factor
            if weight > bestWeight || (weight == bestWeight && entry.bestSection < bestSection) {
                bestWeight = weight
                bestSection = entry.bestSection
            }
        }
    }

    init(_ chunk: ChunkAnalysis, documents: Range<Int>, firstDocument: Int, expansions: LocalExpansions, groups: TermGroups) {
        // Room for an upper bound of the postings — every entry expanded to the longest
        // expansion — and for each group's partly filled last block. The room that is not
        // used is never touched, so it costs no memory.
        let entries = documents.reduce(0) { $0 + chunk.documents.entryCount(of: $1) }
        let blockBound = (entries * expansions.longest * Self.postingBound + Self.blockSize - 1) / Self.blockSize + groups.count
        buffer = PostingBuffer(capacity: blockBound * Self.blockSize)
        self.firstDocument = Int32(firstDocument)
        let base = buffer.base
        var blocks = [[Int32]](repeating: [], count: groups.count)
        // Each group's cursor starts with an empty block, so its first posting takes a block.
        var cursors = [GroupCursor](repeating: GroupCursor(), count: groups.count)
        var blocksTaken: Int32 = 0
        let termIndex = DenseIndexTable()
        // A document's accumulators, indexed as `termIndex` numbers its terms.
        let accumulators = ScratchList<Accumulator>()
        // Unchecked reads in the loop that runs once per word expansion of every document.
        expansions.starts.withUnsafeBufferPointer { starts in
            expansions.expansions.withUnsafeBufferPointer { expanded in
                cursors.withUnsafeMutableBufferPointer { cursors in
                    chunk.documents.forEachDocument(in: documents) { offset, entries in
                        for entry in entries {
                            for expansion in expanded[Int(starts[Int(entry.word)])..<Int(starts[Int(entry.word) + 1])] {
                                let (index, inserted) = termIndex.index(of: expansion.term)
                                if inserted { accumulators.append(Accumulator(term: expansion.term)) }
                                accumulators[index].pointee.add(entry, factor: expansion.factor)
                            }
                        }
                        let document = Int32(offset - documents.lowerBound)
                        for accumulator in accumulators.all {
                            let group = groups.group(of: accumulator.term)
                            if cursors[group].next + Self.postingBound > cursors[group].blockEnd {
                                blocks[group].append(blocksTaken)
                                cursors[group].next = Int(blocksTaken) * Self.blockSize
                                cursors[group].blockEnd = cursors[group].next + Self.blockSize
                                blocksTaken += 1
                            }
                            var output = base + cursors[group].next
                            let posting = Posting(place: groups.place(of: accumulator.term), document: document,
                                                  section: accumulator.bestSection, frequency: accumulator.frequency,
                                                  inTitle: accumulator.inTitle)
                            Self.write(posting, after: cursors[group].previousDocument, to: &output)
                            cursors[group].next = output - base
                            cursors[group].previousDocument = document
                            cursors[group].count += 1
                        }
                        accumulators.removeAll()
                        termIndex.removeAll()
                    }
                }
            }
        }
        self.blocks = blocks
        counts = cursors.map(\.count)
    }

    /// Where a group's next posting goes in its current block, and what the group has so far.
    private struct GroupCursor {
        var next = 0
        var blockEnd = 0
        /// The run-relative document of the group's last posting: the next one is stored as its
        /// distance from it.
        var previousDocument: Int32 = 0
        var count = 0
    }

    @inline(__always)
    private static func write(_ posting: Posting, after previous: Int32, to output: inout UnsafeMutablePointer<UInt8>) {
        LEB128.write(UInt(posting.place) << 1 | (posting.inTitle ? 1 : 0), to: &output)
        LEB128.write(UInt(posting.document - previous), to: &output)
        LEB128.write(UInt(posting.section), to: &output)
        LEB128.write(UInt(posting.halfOccurrences), to: &output)
    }

    /// The number of postings in one term group.
    func count(of group: Int) -> Int { counts[group] }

    /// Calls `body` with each posting of one term group, documents ascending.
    @inline(__always)
    func forEachPosting(of group: Int, _ body: (Posting) -> Void) {
        var remaining = counts[group]
        var document: Int32 = 0
        for block in blocks[group] {
            var input = UnsafePointer(buffer.base + Int(block) * Self.blockSize)
            let end = input + Self.blockSize
            while remaining > 0 && input + Self.postingBound <= end {
                let placeAndTitle = LEB128.read(from: &input)
                document += Int32(truncatingIfNeeded: LEB128.read(from: &input))
                let section = Int32(truncatingIfNeeded: LEB128.read(from: &input))
                let halves = UInt32(truncatingIfNeeded: LEB128.read(from: &input))
                body(Posting(place: Int(placeAndTitle >> 1), document: firstDocument + document, section: section,
                             halfOccurrences: halves, inTitle: placeAndTitle & 1 != 0))
                remaining -= 1
            }
        }
    }
}

/// Memory for a chunk's postings, written once while the chunk is analyzed and read-only after.
/// Unlike an array it is not initialized up front: the room a group does not use is never
/// touched, so the operating system never has to provide it.
private final class PostingBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>

    init(capacity: Int) {
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, capacity))
    }

    deinit {
        base.deallocate()
    }
}
