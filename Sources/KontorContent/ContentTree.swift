import Foundation
import KontorDiagnostics

/// Everything the build needs to know about a content folder before rendering: settings,
/// the guides, the table of contents and the other files that pages may reference.
public struct ContentTree: Sendable {
    public var root: URL
    public var config: SiteConfig
    /// Content paths of the guides (`docs/billing.md`), sorted.
    public var pages: [String]
    /// The table of contents; hrefs are content paths (`docs/billing.md`) or external URLs.
    public var toc: [TOCEntry]
    /// Content paths of every file under `docs/` (guides, includes, media).
    public var files: Set<String>
    public var hasCatalog: Bool
    /// Ids of the reseller profiles in `resellers/`, sorted.
    public var resellerIDs: [String]
    public var diagnostics: [Diagnostic]
}

/// Reads a content folder: `kontor.yml`, `docs/` with TOC.yml or TOC.md, `catalog/`, `resellers/`.
public struct ContentLoader: Sendable {
    public static let docsFolder = "docs"
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public func load() throws(DiagnosticError) -> ContentTree {
        let config = try SiteConfig.load(contentRoot: root)
        var diagnostics: [Diagnostic] = []
        let files = try listFiles(under: Self.docsFolder)
        let pages = files.filter(isGuide).sorted()
        let toc = loadTOC(files: Set(files), diagnostics: &diagnostics)
        diagnostics += checkTOC(toc, pages: pages, files: Set(files))
        return ContentTree(
            root: root, config: config, pages: pages, toc: toc, files: Set(files),
            hasCatalog: directoryExists("catalog"),
            resellerIDs: try resellerIDs(), diagnostics: diagnostics
        )
    }

    // MARK: Files

    private func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Content paths of all regular files below `folder`, skipping hidden files.
    private func listFiles(under folder: String) throws(DiagnosticError) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard directoryExists(folder) else {
            throw DiagnosticError(.error("no '\(folder)' folder with guides in the content folder", path: root.lastPathComponent))
        }
        guard let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        let basePath = base.standardizedFileURL.path
        var result: [String] = []
        for case let url as URL in enumerator {
            guard isFileOrBrokenLink(url) else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(basePath + "/") else { continue }
            result.append(folder + "/" + full.dropFirst(basePath.count + 1))
        }
        return result.sorted()
    }

    /// Symlinks to files count as files; a dangling link is listed too, so that reading it
    /// fails loudly instead of the page silently vanishing.
    private func isFileOrBrokenLink(_ url: URL) -> Bool {
        let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
        if values?.isRegularFile == true { return true }
        guard values?.isSymbolicLink == true else { return false }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        return !exists || !isDirectory.boolValue
    }

    /// A guide is a Markdown file that is neither a TOC nor an include snippet.
    private func isGuide(_ path: String) -> Bool {
        guard path.lowercased().hasSuffix(".md") else { return false }
        let components = path.split(separator: "/")
        if components.contains(where: { $0.lowercased() == "includes" || $0.lowercased() == "_includes" }) { return false }
        return !Self.isTOCFile(path)
    }

    static func isTOCFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return name == "toc.md" || name == "toc.yml" || name == "toc.yaml"
    }

    private func resellerIDs() throws(DiagnosticError) -> [String] {
        guard directoryExists("resellers") else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("resellers").path)) ?? []
        var ids: [String] = []
        for name in names.sorted() {
            guard let dot = name.lastIndex(of: "."), [".yml", ".yaml"].contains(name[dot...]) else { continue }
            let id = String(name[..<dot])
            guard id.isSafePathComponent, id.utf8.allSatisfy(Self.isSlugByte) else {
                throw DiagnosticError(.error("reseller id '\(id)' may only use a-z, 0-9, '-' and '_'", path: "resellers/\(name)"))
            }
            ids.append(id)
        }
        return ids
    }

    private static func isSlugByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
    }

    // MARK: Table of contents

    /// The docs folder's TOC.yml wins over TOC.md, as in DocFX. Without either, the guides are
    /// listed alphabetically so that every page is still reachable.
    private func loadTOC(files: Set<String>, diagnostics: inout [Diagnostic]) -> [TOCEntry] {
        let candidates = ["TOC.yml", "toc.yml", "TOC.yaml", "toc.yaml", "TOC.md", "toc.md"].map { "\(Self.docsFolder)/\($0)" }
        guard let tocPath = candidates.first(where: files.contains) else {
            diagnostics.append(.warning("no TOC.md or TOC.yml; listing the guides alphabetically", path: Self.docsFolder))
            return files.filter(isGuide).sorted().map {
                TOCEntry(title: String($0.split(separator: "/").last ?? ""), href: $0, location: SourceLocation(path: $0))
            }
        }
        var visiting: [String] = []
        return loadTOCFile(tocPath, files: files, visiting: &visiting, diagnostics: &diagnostics)
    }

    private func loadTOCFile(_ path: String, files: Set<String>, visiting: inout [String],
                             diagnostics: inout [Diagnostic]) -> [TOCEntry] {
        guard !visiting.contains(path) else {
            diagnostics.append(.error("TOC files include each other: \((visiting + [path]).joined(separator: " → "))", path: path))
            return []
        }
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            diagnostics.append(.error("cannot read table of contents", path: path))
            return []
        }
        let text = String(decoding: data, as: UTF8.self)
        let parsed = path.lowercased().hasSuffix(".md")
            ? TOCParser.parseMarkdown(text, path: path)
            : TOCParser.parseYAML(text, path: path)
        diagnostics += parsed.diagnostics
        visiting.append(path)
        defer { visiting.removeLast() }
        let folder = ContentPath.folder(of: path)
        return parsed.entries.map { resolve($0, folder: folder, files: files, visiting: &visiting, diagnostics: &diagnostics) }
    }

    /// Makes hrefs content paths and splices nested TOC files in as children.
    private func resolve(_ entry: TOCEntry, folder: String, files: Set<String>, visiting: inout [String],
                         diagnostics: inout [Diagnostic]) -> TOCEntry {
        var entry = entry
        entry.children = entry.children.map { resolve($0, folder: folder, files: files, visiting: &visiting, diagnostics: &diagnostics) }
        guard let href = entry.href, !ContentPath.isExternal(href) else { return entry }
        guard let target = ContentPath.join(folder, href) else {
            diagnostics.append(Diagnostic(.warning, "TOC entry '\(entry.title)' points outside the content folder: \(href)", at: entry.location))
            entry.href = nil
            return entry
        }
        let nestedTOC = Self.isTOCFile(target) ? target : (href.hasSuffix("/") ? nestedTOCPath(in: target, files: files) : nil)
        if let nestedTOC {
            entry.href = nil
            entry.children += loadTOCFile(nestedTOC, files: files, visiting: &visiting, diagnostics: &diagnostics)
            return entry
        }
        entry.href = target
        return entry
    }

    private func nestedTOCPath(in folder: String, files: Set<String>) -> String? {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return ["TOC.yml", "toc.yml", "TOC.md", "toc.md"].map { "\(base)/\($0)" }.first(where: files.contains)
    }

    /// TOC entries pointing to missing files and guides missing from the TOC are warnings:
    /// the site still builds.
    private func checkTOC(_ toc: [TOCEntry], pages: [String], files: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var listed = Set<String>()
        func visit(_ entry: TOCEntry) {
            if let href = entry.href, !ContentPath.isExternal(href) {
                listed.insert(href)
                if !files.contains(href) {
                    diagnostics.append(Diagnostic(.warning, "TOC entry '\(entry.title)' points to a missing file: \(href)", at: entry.location))
                }
            }
            entry.children.forEach(visit)
        }
        toc.forEach(visit)
        for page in pages where !listed.contains(page) {
            diagnostics.append(.warning("page is not listed in the table of contents", path: page))
        }
        return diagnostics
    }
}
