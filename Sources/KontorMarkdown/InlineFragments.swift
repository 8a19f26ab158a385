import CMark

/// Text that cmark has to parse as inline content on its own: table cells, paragraph parts
/// around block directives, paragraphs with inline directives. All fragments of one paragraph
/// go through a single cmark parse, one paragraph ("unit") each.
///
/// Every unit starts with a no-break space so that its first line can never start a block
/// (`1. …`, `# …`, `---` in a table cell stay text) while emphasis still sees a word start;
/// the space is removed again after parsing. Inline directives are replaced by private-use
/// placeholders that cmark passes through as plain text.
struct InlineFragments {
    private(set) var bytes: [UInt8] = []
    private(set) var unitCount = 0
    /// Directives in placeholder order, with their original text (restored inside code spans)
    /// and the line they were written on.
    private(set) var directives: [(directive: Directive, original: String, line: Int)] = []

    static let noBreakSpace: [UInt8] = [0xC2, 0xA0]
    static let placeholderOpen: [UInt8] = [0xEE, 0x80, 0x80]   // U+E000
    static let placeholderClose: [UInt8] = [0xEE, 0x80, 0x81]  // U+E001

    /// Adds one unit; returns its index.
    @discardableResult
    mutating func addUnit(_ lines: [ArraySlice<UInt8>], firstLine: Int) -> Int {
        bytes.append(contentsOf: Self.noBreakSpace)
        for (offset, line) in lines.enumerated() {
            appendReplacingDirectives(line, line: firstLine + offset)
            bytes.append(UInt8(ascii: "\n"))
        }
        bytes.append(UInt8(ascii: "\n"))
        unitCount += 1
        return unitCount - 1
    }

    private mutating func appendReplacingDirectives(_ line: ArraySlice<UInt8>, line number: Int) {
        var index = line.startIndex
        var copied = index
        while index < line.endIndex {
            guard DirectiveParser.mayStart(line, at: index), let (directive, end) = DirectiveParser.parse(line, at: index),
                  !isBlockOnly(directive)
            else {
                index += 1
                continue
            }
            bytes.append(contentsOf: line[copied..<index])
            bytes.append(contentsOf: Self.placeholderOpen)
            bytes.append(contentsOf: String(directives.count).utf8)
            bytes.append(contentsOf: Self.placeholderClose)
            directives.append((directive, String(decoding: line[index..<end], as: UTF8.self), number))
            index = end
            copied = end
        }
        bytes.append(contentsOf: line[copied..<line.endIndex])
    }

    private func isBlockOnly(_ directive: Directive) -> Bool {
        if case .imageEnd = directive { return true }
        return false
    }

    /// Parses all units; returns one paragraph per unit (still inside `document`), without the
    /// leading no-break space, or nil if cmark did not give one paragraph per unit.
    func parse(into document: CMarkNode) -> [CMarkNode]? {
        let paragraphs = document.children
        guard paragraphs.count == unitCount, paragraphs.allSatisfy({ $0.type == CMARK_NODE_PARAGRAPH }) else { return nil }
        for paragraph in paragraphs { Self.removeLeadingNoBreakSpace(paragraph) }
        return paragraphs
    }

    private static func removeLeadingNoBreakSpace(_ paragraph: CMarkNode) {
        guard let first = paragraph.firstChild, first.type == CMARK_NODE_TEXT, let text = first.literal,
              text.unicodeScalars.first == "\u{00A0}"
        else { return }
        let rest = String(text.unicodeScalars.dropFirst())
        if rest.isEmpty { first.delete() } else { first.literal = rest }
    }

    /// Replaces the placeholders below `root` by the nodes `expand` makes for each directive;
    /// inside code spans the directive's original text is restored.
    func expandPlaceholders(in root: CMarkNode, _ expand: (Int) -> [CMarkNode]) {
        guard !directives.isEmpty else { return }
        var stack = root.children
        while let node = stack.popLast() {
            switch node.type {
            case CMARK_NODE_TEXT:
                guard let text = node.literal, text.unicodeScalars.contains("\u{E000}") else { continue }
                for piece in Self.pieces(of: text) {
                    switch piece {
                    case .text(let literal): node.insertBefore(.text(literal))
                    case .directive(let index):
                        for expanded in expand(index) { node.insertBefore(expanded) }
                    }
                }
                node.delete()
            case CMARK_NODE_CODE:
                guard let text = node.literal, text.unicodeScalars.contains("\u{E000}") else { continue }
                node.literal = Self.pieces(of: text).map { piece in
                    switch piece {
                    case .text(let literal): return literal
                    case .directive(let index): return directives[index].original
                    }
                }.joined()
            default:
                stack.append(contentsOf: node.children)
            }
        }
    }

    private enum Piece { case text(String), directive(Int) }

    private static func pieces(of text: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "\u{E000}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "\u{E001}"), let index = Int(rest[afterOpen..<close]) else {
                pieces.append(.text(String(rest[open...])))
                return pieces
            }
            pieces.append(.directive(index))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }
}
