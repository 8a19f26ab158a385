/// A template syntax error at a byte offset of the template.
struct TemplateSyntaxError: Error, Equatable {
    let message: String
    let offset: Int
}

/// Compiles Mustache source into `TemplateNode`s.
///
/// The loop follows swift-mustache's parser step by step (including its handling of standalone
/// lines, partial indentation and block indentation), so themes render byte for byte as they did
/// with it, but works on UTF-8 bytes instead of `Character`s.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ bytes: [UInt8]) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(bytes: bytes)
        return try parser.parse(State())
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// What the loop needs to know about the section being parsed.
    private struct State {
        /// Name and transforms of the open section (`nil` at the top level).
        var sectionName: String?
        var sectionTransforms: [String] = []
        /// Offset of the open section's tag, for "never closed".
        var sectionOffset = 0
        /// At the start of a line (or right after a standalone tag): leading blanks may belong to
        /// a standalone tag.
        var newLine = true
        /// Inside `{{<parent}}…{{/parent}}`, and directly at its level (where only blocks belong).
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        /// Indentation of the first line of a block override, removed from the lines after it.
        var partialDefinitionIndent: Int?
        var startDelimiter: [UInt8] = Array("{{".utf8)
        var endDelimiter: [UInt8] = Array("}}".utf8)

        func inSection(_ name: String, newLine: Bool, transforms: [String] = [], offset: Int) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.sectionOffset = offset
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func inInheritance(_ name: String, offset: Int) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.sectionOffset = offset
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }

        func withDelimiters(start: [UInt8], end: [UInt8]) -> State {
            var state = self
            state.startDelimiter = start
            state.endDelimiter = end
            state.isPartialDefinitionTopLevel = false
            return state
        }
    }

    // MARK: - The loop

    private mutating func parse(_ initialState: State) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initialState
        var whiteSpaceBefore: [UInt8] = []
        while position < bytes.count {
            if state.newLine {
                let whiteSpace = readBlanks()
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = Array(whiteSpace)
                }
            }
            let text = readUntilDelimiterOrNewline(state)
            let newline = newlineLength(at: position)
            if newline > 0 {
                nodes.append(.text(whiteSpaceBefore + text + bytes[position..<position + newline]))
                state.newLine = true
                position += newline
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            guard position < bytes.count else { break }

            let tagOffset = position - state.startDelimiter.count
            var setNewLine = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let (name, transforms) = try parseName(state, tagOffset: tagOffset)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let body = try parse(state.inSection(name, newLine: setNewLine, transforms: transforms, offset: tagOffset))
                let templateName = TemplateName(name, transforms: transforms)
                nodes.append(inverted ? .invertedSection(templateName, body: body) : .section(templateName, body: body))

            case UInt8(ascii: "/"):
                position += 1
                let (name, transforms) = try parseName(state, tagOffset: tagOffset)
                guard let open = state.sectionName else {
                    throw TemplateSyntaxError(message: "closing tag '{{/\(Self.display(name, transforms))}}' without an open section",
                                              offset: tagOffset)
                }
                guard name == open, transforms == state.sectionTransforms else {
                    throw TemplateSyntaxError(
                        message: "closing tag '{{/\(Self.display(name, transforms))}}' does not match the open section "
                            + "'\(Self.display(open, state.sectionTransforms))'",
                        offset: tagOffset)
                }
                if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                return nodes

            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(state.endDelimiter, from: position) else {
                    throw TemplateSyntaxError(message: "comment is never closed", offset: tagOffset)
                }
                position = end + state.endDelimiter.count
                setNewLine = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                position += 1
                let (name, transforms) = try parseName(state, tagOffset: tagOffset)
                if triple {
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                        throw TemplateSyntaxError(message: "unfinished tag: '{{{' needs '}}}'", offset: tagOffset)
                    }
                    position += 1
                }
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: false))

            case UInt8(ascii: ">"):
                position += 1
                skipWhitespace()
                var dynamic = false
                if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
                    position += 1
                    dynamic = true
                }
                let name = try parsePartialName(state, tagOffset: tagOffset)
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                let standalone = isStandalone(state)
                setNewLine = standalone
                nodes.append(.partial(PartialCall(
                    name: name, dynamicName: dynamic ? TemplateName(name, transforms: []) : nil,
                    indentation: standalone ? whiteSpaceBefore : [], overrides: nil, offset: tagOffset)))
                whiteSpaceBefore = []

            case UInt8(ascii: "<"):
                position += 1
                skipWhitespace()
                let sectionName = try parsePartialName(state, tagOffset: tagOffset)
                let dynamic = sectionName.hasPrefix("*")
                let name = dynamic ? String(sectionName.dropFirst()) : sectionName
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                setNewLine = isStandalone(state)
                let body = try parse(state.inInheritance(sectionName, offset: tagOffset))
                var overrides: [String: [TemplateNode]] = [:]
                for node in body {
                    switch node {
                    case .blockDefinition(let block, let blockBody):
                        overrides[block] = blockBody
                    case .text:
                        break
                    default:
                        throw TemplateSyntaxError(
                            message: "only blocks ({{$name}}…{{/name}}) are allowed inside an inheritance section",
                            offset: tagOffset)
                    }
                }
                nodes.append(.partial(PartialCall(
                    name: name, dynamicName: dynamic ? TemplateName(name, transforms: []) : nil,
                    indentation: whiteSpaceBefore, overrides: overrides, offset: tagOffset)))
                whiteSpaceBefore = []

            case UInt8(ascii: "$"):
                position += 1
                let (name, transforms) = try parseName(state, tagOffset: tagOffset)
                guard transforms.isEmpty else {
                    throw TemplateSyntaxError(message: "a transform cannot be applied to a block", offset: tagOffset)
                }
                if state.isPartialDefinitionTopLevel {
                    setNewLine = isStandalone(state)
                    let body = try parse(state.inSection(name, newLine: setNewLine, offset: tagOffset))
                    nodes.append(.blockDefinition(name, body: body))
                } else {
                    if !whiteSpaceBefore.isEmpty {
                        nodes.append(.text(whiteSpaceBefore))
                    }
                    setNewLine = isStandalone(state)
                    let body = try parse(state.inSection(name, newLine: setNewLine, offset: tagOffset))
                    nodes.append(.block(name, body: body, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = []
                }

            case UInt8(ascii: "="):
                position += 1
                state = try parseSetDelimiter(state, tagOffset: tagOffset)
                setNewLine = isStandalone(state)

            case UInt8(ascii: "%"):
                position += 1
                nodes.append(try parsePragma(state, tagOffset: tagOffset))
                setNewLine = isStandalone(state)

            default:
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let (name, transforms) = try parseName(state, tagOffset: tagOffset)
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            throw TemplateSyntaxError(message: "section '\(Self.display(open, state.sectionTransforms))' is never closed",
                                      offset: state.sectionOffset)
        }
        return nodes
    }

    // MARK: - Text

    /// Text up to a newline (left unread) or the start delimiter (consumed), or to the end.
    private mutating func readUntilDelimiterOrNewline(_ state: State) -> ArraySlice<UInt8> {
        let start = position
        let delimiter = state.startDelimiter
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                break
            }
            if byte == UInt8(ascii: "\r"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\n") {
                break
            }
            if byte == delimiter[0], matches(delimiter, at: position) {
                let text = bytes[start..<position]
                position += delimiter.count
                return text
            }
            position += 1
        }
        return bytes[start..<position]
    }

    /// Spaces and tabs at the current position.
    private mutating func readBlanks() -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
        return bytes[start..<position]
    }

    /// A tag is standalone when it started a line (after blanks) and only blanks follow it up to
    /// the end of the line, which is then consumed with it.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if position >= bytes.count { return true }
        var cursor = position
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") {
            cursor += 1
        }
        let newline = newlineLength(at: cursor)
        guard newline > 0 else { return false }
        position = cursor + newline
        return true
    }

    // MARK: - Tag contents

    /// `name`, `a.b`, `first()`, `reversed(items)` up to and including the end delimiter.
    private mutating func parseName(_ state: State, tagOffset: Int) throws(TemplateSyntaxError) -> (String, [String]) {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position], brackets: true) { position += 1 }
        let text = bytes[start..<position]
        try expectEndDelimiter(state, tagOffset: tagOffset)
        return try Self.splitTransforms(text, tagOffset: tagOffset)
    }

    /// `reversed(items)` → `("items", ["reversed"])`; `first()` → `("", ["first"])`.
    private static func splitTransforms(_ text: ArraySlice<UInt8>, tagOffset: Int) throws(TemplateSyntaxError) -> (String, [String]) {
        let unfinished = TemplateSyntaxError(message: "unfinished tag: malformed transform '\(String(decoding: text, as: UTF8.self))'",
                                             offset: tagOffset)
        var cursor = text.startIndex
        func readName() -> String {
            let start = cursor
            while cursor < text.endIndex, isNameByte(text[cursor], brackets: false) { cursor += 1 }
            return String(decoding: text[start..<cursor], as: UTF8.self)
        }
        var transforms = [readName()]
        if cursor == text.endIndex { return (transforms[0], []) }
        while true {
            guard cursor < text.endIndex, text[cursor] == UInt8(ascii: "(") else { throw unfinished }
            cursor += 1
            let name = readName()
            guard cursor < text.endIndex else { throw unfinished }
            if text[cursor] == UInt8(ascii: "(") {
                transforms.append(name)
                continue
            }
            guard text[cursor] == UInt8(ascii: ")") else { throw unfinished }
            var closing = 0
            while cursor < text.endIndex, text[cursor] == UInt8(ascii: ")") {
                closing += 1
                cursor += 1
            }
            guard closing == transforms.count, cursor == text.endIndex else { throw unfinished }
            return (name, transforms)
        }
    }

    private mutating func parsePartialName(_ state: State, tagOffset: Int) throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.isPartialNameByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        try expectEndDelimiter(state, tagOffset: tagOffset)
        return name
    }

    private mutating func expectEndDelimiter(_ state: State, tagOffset: Int) throws(TemplateSyntaxError) {
        skipWhitespace()
        guard matches(state.endDelimiter, at: position) else {
            throw TemplateSyntaxError(
                message: "unfinished tag: expected '\(String(decoding: state.endDelimiter, as: UTF8.self))'", offset: tagOffset)
        }
        position += state.endDelimiter.count
    }

    /// `{{=<% %>=}}`
    private mutating func parseSetDelimiter(_ state: State, tagOffset: Int) throws(TemplateSyntaxError) -> State {
        let invalid = TemplateSyntaxError(message: "invalid set-delimiter tag", offset: tagOffset)
        skipWhitespace()
        let startBegin = position
        while position < bytes.count, whitespaceLength(at: position) == 0 { position += 1 }
        guard position < bytes.count else { throw invalid }
        let start = Array(bytes[startBegin..<position])
        skipWhitespace()
        let endBegin = position
        while position < bytes.count, whitespaceLength(at: position) == 0, bytes[position] != UInt8(ascii: "=") { position += 1 }
        guard position < bytes.count else { throw invalid }
        let end = Array(bytes[endBegin..<position])
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw invalid }
        position += 1
        guard matches(state.endDelimiter, at: position) else { throw invalid }
        position += state.endDelimiter.count
        guard !start.isEmpty, !end.isEmpty else { throw invalid }
        return state.withDelimiters(start: start, end: end)
    }

    /// `{{%CONTENT_TYPE:TEXT}}` or `{{%CONTENT_TYPE:HTML}}`, the only pragma swift-mustache knows.
    private mutating func parsePragma(_ state: State, tagOffset: Int) throws(TemplateSyntaxError) -> TemplateNode {
        let invalid = TemplateSyntaxError(message: "invalid pragma tag", offset: tagOffset)
        func word() -> String {
            let start = position
            while position < bytes.count, Self.isNameByte(bytes[position], brackets: false) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
        skipWhitespace()
        let variable = word()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw invalid }
        position += 1
        skipWhitespace()
        let value = word()
        skipWhitespace()
        guard matches(state.endDelimiter, at: position) else { throw invalid }
        position += state.endDelimiter.count
        guard !variable.isEmpty, !value.isEmpty else { throw invalid }
        switch (variable, value) {
        case ("CONTENT_TYPE", "HTML"): return .contentType(escapesHTML: true)
        case ("CONTENT_TYPE", "TEXT"): return .contentType(escapesHTML: false)
        default: throw TemplateSyntaxError(message: "unknown pragma '\(variable):\(value)'", offset: tagOffset)
        }
    }

    // MARK: - Bytes

    private func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset + pattern.count <= bytes.count else { return false }
        for index in pattern.indices where bytes[offset + index] != pattern[index] { return false }
        return true
    }

    private func find(_ pattern: [UInt8], from offset: Int) -> Int? {
        var cursor = offset
        while cursor + pattern.count <= bytes.count {
            if matches(pattern, at: cursor) { return cursor }
            cursor += 1
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            let length = whitespaceLength(at: position)
            guard length > 0 else { return }
            position += length
        }
    }

    /// Length of the line break at `offset` (0 if none), for what Swift's `Character.isNewline`
    /// accepts: LF, CR LF, CR, VT, FF, NEL, LS, PS.
    private func newlineLength(at offset: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        switch bytes[offset] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? 2 : 1
        case 0xC2: return offset + 1 < bytes.count && bytes[offset + 1] == 0x85 ? 2 : 0
        case 0xE2:
            guard offset + 2 < bytes.count, bytes[offset + 1] == 0x80 else { return 0 }
            return bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9 ? 3 : 0
        default: return 0
        }
    }

    /// Length of the white space character at `offset` (0 if none), for what Swift's
    /// `Character.isWhitespace` accepts.
    private func whitespaceLength(at offset: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        let byte = bytes[offset]
        switch byte {
        case 0x09...0x0D, 0x20:
            return byte == 0x0D && offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? 2 : 1
        case 0xC2:
            guard offset + 1 < bytes.count else { return 0 }
            return bytes[offset + 1] == 0x85 || bytes[offset + 1] == 0xA0 ? 2 : 0
        case 0xE1:
            return offset + 2 < bytes.count && bytes[offset + 1] == 0x9A && bytes[offset + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard offset + 2 < bytes.count else { return 0 }
            let second = bytes[offset + 1], third = bytes[offset + 2]
            if second == 0x80, third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            return offset + 2 < bytes.count && bytes[offset + 1] == 0x80 && bytes[offset + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// `[0-9A-Za-z._?*-]`, plus `(` and `)` for transforms.
    private static func isNameByte(_ byte: UInt8, brackets: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "("), UInt8(ascii: ")"):
            return brackets
        default:
            return false
        }
    }

    /// Name characters plus `/` (`partials/header`) and brackets.
    private static func isPartialNameByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || isNameByte(byte, brackets: true)
    }

    /// `items`, `first()`, `first(reversed(items))`, as written in the tag.
    private static func display(_ name: String, _ transforms: [String]) -> String {
        transforms.map { "\($0)(" }.joined() + name + String(repeating: ")", count: transforms.count)
    }
}
