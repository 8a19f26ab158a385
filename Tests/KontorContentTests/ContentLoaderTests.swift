import Foundation
import Testing
import KontorContent

/// Writes a throw-away content folder for one test.
struct ContentFixture {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-content-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite struct ContentLoaderTests {
    @Test func loadsPagesTOCAndWarnsAboutGaps() throws {
        let fixture = try ContentFixture([
            "docs/TOC.md": "# [Start](index.md)\n## [Fehlt](missing.md)\n## [Teil](part/TOC.yml)\n",
            "docs/index.md": "# Start",
            "docs/unlisted.md": "# Nicht im TOC",
            "docs/includes/snippet.md": "Text",
            "docs/part/TOC.yml": "- name: Kind\n  href: child.md\n",
            "docs/part/child.md": "# Kind",
            "docs/media/bild.svg": "<svg/>",
        ])
        defer { fixture.remove() }
        let tree = try ContentLoader(root: fixture.root).load()
        #expect(tree.pages == ["docs/index.md", "docs/part/child.md", "docs/unlisted.md"])
        #expect(tree.files.contains("docs/media/bild.svg"))
        #expect(tree.toc[0].children[1].title == "Teil")
        #expect(tree.toc[0].children[1].href == nil)
        #expect(tree.toc[0].children[1].children[0].href == "docs/part/child.md")
        let messages = tree.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("docs/TOC.md:2:1: warning") && $0.contains("missing file: docs/missing.md") })
        #expect(messages.contains { $0.contains("docs/unlisted.md: warning: page is not listed") })
        #expect(!tree.diagnostics.hasErrors)
        #expect(tree.config == SiteConfig())
        #expect(!tree.hasCatalog)
    }

    @Test func tocYAMLWinsOverTOCMarkdown() throws {
        let fixture = try ContentFixture([
            "docs/TOC.md": "# [A](a.md)",
            "docs/TOC.yml": "- name: B\n  href: b.md\n",
            "docs/a.md": "# A", "docs/b.md": "# B",
        ])
        defer { fixture.remove() }
        let tree = try ContentLoader(root: fixture.root).load()
        #expect(tree.toc.map(\.title) == ["B"])
    }

    @Test func tocEntryOutsideContentIsWarning() throws {
        let fixture = try ContentFixture(["docs/TOC.md": "# [X](../../etc/passwd)", "docs/a.md": "# A"])
        defer { fixture.remove() }
        let tree = try ContentLoader(root: fixture.root).load()
        #expect(tree.toc[0].href == nil)
        #expect(tree.diagnostics.contains { $0.message.contains("outside the content folder") })
    }

    @Test func readsConfigAndRejectsBrokenConfig() throws {
        let good = try ContentFixture(["kontor.yml": "title: Hilfe\nsafe: true\n", "docs/a.md": "# A"])
        defer { good.remove() }
        let config = try ContentLoader(root: good.root).load().config
        #expect(config.title == "Hilfe" && config.safe)

        let bad = try ContentFixture(["kontor.yml": "title: [x\n", "docs/a.md": "# A"])
        defer { bad.remove() }
        do {
            _ = try ContentLoader(root: bad.root).load()
            Issue.record("a broken kontor.yml must fail the load")
        } catch {
            #expect(error.diagnostics.first?.location?.path == "kontor.yml")
            #expect((error.diagnostics.first?.location?.line ?? 0) >= 1)
        }
    }

    @Test func rejectsUnsafeResellerIDs() throws {
        let fixture = try ContentFixture(["docs/a.md": "# A", "resellers/Böse Firma.yml": "name: x"])
        defer { fixture.remove() }
        #expect(throws: (any Error).self) { try ContentLoader(root: fixture.root).load() }
    }
}
