import CMark
import Foundation
import KontorDiagnostics

/// One Markdown file taking part in a page: the page itself, an included file, or text cut
/// out of a file and parsed again (an alert body).
struct SourceFile {
    /// Content path, for diagnostics and include resolution.
    var path: String
    var directory: String
    var source: SourceText
    /// Lines of the file before `source` starts (front matter, text before an alert body).
    var lineOffset: Int
    /// The include chain that led here, page first, to name cycles.
    var chain: [String]

    func fileLine(_ sourceLine: Int) -> Int { sourceLine + lineOffset }
}

/// Applies the DocFX extensions to a cmark tree in one walk and collects what the page
/// defines and references. One instance renders one page, on one thread.
final class PageTransformer {
    let contentRoot: URL
    let options: MarkdownOptions
    let pagePath: String
    let rewriter: LinkRewriter

    var ids = IDRegistry()
    var headings: [Heading] = []
    var firstH1: String?
    var links = OrderedStrings()
    var assets = OrderedStrings()
    var includes = OrderedStrings()
    var diagnostics: [Diagnostic] = []

    /// Complex images waiting for their `:::image-end:::`, per walk (includes nest walks).
    private var openFigures: [(figure: CMarkNode, path: String, line: Int)] = []
    private var figureEnds: Set<CMarkNode> = []

    static let maximumIncludeDepth = 16

    init(contentRoot: URL, options: MarkdownOptions, pagePath: String) {
        self.contentRoot = contentRoot
        self.options = options
        self.pagePath = pagePath
        self.rewriter = LinkRewriter(pageDirectory: ContentPath.directory(of: pagePath), safe: options.safe)
    }

    // MARK: Walk

    /// A run of siblings still to visit. `raw` says whether paragraphs in it can be mapped
    /// back to `file.source` (false for nodes made from fragments).
    private struct Frame {
        var node: CMarkNode?
        var stop: CMarkNode?
        var raw: Bool
    }

    private struct Visit {
        /// The sibling to continue with.
        var resume: CMarkNode?
        /// A run to visit before `resume`, usually the children (no array: this is per node).
        var descend: Frame?
        /// Further runs, in order, visited after `descend` and before `resume`.
        var more: [Frame] = []
    }

    /// Transforms every node below `root` in document order, without recursion over the
    /// tree depth (pages render on worker threads with small stacks).
    func transform(root: CMarkNode, file: SourceFile) {
        let savedFigures = (openFigures, figureEnds)
        openFigures = []
        figureEnds = []
        var stack = [Frame(node: root.firstChild, stop: nil, raw: true)]
        while let frame = stack.popLast() {
            guard let node = frame.node, node != frame.stop else { continue }
            let visit = self.visit(node, raw: frame.raw, file: file)
            stack.append(Frame(node: visit.resume, stop: frame.stop, raw: frame.raw))
            stack.append(contentsOf: visit.more.reversed())
            if let descend = visit.descend { stack.append(descend) }
        }
        closeFigures()
        (openFigures, figureEnds) = savedFigures
    }

    private func visit(_ node: CMarkNode, raw: Bool, file: SourceFile) -> Visit {
        switch node.type {
        case CMARK_NODE_PARAGRAPH:
            return visitParagraph(node, raw: raw, file: file)
        case CMARK_NODE_BLOCK_QUOTE:
            return visitBlockQuote(node, raw: raw, file: file)
        case CMARK_NODE_HEADING:
            return visitHeading(node, raw: raw, file: file)
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            visitLink(node, file: file)
            return descending(node, raw: raw)
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            return visitRawHTML(node)
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_SOFTBREAK,
             CMARK_NODE_LINEBREAK, CMARK_NODE_THEMATIC_BREAK:
            return Visit(resume: node.next)
        default:
            return descending(node, raw: raw)
        }
    }

    private func descending(_ node: CMarkNode, raw: Bool) -> Visit {
        Visit(resume: node.next, descend: Frame(node: node.firstChild, stop: nil, raw: raw))
    }

    // MARK: Paragraphs: tables, block directives, includes, inline directives

    private func visitParagraph(_ node: CMarkNode, raw: Bool, file: SourceFile) -> Visit {
        guard raw else { return descending(node, raw: raw) }
        let source = file.source
        let ranges = source.blockLines(
            startLine: node.startLine, startColumn: node.startColumn, endLine: node.endLine, quoteDepth: quoteDepth(of: node))
        let triggers = Triggers(lines: ranges, in: source.bytes)
        guard triggers.pipe || triggers.directive else { return descending(node, raw: raw) }

        let lines = ranges.map { source.bytes[$0] }
        let firstLine = file.fileLine(node.startLine)
        let segments = ParagraphSegments.split(lines, tables: triggers.pipe, directives: triggers.directive)
        var fragments = InlineFragments()
        var plan: [PlannedBlock] = []
        for segment in segments {
            switch segment {
            case .text(let start, let count):
                plan.append(.paragraph(unit: fragments.addUnit(Array(lines[start..<(start + count)]), firstLine: firstLine + start)))
            case .table(let table, let line):
                let header = table.header.map { fragments.addUnit([$0[...]], firstLine: firstLine + line) }
                let rows = table.rows.enumerated().map { offset, row in
                    row.map { fragments.addUnit([$0[...]], firstLine: firstLine + line + 2 + offset) }
                }
                plan.append(.table(header: header, alignments: table.alignments, rows: rows))
            case .directive(let directive, let line):
                plan.append(.directive(directive, line: firstLine + line))
            }
        }
        if segments.count == 1, case .text = segments[0], fragments.directives.isEmpty {
            return descending(node, raw: raw)  // pipes or colons, but no table and no directive
        }
        let replacements = build(plan, fragments: fragments, file: file)
        let resume = node.next
        for replacement in replacements { node.insertBefore(replacement.node) }
        node.delete()
        let descend = replacements.filter(\.needsVisit).map { Frame(node: $0.node, stop: $0.node.next, raw: false) }
        return Visit(resume: resume, more: descend)
    }

    private enum PlannedBlock {
        case paragraph(unit: Int)
        case table(header: [Int], alignments: [PipeTable.Alignment], rows: [[Int]])
        case directive(Directive, line: Int)
    }

    private struct Replacement {
        var node: CMarkNode
        /// Nodes made from fragments still need their links and raw HTML handled; included
        /// content was transformed in its own walk.
        var needsVisit: Bool
    }

    private func build(_ plan: [PlannedBlock], fragments: InlineFragments, file: SourceFile) -> [Replacement] {
        var paragraphs: [CMarkNode] = []
        var fragmentDocument: CMarkNode?
        if fragments.unitCount > 0, let document = CMarkNode.parseDocument(fragments.bytes) {
            fragmentDocument = document
            paragraphs = fragments.parse(into: document) ?? []
            for paragraph in paragraphs {
                fragments.expandPlaceholders(in: paragraph) { index in
                    let entry = fragments.directives[index]
                    return inlineNodes(for: entry.directive, line: entry.line, file: file)
                }
            }
        }
        defer { fragmentDocument?.delete() }
        func unit(_ index: Int) -> CMarkNode? { index < paragraphs.count ? paragraphs[index] : nil }

        var result: [Replacement] = []
        for block in plan {
            switch block {
            case .paragraph(let index):
                guard let paragraph = unit(index) else { continue }
                paragraph.unlink()
                result.append(Replacement(node: paragraph, needsVisit: true))
            case .table(let header, let alignments, let rows):
                result.append(Replacement(node: tableNode(header: header, alignments: alignments, rows: rows, unit: unit), needsVisit: true))
            case .directive(let directive, let line):
                result += blockNodes(for: directive, line: line, file: file).map { Replacement(node: $0, needsVisit: false) }
            }
        }
        return result
    }

    /// A table as one custom block holding custom inlines for the cells, so cmark renders
    /// the cell content and the table markup comes out exactly like cmark-gfm's.
    private func tableNode(header: [Int], alignments: [PipeTable.Alignment], rows: [[Int]], unit: (Int) -> CMarkNode?) -> CMarkNode {
        let table = CMarkNode.customBlock(enter: "<table>\n<thead>\n<tr>", exit: "</table>")
        func appendCell(_ name: String, _ index: Int, _ column: Int) {
            let cell = CMarkNode.customInline(enter: PipeTable.openTag(name, alignments[column]), exit: "</\(name)>\n")
            unit(index)?.moveChildren(to: cell)
            table.appendChild(cell)
        }
        for (column, index) in header.enumerated() { appendCell("th", index, column) }
        table.appendChild(.customInline(enter: "</tr>\n</thead>\n" + (rows.isEmpty ? "" : "<tbody>\n")))
        for row in rows {
            table.appendChild(.customInline(enter: "<tr>\n"))
            for (column, index) in row.enumerated() { appendCell("td", index, column) }
            table.appendChild(.customInline(enter: "</tr>\n"))
        }
        if !rows.isEmpty { table.appendChild(.customInline(enter: "</tbody>\n")) }
        return table
    }

    private func quoteDepth(of node: CMarkNode) -> Int {
        var depth = 0
        var current = node.parent
        while let ancestor = current {
            if ancestor.type == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
            current = ancestor.parent
        }
        return depth
    }

    // MARK: Directives

    private func blockNodes(for directive: Directive, line: Int, file: SourceFile) -> [CMarkNode] {
        switch directive {
        case .include(let path):
            return include(path, inline: false, line: line, file: file)
        case .imageEnd:
            let marker = CMarkNode.customBlock(enter: "")
            figureEnds.insert(marker)
            return [marker]
        case .image(let image):
            guard let parts = imageParts(image, line: line, file: file) else { return [] }
            switch parts.kind {
            case .icon:
                return [paragraph(containing: .customInline(enter: parts.iconHTML))]
            case .content:
                return [.customBlock(enter: "<figure class=\"\(parts.figureClass)\">\(parts.imageHTML())</figure>")]
            case .complex:
                let id = ids.unique(Slug.make(ContentPath.stem(of: image.source ?? "")) + "-beschreibung", fallback: "beschreibung")
                let figure = CMarkNode.customBlock(
                    enter: "<figure class=\"\(parts.figureClass)\">\(parts.imageHTML(describedBy: id))\n"
                        + "<details id=\"\(id)\" class=\"image-description\"><summary>Beschreibung</summary>",
                    exit: "</details>\n</figure>")
                openFigures.append((figure, file.path, line))
                return [figure]
            }
        case .noLoc:
            return [paragraph(containing: inlineNodes(for: directive, line: line, file: file))]
        }
    }

    private func paragraph(containing children: CMarkNode...) -> CMarkNode {
        paragraph(containing: children)
    }

    private func paragraph(containing children: [CMarkNode]) -> CMarkNode {
        let node = CMarkNode.new(CMARK_NODE_PARAGRAPH)
        for child in children { node.appendChild(child) }
        return node
    }

    private func inlineNodes(for directive: Directive, line: Int, file: SourceFile) -> [CMarkNode] {
        switch directive {
        case .noLoc(let text):
            return [.text(text)]
        case .include(let path):
            return include(path, inline: true, line: line, file: file)
        case .image(let image):
            guard let parts = imageParts(image, line: line, file: file) else { return [] }
            return [.customInline(enter: parts.kind == .icon ? parts.iconHTML : parts.imageHTML())]
        case .imageEnd:
            return []
        }
    }

    private struct ImageParts {
        var kind: ImageDirective.Kind
        var source: String
        var alt: String
        var lightbox: String?
        var border: Bool

        var figureClass: String { border ? "image border" : "image" }
        var iconHTML: String { "<img class=\"icon\" src=\"\(HTMLEscape.escape(source))\" alt=\"\(HTMLEscape.escape(alt))\">" }

        func imageHTML(describedBy id: String? = nil) -> String {
            let described = id.map { " aria-describedby=\"\($0)\"" } ?? ""
            let image = "<img src=\"\(HTMLEscape.escape(source))\" alt=\"\(HTMLEscape.escape(alt))\" loading=\"lazy\"\(described)>"
            guard let lightbox else { return image }
            return "<a class=\"lightbox\" href=\"\(HTMLEscape.escape(lightbox))\">\(image)</a>"
        }
    }

    /// Checks an image directive and records its media; nil when it cannot be rendered.
    private func imageParts(_ image: ImageDirective, line: Int, file: SourceFile) -> ImageParts? {
        guard let rawSource = image.source?.trimmingSpaces(), !rawSource.isEmpty else {
            diagnostics.append(.warning(":::image has no source=\"…\"; it is left out", path: file.path, line: line))
            return nil
        }
        let kind = image.kind ?? .content
        if image.kind == nil {
            diagnostics.append(.warning(
                ":::image has an unknown type \"\(image.rawType ?? "")\" (content, icon or complex); shown as content",
                path: file.path, line: line))
        }
        let alt = image.altText ?? ""
        if kind != .icon, alt.trimmingSpaces().isEmpty {
            diagnostics.append(.warning(":::image of type \(kind.rawValue) has no alt-text", path: file.path, line: line))
        }
        let source = media(rawSource, file: file) ?? ""
        let lightbox = image.lightbox.flatMap { $0.isEmpty ? nil : media($0, file: file) }
        return ImageParts(kind: kind, source: source, alt: alt, lightbox: lightbox, border: image.border)
    }

    /// Rewrites a media URL for the page and records it; nil when `safe` neutralises it.
    private func media(_ url: String, file: SourceFile) -> String? {
        guard let rewritten = rewriter.rewrite(url, fileDirectory: file.directory, isImage: true) else { return nil }
        if LinkRewriter.isLocalAsset(rewritten) { assets.insert(rewritten) }
        return rewritten
    }

    /// Complex images take the blocks between them and `:::image-end:::` as description.
    private func closeFigures() {
        for (figure, path, line) in openFigures {
            var sibling = figure.next
            var closed = false
            while let current = sibling {
                sibling = current.next
                if figureEnds.remove(current) != nil {
                    current.delete()
                    closed = true
                    break
                }
                current.unlink()
                figure.appendChild(current)
            }
            if !closed {
                diagnostics.append(.warning(":::image type=\"complex\" is not closed by :::image-end:::", path: path, line: line))
            }
        }
        for end in figureEnds {
            end.delete()
        }
        if !figureEnds.isEmpty {
            diagnostics.append(.warning(":::image-end::: without an opening :::image type=\"complex\"", path: pagePath))
        }
    }

    // MARK: Includes

    /// The transformed content of an included file: its blocks, or for an inline include the
    /// inline content of its paragraphs.
    private func include(_ rawPath: String, inline: Bool, line: Int, file: SourceFile) -> [CMarkNode] {
        let target: String?
        if rawPath.hasPrefix("~/") {
            target = ContentPath.resolve(String(rawPath.dropFirst(2)), in: "")
        } else if rawPath.hasPrefix("/") || LinkKind.scheme(of: rawPath) != nil {
            diagnostics.append(.error("include path must be relative to the including file: \(rawPath)", path: file.path, line: line))
            return []
        } else {
            target = ContentPath.resolve(rawPath, in: file.directory)
        }
        guard let target, !target.isEmpty else {
            diagnostics.append(.error("include leaves the content root: \(rawPath)", path: file.path, line: line))
            return []
        }
        if file.chain.contains(target) || file.chain.count > Self.maximumIncludeDepth {
            let chain = (file.chain + [target]).joined(separator: " → ")
            diagnostics.append(.error("include cycle: \(chain)", path: file.path, line: line))
            return []
        }
        guard let data = FileManager.default.contents(atPath: contentRoot.appendingPathComponent(target).path) else {
            diagnostics.append(.error("included file not found: \(target)", path: file.path, line: line))
            return []
        }
        includes.insert(target)
        let repaired = UTF8Repair.repair([UInt8](data))
        if let badLine = repaired.firstInvalidLine {
            diagnostics.append(.warning("invalid UTF-8 replaced with U+FFFD", path: target, line: badLine))
        }
        let split = FrontMatterParser.split(repaired.bytes, path: target)
        let body = Array(repaired.bytes[split.bodyStart...])
        guard let document = CMarkNode.parseDocument(body) else { return [] }
        defer { document.delete() }
        let included = SourceFile(
            path: target, directory: ContentPath.directory(of: target), source: SourceText(body),
            lineOffset: split.bodyLineOffset, chain: file.chain + [target])
        transform(root: document, file: included)
        return inline ? takeInlines(of: document) : takeChildren(of: document)
    }

    private func takeChildren(of node: CMarkNode) -> [CMarkNode] {
        let children = node.children
        for child in children { child.unlink() }
        return children
    }

    /// Inline content of all paragraphs, paragraphs joined by a soft break.
    private func takeInlines(of document: CMarkNode) -> [CMarkNode] {
        var result: [CMarkNode] = []
        for paragraph in document.children where paragraph.type == CMARK_NODE_PARAGRAPH {
            if !result.isEmpty { result.append(CMarkNode.new(CMARK_NODE_SOFTBREAK)) }
            result += takeChildren(of: paragraph)
        }
        return result
    }

    // MARK: Alerts

    private static let alertKinds: [(marker: String, kind: String, label: String)] = [
        ("note", "note", "Hinweis"), ("tip", "tip", "Tipp"), ("important", "important", "Wichtig"),
        ("warning", "warning", "Warnung"), ("caution", "caution", "Vorsicht"),
    ]

    /// `> [!NOTE]` block quotes become alert boxes. The text after the marker is parsed
    /// again as Markdown of its own, as DocFX does.
    private func visitBlockQuote(_ node: CMarkNode, raw: Bool, file: SourceFile) -> Visit {
        guard raw, let first = node.firstChild, first.type == CMARK_NODE_PARAGRAPH,
              let alert = alertMarker(first, file: file)
        else { return descending(node, raw: raw) }
        let box = CMarkNode.customBlock(
            enter: "<div class=\"alert alert-\(alert.kind)\" role=\"note\">\n<p class=\"alert-title\">\(alert.label)</p>",
            exit: "</div>")
        node.insertBefore(box)
        node.moveChildren(to: box)
        node.delete()
        let rest = first.next
        for block in reparse(alert.body, file: file, lineOffset: alert.bodyLineOffset) { first.insertBefore(block) }
        first.delete()
        return Visit(resume: box.next, descend: Frame(node: rest, stop: nil, raw: raw))
    }

    private struct AlertMarker {
        var kind: String
        var label: String
        var body: [UInt8]
        var bodyLineOffset: Int
    }

    private func alertMarker(_ paragraph: CMarkNode, file: SourceFile) -> AlertMarker? {
        let source = file.source
        let lines = source.blockLines(
            startLine: paragraph.startLine, startColumn: paragraph.startColumn, endLine: paragraph.endLine,
            quoteDepth: quoteDepth(of: paragraph))
        guard let firstLine = lines.first, firstLine.count >= 5,
              source.bytes[firstLine.lowerBound] == UInt8(ascii: "["), source.bytes[firstLine.lowerBound + 1] == UInt8(ascii: "!")
        else { return nil }
        for alert in Self.alertKinds {
            let marker = "[!" + alert.marker + "]"
            guard source.bytes.hasASCIIPrefix(marker, at: firstLine.lowerBound, end: firstLine.upperBound) else { continue }
            let afterMarker = source.skipSpaces(from: firstLine.lowerBound + marker.utf8.count, to: firstLine.upperBound)
            var body: [UInt8] = []
            var bodyLines = Array(lines.dropFirst())
            let textOnMarkerLine = afterMarker < firstLine.upperBound
            if textOnMarkerLine { bodyLines.insert(afterMarker..<firstLine.upperBound, at: 0) }
            for line in bodyLines {
                body += source.bytes[line]
                body.append(UInt8(ascii: "\n"))
            }
            let offset = file.lineOffset + paragraph.startLine - (textOnMarkerLine ? 1 : 0)
            return AlertMarker(kind: alert.kind, label: alert.label, body: body, bodyLineOffset: offset)
        }
        return nil
    }

    /// Parses text cut out of `file` as Markdown and transforms it as part of that file.
    private func reparse(_ bytes: [UInt8], file: SourceFile, lineOffset: Int) -> [CMarkNode] {
        guard !bytes.isEmpty, let document = CMarkNode.parseDocument(bytes) else { return [] }
        defer { document.delete() }
        var part = file
        part.source = SourceText(bytes)
        part.lineOffset = lineOffset
        transform(root: document, file: part)
        return takeChildren(of: document)
    }

    // MARK: Headings

    private func visitHeading(_ node: CMarkNode, raw: Bool, file: SourceFile) -> Visit {
        if raw { expandHeadingDirectives(node, file: file) }
        let level = node.headingLevel
        let text = headingText(node)
        let id = ids.unique(Slug.make(text), fallback: "abschnitt")
        headings.append(Heading(level: level, text: text, id: id))
        if level == 1, firstH1 == nil, !text.isEmpty { firstH1 = text }
        let block = CMarkNode.customBlock(enter: "")
        let content = CMarkNode.customInline(enter: "<h\(level) id=\"\(id)\">", exit: "</h\(level)>")
        block.appendChild(content)
        node.moveChildren(to: content)
        node.replace(with: block)
        return Visit(resume: block.next, descend: Frame(node: content.firstChild, stop: nil, raw: false))
    }

    /// The plain text of a heading; legacy anchors inside it (`<a name="…">`) are reserved
    /// first so that the generated id does not take their name.
    private func headingText(_ heading: CMarkNode) -> String {
        var text: [UInt8] = []
        var next = heading.firstChild
        while let current = next {
            switch current.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: current.withLiteralBytes { text.append(contentsOf: $0) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text.append(0x20)
            case CMARK_NODE_HTML_INLINE: if !options.safe { current.withLiteralBytes { recordRawHTML($0) } }
            default:
                if let child = current.firstChild {
                    next = child
                    continue
                }
            }
            next = Self.nextInPreOrder(after: current, within: heading)
        }
        return Self.collapsingWhitespace(text)
    }

    /// The next node after `node`'s subtree, staying below `root`.
    private static func nextInPreOrder(after node: CMarkNode, within root: CMarkNode) -> CMarkNode? {
        var current = node
        while true {
            if let sibling = current.next { return sibling }
            guard let parent = current.parent, parent != root else { return nil }
            current = parent
        }
    }

    /// Runs of ASCII whitespace become one space; no space at either end.
    static func collapsingWhitespace(_ text: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var pendingSpace = false
        for byte in text {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `## :::no-loc text="…":::` – directives in ATX headings are expanded like in paragraphs.
    private func expandHeadingDirectives(_ node: CMarkNode, file: SourceFile) {
        let source = file.source
        guard node.startLine == node.endLine else { return }
        let line = source.line(node.startLine)
        var start = source.skipSpaces(from: line.lowerBound + max(0, node.startColumn - 1), to: line.upperBound)
        guard start < line.upperBound, source.bytes[start] == UInt8(ascii: "#") else { return }
        while start < line.upperBound, source.bytes[start] == UInt8(ascii: "#") { start += 1 }
        let content = withoutClosingSequence(source.trimmed(start..<line.upperBound), in: source.bytes)
        guard Triggers(lines: [content], in: source.bytes).directive else { return }
        var fragments = InlineFragments()
        fragments.addUnit([source.bytes[content]], firstLine: file.fileLine(node.startLine))
        guard !fragments.directives.isEmpty, let document = CMarkNode.parseDocument(fragments.bytes) else { return }
        defer { document.delete() }
        guard let paragraph = fragments.parse(into: document)?.first else { return }
        fragments.expandPlaceholders(in: paragraph) { index in
            let entry = fragments.directives[index]
            return inlineNodes(for: entry.directive, line: entry.line, file: file)
        }
        for child in node.children { child.delete() }
        paragraph.moveChildren(to: node)
    }

    /// `Title ##` → `Title`, as cmark reads an ATX heading.
    private func withoutClosingSequence(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == UInt8(ascii: "#") { end -= 1 }
        guard end < range.upperBound else { return range }
        if end == range.lowerBound { return range.lowerBound..<range.lowerBound }
        guard bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") else { return range }
        while end > range.lowerBound, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return range.lowerBound..<end
    }

    // MARK: Links and raw HTML

    private func visitLink(_ node: CMarkNode, file: SourceFile) {
        guard !node.isProcessed else { return }
        node.isProcessed = true
        let isImage = node.type == CMARK_NODE_IMAGE
        let url = node.url
        guard let rewritten = rewriter.rewrite(url, fileDirectory: file.directory, isImage: isImage) else {
            node.url = ""
            return
        }
        if rewritten != url { node.url = rewritten }
        if isImage {
            if LinkRewriter.isLocalAsset(rewritten) { assets.insert(rewritten) }
        } else if !rewritten.isEmpty {
            links.insert(rewritten)
        }
    }

    private func visitRawHTML(_ node: CMarkNode) -> Visit {
        let next = node.next
        if options.safe {
            node.delete()
        } else {
            node.withLiteralBytes { recordRawHTML($0) }
        }
        return Visit(resume: next)
    }

    /// Ids, legacy anchors, links and images of author HTML, which passes through unchanged.
    private func recordRawHTML(_ html: UnsafeBufferPointer<UInt8>) {
        RawHTMLScanner.scan(html) { attribute, value in
            guard !value.isEmpty else { return }
            switch attribute {
            case .id, .anchorName: ids.reserve(value)
            case .href: links.insert(value)
            case .imageSource: if LinkRewriter.isLocalAsset(value) { assets.insert(value) }
            }
        }
    }
}

/// Strings in first-insertion order without duplicates.
struct OrderedStrings {
    private(set) var values: [String] = []
    private var seen: Set<String> = []

    mutating func insert(_ value: String) {
        if seen.insert(value).inserted { values.append(value) }
    }
}
