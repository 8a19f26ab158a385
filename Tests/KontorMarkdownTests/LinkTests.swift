import Testing
@testable import KontorMarkdown

struct LinkTests {
    private func link(_ url: String, page: String = "docs/sub/page.md") -> String? {
        TestSupport.render("[x](\(url))", path: page).links.first
    }

    @Test func relativeMarkdownLinksBecomeHTML() {
        #expect(link("billing.md") == "billing.html")
        #expect(link("billing.md#x") == "billing.html#x")
        #expect(link("../a/b.md") == "../a/b.html")
        #expect(link("./c.MD?x=1#y") == "./c.html?x=1#y")
        #expect(link("media/file.pdf") == "media/file.pdf")
    }

    @Test func absoluteAndSpecialLinksAreUntouched() {
        #expect(link("https://example.com/a.md") == "https://example.com/a.md")
        #expect(link("mailto:hilfe@example.com") == "mailto:hilfe@example.com")
        #expect(link("#abschnitt") == "#abschnitt")
        #expect(link("/absolut/a.md") == "/absolut/a.md")
        #expect(link("//cdn.example.com/a.md") == "//cdn.example.com/a.md")
    }

    @Test func docFXRootLinksResolveRelativeToThePage() {
        #expect(link("~/docs/billing.md#x") == "../billing.html#x")
        #expect(link("~/docs/sub/other.md") == "other.html")
        #expect(link("~/index.md", page: "page.md") == "index.html")
    }

    @Test func outgoingLinksAndImagesAreRecordedOnce() {
        let document = TestSupport.render("""
            [a](a.md) [a again](a.md) [ext](https://x.example) ![img](media/x.png) ![remote](https://x.example/y.png)

            <a href="raw.html">raw</a> <img src="media/raw.png">
            """)
        #expect(document.links == ["a.html", "https://x.example", "raw.html"])
        #expect(document.assets == ["media/x.png", "media/raw.png"])
        #expect(document.html.contains(#"<a href="a.html">a</a>"#))
    }

    @Test func rawHTMLIDsAreAnchors() {
        let document = TestSupport.render("<div id=\"kasten\">\n\n*x*\n\n</div>\n")
        #expect(document.anchorIDs == ["kasten"])
    }
}
