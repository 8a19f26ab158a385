import Foundation
import KontorDiagnostics
import KontorYAML

/// One entry of a table of contents. `href` is a content path relative to the docs folder
/// (`billing.md`, `guides/x.md`) with any `#fragment` removed into `fragment`; groups have no href.
public struct TOCEntry: Sendable, Equatable {
    public var title: String
    public var href: String?
    public var fragment: String?
    public var children: [TOCEntry]
    /// Where the entry was written, for diagnostics.
    public var location: SourceLocation

    public init(title: String, href: String? = nil, fragment: String? = nil,
                children: [TOCEntry] = [], location: SourceLocation) {
        self.title = title
        self.href = href
        self.fragment = fragment
        self.children = children
        self.location = location
    }

    /// Number of entries in this subtree, itself included.
    public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }
}

/// Parses DocFX tables of contents in both formats.
public enum TOCParser {
    /// DocFX Markdown TOC: the heading level gives the depth, a heading is either a link
    /// `## [Title](file.md)` or a plain group name `## Title`. Other lines are ignored.
    public static func parseMarkdown(_ text: String, path: String) -> (entries: [TOCEntry], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var flat: [(depth: Int, entry: TOCEntry)] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line.utf8)
            var depth = 0
            while depth < bytes.count, bytes[depth] == UInt8(ascii: "#") { depth += 1 }
            guard depth > 0, depth <= 6 else { continue }
            let rest = String(decoding: bytes[depth...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let location = SourceLocation(path: path, line: lineNumber, column: 1)
            guard !rest.isEmpty else {
                diagnostics.append(.warning("empty TOC heading", path: path, line: lineNumber, column: 1))
                continue
            }
            flat.append((depth, entry(fromHeadingText: rest, location: location)))
        }
        return (nest(flat), diagnostics)
    }

    /// DocFX YAML TOC: a list of `name` (or `displayName`), `href`, `items`.
    public static func parseYAML(_ text: String, path: String) -> (entries: [TOCEntry], diagnostics: [Diagnostic]) {
        let node: YAMLNode?
        do {
            node = try YAMLReader.parse(text)
        } catch {
            return ([], [error.diagnostic(path: path)])
        }
        guard let node else { return ([], []) }
        var diagnostics: [Diagnostic] = []
        // DocFX also accepts a mapping with a top-level `items` list.
        let list = node.sequence ?? node["items"]?.sequence
        guard let list else {
            return ([], [.error("expected a list of TOC entries", path: path, line: node.line)])
        }
        let entries = yamlEntries(list, path: path, diagnostics: &diagnostics)
        return (entries, diagnostics)
    }

    private static func yamlEntries(_ list: [YAMLNode], path: String, diagnostics: inout [Diagnostic]) -> [TOCEntry] {
        var entries: [TOCEntry] = []
        entries.reserveCapacity(list.count)
        for item in list {
            let (line, column) = (item.line, item.column)
            guard item.mapping != nil else {
                diagnostics.append(.warning("expected a mapping with 'name' and 'href'", path: path, line: line, column: column))
                continue
            }
            let name = item["displayName"]?.scalar ?? item["name"]?.scalar
            let href = (item["href"] ?? item["topicHref"])?.scalar
            let children = item["items"]?.sequence.map { yamlEntries($0, path: path, diagnostics: &diagnostics) } ?? []
            guard let name, !name.isEmpty else {
                diagnostics.append(.warning("TOC entry without 'name'", path: path, line: line, column: column))
                continue
            }
            let location = SourceLocation(path: path, line: line, column: column)
            var entry = TOCEntry(title: name, children: children, location: location)
            if let href, !href.isEmpty { (entry.href, entry.fragment) = splitFragment(href) }
            entries.append(entry)
        }
        return entries
    }

    /// `[Title](href)` or a plain title. Link titles may contain inline Markdown emphasis,
    /// which a TOC does not render, so it is dropped.
    private static func entry(fromHeadingText text: String, location: SourceLocation) -> TOCEntry {
        if text.hasPrefix("["),
           let close = text.range(of: "](", options: .backwards),
           text.hasSuffix(")") {
            let title = String(text[text.index(after: text.startIndex)..<close.lowerBound])
            var href = String(text[close.upperBound..<text.index(before: text.endIndex)])
                .trimmingCharacters(in: .whitespaces)
            if href.hasPrefix("<"), href.hasSuffix(">") { href = String(href.dropFirst().dropLast()) }
            // A link title in quotes after the URL (`[a](b.md "t")`) is not part of the path.
            if let space = href.firstIndex(of: " ") { href = String(href[..<space]) }
            var entry = TOCEntry(title: plainTitle(title), location: location)
            if !href.isEmpty { (entry.href, entry.fragment) = splitFragment(href) }
            return entry
        }
        return TOCEntry(title: plainTitle(text), location: location)
    }

    private static func plainTitle(_ text: String) -> String {
        text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "\\", with: "")
            .trimmingCharacters(in: .whitespaces)
    }

    static func splitFragment(_ href: String) -> (String?, String?) {
        guard let hash = href.firstIndex(of: "#") else { return (href, nil) }
        let path = String(href[..<hash])
        let fragment = String(href[href.index(after: hash)...])
        return (path.isEmpty ? nil : path, fragment.isEmpty ? nil : fragment)
    }

    /// Builds the tree from (depth, entry) pairs; a jump of more than one level nests under
    /// the nearest shallower entry, as DocFX does.
    private static func nest(_ flat: [(depth: Int, entry: TOCEntry)]) -> [TOCEntry] {
        var index = 0
        return children(of: 0, flat: flat, index: &index)
    }

    private static func children(of parentDepth: Int, flat: [(depth: Int, entry: TOCEntry)], index: inout Int) -> [TOCEntry] {
        var result: [TOCEntry] = []
        while index < flat.count, flat[index].depth > parentDepth {
            var entry = flat[index].entry
            let depth = flat[index].depth
            index += 1
            entry.children = children(of: depth, flat: flat, index: &index)
            result.append(entry)
        }
        return result
    }
}
