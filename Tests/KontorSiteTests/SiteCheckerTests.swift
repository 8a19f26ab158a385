import Foundation
import KontorDiagnostics
import Testing
@testable import KontorSite

/// Writes a small built site into a fresh temporary folder.
private func makeSite(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory
        .appendingPathComponent("kontor-check-\(UUID().uuidString)", isDirectory: true)
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return root
}

private func page(head: String = "", _ body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="de-DE">
    <head><meta charset="utf-8"><title>Seite</title>\(head)</head>
    <body>
    \(body)
    </body>
    </html>
    """
}

/// A consistent one-site build: links, anchors, assets, srcset, external links, search shards.
private let cleanSite: [String: String] = [
    "index.html": page(
        head: """
        <link rel="stylesheet" href="assets/kontor.css"><link rel="canonical" href="https://example.com/">
        <script src="assets/search.js" defer data-root=""></script>
        """,
        """
        <a href="hilfe/a.html">Hilfe</a> <a href="hilfe/a.html#abschnitt">Abschnitt</a>
        <a href="katalog/index.html">Katalog</a> <a href='suche.html?q=Preis&amp;x=1'>Suche</a>
        <a href="https://learn.microsoft.com/de-de/partner-center/">Extern</a> <a href="mailto:hilfe@example.com">Mail</a>
        <a href="#oben">Oben</a><h1 id="oben">Start</h1><form action="suche.html" role="search"><input name="q"></form>
        <img src="assets/logo.png" srcset="assets/logo.png 1x, assets/logo%402x.png 2x" alt="">
        <!-- <a href="fehlt.html">in a comment</a> -->
        """),
    "hilfe/a.html": page(
        """
        <h2 id="abschnitt">Abschnitt</h2><a name="alt"></a>
        <a href="../index.html">Start</a> <a href="a.html#alt">Alt</a> <a href="bild%20eins.png">Bild</a>
        <pre><code>&lt;a href="kaputt.html"&gt;</code></pre>
        """),
    "hilfe/bild eins.png": "png",
    "katalog/index.html": page(#"<a href="../hilfe/a.html">Hilfe</a>"#),
    "suche.html": page(#"<a href="index.html">Start</a>"#),
    "assets/kontor.css": "body{}",
    "assets/search.js": "// search",
    "assets/logo.png": "png",
    "assets/logo@2x.png": "png",
    "search/manifest.js": #"window.KontorSuche.register("manifest",{"format":3,"documents":2,"weightScale":40,"shards":["","m"]});"#,
    "search/t/0.js": #"window.KontorSuche.register("t/0",{"terms":[],"postings":[]});"#,
    "search/t/1.js": #"window.KontorSuche.register("t/1",{"terms":[],"postings":[]});"#,
    "search/d/0.js": searchDocument(0, url: "hilfe/a.html", anchors: ["abschnitt", ""]),
    "search/d/1.js": searchDocument(1, url: "index.html", anchors: ["oben"]),
]

/// A document file as KontorSearch writes it (`SearchIndexFormat.fragment`).
private func searchDocument(_ id: Int, url: String, anchors: [String]) -> String {
    let sections = anchors.map { #"["\#($0)","Überschrift","Text"]"# }.joined(separator: ",")
    return #"window.KontorSuche.register("d/\#(id)",{"url":"\#(url)","title":"T","kind":"help","sections":[\#(sections)]});"# + "\n"
}

@Suite struct SiteCheckerTests {
    @Test func cleanSiteHasNoDiagnostics() throws {
        let root = try makeSite(cleanSite)
        defer { try? FileManager.default.removeItem(at: root) }
        let diagnostics = SiteChecker(root: root).check()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func brokenLinksAndMissingAnchorsAreReportedAtTheAttribute() throws {
        var files = cleanSite
        files["katalog/index.html"] = page("""
        <a href="../hilfe/fehlt.html">weg</a>
          <p>Ä <a href="../hilfe/a.html#nirgends">Anker</a></p>
        <a href="#auch-nicht">hier</a>
        """)
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let messages = SiteChecker(root: root).check().map(\.description)
        #expect(messages == [
            "katalog/index.html:5:4: error: link '../hilfe/fehlt.html' not found (no file 'hilfe/fehlt.html')",
            "katalog/index.html:6:11: error: anchor '#nirgends' not found in 'hilfe/a.html'",
            "katalog/index.html:7:4: error: anchor '#auch-nicht' not found in 'katalog/index.html'",
        ])
    }

    @Test func missingAssetsAreReported() throws {
        var files = cleanSite
        files["suche.html"] = page(
            head: #"<link rel="stylesheet" href="assets/fehlt.css"><script src="assets/fehlt.js"></script>"#,
            #"<img src="assets/fehlt.png" alt=""><img src="assets/logo.png" srcset="assets/logo.png 1x, assets/fehlt@2x.png 2x" alt="">"#)
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let messages = SiteChecker(root: root).check().map(\.message)
        #expect(messages == [
            "stylesheet 'assets/fehlt.css' not found (no file 'assets/fehlt.css')",
            "script 'assets/fehlt.js' not found (no file 'assets/fehlt.js')",
            "image 'assets/fehlt.png' not found (no file 'assets/fehlt.png')",
            "image 'assets/fehlt@2x.png' not found (no file 'assets/fehlt@2x.png')",
        ])
    }

    @Test func absoluteAndThirdPartyAssetURLsAreReported() throws {
        var files = cleanSite
        files["suche.html"] = page(
            head: """
            <link rel="stylesheet" href="https://fonts.example.com/font.css">
            <script src="//cdn.example.com/lib.js"></script>
            <link rel="stylesheet" href="/assets/kontor.css"><link rel="preconnect" href="https://fonts.example.com">
            """,
            #"<img src="http://example.com/bild.png" alt=""> <a href="/hilfe/a.html">absolut</a> <a href="http://example.com/">ok</a>"#)
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let messages = SiteChecker(root: root).check().map(\.message)
        #expect(messages.count == 6, "\(messages)")
        #expect(messages.filter { $0.contains("another host") }.count == 4)
        #expect(messages.filter { $0.contains("is absolute") }.count == 2)
    }

    @Test func linksToFoldersAreReported() throws {
        var files = cleanSite
        files["suche.html"] = page(#"<a href="katalog/">Katalog</a> <a href="hilfe">Hilfe</a> <a href="./">Start</a>"#)
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let messages = SiteChecker(root: root).check().map(\.message)
        #expect(messages == [
            "link 'katalog/' names a folder, not a file; link to 'katalog/index.html'",
            "link 'hilfe' names a folder, not a file",
            "link './' names a folder, not a file; link to 'index.html'",
        ])
    }

    @Test func formActionsAndDataURLsAreChecked() throws {
        var files = cleanSite
        files["suche.html"] = page(#"<form action="sucher.html"></form><img src="data:image/png;base64,AAAA" alt="">"#)
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let diagnostics = SiteChecker(root: root).check()
        #expect(diagnostics.map(\.description) == [
            "suche.html:5:7: error: form action 'sucher.html' not found (no file 'sucher.html')",
            "suche.html:5:40: warning: image uses a data: URL, which Content-Security-Policy default-src 'self' blocks",
        ])
    }

    @Test func linksThatLeaveTheSiteAreReported() throws {
        var files = cleanSite
        files["suche.html"] = page(#"<a href="../draussen.html">raus</a>"#)
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(SiteChecker(root: root).check().map(\.message) == ["link '../draussen.html' leaves the site folder"])
    }

    @Test func inconsistentSearchShardsAreReported() throws {
        var files = cleanSite
        files["search/manifest.js"] = #"window.KontorSuche.register("manifest",{"format":3,"documents":3,"weightScale":40,"shards":["","m","t"]});"#
        files["search/d/0.js"] = searchDocument(0, url: "hilfe/weg.html", anchors: [""])
        files["search/d/1.js"] = searchDocument(1, url: "index.html", anchors: ["oben", "fehlt"])
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let descriptions = SiteChecker(root: root).check().map(\.description)
        #expect(descriptions == [
            "search/d/0.js:1:36: error: search index names page 'hilfe/weg.html' that does not exist",
            "search/d/1.js:1:123: error: search index names anchor '#fehlt' that is not in 'index.html'",
            "search/manifest.js:1:1: error: search document 'search/d/2.js' counted in the manifest is missing",
            "search/manifest.js:1:1: error: search shard 'search/t/2.js' named in the manifest is missing",
        ])
    }

    @Test func packedOfferDocumentsAreChecked() throws {
        var files = cleanSite
        files["search/manifest.js"] = #"window.KontorSuche.register("manifest",{"format":3,"documents":4,"weightScale":40,"packed":{"from":2,"per":16},"shards":["","m"]});"#
        files["search/d/p0.js"] = #"window.KontorSuche.register("d/p0",{"first":2,"documents":["#
            + #"{"url":"katalog/index.html","title":"A","kind":"catalog","sections":[["","","x"]]},"#
            + #"{"url":"katalog/weg.html","title":"B","kind":"catalog","sections":[["","","y"]]}]});"# + "\n"
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(SiteChecker(root: root).check().map(\.description) == [
            "search/d/p0.js:1:144: error: search index names page 'katalog/weg.html' that does not exist",
        ])

        try FileManager.default.removeItem(at: root.appendingPathComponent("search/d/p0.js"))
        #expect(SiteChecker(root: root).check().map(\.description) == [
            "search/manifest.js:1:1: error: search document pack 'search/d/p0.js' counted in the manifest is missing",
        ])
    }

    @Test func anIndexOfAnotherFormatIsReported() throws {
        var files = cleanSite
        files["search/manifest.js"] = #"window.KontorSuche.register("manifest",{"format":1,"documents":2,"weightScale":40,"shards":["","m"]});"#
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(SiteChecker(root: root).check().map(\.description) == [
            "search/manifest.js:1:41: error: search index format 1, expected 3",
        ])
    }

    @Test func unreadableSearchManifestIsReported() throws {
        var files = cleanSite
        files["search/manifest.js"] = "// leer"
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let diagnostics = SiteChecker(root: root).check()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location?.path == "search/manifest.js")
    }

    @Test func missingManifestIsReportedOncePerSite() throws {
        var files = cleanSite
        for path in files.keys where path.hasPrefix("search/") { files[path] = nil }
        files["suche.html"] = page(head: #"<script src="assets/search.js"></script>"#, "")
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let descriptions = SiteChecker(root: root).check().map(\.description)
        #expect(descriptions == ["index.html:4:9: error: page loads the search but 'search/manifest.js' is missing"])
    }

    @Test func everyResellerSiteBelowTheRootIsChecked() throws {
        var files: [String: String] = [:]
        for (path, text) in cleanSite {
            files["alpha/" + path] = text
            files["beta/" + path] = text
        }
        files["beta/hilfe/a.html"] = page(#"<a href="b.html">weg</a>"#)
        files["alpha/search/manifest.js"] = nil
        let root = try makeSite(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let descriptions = SiteChecker(root: root, displayPrefix: "site/").check().map(\.description)
        #expect(descriptions.count == 4, "\(descriptions)")
        #expect(descriptions.contains { $0.hasPrefix("site/alpha/index.html:") && $0.contains("'alpha/search/manifest.js' is missing") })
        #expect(descriptions.contains("site/beta/hilfe/a.html:5:4: error: link 'b.html' not found (no file 'beta/hilfe/b.html')"))
        #expect(descriptions.contains { $0.contains("anchor '#abschnitt' not found in 'beta/hilfe/a.html'") })
    }

    @Test func missingRootIsAnError() {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-check-missing-\(UUID().uuidString)")
        let diagnostics = SiteChecker(root: root, displayPrefix: "site/").check()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
    }

    @Test func scannerSkipsScriptsCommentsAndDecodesReferences() {
        let html = Array(#"<script>var s = '<a href="x.html">';</script><!-- <img src=y.png> --><A HREF=z.html?a=1&amp;b=2 ID='k&#252;r'>"#.utf8)
        let scan = html.withUnsafeBufferPointer { SiteChecker.HTMLScanner.scan($0) }
        #expect(scan.references.map(\.value) == ["z.html?a=1&b=2"])
        #expect(scan.references.first?.column == 73)
        #expect(scan.anchors == ["kür"])
    }
}
