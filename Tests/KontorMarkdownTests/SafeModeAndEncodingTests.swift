import Testing
@testable import KontorMarkdown

struct SafeModeAndEncodingTests {
    @Test func rawHTMLPassesThroughByDefault() {
        let html = TestSupport.render("<table><tr><td><a name=\"x\"></a>Zelle</td></tr></table>\n\nText <b>fett</b>\n").html
        #expect(html == "<table><tr><td><a name=\"x\"></a>Zelle</td></tr></table>\n<p>Text <b>fett</b></p>\n")
    }

    @Test func safeModeStripsRawHTMLAndDangerousURLs() {
        let document = TestSupport.render("""
            <script>alert(1)</script>

            Text <b onclick="x()">fett</b> [a](javascript:alert(1)) [b](VBScript:x) [c](data:text/html;base64,xx)
            ![d](data:image/png;base64,iVBOR) [e](https://ok.example) [f](billing.md)

            :::image type="content" source="javascript:alert(1)" alt-text="x":::
            """, safe: true)
        #expect(!document.html.contains("<script"))
        #expect(!document.html.contains("<b"))
        #expect(!document.html.contains("raw HTML omitted"))
        #expect(!document.html.lowercased().contains("javascript:"))
        #expect(!document.html.lowercased().contains("vbscript:"))
        #expect(!document.html.contains("data:text"))
        #expect(document.html.contains(#"<img src="data:image/png;base64,iVBOR" alt="d" />"#))
        #expect(document.links == ["https://ok.example", "billing.html"])
    }

    @Test func javascriptURLsStayWithoutSafeMode() {
        #expect(TestSupport.render("[a](javascript:x)").links == ["javascript:x"])
    }

    @Test func invalidUTF8IsReplacedWithAWarning() throws {
        var bytes = Array("# Titel\n\nZeile zwei\nKaputt: ".utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(" Ende\n".utf8)
        let document = MarkdownRenderer(contentRoot: TestSupport.repositoryRoot()).render(source: bytes, path: "docs/bad.md")
        let warning = try #require(document.warnings.first)
        #expect(warning.location?.path == "docs/bad.md")
        #expect(warning.location?.line == 4)
        #expect(document.html.contains("Kaputt: \u{FFFD}(\u{FFFD} Ende"))
        #expect(document.errors.isEmpty)
    }

    @Test func validUTF8AndByteOrderMarkGiveNoWarning() {
        let document = MarkdownRenderer(contentRoot: TestSupport.repositoryRoot())
            .render(source: [0xEF, 0xBB, 0xBF] + Array("# Grüße\n".utf8), path: "a.md")
        #expect(document.diagnostics.isEmpty)
        #expect(document.title == "Grüße")
    }
}
