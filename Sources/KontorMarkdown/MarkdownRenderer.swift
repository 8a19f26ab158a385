import Foundation
import KontorDiagnostics

/// Renders Markdown pages of one content folder. A plain value: pages can be rendered from
/// many threads at once (each render owns its cmark trees).
public struct MarkdownRenderer: Sendable {
    public var contentRoot: URL
    public var options: MarkdownOptions

    public init(contentRoot: URL, options: MarkdownOptions = .init()) {
        self.contentRoot = contentRoot
        self.options = options
    }

    /// Reads and renders `contentRoot/path`; an unreadable file gives an error diagnostic.
    public func render(path: String) -> MarkdownDocument {
        guard let data = FileManager.default.contents(atPath: contentRoot.appendingPathComponent(path).path) else {
            return MarkdownDocument(
                path: path, title: Self.titleFromFileName(path),
                diagnostics: [.error("cannot read the file", path: path)])
        }
        return render(source: [UInt8](data), path: path)
    }

    public func render(source: String, path: String) -> MarkdownDocument {
        render(source: Array(source.utf8), path: path)
    }

    /// Renders Markdown bytes as the page at content path `path` (links and includes are
    /// resolved relative to it).
    public func render(source: [UInt8], path: String) -> MarkdownDocument {
        // Every cmark tree of the page lives in the thread's arena until the page is done.
        CMarkArena.scope { renderInArena(source: source, path: path) }
    }

    private func renderInArena(source: [UInt8], path: String) -> MarkdownDocument {
        var diagnostics: [Diagnostic] = []
        let repaired = UTF8Repair.repair(source)
        if let line = repaired.firstInvalidLine {
            diagnostics.append(.warning("invalid UTF-8 replaced with U+FFFD", path: path, line: line))
        }
        let split = FrontMatterParser.split(repaired.bytes, path: path)
        diagnostics += split.diagnostics
        var frontMatter = FrontMatter()
        if let yaml = split.yaml {
            let (parsed, yamlDiagnostics) = FrontMatterParser.parse(repaired.bytes[yaml], path: path, firstLine: 2)
            frontMatter = parsed
            diagnostics += yamlDiagnostics
        }
        let body = split.bodyStart == 0 ? repaired.bytes : Array(repaired.bytes[split.bodyStart...])
        guard let document = CMarkNode.parseDocument(body) else {
            diagnostics.append(.error("cmark could not parse the file", path: path))
            return MarkdownDocument(path: path, frontMatter: frontMatter, title: frontMatter.title ?? Self.titleFromFileName(path), diagnostics: diagnostics)
        }
        defer { document.delete() }

        let transformer = PageTransformer(contentRoot: contentRoot, options: options, pagePath: path)
        let page = SourceFile(
            path: path, directory: ContentPath.directory(of: path), source: SourceText(body),
            lineOffset: split.bodyLineOffset, chain: [path])
        transformer.transform(root: document, file: page)
        return MarkdownDocument(
            path: path,
            frontMatter: frontMatter,
            title: frontMatter.title ?? transformer.firstH1 ?? Self.titleFromFileName(path),
            body: document.renderHTML(unsafe: !options.safe),
            headings: transformer.headings,
            anchorIDs: transformer.ids.ordered,
            links: transformer.links.values,
            assets: transformer.assets.values,
            includes: transformer.includes.values,
            diagnostics: diagnostics + transformer.diagnostics)
    }

    /// `reset-a-user-password.md` → `reset a user password`.
    static func titleFromFileName(_ path: String) -> String {
        ContentPath.stem(of: path).map { $0 == "-" || $0 == "_" ? " " : $0 }.reduce(into: "") { $0.append($1) }
    }
}
