import Foundation
import KontorDiagnostics
import KontorParallel

/// Verifies a built site without its sources, as `kontor check` does: every internal link and
/// anchor resolves and names a file, every image, script and stylesheet exists and is served from
/// the site itself, and the search index agrees with the pages.
///
/// The root may hold one site or several reseller sites in sub-folders; every HTML file below it
/// is checked. Diagnostics carry `path:line:col` of the offending attribute, with paths relative
/// to the root and prefixed with `displayPrefix` (e.g. `"site/"`), sorted for display.
public struct SiteChecker: Sendable {
    public var root: URL
    public var displayPrefix: String

    public init(root: URL, displayPrefix: String = "") {
        self.root = root
        self.displayPrefix = displayPrefix
    }

    public func check() -> [Diagnostic] {
        let tree = Tree(root: root)
        guard tree.rootExists else {
            return [.error("no built site at '\(root.path)'", path: displayPrefix.isEmpty ? root.path : displayPrefix)]
        }
        let pagePaths = tree.files.filter(Self.isHTML).sorted()
        let scans = scanPages(pagePaths)
        var anchorsByPage: [String: Set<String>] = [:]
        anchorsByPage.reserveCapacity(pagePaths.count)
        for (path, scan) in zip(pagePaths, scans) {
            anchorsByPage[path] = scan.anchors
        }
        let context = LinkContext(tree: tree, anchorsByPage: anchorsByPage)
        let pageDiagnostics = parallelMap(Array(pagePaths.indices), jobs: Parallel.coreCount) { index in
            context.check(page: pagePaths[index], scan: scans[index])
        }
        var diagnostics = pageDiagnostics.flatMap { $0 }
        diagnostics += SearchIndexCheck(tree: tree, pages: zip(pagePaths, scans).map { ($0, $1) }, anchorsByPage: anchorsByPage).check()
        return diagnostics
            .map { relocated($0) }
            .sortedForDisplay()
    }

    static func isHTML(_ path: String) -> Bool {
        path.hasSuffix(".html") || path.hasSuffix(".htm")
    }

    private func scanPages(_ pagePaths: [String]) -> [ScannedPage] {
        let root = self.root
        return parallelMap(pagePaths, jobs: Parallel.coreCount) { path in
            let url = root.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else { return ScannedPage() }
            return data.withUnsafeBytes { raw in HTMLScanner.scan(raw.bindMemory(to: UInt8.self)) }
        }
    }

    private func relocated(_ diagnostic: Diagnostic) -> Diagnostic {
        guard !displayPrefix.isEmpty, var location = diagnostic.location else { return diagnostic }
        location.path = displayPrefix + location.path
        var moved = diagnostic
        moved.location = location
        return moved
    }
}

extension SiteChecker {
    /// The files and folders below the root, as `/`-separated relative paths.
    struct Tree: Sendable {
        var root: URL
        var rootExists = false
        var files: Set<String> = []
        var directories: Set<String> = []

        init(root: URL) {
            self.root = root
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return
            }
            rootExists = true
            guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return }
            while let relative = enumerator.nextObject() as? String {
                if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
                    directories.insert(relative)
                } else {
                    files.insert(relative)
                }
            }
        }
    }
}
