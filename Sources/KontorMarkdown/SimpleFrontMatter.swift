/// Reads the front matter nearly every guide has — `key: value` lines, optionally a key with a
/// block list — without Yams. It accepts only a subset of YAML on which it gives exactly the
/// entries `FrontMatterParser.entriesWithYams` gives, with no error, and returns nil for
/// everything else (comments after values, quotes with escapes, anchors, tags, flow
/// collections, block scalars, multi-line values, tabs, duplicate keys, odd characters…),
/// which then goes to Yams. Yams costs more per file than parsing the Markdown body.
enum SimpleFrontMatter {
    static func parse(_ yaml: ArraySlice<UInt8>) -> [FrontMatterEntry]? {
        yaml.withUnsafeBufferPointer { parse($0) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [FrontMatterEntry]? {
        var entries: [FrontMatterEntry] = []
        var keys: Set<String> = []
        var state = ListState.none
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let next = end + 1
            // CR LF is one line break to libyaml; a lone CR is refused by `isPrintable`.
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = start..<end
            start = next
            guard YAMLText.isPrintable(bytes, line) else { return nil }
            var content = line.lowerBound
            while content < end, bytes[content] == UInt8(ascii: " ") { content += 1 }
            if content == end || (content == line.lowerBound && bytes[content] == UInt8(ascii: "#")) { continue }
            if content > line.lowerBound || bytes[content] == UInt8(ascii: "-") {
                guard readListItem(bytes, content..<end, indent: content - line.lowerBound, state: &state) else { return nil }
                continue
            }
            guard let (key, value) = YAMLText.keyValue(bytes, line) else { return nil }
            // Yams reports duplicate keys as an error; keys here are plain ASCII, so equal
            // text is exactly Yams' notion of equal keys.
            guard keys.insert(key).inserted else { return nil }
            if case .mayStart(let previous, let line) = state { entries.append(FrontMatterEntry(key: previous, value: "", line: line)) }
            if let value {
                state = .none
                entries.append(FrontMatterEntry(key: key, value: value, line: lineNumber))
            } else {
                state = .mayStart(key: key, line: lineNumber)
            }
        }
        if case .mayStart(let key, let line) = state { entries.append(FrontMatterEntry(key: key, value: "", line: line)) }
        return entries
    }

    private enum ListState {
        case none
        /// After `key:` with nothing behind it: an empty value unless list items follow.
        case mayStart(key: String, line: Int)
        /// Inside a block list whose `-` markers are at this column.
        case items(indent: Int)
    }

    /// `- scalar` or a lone `-`, all items of one list at the same indentation; `content`
    /// starts at the dash.
    private static func readListItem(_ bytes: UnsafeBufferPointer<UInt8>, _ content: Range<Int>, indent: Int,
                                     state: inout ListState) -> Bool {
        guard bytes[content.lowerBound] == UInt8(ascii: "-") else { return false }
        switch state {
        case .none: return false
        case .mayStart: state = .items(indent: indent)
        case .items(let listIndent): guard indent == listIndent else { return false }
        }
        let afterDash = content.lowerBound + 1
        if afterDash == content.upperBound { return true }
        guard bytes[afterDash] == UInt8(ascii: " ") else { return false }
        var itemStart = afterDash
        while itemStart < content.upperBound, bytes[itemStart] == UInt8(ascii: " ") { itemStart += 1 }
        return itemStart == content.upperBound || YAMLText.scalar(bytes, itemStart..<content.upperBound) != nil
    }
}
