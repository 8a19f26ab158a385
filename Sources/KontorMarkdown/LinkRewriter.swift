/// `/`-separated content paths (see ARCHITECTURE.md) and the rewriting of link targets.
enum ContentPath {
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Joins and resolves `.` and `..`; nil when the result would leave the root.
    static func resolve(_ relative: String, in directory: String) -> String? {
        var parts = directory.isEmpty ? [] : directory.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard parts.popLast() != nil else { return nil }
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The relative path from a directory to a root-relative path: `("docs/a", "docs/b/x.md")` → `../b/x.md`.
    static func relative(from directory: String, to path: String) -> String {
        let from = directory.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let result = (ups + to[common...].map(String.init)).joined(separator: "/")
        return result.isEmpty ? "." : result
    }

    /// The file name without its directory and extension.
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

/// Where a link points, decided on the URL text alone.
enum LinkKind {
    case empty, fragment, external, rootAbsolute, docFXRoot, relative

    init(_ url: String) {
        var bytes = url.utf8.makeIterator()
        guard let first = bytes.next() else { self = .empty; return }
        let second = bytes.next()
        if first == UInt8(ascii: "#") { self = .fragment }
        else if first == UInt8(ascii: "~"), second == UInt8(ascii: "/") { self = .docFXRoot }
        else if first == UInt8(ascii: "/") { self = second == UInt8(ascii: "/") ? .external : .rootAbsolute }
        else if LinkKind.hasScheme(url) { self = .external }
        else { self = .relative }
    }

    /// Whether the URL starts with `scheme:`, checked without allocating.
    static func hasScheme(_ url: String) -> Bool {
        for (index, byte) in url.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if index == 0 { return false }
            case UInt8(ascii: ":"): return index > 0
            default: return false
            }
        }
        return false
    }

    /// The lower-cased URL scheme (`https`, `mailto`, `javascript`), nil for paths.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for (index, byte) in url.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.unicodeScalars.append(Unicode.Scalar(lowercasedASCII(byte)))
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard index > 0 else { return nil }
                scheme.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: ":"): return index > 0 ? scheme : nil
            default: return nil
            }
        }
        return nil
    }
}

/// Rewrites link targets of one page: `.md` → `.html` (anchor kept), links of included files
/// rebased onto the page, DocFX `~/` links resolved relative to the page.
struct LinkRewriter {
    /// Directory of the page being rendered.
    let pageDirectory: String
    let safe: Bool

    /// The rewritten URL, or nil when `safe` neutralises it.
    func rewrite(_ url: String, fileDirectory: String, isImage: Bool) -> String? {
        if safe, isDangerous(url, isImage: isImage) { return nil }
        switch LinkKind(url) {
        case .empty, .fragment, .rootAbsolute, .external:
            return url
        case .docFXRoot:
            return relocate(String(url.dropFirst(2)), from: "", isImage: isImage)
        case .relative:
            if fileDirectory == pageDirectory { return isImage ? url : withHTMLExtension(url) }
            return relocate(url, from: fileDirectory, isImage: isImage)
        }
    }

    /// A path written in a file in `directory` made relative to the page.
    private func relocate(_ url: String, from directory: String, isImage: Bool) -> String {
        let (path, suffix) = splitSuffix(url)
        guard !path.isEmpty, let target = ContentPath.resolve(path, in: directory) else {
            return isImage ? url : withHTMLExtension(url)
        }
        var relative = ContentPath.relative(from: pageDirectory, to: target)
        if path.hasSuffix("/"), !relative.hasSuffix("/") { relative += "/" }
        return isImage ? relative + suffix : withHTMLExtension(relative + suffix)
    }

    /// `billing.md#x` → `billing.html#x`.
    func withHTMLExtension(_ url: String) -> String {
        var url = url
        let pathEnd: Int? = url.withUTF8 { bytes in
            let end = bytes.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? bytes.count
            guard end > 3, bytes[end - 3] == UInt8(ascii: "."), lowercasedASCII(bytes[end - 2]) == UInt8(ascii: "m"),
                  lowercasedASCII(bytes[end - 1]) == UInt8(ascii: "d")
            else { return nil }
            return end
        }
        guard let pathEnd else { return url }
        let utf8 = url.utf8
        let extensionStart = utf8.index(utf8.startIndex, offsetBy: pathEnd - 3)
        let suffixStart = utf8.index(utf8.startIndex, offsetBy: pathEnd)
        return String(url[..<extensionStart]) + ".html" + String(url[suffixStart...])
    }

    private func splitSuffix(_ url: String) -> (path: String, suffix: String) {
        guard let index = url.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) else { return (url, "") }
        return (String(url[..<index]), String(url[index...]))
    }

    private func isDangerous(_ url: String, isImage: Bool) -> Bool {
        let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 })
        switch LinkKind.scheme(of: cleaned) {
        case "javascript", "vbscript": return true
        case "data":
            let lower = cleaned.lowercased()
            let imageTypes = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return !(isImage && imageTypes.contains { lower.hasPrefix($0) })
        default: return false
        }
    }

    /// Local media: relative paths only (no scheme, not root-absolute, not a fragment).
    static func isLocalAsset(_ url: String) -> Bool {
        LinkKind(url) == .relative
    }
}
