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
    static func classify(_ value: String, fromPage pagePath: String) -> URLTarget {
        let trimmed = value.trimmingASCIIWhitespace()
        if trimmed.hasPrefix("//") { return .external(scheme: "") }
        if let scheme = scheme(of: trimmed) {
            return scheme == "data" ? .inline : .external(scheme: scheme)
        }
        if trimmed.hasPrefix("/") || trimmed.hasPrefix("\\") { return .absolute }

        var rest = Substring(trimmed)
        var fragment = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = percentDecoded(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            rest = rest[..<question]
        }
        if rest.isEmpty {
            // `#top` or `?q=…` alone: the page itself.
            return .relative(path: pagePath, namesDirectory: false, fragment: fragment)
        }
        let decoded = percentDecoded(rest)
        let endsWithSlash = decoded.hasSuffix("/") || decoded.hasSuffix("/.") || decoded.hasSuffix("/..")
            || decoded == "." || decoded == ".."
        let resolved = resolve(decoded, against: directory(of: pagePath))
        return .relative(path: resolved, namesDirectory: endsWithSlash || resolved == "", fragment: fragment)
    }

    /// The scheme of an absolute URL (`https`, `mailto`), lower-cased, or nil for a relative reference.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: ":"):
                return scheme.isEmpty ? nil : scheme.lowercased()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard !scheme.isEmpty else { return nil }
                scheme.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                return nil
            }
        }
        return nil
    }

    /// `hilfe/a/b.html` → `hilfe/a`; a top-level page → "".
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Joins a relative reference to a directory, folding `.` and `..`; nil when it leaves the root.
    static func resolve(_ reference: String, against directory: String) -> String? {
        var components = directory.isEmpty ? [] : directory.split(separator: "/", omittingEmptySubsequences: true)
        for component in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".":
                continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default:
                components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// Decodes `%xx` escapes as UTF-8; malformed escapes are kept as written.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let high = hexValue(iterator[iterator.startIndex]),
               let low = hexValue(iterator[iterator.startIndex + 1]) {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The URLs of a `srcset` value: comma-separated candidates, each a URL and an optional descriptor.
    static func srcsetURLs(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { candidate in
            let url = candidate.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first
            return url.map(String.init)
        }
    }
}

extension String {
    fileprivate func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{0C}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
