import KontorDiagnostics

/// Reads the regular shape of a DocFX TOC.yml — a block list of `name` / `href` / `items`
/// mappings with plain or simply quoted values — without building Yams nodes, which costs
/// seconds for a 10,000-entry TOC. It accepts only input on which it gives exactly what the
/// Yams path of `TOCParser.parseYAML` gives, with no diagnostics; anything else (flow
/// collections, anchors, tags, block scalars, multi-line or escaped values, tabs, duplicate
/// keys, entries without a name, comments after values…) returns nil and goes to Yams.
enum SimpleTOCYAML {
    static func parse(_ text: String, path: String) -> [TOCEntry]? {
        var text = text
        return text.withUTF8 { bytes in
            guard let lines = significantLines(bytes), !lines.isEmpty else { return nil }
            var reader = Reader(bytes: bytes, lines: lines, path: path)
            guard let entries = reader.sequence(indent: lines[0].indent), reader.index == lines.count else { return nil }
            return entries
        }
    }

    /// A line that is neither blank nor a comment.
    fileprivate struct Line {
        var number: Int
        /// Byte offsets of the content after the indentation, and of the line end.
        var start: Int
        var end: Int
        var indent: Int
    }

    /// Splits at LF (CR LF allowed); nil when a line holds characters this reader leaves to
    /// libyaml (tabs, controls, other line breaks).
    private static func significantLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line]? {
        var lines: [Line] = []
        var number = 0
        var start = 0
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let next = end + 1
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            guard YAMLText.isPrintable(bytes, start..<end) else { return nil }
            var content = start
            while content < end, bytes[content] == UInt8(ascii: " ") { content += 1 }
            if content < end, bytes[content] != UInt8(ascii: "#") {
                lines.append(Line(number: number, start: content, end: end, indent: content - start))
            }
            start = next
        }
        return lines
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let lines: [Line]
        let path: String
        var index = 0

        /// Items `- key: value` whose dashes are at column `indent`.
        mutating func sequence(indent: Int) -> [TOCEntry]? {
            var entries: [TOCEntry] = []
            while index < lines.count, lines[index].indent == indent, isItemStart(lines[index]) {
                guard let entry = item(lines[index]) else { return nil }
                entries.append(entry)
            }
            return entries
        }

        private func isItemStart(_ line: Line) -> Bool {
            bytes[line.start] == UInt8(ascii: "-") && line.start + 1 < line.end && bytes[line.start + 1] == UInt8(ascii: " ")
        }

        /// One list item: a mapping that starts on the dash line, its keys at one column.
        private mutating func item(_ dashLine: Line) -> TOCEntry? {
            var first = dashLine
            first.start = dashLine.start + 1
            while first.start < dashLine.end, bytes[first.start] == UInt8(ascii: " ") { first.start += 1 }
            first.indent = dashLine.indent + (first.start - dashLine.start)
            let column = first.indent
            var fields: [String: String] = [:]
            var children: [TOCEntry] = []
            var line = first
            while true {
                index += 1
                guard let (key, value) = YAMLText.keyValue(bytes, line.start..<line.end),
                      fields.updateValue(value ?? "", forKey: key) == nil
                else { return nil }
                if value == nil, index < lines.count, lines[index].indent >= column, isItemStart(lines[index]) {
                    // A nested list: only `items` may hold one. At the keys' column it is an
                    // indentless list, which YAML allows for mapping values.
                    guard key == "items", let nested = sequence(indent: lines[index].indent) else { return nil }
                    children = nested
                }
                guard index < lines.count, lines[index].indent >= column else { break }
                guard lines[index].indent == column else { return nil }
                line = lines[index]
            }
            guard let title = fields["displayName"] ?? fields["name"], !title.isEmpty else { return nil }
            let location = SourceLocation(path: path, line: first.number, column: column + 1)
            var entry = TOCEntry(title: title, children: children, location: location)
            if let href = fields["href"] ?? fields["topicHref"], !href.isEmpty {
                (entry.href, entry.fragment) = TOCParser.splitFragment(href)
            }
            return entry
        }
    }
}
