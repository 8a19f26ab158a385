import Foundation
import KontorTestSupport
import Testing
@testable import KontorYAML

/// `BlockYAML` must give exactly Yams' tree (kinds, text, line and column) on all it accepts,
/// and refuse everything Yams rejects.
@Suite struct BlockYAMLTests {
    /// Compares the fast reader with Yams; returns whether the fast reader accepted the text.
    @discardableResult
    func expectSameAsYams(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let fast = BlockYAML.parse(text) else { return false }
        do {
            let reference = try YAMLReader.yamsTree(text)
            #expect(fast.root == reference, "\(text.debugDescription)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("BlockYAML accepted what Yams rejects (\(error)): \(text.debugDescription)",
                         sourceLocation: sourceLocation)
        }
        return true
    }

    static let accepted: [String] = [
        "a: b\n",
        "a: b",
        "a: b   \nc: d # comment\n# only a comment\n\n",
        "a: -7.5\nb: 12 %\nc: x#y\nd: ---\ne: a:b\nf: '#0b4f8a'\n",
        "\"key\": \"value with \\\"quotes\\\" and \\\\ backslash\"\n'k''ey': 'it''s'\n",
        "a: \"tab\\there\\nline \\/ slash\"\n",
        "Größe: Übergröße für Büros – „zitiert“ 你好 😀\n\"ä\": ö\n",
        "a:\n  b: c\n  d:\n    e: f\ng: h\n",
        "list:\n  - one\n  - \"two\"\n  -   three # comment\nnext: x\n",
        "flow: [a, \"b, c\", 'd', e f]\nempty: []\nspaced: [ a ,b ]   # c\n",
        "cats:\n  - id: a\n    name: A\n  - id: b\n    name: \"B\"\n    description: x\n",
        "text: |\n  first\n  second\n\n  third\n\nnext: x\n",
        "text: |\n    deeper\n      more\n    back\n",
        "text: |\n\n  after blank\n",
        "text: |   # comment\n  a  \n  b\n",
        "text: |\n  no final newline",
        "text: |\n  a\n\n\n",
        "text: |\n  a\n  \nb: c\n",
        "a:\n  b: |\n    x\n  c: y\n",
        "seq:\n  - |\n    block in list\n  - x\n",
        "nested:\n  - a: |\n      x\n    b: c\n",
        "a: b\n   # indented comment\nc: d\n",
        "a: 1\nb: \"1\"\nc: true\nd: ~\ne: 2025-01-01\n",
        // Front matter and TOC.yml shapes.
        "", "# nothing\n", "\n\n  # c\n", "- a\n- b\n", "- name: A\n  href: a.md\n- name: B\n",
        "a: b\r\n", "a: b\r\nc:\r\n  - x\r\n  - y\r\nt: |\r\n  l1\r\n\r\n  l2\r\n",
        "a:\n", "a:", "a:   # c\n", "a:\n\n# end\n", "a:\nb: c\n", "a:\n  b:\nc: d\n", "x:\n  a:\n  b: 1\n",
        "a:\n- x\n- y\nb: c\n", "a:\n- x\n-\nb: c\n", "- a:\n  - x\n  b: y\n", "- a:\n- b\n", "- a:\n",
        "- name: A\n  items:\n  - name: B\n    items:\n    - name: C\n  href: a.md\n",
        "- \n- b\n", "-\n", "- # c\n- x\n", "a:\n  -\n  - x\n", "a:\n  - b:\n    c:\n",
    ]

    static let refused: [String] = [
        "plain\n", "---\na: b\n", "%YAML 1.1\n---\na: b\n",
        "a: b\na: c\n", "a: 1\n\"a\": 2\n", "a:\n  x: 1\n  x: 2\n",
        "a:\tb\n", "a: b\r", "a\rb: c\n", "a: b\r\r\n", "\u{FEFF}a: b\n", "a: \u{85}\n", "a: b\u{2028}c\n",
        "a: &x b\nc: *x\n", "a: !!str b\n", "a: {b: c}\n", "a: >\n  folded\n", "a: |-\n  x\n", "a: |2\n  x\n",
        "a: b\n  c\n", "a: \"multi\n  line\"\n", "  - a\n", "- a\nb: c\n", "a:\n  - x\n  b: c\n", "a: [x,\n  y]\n",
        "a: [x, ]\n", "a: [x: y]\n", "a: b: c\n", "a: b:\n", "? a\n: b\n", "a: 'x' y\n", "a: \"\\u00e4\"\n",
        "  a: b\n", "a:\n  b: c\n d: e\n", "a: |\n     \n  x\n", "a: |\n", "a: |\nb: c\n",
        "a: - b\n", "- - a\n", "a:\n  -\n    x\n", "a: `x`\n", "a: @x\n",
    ]

    @Test func acceptsThePlainBlockSubsetExactlyAsYams() {
        for text in Self.accepted {
            #expect(expectSameAsYams(text), "refused: \(text.debugDescription)")
        }
    }

    @Test func refusesEverythingElse() {
        for text in Self.refused {
            #expect(BlockYAML.parse(text) == nil, "accepted: \(text.debugDescription)")
        }
    }

    @Test func readsTheExampleCatalogAndProfiles() throws {
        let content = YAMLTestFiles.repository.appendingPathComponent("content")
        let files = ["catalog/angebote.yml", "resellers/nordlicht.yml", "resellers/jadehafen.yml"]
        for file in files {
            let text = try String(contentsOf: content.appendingPathComponent(file), encoding: .utf8)
            #expect(expectSameAsYams(text), "refused: \(file)")
        }
    }

    /// Random documents built from fragments, many of them outside the subset: whatever the fast
    /// reader accepts must be Yams' tree, and it must accept a fair share.
    @Test func agreesWithYamsOnGeneratedDocuments() {
        var generator = DocumentGenerator(seed: 0x4B6F_6E74_6F72)
        var acceptedCount = 0
        let total = 6000
        for _ in 0..<total {
            if expectSameAsYams(generator.document()) { acceptedCount += 1 }
        }
        #expect(acceptedCount > total / 20)
        #expect(acceptedCount < total)
    }
}

/// Seeded generator of YAML documents mixing the subset with constructs outside it.
struct DocumentGenerator {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func next(_ bound: Int) -> Int { random.next(below: bound) }

    mutating func pick(_ options: [String]) -> String { options[next(options.count)] }

    static let keys = ["a", "b", "id", "name", "Größe", "\"q\"", "'s'", "\"a\"", "x y", "k-1", "1", "true",
                       "DAD3-55", "a#b", "a:b", "-k", "\"\"", "key ", "'it''s'", "\"ä\\\"\""]
    static let scalars = ["plain", "two words", "-7.5", "12", "0.10", "\"quoted\"", "'single'", "\"esc \\\" \\\\ \\n\"",
                          "x # comment", "x#y", "ümlaut „q“", "😀", "~", "null", "2025-01-01", "\"#0b4f8a\"",
                          "'it''s'", "a, b", "[a, b]", "[\"a\", 'b', c d]", "[]", "[ a ]", "a: b", "&x a", "*x",
                          "!!str a", "{a: b}", ">", "\"open", "'open", "a\tb", "[a,", "[a, ]", "x   ", "---", "`x`",
                          "\"\\u00e4\"", "-", "- a", "?", ":x", "|-", "\"a\" b", "a\u{00A0}b", "[a:b]"]

    mutating func scalar() -> String { pick(Self.scalars) }

    mutating func literal(indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines = ["|" + pick(["", "", " # c", "  "])]
        for _ in 0..<(1 + next(4)) {
            switch next(8) {
            case 0: lines.append("")
            case 1: lines.append(String(repeating: " ", count: next(indent + 3)))
            case 2: lines.append(pad + "  more indented")
            case 3: lines.append(pad + "# not a comment")
            case 4: lines.append(pad + "trailing  ")
            default: lines.append(pad + pick(["text", "Zeile mit Ümlaut", "a: b", "- x", "\"q\""]))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Lines of a mapping at `indent`; `depth` limits nesting.
    mutating func mapping(indent: Int, depth: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for _ in 0..<(1 + next(4)) {
            let key = pick(Self.keys) + ":"
            switch next(depth > 0 ? 10 : 6) {
            case 0: lines.append(pad + key + " " + literal(indent: indent + 2 + next(2)))
            case 1: lines.append(pad + key)
            case 2: lines.append(pad + pick(["# comment", "", "  # deeper comment"]))
                    lines.append(pad + key + " " + scalar())
            case 6, 7: lines.append(pad + key)
                       lines += mapping(indent: indent + pick(["2", "2", "4", "1"]).count, depth: depth - 1)
            case 8: lines.append(pad + key)
                    lines += sequence(indent: indent + [2, 2, 0, 4][next(4)], depth: depth - 1)
            case 9: lines.append(pad + key + " " + scalar())
                    lines.append(String(repeating: " ", count: indent + next(3)) + pick(["continued", "x: y", "- z"]))
            default: lines.append(pad + key + " " + scalar())
            }
        }
        return lines
    }

    mutating func sequence(indent: Int, depth: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for _ in 0..<(1 + next(3)) {
            switch next(5) {
            case 0:
                var item = mapping(indent: indent + 2, depth: max(depth - 1, 0))
                item[0] = pad + "- " + item[0].dropFirst(indent + 2)
                lines += item
            case 1: lines.append(pad + "- " + literal(indent: indent + 2))
            case 2: lines.append(pad + "-")
            default: lines.append(pad + "- " + scalar())
            }
        }
        return lines
    }

    mutating func document() -> String {
        let lines = next(4) == 0 ? sequence(indent: 0, depth: 3) : mapping(indent: 0, depth: 3)
        let lineBreak = next(6) == 0 ? "\r\n" : "\n"
        return lines.joined(separator: lineBreak) + pick([lineBreak, lineBreak, "", "\n\n", "\n# end\n"])
    }
}

/// Files of the repository and of `../shared` beside it, as CI lays them out.
enum YAMLTestFiles {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
}
