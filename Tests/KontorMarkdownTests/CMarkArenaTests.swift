import Dispatch
import Foundation
import KontorTestSupport
import Testing
@testable import KontorMarkdown

/// cmark's trees in the per-thread arena must render exactly as with `malloc`: small nodes,
/// buffers that grow step by step (in place and moved), allocations too large for a block, and
/// many pages one after another in the same arena.
@Suite struct CMarkArenaTests {
    private static func document(_ seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        var text = ""
        for block in 0..<(20 + random.next(below: 200)) {
            switch random.next(below: 6) {
            case 0: text += "## Abschnitt \(block) mit *Betonung*\n\n"
            case 1: text += "| Spalte | Wert |\n| --- | ---: |\n| Preis | \(random.next(below: 10_000)),00 |\n\n"
            case 2: text += "- Punkt [Link](seite-\(block).md)\n- `Code` und **fett**\n\n"
            case 3: text += "```swift\n" + String(repeating: "let x = \(block)\n", count: 1 + random.next(below: 40)) + "```\n\n"
            // A paragraph far larger than a block of the arena: cmark's buffer grows past it.
            case 4: text += String(repeating: "Abonnementverwaltung für Kunden ", count: 1 + random.next(below: 3_000)) + "\n\n"
            default: text += "> [!NOTE]\n> Hinweis \(block) mit <span>HTML</span> &amp; Entität\n\n"
            }
        }
        return Array(text.utf8)
    }

    private static func render(_ bytes: [UInt8]) -> String? {
        guard let root = CMarkNode.parseDocument(bytes) else { return nil }
        defer { root.delete() }
        return root.renderHTML(unsafe: true).string
    }

    @Test func rendersAsWithMalloc() {
        for seed in 0..<40 as Range<UInt64> {
            let bytes = Self.document(seed)
            let expected = Self.render(bytes)
            #expect(expected != nil)
            #expect(CMarkArena.scope { Self.render(bytes) } == expected, "seed \(seed)")
        }
    }

    @Test func manyPagesOnManyThreadsRenderAsWithMalloc() {
        let documents = (0..<64 as Range<UInt64>).map { Self.document(100 + $0) }
        let expected = documents.map(Self.render)
        let rendered = UnsafeSendableArray(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            // Each thread renders its pages one after another in its own arena.
            for index in stride(from: thread, to: documents.count, by: 4) {
                rendered.set(index, CMarkArena.scope { Self.render(documents[index]) })
            }
        }
        #expect(rendered.values == expected)
    }
}

/// Results written by several threads, each index by one thread only.
private final class UnsafeSendableArray: @unchecked Sendable {
    private var storage: [String?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: String?) { lock.withLock { storage[index] = value } }
    var values: [String?] { lock.withLock { storage } }
}
