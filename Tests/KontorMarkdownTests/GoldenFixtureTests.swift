import Foundation
import Testing
@testable import KontorMarkdown

/// Each extension has `Fixtures/<name>.md` and the exact expected `Fixtures/<name>.html`.
/// The fixture folder is also the content root, so includes resolve inside it.
struct GoldenFixtureTests {
    @Test(arguments: ["alerts", "tables", "images", "no-loc", "headings", "links", "includes", "raw-html"])
    func rendersFixtureExactly(name: String) throws {
        let root = try TestSupport.fixtures
        let expected = try String(contentsOf: root.appendingPathComponent("\(name).html"), encoding: .utf8)
        let document = MarkdownRenderer(contentRoot: root).render(path: "\(name).md")
        #expect(document.errors.isEmpty, "\(document.diagnostics)")
        #expect(document.html == expected)
    }

    @Test func imagesRecordMediaAndDescriptionIDs() throws {
        let document = MarkdownRenderer(contentRoot: try TestSupport.fixtures).render(path: "images.md")
        #expect(document.assets == ["media/diagram.svg", "media/gear.svg", "media/big.png", "media/big-full.png", "media/flow.png"])
        #expect(document.anchorIDs == ["flow-beschreibung", "flow-beschreibung-1"])
        #expect(document.diagnostics.isEmpty)
    }
}
