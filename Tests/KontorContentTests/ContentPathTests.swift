import Testing
@testable import KontorContent

@Suite struct ContentPathTests {
    @Test(arguments: [
        ("docs/a", "b.md", "docs/a/b.md"),
        ("docs/a", "./b.md", "docs/a/b.md"),
        ("docs/a", "../c.md", "docs/c.md"),
        ("docs/a", "../../c.md", "c.md"),
        ("docs/a", "sub//./d.md", "docs/a/sub/d.md"),
        ("docs/a", "x/../y.md", "docs/a/y.md"),
        ("docs/a", "~/media/bild.png", "media/bild.png"),
        ("docs/a", "/media/bild.png", "media/bild.png"),
        ("", "b.md", "b.md"),
        ("docs/a", "", "docs/a"),
        ("docs/a", "ä/ö.md", "docs/a/ä/ö.md"),
        ("/docs//a/", "b.md", "docs/a/b.md"),
    ])
    func joinsAndResolvesDots(folder: String, href: String, expected: String) {
        #expect(ContentPath.join(folder, href) == expected)
    }

    @Test func refusesToClimbAboveTheRoot() {
        #expect(ContentPath.join("docs/a", "../../../x.md") == nil)
        #expect(ContentPath.join("", "..") == nil)
        #expect(ContentPath.join("docs", "~/../x.md") == nil)
    }

    @Test func joinerReusesItsBuffersAcrossPaths() {
        var joiner = ContentPath.FolderJoiner(folder: "hilfe/konto")
        for (path, expected) in [("a.html", "hilfe/konto/a.html"), ("../b.html", "hilfe/b.html"), ("../../../c.html", nil),
                                 ("a.html", "hilfe/konto/a.html")] {
            var bytes = path
            #expect(bytes.withUTF8 { joiner.join($0) } == expected, "\(path)")
        }
    }

    @Test(arguments: [
        ("https://example.com/a", true), ("mailto:x@y.de", true), ("//cdn.example/x.js", true), ("C++:x", true),
        ("tel:+8610", true), ("a/b:c.html", false), (":x", false), ("seite.html#a:b", false), ("b.html", false),
        ("/abs.html", false), ("", false), ("ä:x", false),
    ])
    func tellsExternalLinks(href: String, external: Bool) {
        #expect(ContentPath.isExternal(href) == external)
    }

    @Test func folderOfAPath() {
        #expect(ContentPath.folder(of: "docs/a/b.md") == "docs/a")
        #expect(ContentPath.folder(of: "b.md") == "")
    }
}
