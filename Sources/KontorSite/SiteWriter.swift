import Foundation
import KontorDiagnostics

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

    /// Writes `bytes` and returns the manifest entry; `inputs` is recorded for `reuse`.
    func write(_ bytes: [UInt8], to path: String, inputs: UInt64? = nil) throws(DiagnosticError) -> ManifestEntry {
        let entry = ManifestEntry(path: path, hash: ContentHash.fnv1a64(bytes), size: bytes.count, inputs: inputs)
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

enum ContentHash {
    /// FNV-1a, 64 bit: fast and stable across runs and machines, enough to tell changed files
    /// apart (not a security hash).
    static func fnv1a64(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        // Every output byte goes through here once; a raw buffer avoids the iterator's checks.
        if let hash = bytes.withContiguousStorageIfAvailable({ fnv1a64(buffer: $0, seed: seed) }) {
            return hash
        }
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func fnv1a64(buffer: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var hash = seed
        for index in buffer.indices {
            hash ^= UInt64(buffer[index])
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Hashes several texts in order; a separator keeps `["ab", "c"]` apart from `["a", "bc"]`.
    static func combine(_ parts: [String], seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for part in parts {
            hash = fnv1a64(part.utf8, seed: hash)
            hash = fnv1a64(CollectionOfOne(0), seed: hash)
        }
        return hash
    }

    static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

enum OutputManifest {
    static let path = "kontor-manifest.json"

    /// `{"files":[{"path":…,"size":…,"hash":…},…]}`, sorted by path, one file per line so
    /// diffs between two builds are readable.
    static func json(_ entries: [ManifestEntry]) -> String {
        let lines = entries.sorted { $0.path < $1.path }.map { entry in
            let inputs = entry.inputs.map { ", \"inputs\": \"\(ContentHash.hex($0))\"" } ?? ""
            return "    {\"path\": \(jsonString(entry.path)), \"size\": \(entry.size), \"fnv1a64\": \"\(ContentHash.hex(entry.hash))\"\(inputs)}"
        }
        return "{\n  \"generator\": \"kontor\",\n  \"files\": [\n" + lines.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// The entries of a manifest written by `json(_:)`; empty when missing or unreadable, which
    /// only means that nothing is reused.
    static func read(_ url: URL) -> [String: ManifestEntry] {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = object["files"] as? [[String: Any]] else { return [:] }
        var entries: [String: ManifestEntry] = [:]
        for file in files {
            guard let path = file["path"] as? String, let size = file["size"] as? Int,
                  let hex = file["fnv1a64"] as? String, let hash = UInt64(hex, radix: 16) else { continue }
            let inputs = (file["inputs"] as? String).flatMap { UInt64($0, radix: 16) }
            entries[path] = ManifestEntry(path: path, hash: hash, size: size, inputs: inputs)
        }
        return entries
    }

    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
