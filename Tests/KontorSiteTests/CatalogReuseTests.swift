import Foundation
import Testing
import KontorSite

/// A rebuild links the catalog's files from the previous build while the price list, the offer
/// texts, the profile and everything else the pages show are unchanged; any change to one of
/// them renders the catalog again, and the result always equals a clean build.
@Suite(.serialized) struct CatalogReuseTests {
    /// Microsoft 365 Business Basic, whose first price row the tests change.
    private let offerPage = "katalog/angebot/435dd85d-8358-575f-b60b-18003bb50520.html"

    private func makeContent(in folder: TemporaryFolder) throws -> URL {
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repository.content, to: content)
        return content
    }

    private func inode(_ folder: TemporaryFolder, _ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent(path).path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    private func build(_ content: URL, into output: String, in folder: TemporaryFolder, templates: URL = Repository.templates) throws -> BuildResult {
        let options = BuildOptions(contentRoot: content, templatesRoot: templates, output: folder.url.appendingPathComponent(output), jobs: 2)
        let result = SiteBuilder(options: options).build()
        try #require(result.succeeded, "\(result.diagnostics)")
        return result
    }

    private func edit(_ folder: TemporaryFolder, _ path: String, replacing old: String, with new: String) throws {
        let text = try folder.read(path)
        try #require(text.contains(old))
        try folder.write(text.replacingOccurrences(of: old, with: new), to: path)
    }

    @Test func anUnchangedCatalogIsLinkedWithItsWarningsAndSearchData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try makeContent(in: folder)
        // A second name for one Offer ID is a catalog warning, which a reused catalog must repeat.
        try edit(folder, "content/catalog/preisliste.csv", replacing: "Microsoft 365 Business Basic,435DD85D-8358-575F-B60B-18003BB50520,Corporate,Lizenz,,Commercial,P1Y,Monthly",
                 with: "Microsoft 365 Business Basic (Jahr),435DD85D-8358-575F-B60B-18003BB50520,Corporate,Lizenz,,Commercial,P1Y,Monthly")
        let first = try build(content, into: "inc", in: folder)
        let warnings = first.diagnostics.filter { $0.location?.path == "catalog/preisliste.csv" }
        try #require(!warnings.isEmpty)
        let pageInode = try inode(folder, "inc/nordlicht/" + offerPage)

        let second = try build(content, into: "inc", in: folder)
        #expect(try inode(folder, "inc/nordlicht/" + offerPage) == pageInode, "the offer page is linked, not rendered again")
        #expect(second.diagnostics.filter { $0.location?.path == "catalog/preisliste.csv" } == warnings)
        _ = try build(content, into: "clean", in: folder)
        // Search shards and fragments included: the offers' search documents came from the cache.
        #expect(try folder.snapshot("inc") == folder.snapshot("clean"))
    }

    @Test func changedPricesProfilesAndTemplatesReachTheCatalog() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try makeContent(in: folder)
        let templates = folder.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repository.templates, to: templates)
        _ = try build(content, into: "inc", in: folder, templates: templates)
        let before = try folder.read("inc/nordlicht/" + offerPage)
        let jadehafenInode = try inode(folder, "inc/jadehafen/" + offerPage)

        try edit(folder, "content/catalog/preisliste.csv", replacing: ",P1M,Monthly,45.60,53.81,", with: ",P1M,Monthly,47.60,56.17,")
        _ = try build(content, into: "inc", in: folder, templates: templates)
        let afterPrice = try folder.read("inc/nordlicht/" + offerPage)
        #expect(afterPrice != before)
        let jadehafenAfterPrice = try inode(folder, "inc/jadehafen/" + offerPage)
        #expect(jadehafenAfterPrice != jadehafenInode, "the price change reaches every site")

        try edit(folder, "content/resellers/nordlicht.yml", replacing: "name: Nordlicht Cloud GmbH", with: "name: Nordlicht Wolke GmbH")
        _ = try build(content, into: "inc", in: folder, templates: templates)
        #expect(try folder.read("inc/nordlicht/" + offerPage).contains("Nordlicht Wolke GmbH"), "the profile's own site is rendered again")
        #expect(try inode(folder, "inc/jadehafen/" + offerPage) == jadehafenAfterPrice, "the other site's catalog is linked")

        try edit(folder, "templates/default/catalog-offer.mustache", replacing: "<h1>{{name}}</h1>",
                 with: "<h1 class=\"neu\">{{name}}</h1>")
        _ = try build(content, into: "inc", in: folder, templates: templates)
        #expect(try folder.read("inc/jadehafen/" + offerPage).contains("class=\"neu\""))

        _ = try build(content, into: "clean", in: folder, templates: templates)
        #expect(try folder.snapshot("inc") == folder.snapshot("clean"))
    }
}

/// With hundreds of offers the offer pages' folder moves from the previous output into the new
/// one as a whole; a folder that no longer matches the manifest is rendered anew.
@Suite(.serialized) struct CatalogFolderCarryOverTests {
    private func makeContent(in folder: TemporaryFolder, offers: Int) throws -> URL {
        try folder.write("# [Start](index.md)\n", to: "content/docs/TOC.md")
        try folder.write("# Start\n\nText.\n", to: "content/docs/index.md")
        var csv = "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency\n"
        for number in 1...offers {
            csv += "ANGEBOT-\(number),Angebot \(number),Lizenz,\(number).50,\(number + 1).00,CNY\n"
        }
        try folder.write(csv, to: "content/catalog/preisliste.csv")
        return folder.url.appendingPathComponent("content")
    }

    private func build(_ content: URL, into output: String, in folder: TemporaryFolder) throws {
        let result = SiteBuilder(options: .test(content: content, output: folder.url.appendingPathComponent(output))).build()
        try #require(result.succeeded, "\(result.diagnostics)")
    }

    private func inode(_ folder: TemporaryFolder, _ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent(path).path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    private func offerPages(_ folder: TemporaryFolder, _ output: String) throws -> [String: UInt64] {
        let pages = folder.url.appendingPathComponent(output + "/katalog/angebot")
        var inodes: [String: UInt64] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: pages.path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: pages.appendingPathComponent(name).path)
            inodes[name] = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
        }
        return inodes
    }

    @Test func theOfferFolderMovesOverAndAMissingPageIsRenderedAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try makeContent(in: folder, offers: 300)
        try build(content, into: "inc", in: folder)
        let first = try offerPages(folder, "inc")
        try #require(first.count == 300)
        let folderInode = try inode(folder, "inc/katalog/angebot")

        try build(content, into: "inc", in: folder)
        #expect(try offerPages(folder, "inc") == first, "the same files, not written again")
        #expect(try inode(folder, "inc/katalog/angebot") == folderInode, "the folder itself moved over")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".inc.kontor-previous").path))

        let removed = try #require(first.keys.sorted().first)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("inc/katalog/angebot/" + removed))
        try build(content, into: "inc", in: folder)
        #expect(try offerPages(folder, "inc").count == 300)

        try build(content, into: "clean", in: folder)
        #expect(try folder.snapshot("inc") == folder.snapshot("clean"))
    }
}
