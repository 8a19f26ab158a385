/// Helpers for `/`-separated content paths relative to the content root.
public enum ContentPath {
    /// `docs/a/b.md` → `docs/a`; a top-level file gives "".
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Whether `href` leaves the site: a scheme (`https:`, `mailto:`) or a protocol-relative URL.
    public static func isExternal(_ href: String) -> Bool {
        if href.hasPrefix("//") { return true }
        guard let colon = href.firstIndex(of: ":") else { return false }
        let scheme = href[..<colon]
        return !scheme.isEmpty && !scheme.contains("/") && scheme.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2B || byte == 0x2D || byte == 0x2E
        }
    }

    /// Joins a relative href to a folder and resolves `.` and `..`. Returns nil when the result
    /// would climb above the content root. `~/x` is DocFX's root-relative form.
    public static func join(_ folder: String, _ href: String) -> String? {
        var components: [Substring]
        var rest = Substring(href)
        if rest.hasPrefix("~/") {
            components = []
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("/") {
            components = []
        } else {
            components = folder.split(separator: "/")
        }
        for part in rest.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(part)
            }
        }
        return components.joined(separator: "/")
    }
}
