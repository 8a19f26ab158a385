import Foundation
import KontorDiagnostics
import Mustache

/// The theme of one site: the Mustache templates and assets of `templates/<theme>/`, shadowed file
/// by file by `templates/<override>/` (a reseller's customizations).
///
/// Templates are registered by their path without `.mustache` (`layout`, `partials/header`), so
/// pages can use `{{<layout}}…{{/layout}}` and `{{>partials/header}}`. Everything below `assets/`
/// is an asset that the site builder copies to `assets/…` in the output.
///
/// Rendering only reads immutable values (`MustacheLibrary` and `MustacheTemplate` are structs of
/// parsed tokens), so one `TemplateSet` can render pages from many threads at once.
public struct TemplateSet: Sendable {
    /// Theme assets, override winning, sorted by output path (`assets/kontor.css`).
    public let assetFiles: [(outputPath: String, source: URL)]
    /// Registered template names, sorted (`404`, `home`, `layout`, `page`, `partials/footer`, …).
    public let templateNames: [String]

    private let library: MustacheLibrary
    private let nameSet: Set<String>
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

        var templates: [String: MustacheTemplate] = [:]
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
                templates[name] = try Self.parseTemplate(at: file.source, displayPath: file.displayPath)
                displayPaths[name] = file.displayPath
            } catch {
                diagnostics.append(error)
            }
        }

        let names = Set(templates.keys)
        for name in templates.keys.sorted() {
            guard let template = templates[name], let path = displayPaths[name] else { continue }
            diagnostics += Self.unknownPartials(in: template.description, known: names, path: path)
        }
        if !diagnostics.isEmpty {
            throw DiagnosticError(diagnostics)
        }

        self.library = MustacheLibrary(templates: templates)
        self.nameSet = names
        self.templateNames = names.sorted()
        self.displayPaths = displayPaths
        self.themeDisplayPath = "\(rootName)/\(theme)"
        self.assetFiles = assets
    }

    /// Whether the theme (or its override) has a template of that name, e.g. `catalog-offer`.
    public func has(_ template: String) -> Bool {
        nameSet.contains(template)
    }

    /// Renders the named template with a context of nested `[String: Any]` dictionaries, arrays,
    /// strings, numbers and `Bool`s. Empty strings count as absent in sections (see
    /// `EmptyStringIsFalsy.swift`).
    public func render(_ template: String, context: [String: Any]) throws(DiagnosticError) -> String {
        guard nameSet.contains(template), let html = library.render(context, withTemplate: template) else {
            throw DiagnosticError(.error("unknown template '\(template)'", path: "\(themeDisplayPath)/\(template).mustache"))
        }
        return html
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

    private static func parseTemplate(at url: URL, displayPath: String) throws(Diagnostic) -> MustacheTemplate {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .error("cannot read template (\(error.localizedDescription))", path: displayPath)
        }
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw .error(
                "template syntax error: \(describe(error.error))",
                path: displayPath, line: error.context.lineNumber, column: error.context.columnNumber)
        } catch {
            throw .error("template syntax error: \(error)", path: displayPath)
        }
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "closing tag does not match the open section"
        case .unfinishedName: return "unfinished tag"
        case .expectedSectionEnd: return "section is never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only blocks are allowed inside an inheritance section"
        case .textInsideInheritSection: return "only blocks are allowed inside an inheritance section"
        case .invalidConfigVariableSyntax: return "invalid pragma tag"
        case .unrecognisedConfigVariable: return "unknown pragma"
        }
    }

    /// swift-mustache renders a missing partial as nothing; a theme that names one is broken, so say so.
    /// Scans `{{> name}}` and `{{< name}}` tags (dynamic `{{>*name}}` partials are skipped).
    static func unknownPartials(in text: String, known: Set<String>, path: String) -> [Diagnostic] {
        let bytes = Array(text.utf8)
        var diagnostics: [Diagnostic] = []
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "{"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let tagStart = index
            var cursor = index + 2
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">") || bytes[cursor] == UInt8(ascii: "<") else {
                index = cursor
                continue
            }
            cursor += 1
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            let nameStart = cursor
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "}"), bytes[cursor] != UInt8(ascii: " ") { cursor += 1 }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
            if !name.isEmpty, !name.hasPrefix("*"), !known.contains(name) {
                diagnostics.append(.error(
                    "unknown partial or parent template '\(name)'",
                    path: path, line: line, column: tagStart - lineStart + 1))
            }
            index = cursor
        }
        return diagnostics
    }
}
