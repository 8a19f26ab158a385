/// Reads the attributes of author-written raw HTML (the real guides use HTML tables and
/// `<a name>` anchors) so that its ids, links and images are known to the link checker.
/// It is a tolerant tag scanner over bytes, not an HTML parser: the HTML itself passes
/// through unchanged, and only the few attributes of interest become strings.
enum RawHTMLScanner {
    enum Attribute {
        /// `id="…"` on any element.
        case id
        /// `name="…"` on `<a>` (legacy anchors).
        case anchorName
        /// `href="…"` on `<a>` or `<area>`.
        case href
        /// `src="…"` on `<img>` or `<source>`.
        case imageSource
    }

    static func scan(_ html: UnsafeBufferPointer<UInt8>, _ found: (Attribute, String) -> Void) {
        var index = 0
        while index + 1 < html.count {
            if html[index] == UInt8(ascii: "<"), isLetter(html[index + 1]) {
                index = scanTag(html, at: index, found)
            } else {
                index += 1
            }
        }
    }

    /// Scans one start tag at `open` (`<`), returns the index after it.
    private static func scanTag(_ html: UnsafeBufferPointer<UInt8>, at open: Int, _ found: (Attribute, String) -> Void) -> Int {
        var index = open + 1
        let nameStart = index
        while index < html.count, isNameByte(html[index]) { index += 1 }
        let tag = nameStart..<index
        while index < html.count {
            while index < html.count, isSpace(html[index]) || html[index] == UInt8(ascii: "/") { index += 1 }
            guard index < html.count, html[index] != UInt8(ascii: ">") else { return index + 1 }
            let attributeStart = index
            while index < html.count, !isSpace(html[index]), html[index] != UInt8(ascii: "="),
                  html[index] != UInt8(ascii: ">"), html[index] != UInt8(ascii: "/") {
                index += 1
            }
            let name = attributeStart..<index
            while index < html.count, isSpace(html[index]) { index += 1 }
            guard index < html.count, html[index] == UInt8(ascii: "=") else {
                if index == attributeStart { index += 1 }
                continue
            }
            index += 1
            while index < html.count, isSpace(html[index]) { index += 1 }
            let value: Range<Int>
            if index < html.count, html[index] == UInt8(ascii: "\"") || html[index] == UInt8(ascii: "'") {
                let quote = html[index]
                let valueStart = index + 1
                index = valueStart
                while index < html.count, html[index] != quote { index += 1 }
                value = valueStart..<index
                index += 1
            } else {
                let valueStart = index
                while index < html.count, !isSpace(html[index]), html[index] != UInt8(ascii: ">") { index += 1 }
                value = valueStart..<index
            }
            if let attribute = classify(html, tag: tag, name: name) {
                found(attribute, String(decoding: UnsafeBufferPointer(rebasing: html[value]), as: UTF8.self))
            }
        }
        return index
    }

    private static func classify(_ html: UnsafeBufferPointer<UInt8>, tag: Range<Int>, name: Range<Int>) -> Attribute? {
        func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
            guard range.count == text.utf8CodeUnitCount else { return false }
            return text.withUTF8Buffer { expected in
                zip(html[range], expected).allSatisfy { lowercasedASCII($0) == $1 }
            }
        }
        if equals(name, "id") { return .id }
        if equals(name, "name"), equals(tag, "a") { return .anchorName }
        if equals(name, "href"), equals(tag, "a") || equals(tag, "area") { return .href }
        if equals(name, "src"), equals(tag, "img") || equals(tag, "source") { return .imageSource }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowercasedASCII(byte))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
