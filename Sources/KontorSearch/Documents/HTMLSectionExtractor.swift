import KontorText

/// A byte-level scanner from rendered body HTML to `SearchSection`s. It is not a full HTML
/// parser: it understands exactly what the renderer emits (tags, attributes in quotes,
/// comments, entities) and degrades to plain text on anything else.
///
/// It runs over every byte of every rendered page, so tag and attribute names are never made
/// into `String`s: names of up to eight bytes are packed into an integer and classified by a
/// small table (`TagName`, `TagClasses`).
enum HTMLSectionExtractor {
    static func sections(_ html: [UInt8]) -> [SearchSection] {
        html.withUnsafeBufferPointer { sections($0) }
    }

    static func sections(_ html: UnsafeBufferPointer<UInt8>) -> [SearchSection] {
        var scanner = Scanner(html: html)
        scanner.run()
        return scanner.finish()
    }

    /// Elements whose content is never text (or is indexed elsewhere, like the page's `<h1>`).
    static let skippedElements = ["script", "style", "template", "noscript", "h1", "svg", "button"]
    /// Inline elements: their tags do not separate words ("Abo<em>nn</em>ement").
    static let inlineElements = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    ]
    static let voidElements = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    private struct Scanner {
        let html: UnsafeBufferPointer<UInt8>
        let classes = TagClasses.standard
        var index = 0
        var sections: [SearchSection] = []
        var anchor: String?
        var heading: [UInt8] = []
        var text: [UInt8] = []
        /// The packed name of the open `<h2>`/`<h3>`, or 0 outside a heading.
        var headingLevel: UInt64 = 0

        init(html: UnsafeBufferPointer<UInt8>) { self.html = html }

        mutating func run() {
            while index < html.count {
                let byte = html[index]
                if byte == UInt8(ascii: "<") {
                    readMarkup()
                } else if byte == UInt8(ascii: "&") {
                    appendEntity()
                } else {
                    // Copy the whole run of text up to the next tag or entity at once.
                    var end = index + 1
                    while end < html.count && html[end] != UInt8(ascii: "<") && html[end] != UInt8(ascii: "&") { end += 1 }
                    append(UnsafeBufferPointer(rebasing: html[index..<end]))
                    index = end
                }
            }
        }

        mutating func finish() -> [SearchSection] {
            closeSection()
            return sections
        }

        private mutating func append(_ byte: UInt8) {
            if headingLevel != 0 { heading.append(byte) } else { text.append(byte) }
        }

        private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            if headingLevel != 0 { heading.append(contentsOf: bytes) } else { text.append(contentsOf: bytes) }
        }

        private mutating func closeSection() {
            let headingText = collapseWhitespace(heading)
            // Valid UTF-8 in, valid UTF-8 out (tags and entities end at ASCII bytes, entities
            // decode to whole scalars): the text is kept as bytes without a second validation.
            let bodyText = UTF8Text(utf8: collapsedWhitespace(text))
            if anchor != nil || !headingText.isEmpty || !bodyText.isEmpty {
                sections.append(SearchSection(anchor: anchor, heading: headingText, body: bodyText))
            }
            anchor = nil
            heading.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
        }

        private mutating func readMarkup() {
            if hasPrefix("<!--", at: index) {
                index = find("-->", from: index + 4).map { $0 + 3 } ?? html.count
                return
            }
            let isEnd = index + 1 < html.count && html[index + 1] == UInt8(ascii: "/")
            let nameStart = index + (isEnd ? 2 : 1)
            guard nameStart < html.count, isASCIILetter(html[nameStart]) || (!isEnd && html[nameStart] == UInt8(ascii: "!")) else {
                append(UInt8(ascii: "<"))
                index += 1
                return
            }
            var tag = TagReader(html: html, start: nameStart)
            tag.read()
            index = tag.end
            if html[nameStart] == UInt8(ascii: "!") { return }  // <!DOCTYPE …>
            if isEnd {
                handleEndTag(tag.name)
            } else {
                handleStartTag(tag)
            }
        }

        private mutating func handleEndTag(_ name: TagName) {
            if headingLevel != 0 && name.packed == headingLevel {
                headingLevel = 0
            } else if !classes.of(name).contains(.inline) {
                append(UInt8(ascii: " "))
            }
        }

        private mutating func handleStartTag(_ tag: TagReader) {
            let name = tag.name
            let kind = classes.of(name)
            if kind.contains(.skipped) || (tag.ariaHidden && !tag.selfClosing && !kind.contains(.void)) {
                skipElement(name)
                return
            }
            if kind.contains(.sectionHeading) && headingLevel == 0 {
                closeSection()
                anchor = tag.id
                headingLevel = name.packed
                return
            }
            if !kind.contains(.inline) { append(UInt8(ascii: " ")) }
        }

        /// Skips to the end tag matching `name`, counting nested elements of the same name.
        private mutating func skipElement(_ name: TagName) {
            let isRawText = classes.of(name).contains(.rawText)
            var depth = 1
            while index < html.count {
                guard let open = find("<", from: index) else { index = html.count; return }
                index = open
                let isEnd = index + 1 < html.count && html[index + 1] == UInt8(ascii: "/")
                let nameStart = index + (isEnd ? 2 : 1)
                guard nameStart < html.count, isASCIILetter(html[nameStart]) else { index += 1; continue }
                var tag = TagReader(html: html, start: nameStart)
                tag.read()
                index = tag.end
                guard tag.name.equals(name, in: html) else { continue }
                if isEnd {
                    depth -= 1
                    if depth == 0 { return }
                } else if !isRawText && !tag.selfClosing {
                    depth += 1
                }
            }
        }

        /// Appends the decoded entity at `index` (or a literal '&') and moves past it.
        private mutating func appendEntity() {
            // Longest entity we decode is short; an unterminated '&' is literal text.
            var end = index + 1
            while end < html.count, end - index <= 10, html[end] != UInt8(ascii: ";"),
                  isASCIILetter(html[end]) || isASCIIDigit(html[end]) || html[end] == UInt8(ascii: "#") {
                end += 1
            }
            guard end < html.count, html[end] == UInt8(ascii: ";") else {
                index += 1
                append(UInt8(ascii: "&"))
                return
            }
            let name = UnsafeBufferPointer(rebasing: html[(index + 1)..<end])
            // The escapes the Markdown renderer writes itself, without a `String` for the name.
            if let escaped = HTMLEntities.decodeMarkupEscape(name) {
                append(escaped)
            } else if let decoded = HTMLEntities.decode(String(decoding: name, as: UTF8.self)) {
                decoded.withUnsafeBufferPointer { append($0) }
            } else {
                index += 1
                append(UInt8(ascii: "&"))
                return
            }
            index = end + 1
        }

        private func hasPrefix(_ prefix: StaticString, at position: Int) -> Bool {
            guard position + prefix.utf8CodeUnitCount <= html.count else { return false }
            return prefix.withUTF8Buffer { bytes in
                bytes.indices.allSatisfy { html[position + $0] == bytes[$0] }
            }
        }

        private func find(_ needle: StaticString, from start: Int) -> Int? {
            let first = needle.withUTF8Buffer { $0[0] }
            var position = start
            while position + needle.utf8CodeUnitCount <= html.count {
                if html[position] == first && hasPrefix(needle, at: position) { return position }
                position += 1
            }
            return nil
        }
    }

    /// Reads a tag name and its attributes up to the closing '>' (quotes respected).
    private struct TagReader {
        let html: UnsafeBufferPointer<UInt8>
        let start: Int
        var end = 0
        var name = TagName(packed: 0, start: 0, length: 0)
        var id: String?
        var ariaHidden = false
        var selfClosing = false

        init(html: UnsafeBufferPointer<UInt8>, start: Int) {
            self.html = html
            self.start = start
        }

        mutating func read() {
            var position = start
            while position < html.count, isNameByte(html[position]) { position += 1 }
            name = TagName(html, start..<position)
            while position < html.count, html[position] != UInt8(ascii: ">") {
                let byte = html[position]
                if isASCIILetter(byte) {
                    position = readAttribute(from: position)
                } else {
                    if byte == UInt8(ascii: "/") { selfClosing = true }
                    position += 1
                }
            }
            end = min(position + 1, html.count)
        }

        private mutating func readAttribute(from start: Int) -> Int {
            var position = start
            while position < html.count, isNameByte(html[position]) { position += 1 }
            let attribute = start..<position
            selfClosing = false
            guard position < html.count, html[position] == UInt8(ascii: "=") else { return position }
            position += 1
            var valueStart = position
            var valueEnd = position
            if position < html.count, html[position] == UInt8(ascii: "\"") || html[position] == UInt8(ascii: "'") {
                let quote = html[position]
                valueStart = position + 1
                valueEnd = valueStart
                while valueEnd < html.count, html[valueEnd] != quote { valueEnd += 1 }
                position = min(valueEnd + 1, html.count)
            } else {
                while valueEnd < html.count, html[valueEnd] != UInt8(ascii: ">"), !isSpace(html[valueEnd]) { valueEnd += 1 }
                position = valueEnd
            }
            let value = html[valueStart..<valueEnd]
            if equalsLowercased(html, attribute, "id") {
                id = String(decoding: HTMLEntities.decodeAll(Array(value)), as: UTF8.self)
            } else if equalsLowercased(html, attribute, "aria-hidden") {
                ariaHidden = value.elementsEqual("true".utf8)
            }
            return position
        }
    }
}

/// A tag name as it appears in the HTML. Names of up to eight bytes are lower-cased into
/// `packed` (little-endian), which identifies them exactly because name bytes are never 0; longer
/// names have `packed` 0 and compare by their bytes.
struct TagName {
    var packed: UInt64
    var start: Int
    var length: Int

    init(packed: UInt64, start: Int, length: Int) {
        self.packed = packed
        self.start = start
        self.length = length
    }

    init(_ html: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.init(packed: range.count <= 8 ? packName(html, range) : 0, start: range.lowerBound, length: range.count)
    }

    /// Same name, ignoring ASCII case.
    func equals(_ other: TagName, in html: UnsafeBufferPointer<UInt8>) -> Bool {
        guard length == other.length else { return false }
        if length <= 8 { return packed == other.packed }
        return (0..<length).allSatisfy { asciiLowercased(html[start + $0]) == asciiLowercased(html[other.start + $0]) }
    }
}

/// How the extractor treats an element.
struct TagClass: OptionSet {
    let rawValue: UInt8
    static let skipped = TagClass(rawValue: 1)
    static let inline = TagClass(rawValue: 2)
    static let void = TagClass(rawValue: 4)
    /// `<h2>` and `<h3>`: they start a section.
    static let sectionHeading = TagClass(rawValue: 8)
    /// `<script>` and `<style>`: their content is not markup, so nested tags are not counted.
    static let rawText = TagClass(rawValue: 16)
}

/// An open-addressing table from packed tag names to their `TagClass`; names it does not hold
/// (and all names longer than eight bytes) have no class.
struct TagClasses {
    private var keys: [UInt64]
    private var values: [TagClass]
    private static let bits: UInt64 = 7

    static let standard: TagClasses = {
        var table = TagClasses()
        for name in HTMLSectionExtractor.skippedElements { table.add(name, .skipped) }
        for name in HTMLSectionExtractor.inlineElements { table.add(name, .inline) }
        for name in HTMLSectionExtractor.voidElements { table.add(name, .void) }
        for name in ["h2", "h3"] { table.add(name, .sectionHeading) }
        for name in ["script", "style"] { table.add(name, .rawText) }
        return table
    }()

    private init() {
        keys = Array(repeating: 0, count: 1 << Int(Self.bits))
        values = Array(repeating: [], count: 1 << Int(Self.bits))
    }

    private mutating func add(_ name: String, _ kind: TagClass) {
        let bytes = Array(name.utf8)
        let packed = bytes.withUnsafeBufferPointer { packName($0, 0..<$0.count) }
        let slot = self.slot(packed)
        keys[slot] = packed
        values[slot].formUnion(kind)
    }

    @inline(__always)
    func of(_ name: TagName) -> TagClass {
        guard name.packed != 0 else { return [] }
        let slot = self.slot(name.packed)
        return keys[slot] == name.packed ? values[slot] : []
    }

    /// The slot of `packed`, or the empty slot where it belongs.
    @inline(__always)
    private func slot(_ packed: UInt64) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> (64 - Self.bits))
        while keys[slot] != 0 && keys[slot] != packed { slot = (slot + 1) & mask }
        return slot
    }
}

/// The lower-cased bytes of `range` (at most eight) as a little-endian integer.
@inline(__always) private func packName(_ html: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    var packed: UInt64 = 0
    for (shift, position) in range.enumerated() {
        packed |= UInt64(asciiLowercased(html[position])) << (8 * UInt64(shift))
    }
    return packed
}

/// Whether the bytes of `range` are `name` (lower-case ASCII), ignoring ASCII case.
@inline(__always) private func equalsLowercased(_ html: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                                 _ name: StaticString) -> Bool {
    guard range.count == name.utf8CodeUnitCount else { return false }
    return name.withUTF8Buffer { expected in
        expected.indices.allSatisfy { asciiLowercased(html[range.lowerBound + $0]) == expected[$0] }
    }
}

@inline(__always) private func asciiLowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
}

@inline(__always) func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
}

@inline(__always) func isASCIIDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

@inline(__always) private func isNameByte(_ byte: UInt8) -> Bool {
    isASCIILetter(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
}

@inline(__always) private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
}
/// Runs of white space (including no-break space) become one space; ends are trimmed.
func collapseWhitespace(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { input in
        // Writes straight into the string's storage (invalid UTF-8 is repaired as by `String(decoding:)`).
        String(unsafeUninitializedCapacity: input.count) { collapse(input, into: $0) }
    }
}

/// `collapseWhitespace` on bytes.
func collapsedWhitespace(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { input in
        [UInt8](unsafeUninitializedCapacity: input.count) { output, initialized in
            initialized = collapse(input, into: output)
        }
    }
}

private func collapse(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
    guard let source = input.baseAddress, let target = output.baseAddress else { return 0 }
    var count = 0
    var pendingSpace = false
    var index = 0
    while index < input.count {
        let byte = input[index]
        if isSpace(byte) || (byte == 0xC2 && index + 1 < input.count && input[index + 1] == 0xA0) {
            pendingSpace = count > 0
            index += byte == 0xC2 ? 2 : 1
            continue
        }
        if pendingSpace {
            target[count] = 0x20
            count += 1
            pendingSpace = false
        }
        // Copy the run up to the next byte that may start white space.
        target[count] = byte
        count += 1
        index += 1
        while index < input.count {
            let next = source[index]
            if next <= 0x20 || next == 0xC2 { break }
            target[count] = next
            count += 1
            index += 1
        }
    }
    return count
}
