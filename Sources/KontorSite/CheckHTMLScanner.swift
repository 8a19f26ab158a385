extension SiteChecker {
    /// One URL-carrying attribute found in a page (`href`, `src`, `srcset`, `poster`, `action`).
    struct Reference: Sendable, Hashable {
        /// Lower-cased tag name, e.g. `a`, `img`, `link`.
        var tag: String
        /// Lower-cased attribute name.
        var attribute: String
        /// Attribute value with character references decoded.
        var value: String
        /// `rel` of the same tag (lower-cased), needed to tell a stylesheet `<link>` from a canonical one.
        var rel: String
        /// `data-root` of the same tag: the search script's way to find the site root.
        var dataRoot: String = ""
        /// 1-based position of the attribute name in the file.
        var line: Int
        var column: Int
    }

    /// What the checker needs to know about one HTML page.
    struct ScannedPage: Sendable {
        /// Every `id="…"` and every `<a name="…">`: the valid fragment targets of the page.
        var anchors: Set<String> = []
        var references: [Reference] = []
    }

    /// A byte-level HTML tag scanner: finds start tags and their attributes, skips comments and the
    /// raw text of `<script>`, `<style>`, `<textarea>` and `<title>`. It is not a full HTML parser,
    /// but the generator writes well-formed HTML and a scan over 10,000 pages must stay linear.
    struct HTMLScanner {
        private static let attributesOfInterest: Set<String> = ["id", "name", "href", "src", "srcset", "poster", "rel", "data-root", "action"]
        private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

        static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> ScannedPage {
            var page = ScannedPage()
            var pending: [(offset: Int, reference: Reference)] = []
            var index = 0
            let count = bytes.count
            while index < count {
                guard let open = find(UInt8(ascii: "<"), in: bytes, from: index) else { break }
                index = open + 1
                guard index < count else { break }
                let next = bytes[index]
                if next == UInt8(ascii: "!") {
                    index = skipMarkupDeclaration(bytes, from: index + 1)
                } else if next == UInt8(ascii: "/") || next == UInt8(ascii: "?") {
                    index = (find(UInt8(ascii: ">"), in: bytes, from: index) ?? count - 1) + 1
                } else if isASCIILetter(next) {
                    let tag = parseStartTag(bytes, from: index)
                    index = tag.end
                    collect(tag, into: &page, pending: &pending)
                    if Self.rawTextElements.contains(tag.name) {
                        index = skipRawText(bytes, from: index, closing: tag.name)
                    }
                }
            }
            page.references = positioned(pending, in: bytes)
            return page
        }

        // MARK: tags and attributes

        struct Attribute {
            var name: String
            var value: String
            var offset: Int
        }

        struct StartTag {
            var name: String
            var attributes: [Attribute]
            var end: Int
        }

        private static func collect(_ tag: StartTag, into page: inout ScannedPage,
                                    pending: inout [(offset: Int, reference: Reference)]) {
            let rel = tag.attributes.first { $0.name == "rel" }?.value.lowercased() ?? ""
            let dataRoot = tag.attributes.first { $0.name == "data-root" }?.value ?? ""
            for attribute in tag.attributes {
                switch attribute.name {
                case "id":
                    page.anchors.insert(attribute.value)
                case "name" where tag.name == "a":
                    page.anchors.insert(attribute.value)
                case "href", "src", "srcset", "poster", "action":
                    let reference = Reference(tag: tag.name, attribute: attribute.name, value: attribute.value,
                                              rel: rel, dataRoot: dataRoot, line: 0, column: 0)
                    pending.append((attribute.offset, reference))
                default:
                    break
                }
            }
        }

        static func parseStartTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> StartTag {
            let count = bytes.count
            var index = start
            while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") {
                index += 1
            }
            let name = lowercasedString(bytes, start..<index)
            var attributes: [Attribute] = []
            while index < count {
                while index < count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
                guard index < count, bytes[index] != UInt8(ascii: ">") else { break }
                let nameStart = index
                while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                      bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") || index == nameStart {
                    index += 1
                }
                let nameRange = nameStart..<index
                while index < count, isSpace(bytes[index]) { index += 1 }
                var valueRange = index..<index
                if index < count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    while index < count, isSpace(bytes[index]) { index += 1 }
                    if index < count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                        let quote = bytes[index]
                        let valueEnd = find(quote, in: bytes, from: index + 1) ?? count
                        valueRange = (index + 1)..<valueEnd
                        index = min(valueEnd + 1, count)
                    } else {
                        let valueStart = index
                        while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                        valueRange = valueStart..<index
                    }
                }
                if nameRange.count <= 9 {
                    let attributeName = lowercasedString(bytes, nameRange)
                    if attributesOfInterest.contains(attributeName) {
                        let value = decodeCharacterReferences(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueRange]), as: UTF8.self))
                        attributes.append(Attribute(name: attributeName, value: value, offset: nameStart))
                    }
                }
            }
            return StartTag(name: name, attributes: attributes, end: min(index + 1, count))
        }

        // MARK: skipping

        /// After `<!`: a comment runs to `-->`, anything else (doctype, CDATA) to the next `>`.
        private static func skipMarkupDeclaration(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            let count = bytes.count
            if start + 1 < count, bytes[start] == UInt8(ascii: "-"), bytes[start + 1] == UInt8(ascii: "-") {
                var index = start + 2
                while let dash = find(UInt8(ascii: "-"), in: bytes, from: index) {
                    if dash + 2 < count, bytes[dash + 1] == UInt8(ascii: "-"), bytes[dash + 2] == UInt8(ascii: ">") {
                        return dash + 3
                    }
                    index = dash + 1
                }
                return count
            }
            return (find(UInt8(ascii: ">"), in: bytes, from: start) ?? count - 1) + 1
        }

        /// Skips to just before `</name` (case-insensitive), so that markup inside scripts is not read as tags.
        private static func skipRawText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, closing name: String) -> Int {
            let nameBytes = Array(name.utf8)
            let count = bytes.count
            var index = start
            while let open = find(UInt8(ascii: "<"), in: bytes, from: index) {
                if open + 1 + nameBytes.count < count, bytes[open + 1] == UInt8(ascii: "/") {
                    var matches = true
                    for (offset, expected) in nameBytes.enumerated() where bytes[open + 2 + offset] | 0x20 != expected {
                        matches = false
                        break
                    }
                    if matches { return open }
                }
                index = open + 1
            }
            return count
        }

        // MARK: positions

        /// Turns byte offsets (found in increasing order) into 1-based line and column in one forward pass.
        /// Columns count Unicode scalars, not bytes, so umlauts before an attribute do not shift it.
        private static func positioned(_ pending: [(offset: Int, reference: Reference)],
                                       in bytes: UnsafeBufferPointer<UInt8>) -> [Reference] {
            var result: [Reference] = []
            result.reserveCapacity(pending.count)
            var line = 1
            var column = 1
            var index = 0
            for (offset, reference) in pending {
                while index < offset {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\n") {
                        line += 1
                        column = 1
                    } else if byte & 0xC0 != 0x80 {
                        column += 1
                    }
                    index += 1
                }
                var positionedReference = reference
                positionedReference.line = line
                positionedReference.column = column
                result.append(positionedReference)
            }
            return result
        }

        // MARK: bytes

        static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            var index = start
            let count = bytes.count
            while index < count {
                if bytes[index] == byte { return index }
                index += 1
            }
            return nil
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
        }

        static func isASCIILetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }

        private static func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
            String(unsafeUninitializedCapacity: range.count) { buffer in
                for (offset, index) in range.enumerated() {
                    let byte = bytes[index]
                    buffer[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                }
                return range.count
            }
        }

        /// Decodes the character references that occur in URLs and ids: the named basics and numeric ones.
        static func decodeCharacterReferences(_ text: String) -> String {
            guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
            var result = ""
            var rest = Substring(text)
            while let ampersand = rest.firstIndex(of: "&") {
                result += rest[..<ampersand]
                let afterAmpersand = rest.index(after: ampersand)
                guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";") else {
                    result += "&"
                    rest = rest[afterAmpersand...]
                    continue
                }
                let entity = rest[afterAmpersand..<semicolon]
                if let decoded = decodeEntity(entity) {
                    result += decoded
                    rest = rest[rest.index(after: semicolon)...]
                } else {
                    result += "&"
                    rest = rest[afterAmpersand...]
                }
            }
            result += rest
            return result
        }

        private static func decodeEntity(_ entity: Substring) -> String? {
            switch entity {
            case "amp": return "&"
            case "lt": return "<"
            case "gt": return ">"
            case "quot": return "\""
            case "apos": return "'"
            default:
                guard entity.first == "#" else { return nil }
                let digits = entity.dropFirst()
                let scalarValue: UInt32?
                if digits.first == "x" || digits.first == "X" {
                    scalarValue = UInt32(digits.dropFirst(), radix: 16)
                } else {
                    scalarValue = UInt32(digits, radix: 10)
                }
                return scalarValue.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
        }
    }
}
