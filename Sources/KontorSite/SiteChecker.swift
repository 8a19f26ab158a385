import Dispatch
import Foundation
import KontorDiagnostics

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
        let pageDiagnostics = SlotArray<[Diagnostic]>(count: pagePaths.count)
        DispatchQueue.concurrentPerform(iterations: pagePaths.count) { index in
            pageDiagnostics[index] = context.check(page: pagePaths[index], scan: scans[index])
        }
        var diagnostics = pageDiagnostics.values.flatMap { $0 ?? [] }
        diagnostics += SearchIndexCheck(tree: tree, pages: zip(pagePaths, scans).map { ($0, $1) }, anchorsByPage: anchorsByPage).check()
        return diagnostics
            .map { relocated($0) }
            .sortedForDisplay()
    }

    static func isHTML(_ path: String) -> Bool {
        path.hasSuffix(".html") || path.hasSuffix(".htm")
    }

    private func scanPages(_ pagePaths: [String]) -> [ScannedPage] {
        let slots = SlotArray<ScannedPage>(count: pagePaths.count)
        let root = self.root
        DispatchQueue.concurrentPerform(iterations: pagePaths.count) { index in
            let url = root.appendingPathComponent(pagePaths[index])
            guard let data = FileManager.default.contents(atPath: url.path) else { return }
            slots[index] = data.withUnsafeBytes { raw in
                HTMLScanner.scan(raw.bindMemory(to: UInt8.self))
            }
        }
        return slots.values.map { $0 ?? ScannedPage() }
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
    /// Results written by index from `concurrentPerform`. Each index is written by exactly one
    /// iteration and read only after all iterations finished, so no lock is needed.
    final class SlotArray<Element>: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<Element?>
        let count: Int

        init(count: Int) {
            self.count = count
            storage = UnsafeMutablePointer<Element?>.allocate(capacity: max(count, 1))
            storage.initialize(repeating: nil, count: count)
        }

        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }

        subscript(index: Int) -> Element? {
            get { storage[index] }
            set { storage[index] = newValue }
        }

        var values: [Element?] { Array(UnsafeBufferPointer(start: storage, count: count)) }
    }

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
