import Foundation
import KontorHashing
import Synchronization
import KontorDiagnostics
import KontorMarkdown
import KontorParallel
import KontorSearch
import KontorText

/// Rendered guides from the previous build, keyed by content hashes, so that a rebuild only
/// parses the guides whose source or includes changed. Kept beside the output folder
/// (`.site.kontor-cache`), never inside it. Any problem reading it just means a full rebuild.
struct MarkdownCache: Sendable {
    struct Entry: Sendable {
        var sourceHash: UInt64
        /// Every included file with the hash it had when the guide was rendered.
        var includeHashes: [(path: String, hash: UInt64)]
        var document: MarkdownDocument
        /// The guide's search sections, taken from its HTML: a rebuild does not extract them
        /// again for unchanged guides.
        var searchDocument: SearchDocument
    }

    private static let magic: UInt64 = 0x4B4F_4E54_4F52_4D44  // "KONTORMD"
    private static let formatVersion: UInt64 = 4

    let fingerprint: UInt64
    var entries: [String: Entry] = [:]
    /// Read from a cache file written by the same binary with the same options.
    var isValid = false
    /// Chunk files known to be whole (the previous build's cache was read from them): `save`
    /// keeps such a file instead of writing it again, and only such a file, so that a damaged
    /// one is written anew.
    var wholeChunks: Set<UInt64> = []

    static func location(forOutput output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).kontor-cache")
    }

    /// What must match for cached HTML to be valid: the cache format, the Markdown options and
    /// the Kontor binary itself (a new version may render differently).
    static func fingerprint(options: MarkdownOptions) -> UInt64 {
        var text = "v\(formatVersion) safe=\(options.safe)"
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        if let attributes = try? FileManager.default.attributesOfItem(atPath: executable.path) {
            text += " \(attributes[.size] ?? 0) \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        return ContentHash.of(text.utf8)
    }

    /// Entries (sorted by path) are stored in chunks of this many, one file each, so that a
    /// rebuild decodes them on all cores (150 MB at 10,000 guides took a second on one) and
    /// writes only the chunks whose guides changed (rewriting 270 MB after every edit took
    /// half a second of CPU at 10,000 guides).
    static let entriesPerChunk = 256
    private static let indexName = "markdown.bin"

    /// The index file: header, then per chunk its file's name (the chunk's identity), entry
    /// count and size.
    static func load(from url: URL, fingerprint: UInt64) -> MarkdownCache {
        let empty = MarkdownCache(fingerprint: fingerprint)
        guard let index = MappedFile(atPath: url.appendingPathComponent(indexName).path) else { return empty }
        var reader = BinaryReader(index)
        guard reader.uint64() == magic, reader.uint64() == formatVersion, reader.uint64() == fingerprint,
              let count = reader.int(), let chunkCount = reader.int(), chunkCount >= 0, chunkCount <= count else { return empty }
        var chunks: [(identity: UInt64, count: Int, size: Int)] = []
        for _ in 0..<chunkCount {
            guard let identity = reader.uint64(), let entryCount = reader.int(), let size = reader.int() else { return empty }
            chunks.append((identity, entryCount, size))
        }
        guard reader.isAtEnd else { return empty }
        let listed = chunks
        let decoded = Parallel.map(listed.count, minimumChunk: 1) { index -> [Entry]? in
            let chunk = listed[index]
            guard let file = MappedFile(atPath: url.appendingPathComponent(chunkName(chunk.identity)).path),
                  file.bytes.count == chunk.size else { return nil }
            var chunkReader = BinaryReader(file)
            var entries: [Entry] = []
            while !chunkReader.isAtEnd {
                guard let entry = readEntry(&chunkReader) else { return nil }
                entries.append(entry)
            }
            return entries.count == chunk.count ? entries : nil
        }
        var cache = empty
        cache.entries.reserveCapacity(count)
        for chunk in decoded {
            guard let chunk else { return empty }
            for entry in chunk { cache.entries[entry.document.path] = entry }
        }
        guard cache.entries.count == count else { return empty }
        cache.isValid = true
        cache.wholeChunks = Set(chunks.map(\.identity))
        return cache
    }

    /// Writes the chunks that are not known whole in the folder (a chunk's file is named after
    /// the identities of its entries, so an unchanged chunk is its previous file), then the index,
    /// then removes chunk files the index no longer names. Each file is written under a
    /// temporary name and renamed into place: a reader sees the old index with its files or the
    /// new one with its files.
    func save(to url: URL) {
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let paths = entries.keys.sorted()
        let groups = stride(from: 0, to: paths.count, by: Self.entriesPerChunk).map {
            paths[$0..<min(paths.count, $0 + Self.entriesPerChunk)].compactMap { entries[$0] }
        }
        let written = Parallel.map(groups.count, minimumChunk: 1) { index -> (identity: UInt64, count: Int, size: Int)? in
            let identity = Self.identity(of: groups[index], fingerprint: fingerprint)
            let path = url.appendingPathComponent(Self.chunkName(identity)).path
            if wholeChunks.contains(identity), let (descriptor, size) = FileBytes.openForReading(path) {
                close(descriptor)
                return (identity, groups[index].count, size)
            }
            var chunk = BinaryWriter()
            for entry in groups[index] { Self.writeEntry(entry, to: &chunk) }
            guard let file = FileBytes.Output(replacing: path) else { return nil }
            file.write(chunk.bytes)
            file.commit()
            return (identity, groups[index].count, chunk.bytes.count)
        }
        guard let index = FileBytes.Output(replacing: url.appendingPathComponent(Self.indexName).path) else { return }
        var header = BinaryWriter()
        header.uint64(Self.magic)
        header.uint64(Self.formatVersion)
        header.uint64(fingerprint)
        header.int(entries.count)
        header.int(written.count)
        for chunk in written {
            guard let chunk else { return }
            header.uint64(chunk.identity)
            header.int(chunk.count)
            header.int(chunk.size)
        }
        index.write(header.bytes)
        index.commit()
        let kept = Set(written.compactMap { $0.map { Self.chunkName($0.identity) } })
        let stale = (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.filter {
            $0.hasPrefix(Self.chunkPrefix) && $0.hasSuffix(".bin") && !kept.contains($0)
        } ?? []
        for name in stale { unlink(url.appendingPathComponent(name).path) }
    }

    private static let chunkPrefix = "markdown-"

    private static func chunkName(_ identity: UInt64) -> String {
        chunkPrefix + ContentHash.hex(identity) + ".bin"
    }

    /// What a chunk's bytes are made from: the binary and options (`fingerprint`, which covers
    /// the format), and each entry's path and source and include hashes (what `entry(for:…)`
    /// checks).
    private static func identity(of entries: [Entry], fingerprint: UInt64) -> UInt64 {
        var parts = ["markdown chunk", ContentHash.hex(fingerprint)]
        for entry in entries {
            parts += [entry.document.path, ContentHash.hex(entry.sourceHash)]
            for include in entry.includeHashes { parts += [include.path, ContentHash.hex(include.hash)] }
            parts.append("")
        }
        return ContentHash.combine(parts)
    }

    /// The cached entry if the guide and all its includes are unchanged.
    func entry(for path: String, sourceHash: UInt64, includeHashes: IncludeHashes) -> Entry? {
        guard let entry = entries[path], entry.sourceHash == sourceHash else { return nil }
        for include in entry.includeHashes where includeHashes.hash(of: include.path) != include.hash {
            return nil
        }
        return entry
    }

    // MARK: Encoding

    private static func writeEntry(_ entry: Entry, to writer: inout BinaryWriter) {
        writer.uint64(entry.sourceHash)
        writer.int(entry.includeHashes.count)
        for include in entry.includeHashes {
            writer.string(include.path)
            writer.uint64(include.hash)
        }
        let document = entry.document
        writer.string(document.path)
        writer.optionalString(document.frontMatter.title)
        writer.optionalString(document.frontMatter.description)
        writer.optionalString(document.frontMatter.date)
        writer.int(document.frontMatter.metadata.count)
        for (key, value) in document.frontMatter.metadata.sorted(by: { $0.key < $1.key }) {
            writer.string(key)
            writer.string(value)
        }
        writer.string(document.title)
        writer.text(document.body)
        writer.int(document.headings.count)
        for heading in document.headings {
            writer.int(heading.level)
            writer.string(heading.text)
            writer.string(heading.id)
        }
        for list in [document.anchorIDs, document.links, document.assets, document.includes] {
            writer.strings(list)
        }
        writer.diagnostics(document.diagnostics)
        writer.searchDocument(entry.searchDocument)
    }

    private static func readEntry(_ reader: inout BinaryReader) -> Entry? {
        guard let sourceHash = reader.uint64(), let includeCount = reader.int() else { return nil }
        var includes: [(path: String, hash: UInt64)] = []
        for _ in 0..<includeCount {
            guard let path = reader.string(), let hash = reader.uint64() else { return nil }
            includes.append((path, hash))
        }
        guard let path = reader.string(), let title = reader.optionalString(), let description = reader.optionalString(),
              let date = reader.optionalString(), let metadataCount = reader.int() else { return nil }
        var metadata: [String: String] = [:]
        for _ in 0..<metadataCount {
            guard let key = reader.string(), let value = reader.string() else { return nil }
            metadata[key] = value
        }
        guard let documentTitle = reader.string(), let body = reader.text(), let headingCount = reader.int() else { return nil }
        var headings: [Heading] = []
        for _ in 0..<headingCount {
            guard let level = reader.int(), let text = reader.string(), let id = reader.string() else { return nil }
            headings.append(Heading(level: level, text: text, id: id))
        }
        guard let anchors = reader.strings(), let links = reader.strings(), let assets = reader.strings(),
              let includedFiles = reader.strings(), let diagnostics = reader.diagnostics(),
              let searchDocument = reader.searchDocument() else { return nil }
        let document = MarkdownDocument(
            path: path, frontMatter: FrontMatter(title: title.value, description: description.value, date: date.value, metadata: metadata),
            title: documentTitle, body: body, headings: headings, anchorIDs: anchors, links: links, assets: assets,
            includes: includedFiles, diagnostics: diagnostics)
        return Entry(sourceHash: sourceHash, includeHashes: includes, document: document, searchDocument: searchDocument)
    }
}

/// The current hash of each included file, read once per build however many guides include it.
final class IncludeHashes: Sendable {
    private let contentRoot: URL
    private let known = Mutex<[String: UInt64?]>([:])

    init(contentRoot: URL) {
        self.contentRoot = contentRoot
    }

    /// Nil when the file cannot be read.
    func hash(of path: String) -> UInt64? {
        if let cached = known.withLock({ $0[path] }) { return cached }
        let hash = FileManager.default.contents(atPath: contentRoot.appendingPathComponent(path).path).map { ContentHash.of($0) }
        known.withLock { $0[path] = hash }
        return hash
    }
}

/// Length-prefixed little-endian fields.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    /// Empties the buffer but keeps its capacity for the next chunk.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        int(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    /// The same bytes as `string` would write: a text and a string read back alike.
    mutating func text(_ value: UTF8Text) {
        int(value.utf8Count)
        value.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        values.forEach { string($0) }
    }

    mutating func searchDocument(_ document: SearchDocument) {
        string(document.url)
        string(document.title)
        string(document.kind.rawValue)
        int(document.sections.count)
        for section in document.sections {
            optionalString(section.anchor)
            string(section.heading)
            text(section.body)
        }
    }

    mutating func searchDocuments(_ documents: [SearchDocument]) {
        int(documents.count)
        documents.forEach { searchDocument($0) }
    }

    mutating func diagnostics(_ values: [Diagnostic]) {
        int(values.count)
        for diagnostic in values {
            string(diagnostic.severity.rawValue)
            string(diagnostic.message)
            string(diagnostic.location?.path ?? "")
            int(diagnostic.location?.line ?? 0)
            int(diagnostic.location?.column ?? 0)
        }
    }
}

struct BinaryReader {
    /// A decoded optional: `nil` from the reader means "corrupt", `.value == nil` means "absent".
    struct Optional {
        var value: String?
    }

    /// Keeps `bytes` mapped while the reader exists; every decoded value is a copy, except texts
    /// (`text()`), which keep the mapping alive themselves.
    private let file: MappedFile
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    /// Where this reader stops: the end of `bytes`.
    private let end: Int

    init(_ file: MappedFile) {
        self.file = file
        bytes = file.bytes
        end = bytes.count
    }

    var isAtEnd: Bool { offset >= end }

    mutating func uint64() -> UInt64? {
        guard offset + 8 <= end else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return value
    }

    mutating func int() -> Int? {
        uint64().map { Int(Int64(bitPattern: $0)) }
    }

    mutating func string() -> String? {
        guard let count = int(), count >= 0, count <= end - offset else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    /// A string's bytes, kept undecoded (see `UTF8Text`).
    mutating func text() -> UTF8Text? {
        guard let count = int(), count >= 0, count <= end - offset else { return nil }
        defer { offset += count }
        return UTF8Text(borrowing: UnsafeBufferPointer(rebasing: bytes[offset..<offset + count]), keptAliveBy: file)
    }

    mutating func optionalString() -> Optional? {
        guard let flag = int() else { return nil }
        guard flag == 1 else { return Optional(value: nil) }
        return string().map { Optional(value: $0) }
    }

    mutating func strings() -> [String]? {
        guard let count = int(), count >= 0 else { return nil }
        var values: [String] = []
        for _ in 0..<count {
            guard let value = string() else { return nil }
            values.append(value)
        }
        return values
    }

    mutating func searchDocument() -> SearchDocument? {
        guard let url = string(), let title = string(), let kindName = string(),
              let kind = SearchDocumentKind(rawValue: kindName), let sectionCount = int(), sectionCount >= 0
        else { return nil }
        var sections: [SearchSection] = []
        for _ in 0..<sectionCount {
            guard let anchor = optionalString(), let heading = string(), let body = text() else { return nil }
            sections.append(SearchSection(anchor: anchor.value, heading: heading, body: body))
        }
        return SearchDocument(url: url, title: title, kind: kind, sections: sections)
    }

    mutating func searchDocuments() -> [SearchDocument]? {
        guard let count = int(), count >= 0, count <= end - offset else { return nil }
        var documents: [SearchDocument] = []
        documents.reserveCapacity(count)
        for _ in 0..<count {
            guard let document = searchDocument() else { return nil }
            documents.append(document)
        }
        return documents
    }

    mutating func diagnostics() -> [Diagnostic]? {
        guard let count = int(), count >= 0 else { return nil }
        var values: [Diagnostic] = []
        for _ in 0..<count {
            guard let severityText = string(), let severity = Severity(rawValue: severityText),
                  let message = string(), let file = string(), let line = int(), let column = int() else { return nil }
            let location = file.isEmpty ? nil : SourceLocation(path: file, line: line, column: column)
            values.append(Diagnostic(severity, message, at: location))
        }
        return values
    }
}

/// A file mapped read-only into memory, unmapped when the last reader lets go. The caches are
/// read this way: `read` copied their 150 MB (at 10,000 guides) into fresh memory on one thread
/// before decoding could start, a quarter of a second of every rebuild. The caches are only ever
/// replaced by renaming a new file over them, never truncated in place, so the mapped pages stay
/// (texts read from a cache borrow them for as long as the build keeps the entries).
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer?

    /// Nil when the file cannot be opened or mapped (an empty file maps to no bytes).
    init?(atPath path: String) {
        guard let (descriptor, size) = FileBytes.openForReading(path) else { return nil }
        defer { close(descriptor) }
        guard size > 0 else {
            base = nil
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else { return nil }
        base = mapped
        bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
    }

    deinit {
        if let base { munmap(base, bytes.count) }
    }
}

/// Whole-file reads and streamed writes with plain POSIX calls (no `Data` round trip).
enum FileBytes {
    /// An open descriptor of the file and its size; the caller closes it.
    static func openForReading(_ path: String) -> (descriptor: Int32, size: Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 0 else {
            close(descriptor)
            return nil
        }
        return (descriptor, Int(status.st_size))
    }

    static func read(atPath path: String) -> [UInt8]? {
        guard let (descriptor, size) = openForReading(path) else { return nil }
        defer { close(descriptor) }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let got = Foundation.read(descriptor, buffer.baseAddress.map { $0 + offset }, size - offset)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                offset += got
            }
            complete = offset == size
            count = offset
        }
        return complete ? bytes : nil
    }

    /// Writes all of `bytes`; returns 0 or the errno of the failing call.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return written == 0 ? EIO : errno }
            offset += written
        }
        return 0
    }

    /// A file being written under a temporary name beside `path` (unique per process, so two
    /// builds sharing a cache folder never write into each other's file) and renamed into place
    /// by `commit`, so a reader never sees half of it and a crash leaves the old file. Failures
    /// are reported, not thrown: a cache that cannot be written is only a slower next build.
    final class Output {
        private var descriptor: Int32
        private let path: String
        private let temporary: String
        private var complete = true

        init?(replacing path: String) {
            self.path = path
            temporary = path + ".\(getpid()).partial"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return nil }
        }

        deinit {
            if descriptor >= 0 {
                Foundation.close(descriptor)
                unlink(temporary)
            }
        }

        func write(_ bytes: [UInt8]) {
            complete = complete && FileBytes.writeAll(bytes, to: descriptor) == 0
        }

        func write(_ bytes: UnsafeRawBufferPointer) {
            complete = complete && FileBytes.writeAll(bytes, to: descriptor) == 0
        }

        /// Closes the file and renames it into place if every write succeeded; removes it otherwise.
        func commit() {
            let closed = Foundation.close(descriptor) == 0
            descriptor = -1
            if !(closed && complete && rename(temporary, path) == 0) { unlink(temporary) }
        }
    }
}

extension MappedFile: ContiguousBytes {
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(bytes))
    }
}

/// The search index's analysed documents (see `SearchAnalysisCache`), in the cache folder beside
/// the Markdown cache. Mapped, not read: at 10,000 pages and 10,000 offers it is tens of MB, of
/// which a rebuild after one edit decodes the unchanged documents.
enum SearchAnalysisFile {
    private static let fileName = "search.bin"

    static func load(from folder: URL, fingerprint: UInt64) -> SearchAnalysisCache {
        guard let file = MappedFile(atPath: folder.appendingPathComponent(fileName).path),
              let cache = SearchAnalysisCache(serialized: file, fingerprint: fingerprint) else { return SearchAnalysisCache() }
        return cache
    }

    static func save(_ cache: SearchAnalysisCache, to folder: URL, fingerprint: UInt64) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let file = FileBytes.Output(replacing: folder.appendingPathComponent(fileName).path) else { return }
        cache.serialize(fingerprint: fingerprint) { file.write($0) }
        file.commit()
    }
}
