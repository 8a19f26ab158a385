import Foundation
import Testing
import KontorContent

/// The content listing walks folders with `readdir`; it must list what `FileManager`'s
/// enumerator (which it replaced) lists.
@Suite struct FileListingTests {
    @Test func listsWhatTheFoundationEnumeratorLists() throws {
        let fixture = try ContentFixture([
            "docs/TOC.yml": "- name: A\n  href: a.md\n",
            "docs/a.md": "# A",
            "docs/.hidden.md": "# versteckt",
            "docs/.hidden-folder/x.md": "# versteckt",
            "docs/sub/b.md": "# B",
            "docs/sub/deeper/c.md": "# C",
            "docs/media/bild.svg": "<svg/>",
            "outside/d.md": "# D",
        ])
        defer { fixture.remove() }
        let docs = fixture.root.appendingPathComponent("docs")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: docs.appendingPathComponent("link-to-file.md").path, withDestinationPath: "a.md")
        try manager.createSymbolicLink(atPath: docs.appendingPathComponent("link-to-folder").path,
                                       withDestinationPath: fixture.root.appendingPathComponent("outside").path)
        try manager.createSymbolicLink(atPath: docs.appendingPathComponent("dangling.md").path, withDestinationPath: "missing.md")
        try manager.createDirectory(at: docs.appendingPathComponent("empty"), withIntermediateDirectories: true)

        let tree = try ContentLoader(root: fixture.root).load()
        let reference = try Self.foundationListing(docs)
        #expect(tree.files == reference)
        #expect(tree.files.contains("docs/link-to-file.md") && tree.files.contains("docs/dangling.md"))
        #expect(!tree.files.contains { $0.contains("hidden") || $0.hasPrefix("docs/link-to-folder") })
        #expect(tree.pages == tree.pages.sorted())
    }

    /// What the loader listed before: the enumerator, skipping hidden files, keeping files and
    /// links that are not folders.
    private static func foundationListing(_ base: URL) throws -> Set<String> {
        let enumerator = try #require(FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey], options: [.skipsHiddenFiles]))
        let basePath = base.standardizedFileURL.path
        var result = Set<String>()
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            var isFile = values?.isRegularFile == true
            if !isFile, values?.isSymbolicLink == true {
                var isDirectory: ObjCBool = false
                isFile = !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) || !isDirectory.boolValue
            }
            let full = url.standardizedFileURL.path
            guard isFile, full.hasPrefix(basePath + "/") else { continue }
            result.insert("docs/" + full.dropFirst(basePath.count + 1))
        }
        return result
    }
}
