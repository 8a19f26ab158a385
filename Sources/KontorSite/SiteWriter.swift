import Foundation
import KontorHashing
import KontorDiagnostics
import KontorParallel

/// Writes the files of one site below the staging folder and remembers a content hash per
/// file for the output manifest. Safe to call from many threads: every file is written once.
struct SiteWriter: Sendable {
    let staged: StagedOutput
    let target: SiteTarget
    /// The previous build's files by path, from its manifest: an unchanged file is hard-linked
    /// from the previous output instead of written again, which makes rebuilds cheap.
    let previous: [String: ManifestEntry]

    init(staged: StagedOutput, target: SiteTarget) {
        self.staged = staged
        self.target = target
        let manifest = staged.output.appendingPathComponent(target.outputPath(OutputManifest.path))
        previous = OutputManifest.read(manifest)
    }

    /// The previous build's file for `path` if it was made from the same `inputs` (a hash of
    /// everything the page depends on); it is linked into the new output without rendering.
    func reuse(_ path: String, inputs: UInt64) -> ManifestEntry? {
        guard let entry = previous[path], entry.inputs == inputs,
              staged.linkFromPreviousOutput(target.outputPath(path)) else { return nil }
        return entry
    }

    /// The previous build's files at `paths`, taken into the new output, if every one of them
    /// was made from `inputs`; nil (and nothing taken) otherwise. A large folder that holds
    /// exactly such files moves over as a whole (see `StagedOutput.carryOverFromPreviousOutput`),
    /// the other files are linked.
    func reuseAll(_ paths: [String], inputs: UInt64, jobs: Int) -> [ManifestEntry]? {
        reuseAll(paths, inputs: Array(repeating: inputs, count: paths.count), jobs: jobs)
    }

    /// The previous build's files among `files` that fill whole folders of at least
    /// `minimumFiles` files, every one of them made from the same inputs as now: each such
    /// folder moves over as a whole (see `StagedOutput.carryOverFromPreviousOutput`). Returns
    /// the manifest entries of the files moved over; the caller handles the others.
    func carryUnchangedFolders(_ files: [(path: String, inputs: UInt64)], minimumFiles: Int) -> [String: ManifestEntry] {
        var carried: [String: ManifestEntry] = [:]
        let byFolder = Dictionary(grouping: files) { String($0.path[..<Self.lastSlash($0.path)]) }
        for (folder, files) in byFolder.sorted(by: { $0.key < $1.key }) where !folder.isEmpty && files.count >= minimumFiles {
            let entries = files.compactMap { file in previous[file.path].flatMap { $0.inputs == file.inputs ? $0 : nil } }
            guard entries.count == files.count, carryOver(folder, holding: files.map(\.path)) else { continue }
            for entry in entries { carried[entry.path] = entry }
        }
        return carried
    }

    /// Moves `folder` over from the previous output when the new one is swapped in, if it held
    /// exactly the files at `paths` (all in that folder) and nothing else.
    private func carryOver(_ folder: String, holding paths: [String]) -> Bool {
        let names = Set(paths.map { path in
            let slash = Self.lastSlash(path)
            return String(path[(slash == path.startIndex ? slash : path.index(after: slash))...])
        })
        return staged.previousOutputEntries(target.outputPath(folder)) == names
            && staged.carryOverFromPreviousOutput(target.outputPath(folder))
    }

    /// `reuseAll` with inputs of each path.
    private func reuseAll(_ paths: [String], inputs: [UInt64?], jobs: Int) -> [ManifestEntry]? {
        var entries: [ManifestEntry] = []
        entries.reserveCapacity(paths.count)
        for (path, inputs) in zip(paths, inputs) {
            guard let entry = previous[path], entry.inputs == inputs else { return nil }
            entries.append(entry)
        }
        let byFolder = Dictionary(grouping: paths) { String($0[..<Self.lastSlash($0)]) }
        var toLink: [String] = []
        var carried: [String] = []
        for (folder, files) in byFolder.sorted(by: { $0.key < $1.key }) {
            if !folder.isEmpty && files.count >= Self.carriedFolderMinimum && carryOver(folder, holding: files) {
                carried.append(folder)
            } else {
                toLink += files
            }
        }
        let linked = parallelMap(toLink, jobs: jobs) { staged.linkFromPreviousOutput(target.outputPath($0)) }
        if linked.contains(false) {
            // A file of the previous output went missing: the caller writes them all afresh, and
            // writing through a link would change the previous output's file.
            for (path, done) in zip(toLink, linked) where done { staged.removeStaged(target.outputPath(path)) }
            for folder in carried { staged.cancelCarryOver(target.outputPath(folder)) }
            return nil
        }
        return entries
    }

    /// Where the last `/` of `path` is (its start when there is none), found on the UTF-8 bytes:
    /// the `Character` search took 20 ms for a catalog of 10,000 offers, on every rebuild.
    private static func lastSlash(_ path: String) -> String.Index {
        path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.startIndex
    }

    /// Every file the previous build wrote below `folder` (e.g. `"search/"`), taken over as in
    /// `reuseAll` if the previous build made `key` (a file of that folder, which the others
    /// were made with) from `inputs`; nil otherwise.
    func reuseAll(below folder: String, whereInputsOf key: String, are inputs: UInt64, jobs: Int) -> [ManifestEntry]? {
        guard previous[key]?.inputs == inputs else { return nil }
        let paths = previous.keys.filter { $0.hasPrefix(folder) }.sorted()
        return reuseAll(paths, inputs: paths.map { previous[$0]?.inputs }, jobs: jobs)
    }

    /// Below this many files, linking them costs less than listing the folder to check it.
    private static let carriedFolderMinimum = 256

    /// Writes `bytes` and returns the manifest entry; `inputs` is recorded for `reuse`.
    func write(_ bytes: [UInt8], to path: String, inputs: UInt64? = nil) throws(DiagnosticError) -> ManifestEntry {
        let entry = ManifestEntry(path: path, hash: ContentHash.of(bytes), size: bytes.count, inputs: inputs)
        if let old = previous[path], old.hash == entry.hash, old.size == entry.size,
           staged.linkFromPreviousOutput(target.outputPath(path)) {
            return entry
        }
        try staged.write(bytes, to: target.outputPath(path))
        return entry
    }

    func write(_ text: String, to path: String) throws(DiagnosticError) -> ManifestEntry {
        try write(Array(text.utf8), to: path)
    }

    func copy(_ source: URL, to path: String) throws(DiagnosticError) -> ManifestEntry {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw DiagnosticError(.error("cannot read file to copy", path: source.lastPathComponent))
        }
        return try write(Array(data), to: path)
    }
}

/// One output file in `kontor-manifest.json`.
struct ManifestEntry: Sendable, Hashable {
    var path: String
    var hash: UInt64
    var size: Int
    /// For rendered pages: a hash of the inputs the page was made from.
    var inputs: UInt64? = nil
}

enum OutputManifest {
    static let path = "kontor-manifest.json"

    /// `{"files":[{"path":…,"size":…,"hash":…},…]}`, sorted by path, one file per line so
    /// diffs between two builds are readable. Written as bytes: escaping the paths scalar by
    /// scalar into `String`s took 60 ms at the 15,000 files of a site with a large catalog, on
    /// every rebuild.
    static func json(_ entries: [ManifestEntry]) -> [UInt8] {
        var json: [UInt8] = []
        json.reserveCapacity(64 + entries.reduce(0) { $0 + $1.path.utf8.count + 100 })
        json.append(contentsOf: "{\n  \"generator\": \"kontor\",\n  \"files\": [\n".utf8)
        for (index, entry) in entries.sorted(by: { $0.path < $1.path }).enumerated() {
            if index > 0 { json.append(contentsOf: ",\n".utf8) }
            json.append(contentsOf: "    {\"path\": ".utf8)
            appendString(entry.path, to: &json)
            json.append(contentsOf: ", \"size\": ".utf8)
            json.append(contentsOf: String(entry.size).utf8)
            json.append(contentsOf: ", \"hash\": ".utf8)
            appendHex(entry.hash, to: &json)
            if let inputs = entry.inputs {
                json.append(contentsOf: ", \"inputs\": ".utf8)
                appendHex(inputs, to: &json)
            }
            json.append(UInt8(ascii: "}"))
        }
        json.append(contentsOf: "\n  ]\n}\n".utf8)
        return json
    }

    /// A JSON string: only ASCII bytes are ever escaped, so other UTF-8 bytes are copied as
    /// they are.
    private static func appendString(_ text: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): json.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): json.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): json.append(contentsOf: "\\n".utf8)
            case 0..<0x20:
                json.append(contentsOf: "\\u00".utf8)
                appendHexDigit(byte >> 4, to: &json)
                appendHexDigit(byte & 0xF, to: &json)
            default: json.append(byte)
            }
        }
        json.append(UInt8(ascii: "\""))
    }

    /// `ContentHash.hex(value)` in quotes.
    private static func appendHex(_ value: UInt64, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        for shift in stride(from: 60, through: 0, by: -4) { appendHexDigit(UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF, to: &json) }
        json.append(UInt8(ascii: "\""))
    }

    private static func appendHexDigit(_ digit: UInt8, to json: inout [UInt8]) {
        json.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
    }

    /// The entries of a manifest written by `json(_:)`; empty when missing or unreadable, which
    /// only means that nothing is reused. Read line by line on bytes, exactly in the shape `json`
    /// writes (a line in any other shape is skipped): JSONSerialization took 0.3 s for the
    /// 31,000 files of a 10k-page site, before every rebuild.
    static func read(_ url: URL) -> [String: ManifestEntry] {
        guard let bytes = FileBytes.read(atPath: url.path) else { return [:] }
        var entries: [String: ManifestEntry] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            // One entry a line: sized up front, the table is not rehashed as it fills.
            entries.reserveCapacity(buffer.count { $0 == UInt8(ascii: "\n") })
            var start = 0
            while start < buffer.count {
                let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) ?? buffer.count
                var line = ManifestLine(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                if let entry = line.entry() { entries[entry.path] = entry }
                start = end + 1
            }
        }
        return entries
    }
}

/// One line of `kontor-manifest.json`: `{"path": "…", "size": N, "hash": "…"[, "inputs": "…"]}`
/// with optional indentation and a trailing comma.
private struct ManifestLine {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func entry() -> ManifestEntry? {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
        guard literal("{\"path\": "), let path = string(), literal(", \"size\": "), let size = number(),
              literal(", \"hash\": "), let hash = hex() else { return nil }
        var inputs: UInt64?
        if literal(", \"inputs\": ") {
            guard let value = hex() else { return nil }
            inputs = value
        }
        guard literal("}") else { return nil }
        _ = literal(",")
        guard position == bytes.count else { return nil }
        return ManifestEntry(path: path, hash: hash, size: size, inputs: inputs)
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count,
              memcmp(bytes.baseAddress! + position, text.utf8Start, count) == 0 else { return false }
        position += count
        return true
    }

    private mutating func number() -> Int? {
        var value = 0
        let first = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]), position - first < 18 {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        return position > first ? value : nil
    }

    /// A quoted string of 16 lower-case hexadecimal digits (`ContentHash.hex`).
    private mutating func hex() -> UInt64? {
        guard position + 18 <= bytes.count, bytes[position] == UInt8(ascii: "\""), bytes[position + 17] == UInt8(ascii: "\"") else { return nil }
        var value: UInt64 = 0
        for byte in bytes[(position + 1)..<(position + 17)] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        position += 18
        return value
    }

    /// A quoted string with the escapes `jsonString` writes (`\"`, `\\`, `\n`, `\u00XX`).
    private mutating func string() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        var text: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { return nil }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(escaped)
                case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                          let value = UInt8(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + 4)]), as: UTF8.self), radix: 16),
                          value < 0x20 else { return nil }
                    text.append(value)
                    position += 4
                default: return nil
                }
            default:
                text.append(byte)
            }
        }
        return nil
    }
}
