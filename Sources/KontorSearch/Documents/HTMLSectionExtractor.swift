/// A byte-level scanner from rendered body HTML to `SearchSection`s. It is not a full HTML
/// parser: it understands exactly what the renderer emits (tags, attributes in quotes,
/// comments, entities) and degrades to plain text on anything else.
enum HTMLSectionExtractor {
    static func sections(_ html: [UInt8]) -> [SearchSection] {
        var scanner = Scanner(html: html)
        scanner.run()
        return scanner.finish()
    }

    /// Elements whose content is never text (or is indexed elsewhere, like the page's `<h1>`).
    static let skippedElements: Set<String> = ["script", "style", "template", "noscript", "h1", "svg", "button"]
    /// Inline elements: their tags do not separate words ("Abo<em>nn</em>ement").
    static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    ]
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    private struct Scanner {
        let html: [UInt8]
        var index = 0
        var sections: [SearchSection] = []
        var anchor: String?
        var heading: [UInt8] = []
        var text: [UInt8] = []
        var headingLevel: String?

        init(html: [UInt8]) { self.html = html }

        mutating func run() {
            while index < html.count {
                let byte = html[index]
                if byte == UInt8(ascii: "<") {
                    readMarkup()
                } else if byte == UInt8(ascii: "&") {
                    append(decodeEntity())
                } else {
                    // Copy the whole run of text up to the next tag or entity at once.
                    let end = html.withUnsafeBufferPointer { bytes in
                        var end = index + 1
                        while end < bytes.count && bytes[end] != UInt8(ascii: "<") && bytes[end] != UInt8(ascii: "&") { end += 1 }
                        return end
                    }
                    append(html[index..<end])
                    index = end
                }
            }
        }

        mutating func finish() -> [SearchSection] {
            closeSection()
            return sections
        }

        private mutating func append(_ byte: UInt8) {
            if headingLevel != nil { heading.append(byte) } else { text.append(byte) }
        }

        private mutating func append(_ bytes: [UInt8]) {
            if headingLevel != nil { heading.append(contentsOf: bytes) } else { text.append(contentsOf: bytes) }
        }

        private mutating func append(_ bytes: ArraySlice<UInt8>) {
            if headingLevel != nil { heading.append(contentsOf: bytes) } else { text.append(contentsOf: bytes) }
        }

        private mutating func closeSection() {
            let headingText = collapseWhitespace(heading)
            let bodyText = collapseWhitespace(text)
            if anchor != nil || !headingText.isEmpty || !bodyText.isEmpty {
                sections.append(SearchSection(anchor: anchor, heading: headingText, text: bodyText))
            }
            anchor = nil
            heading = []
            text = []
        }

        private mutating func readMarkup() {
            if hasPrefix("<!--") {
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

        private mutating func handleEndTag(_ name: String) {
            if name == headingLevel {
                headingLevel = nil
            } else if !HTMLSectionExtractor.inlineElements.contains(name) {
                append(UInt8(ascii: " "))
            }
        }

        private mutating func handleStartTag(_ tag: TagReader) {
            let name = tag.name
            if HTMLSectionExtractor.skippedElements.contains(name) || (tag.ariaHidden && !tag.selfClosing
                && !HTMLSectionExtractor.voidElements.contains(name)) {
                skipElement(name)
                return
            }
            if (name == "h2" || name == "h3") && headingLevel == nil {
                closeSection()
                anchor = tag.id
                headingLevel = name
                return
            }
            if !HTMLSectionExtractor.inlineElements.contains(name) { append(UInt8(ascii: " ")) }
        }

        /// Skips to the end tag matching `name`, counting nested elements of the same name.
        private mutating func skipElement(_ name: String) {
            let isRawText = name == "script" || name == "style"
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
                guard tag.name == name else { continue }
                if isEnd {
                    depth -= 1
                    if depth == 0 { return }
                } else if !isRawText && !tag.selfClosing {
                    depth += 1
                }
            }
        }

        private mutating func decodeEntity() -> [UInt8] {
            // Longest entity we decode is short; an unterminated '&' is literal text.
            var end = index + 1
            while end < html.count, end - index <= 10, html[end] != UInt8(ascii: ";"),
                  isASCIILetter(html[end]) || isASCIIDigit(html[end]) || html[end] == UInt8(ascii: "#") {
                end += 1
            }
            guard end < html.count, html[end] == UInt8(ascii: ";") else {
                index += 1
                return [UInt8(ascii: "&")]
            }
            let name = String(decoding: html[(index + 1)..<end], as: UTF8.self)
            guard let decoded = HTMLEntities.decode(name) else {
                index += 1
                return [UInt8(ascii: "&")]
            }
            index = end + 1
            return decoded
        }

        private func hasPrefix(_ prefix: String) -> Bool {
            let bytes = Array(prefix.utf8)
            guard index + bytes.count <= html.count else { return false }
            return html[index..<(index + bytes.count)].elementsEqual(bytes)
        }

        private func find(_ needle: String, from start: Int) -> Int? {
            let bytes = Array(needle.utf8)
            guard let first = bytes.first else { return nil }
            var position = start
            while position + bytes.count <= html.count {
                if html[position] == first && html[position..<(position + bytes.count)].elementsEqual(bytes) {
                    return position
                }
                position += 1
            }
            return nil
        }
    }

    /// Reads a tag name and its attributes up to the closing '>' (quotes respected).
    private struct TagReader {
        let html: [UInt8]
        let start: Int
        var end = 0
        var name = ""
        var id: String?
        var ariaHidden = false
        var selfClosing = false

        init(html: [UInt8], start: Int) {
            self.html = html
            self.start = start
        }

        mutating func read() {
            var position = start
            while position < html.count, isNameByte(html[position]) { position += 1 }
            name = String(decoding: html[start..<position], as: UTF8.self).lowercased()
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
            let attribute = String(decoding: html[start..<position], as: UTF8.self).lowercased()
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
            if attribute == "id" {
                id = String(decoding: HTMLEntities.decodeAll(Array(value)), as: UTF8.self)
            } else if attribute == "aria-hidden" {
                ariaHidden = value.elementsEqual("true".utf8)
            }
            return position
        }
    }
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
        String(unsafeUninitializedCapacity: input.count) { output in
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
    }
}
