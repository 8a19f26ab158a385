import Testing
@testable import KontorMarkdown

struct FrontMatterTests {
    @Test func readsTitleDescriptionDateAndMetadata() {
        let document = TestSupport.render("""
            ---
            title: Anpassen des Katalogs
            description: Wählen Sie fünf Angebote.
            ms.date: 10/29/2018
            ms.topic: article
            author: jemand
            ms.locfileid: "62132320"
            tags: [a, b]
            ---
            # Überschrift
            """)
        #expect(document.frontMatter.title == "Anpassen des Katalogs")
        #expect(document.frontMatter.description == "Wählen Sie fünf Angebote.")
        #expect(document.frontMatter.date == "2018-10-29")
        #expect(document.frontMatter.metadata == ["ms.topic": "article", "author": "jemand", "ms.locfileid": "62132320"])
        #expect(document.frontMatter.sortedMetadata.map(\.key) == ["author", "ms.locfileid", "ms.topic"])
        #expect(document.title == "Anpassen des Katalogs")
        #expect(document.html == "<h1 id=\"ueberschrift\">Überschrift</h1>\n")
        #expect(document.diagnostics.isEmpty)
    }

    @Test func isoDateAndShortDocFXDates() {
        #expect(TestSupport.render("---\ndate: 2024-03-05\n---\nx").frontMatter.date == "2024-03-05")
        #expect(TestSupport.render("---\nms.date: 3/5/2024\n---\nx").frontMatter.date == "2024-03-05")
        let invalid = TestSupport.render("---\nms.date: 13/45/2024\n---\nx")
        #expect(invalid.frontMatter.date == nil)
        #expect(invalid.warnings.first?.location?.line == 2)
    }

    @Test func titleFallsBackToFirstH1ThenFileName() {
        let fromHeading = TestSupport.render("## Zwei\n\n# Eins\n\n# Noch eins\n")
        #expect(fromHeading.title == "Eins")
        #expect(fromHeading.html.contains("<h1 id=\"eins\">Eins</h1>"))
        #expect(TestSupport.render("Nur Text", path: "docs/reset-a-user-password.md").title == "reset a user password")
    }

    @Test func brokenYAMLIsAnErrorPointingIntoTheFile() throws {
        let document = TestSupport.render("---\ntitle: ok\ndescription: [nicht geschlossen\nauthor: x\n---\n# Text\n")
        let error = try #require(document.errors.first)
        #expect(error.location?.path == "docs/page.md")
        // The YAML error is reported by libyaml on the line after the open bracket.
        #expect((3...5).contains(error.location?.line ?? 0))
        #expect(error.location?.column ?? 0 > 0)
        #expect(document.html.contains("<h1"))
    }

    @Test func badIndentationReportsItsLine() throws {
        let document = TestSupport.render("---\ntitle: a\nkey: b: c\n---\nx\n")
        let error = try #require(document.errors.first)
        #expect(error.location?.line == 3)
        #expect(error.location?.column == 7)
    }

    @Test func unclosedFrontMatterIsAnError() throws {
        let document = TestSupport.render("---\ntitle: a\n\nText\n")
        #expect(try #require(document.errors.first).location?.line == 1)
    }

    @Test func thematicBreakAtTheStartIsNotFrontMatter() {
        let document = TestSupport.render("---\n\nText\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.html == "<hr />\n<p>Text</p>\n")
    }

    @Test func diagnosticsInTheBodyCountFrontMatterLines() throws {
        let document = TestSupport.render("---\ntitle: a\n---\n\n:::image type=\"content\" source=\"a.png\":::\n")
        let warning = try #require(document.warnings.first)
        #expect(warning.location?.line == 5)
        #expect(warning.message.contains("alt-text"))
    }
}
