import Foundation
import Testing
@testable import KontorMarkdown

/// The Yams-free front matter reader must agree with Yams on everything it accepts.
struct SimpleFrontMatterTests {
    private func simple(_ yaml: String) -> [FrontMatterEntry]? {
        SimpleFrontMatter.parse(ArraySlice(Array(yaml.utf8)))
    }

    /// Checks one input; returns whether the simple reader took it.
    @discardableResult
    private func agreesWithYams(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let entries = simple(yaml) else { return false }
        let reference = FrontMatterParser.entriesWithYams(yaml, path: "p.md", firstLine: 1)
        #expect(reference.diagnostics.isEmpty, "accepted, but Yams fails: \(yaml.debugDescription)", sourceLocation: sourceLocation)
        #expect(entries == reference.entries, "differs from Yams: \(yaml.debugDescription)", sourceLocation: sourceLocation)
        return true
    }

    @Test func typicalDocFXFrontMatterIsReadWithoutYams() {
        let yaml = """
            title: Die Abrechnung (Partner Center im Betrieb über 21Vianet)
            ms.topic: article
            ms.date: 10/29/2018
            description: Erläutert, wie die Abrechnung für China-Reseller funktioniert.
            ms.locfileid: "62131380"
            ms.custom:
              - seo
              - 'a b'
            author: x

            """
        #expect(agreesWithYams(yaml))
        #expect(simple(yaml)?.map(\.key) == ["title", "ms.topic", "ms.date", "description", "ms.locfileid", "author"])
        #expect(simple(yaml)?.last?.line == 9)
    }

    @Test func anythingUnusualIsLeftToYams() {
        let unusual = [
            "title: a # comment\n", "title: \"a\\tb\"\n", "title: &x a\n", "title: !tag a\n", "tags: [a, b]\n",
            "text: |\n  block\n", "title: a\n  continued\n", "title: a\ntitle: b\n", "key: a: b\n", "title:\ta\n",
            "? complex\n: value\n", "title: 'it''s'\n", "title: -1\n", "title: a\u{2028}b\n", "- a\n", "title: a:\n",
            "key:\n  nested: map\n", "key:\n  - a\n    - b\n", "key:\n  - a\n - b\n", "title: \u{FEFF}a\n", "a\rb: c\n",
        ]
        for yaml in unusual {
            #expect(simple(yaml) == nil, "should go to Yams: \(yaml.debugDescription)")
        }
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
            if agreesWithYams(lines.joined(separator: ending) + ending) { accepted += 1 }
        }
        // Both sides of the line must be exercised.
        #expect(accepted > total / 5)
        #expect(accepted < total * 9 / 10)
    }

    /// The real corpus' front matter, and every single-character change to it from a set of
    /// YAML-significant characters.
    @Test func agreesWithYamsOnMutatedCorpusFrontMatter() throws {
        let root = TestSupport.shared.appendingPathComponent("corpus/de-de-21vianet")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".md") }.sorted()
        var samples: [String] = []
        for name in names.prefix(8) {
            let bytes = Array(try Data(contentsOf: root.appendingPathComponent(name)))
            let split = FrontMatterParser.split(bytes, path: name)
            if let yaml = split.yaml { samples.append(String(decoding: bytes[yaml], as: UTF8.self)) }
        }
        #expect(!samples.isEmpty)
        let insertions = [":", " ", "#", "\"", "'", "-", "\t", "[", "&", "|", "\n", "\n  ", "\n- ", "\u{85}", "\\"]
        var random = SeededRandom(seed: 42)
        var accepted = 0
        for sample in samples {
            #expect(agreesWithYams(sample), "corpus front matter should take the simple path")
            let characters = Array(sample)
            for _ in 0..<300 {
                var mutated = characters
                let position = random.next(below: mutated.count + 1)
                if random.next(below: 3) == 0, position < mutated.count {
                    mutated.remove(at: position)
                } else {
                    mutated.insert(contentsOf: random.pick(insertions), at: position)
                }
                if agreesWithYams(String(mutated)) { accepted += 1 }
            }
        }
        #expect(accepted > 0)
    }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ items: [T]) -> T { items[next(below: items.count)] }
}
