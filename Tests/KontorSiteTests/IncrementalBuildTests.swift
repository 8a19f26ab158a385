import Foundation
import Synchronization
import Testing
import KontorSite

/// Editing one guide re-parses only that guide (and guides including a changed file), and the
/// result is byte-identical to a clean build.
@Suite(.serialized) struct IncrementalBuildTests {
    private func makeContent(in folder: TemporaryFolder) throws {
        try folder.write("# [Start](index.md)\n## [Eins](eins.md)\n## [Zwei](zwei.md)\n## [Drei](drei.md)\n", to: "content/docs/TOC.md")
        try folder.write("# Start\n\nSiehe [Eins](eins.md#details).\n", to: "content/docs/index.md")
        try folder.write("# Eins\n\n## Details\n\nText eins.\n", to: "content/docs/eins.md")
        try folder.write("# Zwei\n\n[!INCLUDE[Teil](includes/teil.md)]\n", to: "content/docs/zwei.md")
        try folder.write("# Drei\n\nText drei.\n", to: "content/docs/drei.md")
        try folder.write("Gemeinsamer Text.\n", to: "content/docs/includes/teil.md")
    }

    /// The content and a copy of the default theme, both inside `folder`; returns their URLs.
    private func makeContentWithOwnTheme(in folder: TemporaryFolder) throws -> (content: URL, templates: URL) {
        try makeContent(in: folder)
        let templates = folder.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates.appendingPathComponent("default"),
                                         to: templates.appendingPathComponent("default"))
        return (folder.url.appendingPathComponent("content"), templates)
    }

    /// A paragraph more in the page template and a renamed TOC entry: no page text changes.
    private func editThemeAndNavigation(templates: URL, in folder: TemporaryFolder) throws {
        let page = templates.appendingPathComponent("default/page.mustache")
        let theme = try String(contentsOf: page, encoding: .utf8)
        try theme.replacingOccurrences(of: "{{{content}}}", with: "<p class=\"neu\">Neu</p>{{{content}}}")
            .write(to: page, atomically: true, encoding: .utf8)
        try folder.write("# [Start](index.md)\n## [Eins](eins.md)\n## [Zwei](zwei.md)\n## [Drei, umbenannt](drei.md)\n", to: "content/docs/TOC.md")
    }

    private func inode(_ folder: TemporaryFolder, _ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent(path).path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test func editingOneGuideRebuildsOnlyItAndMatchesACleanBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try makeContent(in: folder)
        let content = folder.url.appendingPathComponent("content")
        let incremental = BuildOptions.test(content: content, output: folder.url.appendingPathComponent("inc"))

        let first = SiteBuilder(options: incremental).build()
        try #require(first.succeeded)
        #expect(first.renderedGuideCount == 4)

        let inodeBefore = try inode(folder, "inc/hilfe/eins.html")
        let unchanged = SiteBuilder(options: incremental).build()
        #expect(unchanged.renderedGuideCount == 0)
        #expect(try inode(folder, "inc/hilfe/eins.html") == inodeBefore, "an unchanged page is linked, not rewritten")

        try folder.write("# Drei\n\nGeänderter Text drei.\n", to: "content/docs/drei.md")
        let afterEdit = SiteBuilder(options: incremental).build()
        #expect(afterEdit.renderedGuideCount == 1)

        try folder.write("Geänderter gemeinsamer Text.\n", to: "content/docs/includes/teil.md")
        let afterInclude = SiteBuilder(options: incremental).build()
        #expect(afterInclude.renderedGuideCount == 1, "only the guide including the changed file")

        let clean = SiteBuilder(options: .test(content: content, output: folder.url.appendingPathComponent("clean"))).build()
        try #require(clean.succeeded)
        #expect(clean.renderedGuideCount == 4)
        #expect(try folder.snapshot("inc") == folder.snapshot("clean"))
        #expect(try folder.read("inc/hilfe/zwei.html").contains("Geänderter gemeinsamer Text."))
    }

    /// Pages are reused only while everything they show is unchanged: a theme edit or a new
    /// title elsewhere in the navigation reaches every page.
    @Test func themeAndTitleChangesReachUnchangedGuides() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, templates) = try makeContentWithOwnTheme(in: folder)
        func options(_ output: String) -> BuildOptions {
            BuildOptions(contentRoot: content, templatesRoot: templates, output: folder.url.appendingPathComponent(output), jobs: 2)
        }
        try #require(SiteBuilder(options: options("inc")).build().succeeded)

        try editThemeAndNavigation(templates: templates, in: folder)
        try #require(SiteBuilder(options: options("inc")).build().succeeded)
        try #require(SiteBuilder(options: options("clean")).build().succeeded)

        #expect(try folder.read("inc/hilfe/eins.html").contains("class=\"neu\""))
        #expect(try folder.read("inc/hilfe/zwei.html").contains("Drei, umbenannt"), "sidebar and next link of an unchanged guide")
        #expect(try folder.snapshot("inc") == folder.snapshot("clean"))
    }

    /// The search index is taken over from the previous build while every document it is made
    /// from is unchanged (a theme or navigation edit), and made again when a page's text changes.
    @Test func searchIndexIsTakenOverOnlyWhileItsDocumentsAreUnchanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, templates) = try makeContentWithOwnTheme(in: folder)
        let steps = Mutex<[String]>([])
        func build(_ output: String) throws {
            steps.withLock { $0.removeAll() }
            let options = BuildOptions(contentRoot: content, templatesRoot: templates, output: folder.url.appendingPathComponent(output),
                                       jobs: 2, log: { line in steps.withLock { $0.append(line) } })
            try #require(SiteBuilder(options: options).build().succeeded)
        }
        func indexWasTakenOver() -> Bool {
            steps.withLock { $0 }.contains { $0.contains("search index") && $0.contains("moved over") }
        }
        /// From "search index of 4 documents, 3 of them analysed before (…)".
        func documentsAnalysedBefore() -> Int? {
            let line = steps.withLock { $0 }.first { $0.contains(" of them analysed before") }
            return line?.components(separatedBy: " of them analysed before").first?.split(separator: " ").last.flatMap { Int($0) }
        }
        try build("inc")
        #expect(!indexWasTakenOver())
        let fragment = try inode(folder, "inc/search/d/0.js")

        try editThemeAndNavigation(templates: templates, in: folder)
        try build("inc")
        #expect(indexWasTakenOver())
        #expect(try inode(folder, "inc/search/d/0.js") == fragment, "the index files are the previous build's")
        try build("clean1")
        #expect(try folder.snapshot("inc") == folder.snapshot("clean1"))

        try folder.write("# Drei\n\nEin ganz neuer Begriff: Zwischenabrechnung.\n", to: "content/docs/drei.md")
        try build("inc")
        #expect(!indexWasTakenOver())
        // The first build's analyses outlived the taken-over index: only the edited page is
        // analysed again.
        #expect(documentsAnalysedBefore() == 3)
        try build("clean2")
        #expect(try folder.snapshot("inc") == folder.snapshot("clean2"))
        let shards = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("inc/search/t").path)
        #expect(try shards.contains { try folder.read("inc/search/t/" + $0).contains("\"zwischenabrech") })

        // A damaged analysis cache is not read: every page is analysed, the index is the same.
        let analyses = folder.url.appendingPathComponent(".inc.kontor-cache/search.bin")
        var bytes = try [UInt8](Data(contentsOf: analyses))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: analyses)
        try folder.write("# Drei\n\nEin ganz neuer Begriff: Zwischenabrechnungen.\n", to: "content/docs/drei.md")
        try build("inc")
        #expect(documentsAnalysedBefore() == 0)
        try build("clean3")
        #expect(try folder.snapshot("inc") == folder.snapshot("clean3"))
    }

    /// A folder of unchanged pages moves from the previous output into the new one whole (its
    /// directory keeps its inode); a folder with an edited page is made anew. A media file that
    /// this build adds to a moved folder joins it.
    @Test func foldersOfUnchangedPagesMoveOverWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var toc = "# [Start](index.md)\n## [Neu](neu.md)\n"
        for number in 0..<20 {
            toc += "## [Seite \(number)](ordner/seite-\(number).md)\n"
            try folder.write("# Seite \(number)\n\nText \(number).\n", to: "content/docs/ordner/seite-\(number).md")
        }
        try folder.write(toc, to: "content/docs/TOC.md")
        try folder.write("# Start\n\nText.\n", to: "content/docs/index.md")
        try folder.write("# Neu\n\nText.\n", to: "content/docs/neu.md")
        let content = folder.url.appendingPathComponent("content")
        func build(_ output: String) throws {
            try #require(SiteBuilder(options: .test(content: content, output: folder.url.appendingPathComponent(output))).build().succeeded)
        }
        try build("inc")
        let moved = try inode(folder, "inc/hilfe/ordner")

        try folder.write("# Start\n\nGeänderter Text.\n", to: "content/docs/index.md")
        try build("inc")
        #expect(try inode(folder, "inc/hilfe/ordner") == moved, "the folder moved over")
        try build("clean1")
        #expect(try folder.snapshot("inc") == folder.snapshot("clean1"))

        try folder.write("# Seite 3\n\nGeändert.\n", to: "content/docs/ordner/seite-3.md")
        try build("inc")
        #expect(try inode(folder, "inc/hilfe/ordner") != moved, "an edited page's folder is made anew")
        try build("clean2")
        #expect(try folder.snapshot("inc") == folder.snapshot("clean2"))

        // An image beside the moved pages, shown by a page elsewhere.
        let pageBefore = try inode(folder, "inc/hilfe/ordner/seite-0.html")
        try folder.write("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", to: "content/docs/ordner/bild.svg")
        try folder.write("# Neu\n\n![Bild](ordner/bild.svg)\n", to: "content/docs/neu.md")
        try build("inc")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("inc/hilfe/ordner/bild.svg").path))
        #expect(try inode(folder, "inc/hilfe/ordner/seite-0.html") == pageBefore, "the moved page joined the new folder")
        try build("clean3")
        #expect(try folder.snapshot("inc") == folder.snapshot("clean3"))
    }
}
