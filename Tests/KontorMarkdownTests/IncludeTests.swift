import Foundation
import Testing
@testable import KontorMarkdown

struct IncludeTests {
    private func render(_ files: [String: String], page: String = "docs/page.md") throws -> MarkdownDocument {
        try TestSupport.withContent(files) { root in MarkdownRenderer(contentRoot: root).render(path: page) }
    }

    @Test func blockIncludeSplicesBlocksAndDropsFrontMatter() throws {
        let document = try render([
            "docs/page.md": "Vorher\n\n[!INCLUDE[Teil](includes/part.md)]\n\nNachher\n",
            "docs/includes/part.md": "---\ntitle: Teil\n---\n## Eingebunden\n\n- Punkt\n",
        ])
        #expect(document.html == "<p>Vorher</p>\n<h2 id=\"eingebunden\">Eingebunden</h2>\n<ul>\n<li>Punkt</li>\n</ul>\n<p>Nachher</p>\n")
        #expect(document.includes == ["docs/includes/part.md"])
        #expect(document.headings.map(\.id) == ["eingebunden"])
        #expect(document.diagnostics.isEmpty)
    }

    @Test func inlineIncludeSplicesInlineContent() throws {
        let document = try render([
            "docs/page.md": "Im [!include[Name](name.md)] Satz.\n",
            "docs/name.md": "*Partner Center*\n",
        ])
        #expect(document.html == "<p>Im <em>Partner Center</em> Satz.</p>\n")
    }

    @Test func nestedIncludesRebaseLinksAndMedia() throws {
        let document = try render([
            "docs/guide/page.md": "[!INCLUDE[a](../shared/a.md)]\n",
            "docs/shared/a.md": "[Abrechnung](billing.md) ![Bild](media/a.png)\n\n[!INCLUDE[b](deeper/b.md)]\n",
            "docs/shared/deeper/b.md": "[Start](../../index.md#top) [Web](https://example.com) [Hier](#anker)\n",
        ], page: "docs/guide/page.md")
        #expect(document.links == ["../shared/billing.html", "../index.html#top", "https://example.com", "#anker"])
        #expect(document.assets == ["../shared/media/a.png"])
        #expect(document.includes == ["docs/shared/a.md", "docs/shared/deeper/b.md"])
        #expect(document.html.contains(#"<img src="../shared/media/a.png" alt="Bild" />"#))
        #expect(document.errors.isEmpty)
    }

    @Test func cycleIsAnErrorNamingTheChain() throws {
        let document = try render([
            "docs/page.md": "[!INCLUDE[a](a.md)]\n",
            "docs/a.md": "[!INCLUDE[b](b.md)]\n",
            "docs/b.md": "Text\n\n[!INCLUDE[a](a.md)]\n",
        ])
        let error = try #require(document.errors.first)
        #expect(error.message == "include cycle: docs/page.md → docs/a.md → docs/b.md → docs/a.md")
        #expect(error.location?.path == "docs/b.md")
        #expect(error.location?.line == 3)
    }

    @Test func includeOutsideTheContentRootIsAnError() throws {
        let document = try render(["docs/page.md": "Text\n\n[!INCLUDE[x](../../secret.md)]\n"])
        let error = try #require(document.errors.first)
        #expect(error.message.contains("leaves the content root"))
        #expect(error.location?.line == 3)
    }

    @Test func missingIncludeIsAnError() throws {
        let document = try render(["docs/page.md": "---\ntitle: T\n---\n[!INCLUDE[x](fehlt.md)]\n"])
        let error = try #require(document.errors.first)
        #expect(error.description == "docs/page.md:4: error: included file not found: docs/fehlt.md")
    }

    @Test func unreadablePageIsAnError() throws {
        let document = try render([:], page: "docs/nope.md")
        #expect(document.errors.count == 1)
        #expect(document.html.isEmpty)
    }
}
