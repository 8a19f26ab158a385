import Foundation
import Testing
@testable import KontorMarkdown

/// Every table example of the GFM spec and cmark-gfm's extension tests, kept beside the
/// checkout in `../shared/conformance/gfm-tables.json`.
struct GFMTableConformanceTests {
    struct Example: Decodable {
        var section: String
        var line: Int
        var markdown: String
        var html: String
    }

    struct Examples: Decodable {
        var examples: [Example]
    }

    @Test func allExamplesRenderTheExpectedHTML() throws {
        let url = TestSupport.shared.appendingPathComponent("conformance/gfm-tables.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("conformance file missing: \(url.path)")
            return
        }
        let examples = try JSONDecoder().decode(Examples.self, from: data).examples
        #expect(examples.count >= 17)
        for example in examples {
            let document = TestSupport.render(example.markdown)
            #expect(
                TestSupport.normalized(document.html) == TestSupport.normalized(example.html),
                "\(example.section), line \(example.line):\n\(example.markdown)")
            #expect(document.diagnostics.isEmpty)
        }
    }

    @Test func cellsAreInlineOnly() {
        let html = TestSupport.render("| a |\n| - |\n| # not a heading |\n| - not a list |\n| --- |\n").html
        #expect(html.contains("<td># not a heading</td>"))
        #expect(html.contains("<td>- not a list</td>"))
        #expect(html.contains("<td>---</td>"))
    }

    @Test func tablesInCodeBlocksStayCode() {
        let html = TestSupport.render("```\n| a | b |\n| - | - |\n```\n").html
        #expect(!html.contains("<table>"))
        #expect(html.contains("<pre><code>| a | b |"))
    }
}
