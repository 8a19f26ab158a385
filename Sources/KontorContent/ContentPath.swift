/// Helpers for `/`-separated content paths relative to the content root.
public enum ContentPath {
    /// `docs/a/b.md` → `docs/a`; a top-level file gives "".
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Whether `href` leaves the site: a scheme (`https:`, `mailto:`) or a protocol-relative URL.
    public static func isExternal(_ href: String) -> Bool {
        var href = href
        return href.withUTF8 { isExternal($0) }
    }

    /// `isExternal` on the UTF-8 bytes of an href.
    public static func isExternal(_ href: UnsafeBufferPointer<UInt8>) -> Bool {
        if href.count >= 2 && href[0] == UInt8(ascii: "/") && href[1] == UInt8(ascii: "/") { return true }
        guard let colon = href.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        return href[..<colon].allSatisfy(isSchemeByte)
    }

    /// A letter, digit, `+`, `-` or `.`: what a URL scheme is made of (RFC 3986).
    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2B || byte == 0x2D || byte == 0x2E
    }

    /// Joins a relative href to a folder and resolves `.` and `..`. Returns nil when the result
    /// would climb above the content root. `~/x` is DocFX's root-relative form.
    public static func join(_ folder: String, _ href: String) -> String? {
        var href = href
        return href.withUTF8 { bytes in
            var start = 0
            var base = folder
            if bytes.starts(with: "~/".utf8) {
                start = 2
                base = ""
            } else if bytes.first == UInt8(ascii: "/") {
                base = ""
            }
            var joiner = FolderJoiner(folder: base)
            return joiner.join(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Joins relative paths to one folder on their UTF-8 bytes, reusing its buffers from path to
    /// path: the link check joins every link of every guide.
    public struct FolderJoiner {
        /// The folder's components joined by '/', and where each component ends.
        private let folder: [UInt8]
        private let folderEnds: [Int]
        private var joined: [UInt8] = []
        private var ends: [Int] = []

        public init(folder: String) {
            var bytes: [UInt8] = []
            var ends: [Int] = []
            for component in folder.utf8.split(separator: UInt8(ascii: "/")) {
                if !bytes.isEmpty { bytes.append(UInt8(ascii: "/")) }
                bytes.append(contentsOf: component)
                ends.append(bytes.count)
            }
            self.folder = bytes
            folderEnds = ends
        }

        /// The folder joined with `path` (empty components skipped), `.` and `..` resolved; nil
        /// when it climbs above the root.
        public mutating func join(_ path: UnsafeBufferPointer<UInt8>) -> String? {
            joined.removeAll(keepingCapacity: true)
            joined.append(contentsOf: folder)
            ends.removeAll(keepingCapacity: true)
            ends.append(contentsOf: folderEnds)
            for component in path.split(separator: UInt8(ascii: "/")) {
                if component.count == 1 && component.first == UInt8(ascii: ".") { continue }
                if component.count == 2 && component.allSatisfy({ $0 == UInt8(ascii: ".") }) {
                    guard !ends.isEmpty else { return nil }
                    ends.removeLast()
                    // Drop the component and the '/' before it (the first one has none).
                    joined.removeSubrange((ends.last ?? 0)...)
                    continue
                }
                if !ends.isEmpty { joined.append(UInt8(ascii: "/")) }
                joined.append(contentsOf: component)
                ends.append(joined.count)
            }
            return String(decoding: joined, as: UTF8.self)
        }
    }
}
