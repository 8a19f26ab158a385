import Foundation
import Testing
import KontorContent
import KontorDiagnostics
import KontorSite

/// End to end: the project's own content and the real DocFX corpus build cleanly.
@Suite(.serialized) struct ExampleSiteTests {
    /// The guides named by the seed outline, as content paths.
    private func tocPages() throws -> [String] {
        let toc = try String(contentsOf: Repository.content.appendingPathComponent("docs/TOC.md"), encoding: .utf8)
        return TOCParser.parseMarkdown(toc, path: "docs/TOC.md").entries.flatMap(flatten).compactMap(\.href)
    }

    private func flatten(_ entry: TOCEntry) -> [TOCEntry] {
        [entry] + entry.children.flatMap(flatten)
    }

    @Test func projectContentBuildsEveryResellerWithoutBrokenLinks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.url.appendingPathComponent("site")
        let result = SiteBuilder(options: .test(content: Repository.content, output: output)).build()
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.diagnostics.isEmpty, "the example content must build without warnings: \(result.diagnostics)")
        #expect(result.sites.count >= 2)
        let pages = Set(try tocPages())
        #expect(pages.count == 35, "36 TOC entries, one page listed twice")
        for site in result.sites {
            for page in pages {
                let name = page.dropLast(".md".count)
                #expect(folder.exists("site/\(site)/hilfe/\(name).html"), "missing \(site)/hilfe/\(name).html")
            }
            #expect(folder.exists("site/\(site)/index.html"))
            #expect(folder.exists("site/\(site)/katalog/index.html"))
            #expect(folder.exists("site/\(site)/404.html"))
            #expect(folder.exists("site/\(site)/suche.html"))
            #expect(folder.exists("site/\(site)/search/manifest.js"))
        }
        #expect(SiteChecker(root: output).check().isEmpty)
    }

    @Test func helpPagesCarryNavigationAndResellerBranding() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = SiteBuilder(options: .test(content: Repository.content, output: folder.url.appendingPathComponent("site"))).build()
        try #require(result.succeeded)
        let site = try #require(result.sites.first)
        let page = try folder.read("site/\(site)/hilfe/read-your-bill.html")
        #expect(page.contains("aria-current=\"page\""))
        #expect(page.contains("href=\"billing.html\""), "breadcrumb or sidebar link to the parent")
        #expect(page.contains("../assets/kontor.css"))
        #expect(!page.contains("<script>"), "no inline scripts")
        #expect(!page.contains("https://"), "no third-party requests in a help page")
        // The page listed twice in the TOC still has one current entry and no self-links in prev/next.
        let twice = try folder.read("site/\(site)/hilfe/see-offers-and-pricing.html")
        // One current entry in the sidebar, one in the breadcrumbs; the second TOC place is only marked.
        #expect(twice.components(separatedBy: "aria-current=\"page\"").count - 1 == 2)
        #expect(twice.components(separatedBy: "nav-current-again").count - 1 == 1)
    }

    @Test func oneResellerIsWrittenAtTheOutputRoot() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ids = try ContentLoader(root: Repository.content).load().resellerIDs
        let id = try #require(ids.first)
        let result = SiteBuilder(options: .test(content: Repository.content, output: folder.url.appendingPathComponent("site"),
                                                resellers: [id])).build()
        #expect(result.succeeded)
        #expect(folder.exists("site/index.html"))
        #expect(folder.exists("site/hilfe/billing.html"))
        #expect(!folder.exists("site/\(id)"))
    }

    /// A reseller's site never names another reseller or carries its logo or price list.
    @Test func resellerSitesDoNotLeakIntoEachOther() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = SiteBuilder(options: .test(content: Repository.content, output: folder.url.appendingPathComponent("site"))).build()
        try #require(result.succeeded && result.sites.count >= 2)
        let names = try Dictionary(uniqueKeysWithValues: result.sites.map { id in
            let profile = try String(contentsOf: Repository.content.appendingPathComponent("resellers/\(id).yml"), encoding: .utf8)
            let nameLine = try #require(profile.split(separator: "\n").first { $0.hasPrefix("name:") })
            return (id, nameLine.dropFirst("name:".count).trimmingCharacters(in: .whitespaces))
        })
        for site in result.sites {
            let files = try folder.snapshot("site/\(site)")
            for (other, name) in names where other != site {
                let leaking = files.filter { String(decoding: $0.value, as: UTF8.self).contains(name) }.keys.sorted()
                #expect(leaking.isEmpty, "\(site) mentions \(name) in \(leaking.prefix(3))")
                let otherLogo = try Data(contentsOf: Repository.content.appendingPathComponent("resellers/\(other).svg"))
                #expect(files["assets/logo.svg"] != otherLogo)
            }
            let ownPrices = try #require(files["katalog/preisliste.json"])
            for other in result.sites where other != site {
                #expect(try folder.snapshot("site/\(other)")["katalog/preisliste.json"] != ownPrices)
            }
        }
    }

    /// The real 21Vianet DocFX corpus, copied as `docs/`, builds with its HTML tables, legacy
    /// anchors and cross-page links intact.
    @Test func realCorpusBuilds() throws {
        let corpus = Repository.shared.appendingPathComponent("corpus/de-de-21vianet")
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            Issue.record("../shared/corpus/de-de-21vianet is missing")
            return
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let docs = folder.url.appendingPathComponent("content/docs")
        try FileManager.default.createDirectory(at: docs.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: corpus, to: docs)
        let output = folder.url.appendingPathComponent("out")
        let result = SiteBuilder(options: .test(content: folder.url.appendingPathComponent("content"), output: output)).build()
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(!result.diagnostics.contains { $0.message.hasPrefix("broken") }, "\(result.diagnostics)")
        let sourceFiles = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".md") && $0 != "TOC.md" }
        for name in sourceFiles {
            #expect(folder.exists("out/hilfe/\(name.dropLast(3)).html"))
        }
        let bill = try folder.read("out/hilfe/customize-the-catalog.html")
        #expect(bill.contains("<a name=\"customize-the-catalog\"></a>"))
        let tables = try sourceFiles.filter { try String(contentsOf: corpus.appendingPathComponent($0), encoding: .utf8).contains("<table") }
        #expect(!tables.isEmpty)
        for name in tables {
            #expect(try folder.read("out/hilfe/\(name.dropLast(3)).html").contains("<table"))
        }
        #expect(SiteChecker(root: output).check().filter { $0.severity == .error }.isEmpty)
    }
}
