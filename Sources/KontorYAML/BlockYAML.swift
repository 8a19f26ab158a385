/// A strict reader for the plain block subset of YAML that Kontor's files are written in: front
/// matter, TOC.yml, offer texts and reseller profiles.
///
/// Building Yams' node tree costs seconds for a 10,000-offer `angebote.yml` or a 10,000-entry
/// TOC (tag resolution with regular expressions and hashing for its duplicate-key check), and
/// more than the Markdown body for a page's front matter; this reader does the same in a
/// fraction. It is not a YAML parser: it returns `nil` as soon as it meets anything it does not
/// fully understand, and the caller then parses the text with Yams, so syntax errors, duplicate
/// keys and every unusual construct keep Yams' exact results and diagnostics.
///
/// Accepted: a root block mapping or block sequence at column 0, or no content at all; block
/// mappings and block sequences (`- `, compact `- key: value` mappings, indentless sequences as
/// mapping values); keys that are plain or quoted on one line; values that are plain, single- or
/// double-quoted scalars on one line, one-line flow sequences of such scalars, literal block
/// scalars (`|`, clip chomping) or empty; comments, blank lines, LF or CR LF line breaks.
/// Everything else is refused: tabs, a lone CR, control characters, a byte order mark, anchors,
/// aliases, tags, directives, document markers, flow mappings, folded and chomped block
/// scalars, multi-line plain or quoted scalars and any mapping that repeats a key. Tests compare
/// it with Yams on accepted input.
enum BlockYAML {
    /// What the reader made of a text it fully understood.
    struct Document: Equatable {
        /// Nil for a text with nothing but blank lines and comments, which Yams reads as no document.
        var root: YAMLNode?
    }

    static func parse(_ text: String) -> Document? {
        var text = text
        return text.withUTF8 { buffer in
            guard hasOnlySupportedCharacters(buffer) else { return nil }
            var reader = Reader(bytes: buffer)
            return try? reader.document()
        }
    }

    /// Refuses what libyaml treats specially: tabs, a CR not followed by LF and other controls,
    /// NEL and the Unicode line separators (line breaks in YAML 1.1), the byte order mark and the
    /// non-characters U+FFFE/F. CR LF is one line break to libyaml, as to this reader.
    static func hasOnlySupportedCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0D {
                    guard index + 1 < count, bytes[index + 1] == 0x0A else { return false }
                } else if (byte < 0x20 && byte != 0x0A) || byte == 0x7F {
                    return false
                }
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] < 0xA0 {
                return false
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80,
                      bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return false
            } else if byte == 0xEF, index + 2 < count,
                      (bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF)
                        || (bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE) {
                return false
            }
            index += 1
        }
        return true
    }

    private struct Unsupported: Error {}

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Start and 1-based number of the line being read.
        var lineStart = 0
        var line = 1
        /// Start and number of the first line not read yet.
        var next = 0
        var nextLine = 1

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        // MARK: Structure

        mutating func document() throws(Unsupported) -> Document {
            guard let indent = skipToContentLine() else { return Document(root: nil) }
            guard indent == 0 else { throw Unsupported() }
            let root = isSequenceEntry(at: lineStart)
                ? try blockSequence(indent: 0, indentless: false)
                : try blockMapping(indent: 0, firstKeyAt: lineStart)
            guard skipToContentLine() == nil else { throw Unsupported() }
            return Document(root: root)
        }

        /// A block mapping whose first key starts at `firstKeyAt` on the current line (column
        /// `indent`); further keys must start lines at exactly that indentation.
        mutating func blockMapping(indent: Int, firstKeyAt start: Int) throws(Unsupported) -> YAMLNode {
            var pairs: [YAMLPair] = []
            var keys: Set<String> = []
            var keyStart = start
            let mark = position(of: start)
            while true {
                let (key, afterColon) = try mappingKey(at: keyStart)
                // A repeated key goes to Yams, which reports it (or not, by its tag rules).
                guard keys.insert(key.scalar ?? "").inserted else { throw Unsupported() }
                let value = try entryValue(from: afterColon, parentIndent: indent)
                pairs.append(YAMLPair(key: key, value: value))
                guard let nextIndent = skipToContentLine(), nextIndent >= indent else { break }
                guard nextIndent == indent, !isSequenceEntry(at: lineStart + indent) else { throw Unsupported() }
                keyStart = lineStart + indent
            }
            return YAMLNode(content: .mapping(pairs), line: mark.line, column: mark.column)
        }

        /// A block sequence whose first `-` starts the current line at column `indent`. An
        /// indentless sequence (the value of a mapping key at the same column) ends at the first
        /// line at that column that is not an item.
        mutating func blockSequence(indent: Int, indentless: Bool) throws(Unsupported) -> YAMLNode {
            var items: [YAMLNode] = []
            let mark = position(of: lineStart + indent)
            while true {
                let dash = lineStart + indent
                let itemStart = skipSpaces(from: dash + 1)
                if isLineEnd(itemStart) || isComment(at: itemStart, after: dash + 1) {
                    items.append(try emptyItem(dash: dash, sequenceIndent: indent))
                } else {
                    guard itemStart > dash + 1, !isSequenceEntry(at: itemStart) else { throw Unsupported() }
                    if try looksLikeKey(at: itemStart) {
                        items.append(try blockMapping(indent: column(of: itemStart), firstKeyAt: itemStart))
                    } else {
                        items.append(try inlineValue(at: itemStart, parentIndent: indent))
                    }
                }
                guard let nextIndent = skipToContentLine(), nextIndent >= indent else { break }
                guard nextIndent == indent else { throw Unsupported() }
                guard isSequenceEntry(at: lineStart + indent) else {
                    if indentless { break }
                    throw Unsupported()
                }
            }
            return YAMLNode(content: .sequence(items), line: mark.line, column: mark.column)
        }

        /// `-` with nothing after it on its line: an empty scalar, which libyaml places just
        /// after the dash. A deeper line after it would be the item's value, left to Yams.
        mutating func emptyItem(dash: Int, sequenceIndent: Int) throws(Unsupported) -> YAMLNode {
            let mark = position(of: dash + 1)
            consumeLine()
            if let nextIndent = skipToContentLine(), nextIndent > sequenceIndent { throw Unsupported() }
            return YAMLNode(content: .scalar(""), line: mark.line, column: mark.column)
        }

        /// The value after `key:`: on the same line, or a nested collection on the next lines.
        mutating func entryValue(from index: Int, parentIndent: Int) throws(Unsupported) -> YAMLNode {
            let start = skipSpaces(from: index)
            if !isLineEnd(start), !isComment(at: start, after: index) {
                return try inlineValue(at: start, parentIndent: parentIndent)
            }
            // libyaml places an empty value just after the colon.
            let emptyMark = position(of: index)
            consumeLine()
            guard let indent = skipToContentLine() else {
                return YAMLNode(content: .scalar(""), line: emptyMark.line, column: emptyMark.column)
            }
            let first = lineStart + indent
            if indent == parentIndent, isSequenceEntry(at: first) {
                return try blockSequence(indent: indent, indentless: true)
            }
            guard indent > parentIndent else {
                return YAMLNode(content: .scalar(""), line: emptyMark.line, column: emptyMark.column)
            }
            if isSequenceEntry(at: first) { return try blockSequence(indent: indent, indentless: false) }
            return try blockMapping(indent: indent, firstKeyAt: first)
        }

        /// A scalar, flow sequence or literal block starting at `start` on the current line. The
        /// rest of the line must be blank or a comment; on return the reader is at the end of it.
        mutating func inlineValue(at start: Int, parentIndent: Int) throws(Unsupported) -> YAMLNode {
            let mark = position(of: start)
            let value: YAMLNode.Content
            let end: Int
            switch bytes[start] {
            case UInt8(ascii: "\""):
                let quoted = try doubleQuoted(at: start)
                (value, end) = (.scalar(quoted.text), quoted.end)
            case UInt8(ascii: "'"):
                let quoted = try singleQuoted(at: start)
                (value, end) = (.scalar(quoted.text), quoted.end)
            case UInt8(ascii: "["):
                let flow = try flowSequence(at: start)
                (value, end) = (.sequence(flow.items), flow.end)
            case UInt8(ascii: "|"):
                try expectLineRest(from: start + 1)
                return YAMLNode(content: .scalar(try literalBlock(parentIndent: parentIndent)),
                                line: mark.line, column: mark.column)
            default:
                let plain = try plainValue(at: start)
                (value, end) = (.scalar(plain.text), plain.end)
            }
            try expectLineRest(from: end)
            consumeLine()
            return YAMLNode(content: value, line: mark.line, column: mark.column)
        }

        // MARK: Keys

        /// Whether the text at `start` is `key:` followed by a space or the line end.
        func looksLikeKey(at start: Int) throws(Unsupported) -> Bool {
            switch bytes[start] {
            case UInt8(ascii: "\""):
                return colonAfterQuoted(try doubleQuoted(at: start).end) != nil
            case UInt8(ascii: "'"):
                return colonAfterQuoted(try singleQuoted(at: start).end) != nil
            default:
                return plainKeyColon(from: start) != nil
            }
        }

        /// The key at `start` and the index after its `:`.
        func mappingKey(at start: Int) throws(Unsupported) -> (YAMLNode, Int) {
            let mark = position(of: start)
            let text: String
            let colon: Int
            switch bytes[start] {
            case UInt8(ascii: "\""):
                let quoted = try doubleQuoted(at: start)
                guard let found = colonAfterQuoted(quoted.end) else { throw Unsupported() }
                (text, colon) = (quoted.text, found)
            case UInt8(ascii: "'"):
                let quoted = try singleQuoted(at: start)
                guard let found = colonAfterQuoted(quoted.end) else { throw Unsupported() }
                (text, colon) = (quoted.text, found)
            default:
                guard !isIndicator(bytes[start]), let found = plainKeyColon(from: start) else { throw Unsupported() }
                var end = found
                while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
                (text, colon) = (string(start, end), found)
            }
            // libyaml refuses simple keys longer than 1024 characters.
            guard colon - start < 1000 else { throw Unsupported() }
            return (YAMLNode(content: .scalar(text), line: mark.line, column: mark.column), colon + 1)
        }

        /// The `:` ending a plain key: the first one followed by a space or the line end, before
        /// any comment.
        func plainKeyColon(from start: Int) -> Int? {
            var index = start
            while !isLineEnd(index) {
                let byte = bytes[index]
                if byte == UInt8(ascii: ":"), isLineEnd(index + 1) || bytes[index + 1] == UInt8(ascii: " ") {
                    return index
                }
                if byte == UInt8(ascii: "#"), index > start, bytes[index - 1] == UInt8(ascii: " ") { return nil }
                index += 1
            }
            return nil
        }

        func colonAfterQuoted(_ end: Int) -> Int? {
            let colon = skipSpaces(from: end)
            guard !isLineEnd(colon), bytes[colon] == UInt8(ascii: ":"),
                  isLineEnd(colon + 1) || bytes[colon + 1] == UInt8(ascii: " ") else { return nil }
            return colon
        }

        // MARK: Scalars

        /// A plain scalar up to the line end or a comment, without trailing spaces.
        func plainValue(at start: Int) throws(Unsupported) -> (text: String, end: Int) {
            let first = bytes[start]
            if isIndicator(first) {
                // `-5` is a plain scalar; `- `, `?` and `:` forms are not for this reader.
                guard first == UInt8(ascii: "-"), !isLineEnd(start + 1), bytes[start + 1] != UInt8(ascii: " ") else {
                    throw Unsupported()
                }
            }
            var index = start
            var end = start
            while !isLineEnd(index) {
                let byte = bytes[index]
                if byte == UInt8(ascii: "#"), bytes[index - 1] == UInt8(ascii: " ") { break }
                // `a: b` inside a value is a nested mapping, which YAML forbids here.
                if byte == UInt8(ascii: ":"), isLineEnd(index + 1) || bytes[index + 1] == UInt8(ascii: " ") {
                    throw Unsupported()
                }
                if byte != UInt8(ascii: " ") { end = index + 1 }
                index += 1
            }
            return (string(start, end), end)
        }

        /// A double-quoted scalar on one line with the escapes `\\ \" \/ \n \t`.
        func doubleQuoted(at start: Int) throws(Unsupported) -> (text: String, end: Int) {
            var index = start + 1
            var runStart = index
            var text: [UInt8] = []
            var escaped = false
            while true {
                guard !isLineEnd(index) else { throw Unsupported() }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    guard !isLineEnd(index + 1) else { throw Unsupported() }
                    text.append(contentsOf: bytes[runStart..<index])
                    switch bytes[index + 1] {
                    case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "/"): text.append(bytes[index + 1])
                    case UInt8(ascii: "n"): text.append(0x0A)
                    case UInt8(ascii: "t"): text.append(0x09)
                    default: throw Unsupported()
                    }
                    escaped = true
                    index += 2
                    runStart = index
                    continue
                }
                index += 1
            }
            if !escaped { return (string(start + 1, index), index + 1) }
            text.append(contentsOf: bytes[runStart..<index])
            return (String(decoding: text, as: UTF8.self), index + 1)
        }

        /// A single-quoted scalar on one line (`''` is a quote).
        func singleQuoted(at start: Int) throws(Unsupported) -> (text: String, end: Int) {
            var index = start + 1
            var text: [UInt8] = []
            while true {
                guard !isLineEnd(index) else { throw Unsupported() }
                let byte = bytes[index]
                if byte == UInt8(ascii: "'") {
                    guard !isLineEnd(index + 1), bytes[index + 1] == UInt8(ascii: "'") else { break }
                    index += 1
                }
                text.append(byte)
                index += 1
            }
            return (String(decoding: text, as: UTF8.self), index + 1)
        }

        /// `[a, "b", 'c']` on one line; items are scalars without `:`, `#` or brackets.
        func flowSequence(at start: Int) throws(Unsupported) -> (items: [YAMLNode], end: Int) {
            var items: [YAMLNode] = []
            var index = skipSpaces(from: start + 1)
            if !isLineEnd(index), bytes[index] == UInt8(ascii: "]") { return ([], index + 1) }
            while true {
                guard !isLineEnd(index) else { throw Unsupported() }
                let mark = position(of: index)
                let item: (text: String, end: Int)
                switch bytes[index] {
                case UInt8(ascii: "\""): item = try doubleQuoted(at: index)
                case UInt8(ascii: "'"): item = try singleQuoted(at: index)
                default: item = try flowPlain(at: index)
                }
                items.append(YAMLNode(content: .scalar(item.text), line: mark.line, column: mark.column))
                index = skipSpaces(from: item.end)
                guard !isLineEnd(index) else { throw Unsupported() }
                if bytes[index] == UInt8(ascii: "]") { return (items, index + 1) }
                guard bytes[index] == UInt8(ascii: ",") else { throw Unsupported() }
                index = skipSpaces(from: index + 1)
                // A trailing comma is valid YAML, but rare enough to leave to Yams.
                if !isLineEnd(index), bytes[index] == UInt8(ascii: "]") { throw Unsupported() }
            }
        }

        func flowPlain(at start: Int) throws(Unsupported) -> (text: String, end: Int) {
            guard !isIndicator(bytes[start]) else { throw Unsupported() }
            var index = start
            var end = start
            while !isLineEnd(index) {
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
                switch byte {
                case UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    throw Unsupported()
                default: break
                }
                if byte != UInt8(ascii: " ") { end = index + 1 }
                index += 1
            }
            return (string(start, end), end)
        }

        /// The lines of a `|` block after the current line: clip chomping, indentation taken from
        /// the first non-blank line, which must be deeper than `parentIndent`.
        mutating func literalBlock(parentIndent: Int) throws(Unsupported) -> String {
            var index = lineEnd(from: lineStart)  // the line break before the next line
            var lineNumber = line + 1
            var contentIndent: Int?
            var text: [UInt8] = []
            var pendingBreaks = 0
            var deepestBlank = 0
            var endsWithBreak = false
            while index < bytes.count {
                let start = afterLineBreak(index)
                let spacesEnd = skipSpaces(from: start)
                let end = lineEnd(from: spacesEnd)
                let spaces = spacesEnd - start
                if spacesEnd == end {
                    guard end < bytes.count || spaces > 0 else { break }
                    deepestBlank = max(deepestBlank, spaces)
                    pendingBreaks += 1
                } else {
                    if contentIndent == nil {
                        guard spaces > parentIndent else { break }
                        contentIndent = spaces
                    }
                    guard let indent = contentIndent, spaces >= indent else { break }
                    // A whitespace-only line deeper than the block is content in YAML.
                    guard deepestBlank <= indent else { throw Unsupported() }
                    deepestBlank = 0
                    if !text.isEmpty { pendingBreaks += 1 }
                    text.append(contentsOf: repeatElement(0x0A, count: pendingBreaks))
                    pendingBreaks = 0
                    text.append(contentsOf: bytes[(start + indent)..<end])
                    endsWithBreak = end < bytes.count
                }
                index = end
                lineNumber += 1
            }
            guard let indent = contentIndent, deepestBlank <= indent else { throw Unsupported() }
            if endsWithBreak { text.append(0x0A) }
            next = afterLineBreak(index)
            nextLine = lineNumber
            return String(decoding: text, as: UTF8.self)
        }

        // MARK: Lines

        /// Moves to the next line from `next` on that is neither blank nor a comment, makes it the
        /// current line (not yet consumed) and returns its indentation; `nil` at the end.
        mutating func skipToContentLine() -> Int? {
            var index = next
            var number = nextLine
            while index < bytes.count {
                let first = skipSpaces(from: index)
                if !isLineEnd(first), bytes[first] != UInt8(ascii: "#") {
                    (lineStart, line, next, nextLine) = (index, number, index, number)
                    return first - index
                }
                index = afterLineBreak(lineEnd(from: first))
                number += 1
            }
            (next, nextLine) = (bytes.count, number)
            return nil
        }

        /// Marks the current line as read.
        mutating func consumeLine() {
            next = afterLineBreak(lineEnd(from: lineStart))
            nextLine = line + 1
        }

        /// Rest of a line after a value: spaces, then the end or a comment.
        func expectLineRest(from index: Int) throws(Unsupported) {
            let rest = skipSpaces(from: index)
            guard isLineEnd(rest) || isComment(at: rest, after: index) else { throw Unsupported() }
        }

        /// A `#` starts a comment only after a space.
        func isComment(at index: Int, after start: Int) -> Bool {
            bytes[index] == UInt8(ascii: "#") && index > start && bytes[index - 1] == UInt8(ascii: " ")
        }

        func isSequenceEntry(at index: Int) -> Bool {
            bytes[index] == UInt8(ascii: "-") && (isLineEnd(index + 1) || bytes[index + 1] == UInt8(ascii: " "))
        }

        func isIndicator(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
                 UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                 UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                true
            default:
                false
            }
        }

        func skipSpaces(from index: Int) -> Int {
            var index = index
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            return index
        }

        /// At the end of the text or of a line (LF, or the CR of CR LF: a lone CR was refused).
        func isLineEnd(_ index: Int) -> Bool {
            index >= bytes.count || bytes[index] == 0x0A || bytes[index] == 0x0D
        }

        func lineEnd(from index: Int) -> Int {
            var index = index
            while !isLineEnd(index) { index += 1 }
            return index
        }

        /// Start of the line after the line break at `end` (the text's end if there is none).
        func afterLineBreak(_ end: Int) -> Int {
            guard end < bytes.count else { return bytes.count }
            return min(end + (bytes[end] == 0x0D ? 2 : 1), bytes.count)
        }

        /// Line and column (in Unicode scalars) of a byte on the current line.
        func position(of index: Int) -> (line: Int, column: Int) {
            var column = 1
            var cursor = lineStart
            while cursor < index {
                if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
                cursor += 1
            }
            return (line, column)
        }

        func column(of index: Int) -> Int {
            position(of: index).column - 1
        }

        func string(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }
}
