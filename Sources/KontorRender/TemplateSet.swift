import Foundation
import KontorDiagnostics

/// The theme of one site: the Mustache templates and assets of `templates/<theme>/`, shadowed file
/// by file by `templates/<override>/` (a reseller's customizations).
///
/// Templates are registered by their path without `.mustache` (`layout`, `partials/header`), so
/// pages can use `{{<layout}}…{{/layout}}` and `{{>partials/header}}`. Everything below `assets/`
/// is an asset that the site builder copies to `assets/…` in the output.
///
/// The templates are parsed once (see `TemplateParser`) and linked into one `TemplateProgram`;
/// rendering only reads the program, so one `TemplateSet` can render pages from many threads at once.
public struct TemplateSet: Sendable {
    /// Theme assets, override winning, sorted by output path (`assets/kontor.css`).
    public let assetFiles: [(outputPath: String, source: URL)]
    /// Registered template names, sorted (`404`, `home`, `layout`, `page`, `partials/footer`, …).
    public let templateNames: [String]

    private let program: TemplateProgram
    /// Display path of each template (`templates/default/page.mustache`) for diagnostics.
    private let displayPaths: [String: String]
    /// `templates/default`, where a missing template would have to be added.
    private let themeDisplayPath: String

    public init(templatesRoot: URL, theme: String = "default", override: String? = nil) throws(DiagnosticError) {
        let rootName = templatesRoot.lastPathComponent
        let themeFolder = templatesRoot.appendingPathComponent(theme, isDirectory: true)
        guard Self.isDirectory(themeFolder) else {
            throw DiagnosticError(.error("theme folder not found", path: "\(rootName)/\(theme)"))
        }
        var layers = [(folder: theme, files: Self.files(in: themeFolder))]
        if let override, override != theme {
            let overrideFolder = templatesRoot.appendingPathComponent(override, isDirectory: true)
            // A reseller without its own folder simply uses the theme unchanged.
            if Self.isDirectory(overrideFolder) {
                layers.append((override, Self.files(in: overrideFolder)))
            }
        }

        // Later layers shadow earlier ones file by file.
        var merged: [String: (source: URL, displayPath: String)] = [:]
        for layer in layers {
            for (relativePath, url) in layer.files {
                merged[relativePath] = (url, "\(rootName)/\(layer.folder)/\(relativePath)")
            }
        }

        var templates: [String: [TemplateNode]] = [:]
        var sources: [String: [UInt8]] = [:]
        var displayPaths: [String: String] = [:]
        var assets: [(outputPath: String, source: URL)] = []
        var diagnostics: [Diagnostic] = []
        for relativePath in merged.keys.sorted() {
            guard let file = merged[relativePath] else { continue }
            if relativePath.hasPrefix("assets/") {
                assets.append((relativePath, file.source))
                continue
            }
            guard relativePath.hasSuffix(".mustache") else { continue }
            let name = String(relativePath.dropLast(".mustache".count))
            do {
                let source = try Self.read(file.source, displayPath: file.displayPath)
                templates[name] = try Self.compile(source, displayPath: file.displayPath)
                sources[name] = source
                displayPaths[name] = file.displayPath
            } catch {
                diagnostics.append(error)
            }
        }

        let names = Set(templates.keys)
        for name in templates.keys.sorted() {
            guard let nodes = templates[name], let source = sources[name], let path = displayPaths[name] else { continue }
            diagnostics += Self.unknownPartials(in: nodes, source: source, known: names, path: path)
        }
        if !diagnostics.isEmpty {
            throw DiagnosticError(diagnostics)
        }

        self.program = TemplateProgram(templates: templates)
        self.templateNames = names.sorted()
        self.displayPaths = displayPaths
        self.themeDisplayPath = "\(rootName)/\(theme)"
        self.assetFiles = assets
    }

    /// Whether the theme (or its override) has a template of that name, e.g. `catalog-offer`.
    public func has(_ template: String) -> Bool {
        program.templateIndex[template] != nil
    }

    /// Renders the named template as UTF-8 bytes. Empty strings in the context count as absent
    /// in sections (see `TemplateValue`).
    public func render(_ template: String, context: [String: TemplateValue]) throws(DiagnosticError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 15)
        try render(template, context: context, appendingTo: &output)
        return output
    }

    /// Renders the named template at the end of `output`, so a caller can reuse one buffer.
    public func render(_ template: String, context: [String: TemplateValue],
                       appendingTo output: inout [UInt8]) throws(DiagnosticError) {
        guard let index = program.templateIndex[template] else {
            throw DiagnosticError(.error("unknown template '\(template)'", path: "\(themeDisplayPath)/\(template).mustache"))
        }
        program.render(index, root: .dictionary(context), appendingTo: &output)
    }

    /// The file a template was loaded from, as shown in diagnostics (`templates/acme/page.mustache`).
    public func displayPath(of template: String) -> String? {
        displayPaths[template]
    }

    // MARK: - Loading

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Regular files below `folder` by `/`-separated relative path; hidden files are skipped.
    private static func files(in folder: URL) -> [String: URL] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder.path) else { return [:] }
        var result: [String: URL] = [:]
        for case let relativePath as String in enumerator {
            if relativePath.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let url = folder.appendingPathComponent(relativePath)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result[relativePath] = url
        }
        return result
    }

    private static func read(_ url: URL, displayPath: String) throws(Diagnostic) -> [UInt8] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .error("cannot read template (\(error.localizedDescription))", path: displayPath)
        }
        guard String(data: data, encoding: .utf8) != nil else {
            throw .error("cannot read template (not UTF-8)", path: displayPath)
        }
        return [UInt8](data)
    }

    private static func compile(_ source: [UInt8], displayPath: String) throws(Diagnostic) -> [TemplateNode] {
        do {
            return try TemplateParser.parse(source)
        } catch {
            let (line, column) = SourcePosition.lineAndColumn(of: error.offset, in: source)
            throw .error("template syntax error: \(error.message)", path: displayPath, line: line, column: column)
        }
    }

    /// A partial or parent that no template provides would render as nothing; a theme that names
    /// one is broken, so say so. Dynamic `{{>*name}}` partials are looked up while rendering.
    static func unknownPartials(in nodes: [TemplateNode], source: [UInt8], known: Set<String>, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func visit(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .section(_, let body), .invertedSection(_, let body), .block(_, let body, _), .blockDefinition(_, let body):
                    visit(body)
                case .partial(let call):
                    if call.dynamicName == nil, !known.contains(call.name) {
                        let (line, column) = SourcePosition.lineAndColumn(of: call.offset, in: source)
                        diagnostics.append(.error("unknown partial or parent template '\(call.name)'",
                                                  path: path, line: line, column: column))
                    }
                    for name in (call.overrides ?? [:]).keys.sorted() { visit(call.overrides?[name] ?? []) }
                case .text, .variable, .contentType:
                    break
                }
            }
        }
        visit(nodes)
        return diagnostics
    }
}

/// Line and column of a byte offset, both 1-based; the column counts Unicode scalars (as the
/// other diagnostics of Kontor do). CR LF, LF and CR each end a line.
enum SourcePosition {
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        let column = bytes[lineStart..<end].reduce(1) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
        return (line, column)
    }
}
