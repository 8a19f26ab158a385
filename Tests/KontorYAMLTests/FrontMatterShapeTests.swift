import Foundation
import KontorTestSupport
import Testing
@testable import KontorYAML

/// Front matter shapes: whatever `BlockYAML` accepts must be Yams' tree.
@Suite struct FrontMatterShapeTests {
    let reference = BlockYAMLTests()

    /// The YAML between a leading `---` line and the next `---` line (the corpus has no `...`).
    private func frontMatter(of text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else { return nil }
        return lines[1..<close].map { $0 + "\n" }.joined()
    }

    /// Random front matter from pieces that sit on both sides of the line between the simple
    /// subset and the rest of YAML; every input the simple reader accepts must read as Yams
    /// reads it.
    @Test func agreesWithYamsOnGeneratedInput() {
        let keys = ["title", "description", "ms.date", "date", "author", "ms.topic", "a-b", "x/y", "_k", "2fa", "Title",
                    "ms.custom", "title", "-k", ".k", "k k", "ke\"y", "über", "<<", "null", "true"]
        let separators = [": ", ":", ":  ", " : ", ":\t", ": \t", ":: "]
        let values = [
            "Einfacher Text", "Erläutert, wie (21Vianet) – „Zitat“ 😀", "10/29/2018", "2024-03-05", "\"62131380\"",
            "'einfach'", "\"\"", "''", "\"a\\\"b\"", "'it''s'", "a # c", "a#b", "C#", "a: b", "a:b", "a:", "http://x.y/z?q=1",
            "[a, b]", "{a: 1}", "&anchor a", "*alias", "!tag a", "|", ">", "-1", "- a", "?x", "%x", "@x", "`x`", "~", "null",
            "true", "yes", "0x1F", "a   ", "\"a\"  ", "\"a\" b", "'a' #c", "a\u{85}b", "a\u{A0}b", "a\u{2029}b", "\u{FEFF}",
            "a\u{7F}", "a\u{9F}", "\"a", "'a", "a'b\"c", "x,y", "a]b", "", " ",
        ]
        let extraLines = ["", "# Kommentar", "  # eingerückt", "  - item", "- item", "  - 'q'", "  -", "    - tief",
                          "  fortgesetzt", "---", "...", "\t- tab", "  - a: b", "  - [x]", " - eins", "  - a # c"]
        let goodKeys = ["title", "description", "ms.date", "date", "author", "ms.topic", "a-b", "x/y", "_k", "2fa"]
        let goodValues = ["Einfacher Text", "Erläutert – „Zitat“ 😀", "10/29/2018", "2024-03-05", "13/45/2024", "\"62131380\"",
                          "'einfach'", "\"\"", "a#b", "a:b", "http://x.y/z?q=1", "~", "true", "x,y", "a\u{A0}b"]
        var random = SeededRandom(seed: 0x5EED)
        var accepted = 0
        let total = 6000
        for _ in 0..<total {
            var lines: [String] = []
            for _ in 0..<random.next(below: 6) + 1 {
                switch random.next(below: 10) {
                case 0..<5:
                    lines.append(random.pick(goodKeys) + ": " + random.pick(goodValues))
                case 5:
                    lines.append(random.pick(keys) + (random.next(below: 5) == 0 ? random.pick(separators) : ": ") + random.pick(values))
                case 6:
                    lines.append(random.pick(keys) + ":")
                default:
                    lines.append(random.pick(extraLines))
                }
            }
            let ending = random.next(below: 8) == 0 ? "\r\n" : "\n"
            if reference.expectSameAsYams(lines.joined(separator: ending) + ending) { accepted += 1 }
        }
        // Both sides of the line must be exercised.
        #expect(accepted > total / 5)
        #expect(accepted < total * 9 / 10)
    }

    /// The real corpus' front matter, and every single-character change to it from a set of
    /// YAML-significant characters.
    @Test func agreesWithYamsOnMutatedCorpusFrontMatter() throws {
        let root = YAMLTestFiles.shared.appendingPathComponent("corpus/de-de-21vianet")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".md") }.sorted()
        var samples: [String] = []
        for name in names.prefix(8) {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            if let yaml = frontMatter(of: text) { samples.append(yaml) }
        }
        #expect(!samples.isEmpty)
        let insertions = [":", " ", "#", "\"", "'", "-", "\t", "[", "&", "|", "\n", "\n  ", "\n- ", "\u{85}", "\\"]
        var random = SeededRandom(seed: 42)
        var accepted = 0
        for sample in samples {
            #expect(reference.expectSameAsYams(sample), "corpus front matter should take the fast path")
            let characters = Array(sample)
            for _ in 0..<300 {
                var mutated = characters
                let position = random.next(below: mutated.count + 1)
                if random.next(below: 3) == 0, position < mutated.count {
                    mutated.remove(at: position)
                } else {
                    mutated.insert(contentsOf: random.pick(insertions), at: position)
                }
                if reference.expectSameAsYams(String(mutated)) { accepted += 1 }
            }
        }
        #expect(accepted > 0)
    }
}

