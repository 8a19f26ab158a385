import Testing
@testable import KontorMarkdown

struct DirectiveTests {
    @Test func missingAltTextIsAWarningWithLine() throws {
        let document = TestSupport.render("Text\n\n:::image type=\"complex\" source=\"a.png\":::\nBeschreibung\n:::image-end:::\n")
        let warning = try #require(document.warnings.first)
        #expect(warning.location?.line == 3)
        #expect(document.errors.isEmpty)
        #expect(document.html.contains("<summary>Beschreibung</summary>\n<p>Beschreibung</p>\n</details>"))
    }

    @Test func iconsNeedNoAltText() {
        let document = TestSupport.render(":::image type=\"icon\" source=\"gear.svg\":::\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.html == "<p><img class=\"icon\" src=\"gear.svg\" alt=\"\"></p>\n")
    }

    @Test func unclosedComplexImageWarns() {
        let document = TestSupport.render(":::image type=\"complex\" source=\"a.png\" alt-text=\"A\":::\n\nRest\n")
        #expect(document.warnings.count == 1)
        #expect(document.html.contains("<p>Rest</p>\n</details>"))
    }

    @Test func noLocEscapesHTML() {
        #expect(TestSupport.render(#"a :::no-loc text="<b>&":::"#).html == "<p>a &lt;b&gt;&amp;</p>\n")
    }

    @Test func imageSourcesInIncludedFilesAreRebased() throws {
        let document = try TestSupport.withContent([
            "docs/page.md": "[!INCLUDE[x](inc/part.md)]\n",
            "docs/inc/part.md": ":::image type=\"content\" source=\"media/a.svg\" alt-text=\"A\":::\n",
        ]) { MarkdownRenderer(contentRoot: $0).render(path: "docs/page.md") }
        #expect(document.assets == ["inc/media/a.svg"])
        #expect(document.html.contains(#"src="inc/media/a.svg""#))
    }

    @Test func alertMarkerWithDirectivesAndTablesInside() {
        let html = TestSupport.render("> [!TIP]\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n").html
        #expect(html.hasPrefix("<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Tipp</p>\n<table>"))
    }
}
