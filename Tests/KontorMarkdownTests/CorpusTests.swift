import Dispatch
import Foundation
import Synchronization
import Testing
@testable import KontorMarkdown

/// The real DocFX guides beside the checkout (`../shared/corpus/de-de-21vianet`).
struct CorpusTests {
    @Test func realGuidesRenderWithoutErrorsAndKeepTablesAndAnchors() throws {
        let root = TestSupport.shared.appendingPathComponent("corpus/de-de-21vianet")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path))?.filter { $0.hasSuffix(".md") }.sorted() ?? []
        guard names.count >= 35 else {
            Issue.record("corpus missing or incomplete at \(root.path)")
            return
        }
        let renderer = MarkdownRenderer(contentRoot: root)
        var tables = 0
        for name in names {
            let document = renderer.render(path: name)
            #expect(document.errors.isEmpty, "\(name): \(document.errors)")
            let source = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            #expect(occurrences("<table", in: document.html) == occurrences("<table", in: source), "\(name)")
            #expect(occurrences("<a name=", in: document.html) == occurrences("<a name=", in: source), "\(name)")
            tables += occurrences("<table", in: document.html)
        }
        #expect(tables > 0)
    }

    @Test func parallelRenderingGivesTheSameResults() throws {
        let root = try TestSupport.fixtures
        let names = ["alerts", "tables", "images", "no-loc", "headings", "links", "includes", "raw-html"]
        let renderer = MarkdownRenderer(contentRoot: root)
        let serial = names.map { renderer.render(path: "\($0).md").html }
        let results = Mutex([String?](repeating: nil, count: names.count * 8))
        DispatchQueue.concurrentPerform(iterations: names.count * 8) { index in
            let html = renderer.render(path: "\(names[index % names.count]).md").html
            results.withLock { $0[index] = html }
        }
        let parallel = results.withLock { $0 }
        for (index, html) in parallel.enumerated() {
            #expect(html == serial[index % names.count])
        }
    }

    private func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
