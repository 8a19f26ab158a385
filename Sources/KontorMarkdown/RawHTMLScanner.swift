/// Reads the attributes of author-written raw HTML (the real guides use HTML tables and
/// `<a name>` anchors) so that its ids, links and images are known to the link checker.
/// It is a tolerant tag scanner, not an HTML parser: the HTML itself passes through unchanged.
enum RawHTMLScanner {
    struct Attribute {
        var tag: String
        var name: String
        var value: String
    }

    static func attributes(in html: String) -> [Attribute] {
        let bytes = Array(html.utf8)
        var result: [Attribute] = []
        var index = 0
        while let open = nextTagStart(bytes, from: index) {
            index = scanTag(bytes, at: open, into: &result)
        }
        return result
    }

    private static func nextTagStart(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), isLetter(bytes[index + 1]) { return index }
            index += 1
        }
        return nil
    }

    /// Scans one start tag at `open` (`<`), returns the index after it.
    private static func scanTag(_ bytes: [UInt8], at open: Int, into result: inout [Attribute]) -> Int {
        var index = open + 1
        let nameStart = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        let tag = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        while index < bytes.count {
            while index < bytes.count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < bytes.count, bytes[index] != UInt8(ascii: ">") else { return index + 1 }
            let attributeStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                  bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") {
                index += 1
            }
            let name = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                if index == attributeStart { index += 1 }
                continue
            }
            index += 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            let value: Range<Int>
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let quote = bytes[index]
                let valueStart = index + 1
                index = valueStart
                while index < bytes.count, bytes[index] != quote { index += 1 }
                value = valueStart..<index
                index += 1
            } else {
                let valueStart = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                value = valueStart..<index
            }
            result.append(Attribute(tag: tag, name: name, value: String(decoding: bytes[value], as: UTF8.self)))
        }
        return index
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
