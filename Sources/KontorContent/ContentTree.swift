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
        let listed = try listFiles(under: Self.docsFolder)
        let files = Set(listed)
        let pages = listed.filter(isGuide)
        let toc = loadTOC(files: files, diagnostics: &diagnostics)
        diagnostics += checkTOC(toc, pages: pages, files: files)
        return ContentTree(
            root: root, config: config, pages: pages, toc: toc, files: files,
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

    /// Content paths of all regular files below `folder`, sorted, skipping hidden files and
    /// folders. Like `FileManager`'s enumerator it does not follow symbolic links to folders
    /// nor cross into other file systems; a symbolic link to a file counts as a file, and so
    /// does a dangling one, so that reading it fails loudly instead of the page silently
    /// vanishing. Plain `readdir` is many times faster than the enumerator's URLs.
    private func listFiles(under folder: String) throws(DiagnosticError) -> [String] {
        guard directoryExists(folder) else {
            throw DiagnosticError(.error("no '\(folder)' folder with guides in the content folder", path: root.lastPathComponent))
        }
        let base = root.appendingPathComponent(folder).path
        var info = stat()
        guard stat(base, &info) == 0 else { return [] }
        var result: [String] = []
        Self.collectFiles(in: base, contentPath: folder, device: info.st_dev, into: &result)
        return result.sorted()
    }

    private static func collectFiles(in directory: String, contentPath: String, device: dev_t, into result: inout [String]) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        var subfolders: [(path: String, contentPath: String)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard !name.hasPrefix(".") else { continue }
            let path = directory + "/" + name
            let entryContentPath = contentPath + "/" + name
            switch kind(of: path, type: entry.pointee.d_type, device: device) {
            case .file: result.append(entryContentPath)
            case .folder: subfolders.append((path, entryContentPath))
            case .other: continue
            }
        }
        for folder in subfolders {
            collectFiles(in: folder.path, contentPath: folder.contentPath, device: device, into: &result)
        }
    }

    private enum EntryKind { case file, folder, other }

    private static func kind(of path: String, type: UInt8, device: dev_t) -> EntryKind {
        var type = Int32(type)
        var info = stat()
        if type == Int32(DT_UNKNOWN) {
            guard lstat(path, &info) == 0 else { return .other }
            type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR)
                : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG)
                : (info.st_mode & S_IFMT) == S_IFLNK ? Int32(DT_LNK) : Int32(DT_UNKNOWN)
        }
        switch type {
        case Int32(DT_REG):
            return .file
        case Int32(DT_DIR):
            // Another file system mounted inside the content folder is not entered.
            guard stat(path, &info) == 0, info.st_dev == device else { return .other }
            return .folder
        case Int32(DT_LNK):
            guard stat(path, &info) == 0 else { return .file }
            return (info.st_mode & S_IFMT) == S_IFDIR ? .other : .file
        default:
            return .other
        }
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
