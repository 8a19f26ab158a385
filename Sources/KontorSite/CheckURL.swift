extension SiteChecker {
    /// What a URL in an attribute points at, before looking at the file system.
    enum URLTarget: Equatable {
        /// Another host (`https://…`, `//host/…`) or a non-file scheme (`mailto:`, `tel:`).
        case external(scheme: String)
        /// `data:` — inline, no request.
        case inline
        /// Starts with `/`: breaks hosting under a sub-path and from `file://`.
        case absolute
        /// A path relative to the page; `path` is percent-decoded and resolved against the site tree
        /// (`nil` when it climbs above the checked root), `fragment` without `#`.
        case relative(path: String?, namesDirectory: Bool, fragment: String)
    }

    /// Classifies `value` as found in the page at `pagePath` (a `/`-separated path relative to the checked root).
    /// Works on UTF-8 bytes: it runs for every reference of every page.
    static func classify(_ value: String, fromPage pagePath: String) -> URLTarget {
        let trimmed = trimmingASCIIWhitespace(value)
        let bytes = trimmed.utf8
        if bytes.starts(with: [slash, slash]) { return .external(scheme: "") }
        if let scheme = scheme(of: trimmed) {
            return scheme == "data" ? .inline : .external(scheme: scheme)
        }
        if bytes.first == slash || bytes.first == UInt8(ascii: "\\") { return .absolute }

        var pathEnd = bytes.endIndex
        var fragment = ""
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = PercentDecoding.lenient(Substring(bytes[bytes.index(after: hash)...]))
            pathEnd = hash
        }
        if let question = bytes[..<pathEnd].firstIndex(of: UInt8(ascii: "?")) {
            pathEnd = question
        }
        let rawPath = Substring(bytes[..<pathEnd])
        if rawPath.isEmpty {
            // `#top` or `?q=…` alone: the page itself.
            return .relative(path: pagePath, namesDirectory: false, fragment: fragment)
        }
        let decoded = PercentDecoding.lenient(rawPath)
        let resolved = resolve(decoded, against: directory(of: pagePath))
        return .relative(path: resolved, namesDirectory: namesFolder(decoded) || resolved == "", fragment: fragment)
    }

    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    /// `hilfe/`, `.`, `..`, `a/.` and `a/..` name a folder whatever the file system says.
    private static func namesFolder(_ path: String) -> Bool {
        let bytes = path.utf8
        guard let lastSlash = bytes.lastIndex(of: slash) else { return path == "." || path == ".." }
        let last = bytes[bytes.index(after: lastSlash)...]
        return last.isEmpty || last.elementsEqual([dot]) || last.elementsEqual([dot, dot])
    }

    private static func trimmingASCIIWhitespace(_ text: String) -> Substring {
        let bytes = text.utf8
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return Substring(bytes[first...last])
    }

    /// The scheme of an absolute URL (`https`, `mailto`), lower-cased, or nil for a relative reference.
    static func scheme<Text: StringProtocol>(of url: Text) -> String? {
        let bytes = url.utf8
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: ":"):
                return offset == 0 ? nil : String(decoding: bytes.prefix(offset), as: UTF8.self).lowercased()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if offset == 0 { return nil }
            default:
                return nil
            }
        }
        return nil
    }

    /// `hilfe/a/b.html` → `hilfe/a`; a top-level page → "".
    static func directory(of path: String) -> String {
        guard let lastSlash = path.utf8.lastIndex(of: slash) else { return "" }
        return String(Substring(path.utf8[..<lastSlash]))
    }

    /// Joins a relative reference to a directory, folding `.` and `..`; nil when it leaves the root.
    static func resolve(_ reference: String, against directory: String) -> String? {
        var components: [Substring.UTF8View] = directory.utf8.split(separator: slash)
        for component in reference.utf8.split(separator: slash) {
            if component.elementsEqual([dot]) { continue }
            if component.elementsEqual([dot, dot]) {
                guard !components.isEmpty else { return nil }
                components.removeLast()
                continue
            }
            components.append(component)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(directory.utf8.count + reference.utf8.count)
        for (index, component) in components.enumerated() {
            if index > 0 { bytes.append(slash) }
            bytes.append(contentsOf: component)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URLs of a `srcset` value: comma-separated candidates, each a URL and an optional descriptor.
    static func srcsetURLs(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { candidate in
            let url = candidate.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first
            return url.map(String.init)
        }
    }
}
