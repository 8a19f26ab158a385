import Foundation
import Testing
import KontorDiagnostics
import KontorSite

/// Bad content fails the build with a diagnostic that names the file (and line), and never
/// touches the previous output.
@Suite struct BadInputTests {
    private func build(_ files: [String: String], strict: Bool = false) throws -> (BuildResult, TemporaryFolder) {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(text, to: "content/\(path)") }
        let result = SiteBuilder(options: .test(content: folder.url.appendingPathComponent("content"),
                                                output: folder.url.appendingPathComponent("out"), strict: strict)).build()
        return (result, folder)
    }

    private let toc = "# [Start](index.md)\n"

    @Test func brokenFrontMatterIsAnErrorWithLine() throws {
        let (result, folder) = try build(["docs/TOC.md": toc, "docs/index.md": "---\ntitle: [kaputt\n---\n# Start\n"])
        defer { folder.remove() }
        #expect(!result.succeeded)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.location?.path == "docs/index.md")
        #expect((error.location?.line ?? 0) >= 2)
        #expect(!folder.exists("out"))
    }

    @Test func includeCycleIsAnError() throws {
        let (result, folder) = try build([
            "docs/TOC.md": toc,
            "docs/index.md": "# Start\n\n[!INCLUDE[a](includes/a.md)]\n",
            "docs/includes/a.md": "[!INCLUDE[b](b.md)]\n",
            "docs/includes/b.md": "[!INCLUDE[a](a.md)]\n",
        ])
        defer { folder.remove() }
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.lowercased().contains("cycle") })
    }

    @Test func includeOutsideContentIsAnError() throws {
        let (result, folder) = try build([
            "docs/TOC.md": toc,
            "docs/index.md": "# Start\n\n[!INCLUDE[x](../../secret.md)]\n",
        ])
        defer { folder.remove() }
        try folder.write("geheim", to: "secret.md")
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.location?.path == "docs/index.md" })
    }

    @Test func missingIncludeIsAnError() throws {
        let (result, folder) = try build(["docs/TOC.md": toc, "docs/index.md": "# Start\n\n[!INCLUDE[x](includes/fehlt.md)]\n"])
        defer { folder.remove() }
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains("fehlt.md") })
    }

    /// A guide that cannot be read (here: a link to nowhere) is an error naming it.
    @Test func unreadableGuideIsAnError() throws {
        let (_, folder) = try build(["docs/TOC.md": toc, "docs/index.md": "# Start\n"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: folder.url.appendingPathComponent("content/docs/weg.md").path, withDestinationPath: "nirgendwo.md")
        let result = SiteBuilder(options: .test(content: folder.url.appendingPathComponent("content"),
                                                output: folder.url.appendingPathComponent("out"))).build()
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.location?.path == "docs/weg.md" })
    }

    @Test func invalidUTF8IsReplacedWithAWarning() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(toc, to: "content/docs/TOC.md")
        try folder.write(Data("# Start\n\nKaputt: ".utf8) + Data([0xC3, 0x28, 0xFF]) + Data(" Ende\n".utf8), to: "content/docs/index.md")
        let result = SiteBuilder(options: .test(content: folder.url.appendingPathComponent("content"),
                                                output: folder.url.appendingPathComponent("out"))).build()
        #expect(result.succeeded)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.location?.path == "docs/index.md" })
        #expect(try folder.read("out/hilfe/index.html").contains("\u{FFFD}"))
    }

    @Test func strictModeFailsOnAWarning() throws {
        let files = ["docs/TOC.md": toc, "docs/index.md": "# Start\n", "docs/verwaist.md": "# Nicht im TOC\n"]
        let (relaxed, first) = try build(files)
        defer { first.remove() }
        #expect(relaxed.succeeded)
        #expect(relaxed.diagnostics.contains { $0.message.contains("not listed") })
        let (strict, second) = try build(files, strict: true)
        defer { second.remove() }
        #expect(!strict.succeeded)
        #expect(!second.exists("out"))
    }

    /// Ids from content become file names; one that could climb out of the output is an error,
    /// and an offer id is reduced to a safe slug.
    @Test func pathTraversalInCatalogIdsIsRejected() throws {
        let (result, folder) = try build([
            "docs/TOC.md": toc, "docs/index.md": "# Start\n",
            "catalog/preisliste.csv": "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency\n../../evil,Böse,Lizenz,1.00,2.00,CNY\n",
            "catalog/angebote.yml": "categories:\n  - id: ../../boese\n    name: Böse\noffers:\n  \"../../evil\":\n    category: ../../boese\n",
        ])
        defer { folder.remove() }
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.location?.path == "catalog/angebote.yml" && $0.location?.line == 2 })
        #expect(!folder.exists("boese.html") && !folder.exists("evil.html") && !folder.exists("out"))

        let (slugged, second) = try build([
            "docs/TOC.md": toc, "docs/index.md": "# Start\n",
            "catalog/preisliste.csv": "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency\n../../evil,Böse,Lizenz,1.00,2.00,CNY\n",
        ])
        defer { second.remove() }
        #expect(slugged.succeeded, "\(slugged.diagnostics)")
        let written = try second.snapshot("out").keys
        #expect(written.contains { $0.hasPrefix("katalog/angebot/") && !$0.contains("..") })
        #expect(!second.exists("evil.html"))
    }

    @Test func unknownResellerIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(toc, to: "content/docs/TOC.md")
        try folder.write("# Start\n", to: "content/docs/index.md")
        let result = SiteBuilder(options: .test(content: folder.url.appendingPathComponent("content"),
                                                output: folder.url.appendingPathComponent("out"), resellers: ["../x"])).build()
        #expect(!result.succeeded)
    }
}
