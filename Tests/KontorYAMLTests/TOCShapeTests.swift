import KontorTestSupport
import Testing
@testable import KontorYAML

/// TOC.yml shapes: whatever `BlockYAML` accepts must be Yams' tree.
@Suite struct TOCShapeTests {
    let reference = BlockYAMLTests()

    /// Random well-formed TOCs, a third of them with one line changed by a piece from the
    /// other side of the line between the simple subset and the rest of YAML.
    @Test func agreesWithYamsOnGeneratedInput() {
        let goodValues = ["Start", "\"Händler – Übersicht\"", "'einfach'", "a.md", "g/a.md#x", "~/a.md",
                          "https://x.y/a", "a#b", "😀 Emoji", "a\u{A0}b", "null", "true", "a:b", "'#x'"]
        let badValues = ["a: b", "a # c", "[a]", "{}", "&x a", "*x", "!t a", "\"a\\\"b\"", "'it''s'", "a:", "-a", "|",
                         "\"a\" x", "a\u{85}", ""]
        let keys = ["href", "displayName", "topicHref", "uid", "expanded"]
        var random = SeededRandom(seed: 7)
        func items(indent: String, depth: Int, into lines: inout [String]) {
            for _ in 0..<(1 + random.next(below: 3)) {
                lines.append(indent + "- name: " + random.pick(goodValues))
                let keyIndent = indent + "  "
                let first = random.next(below: keys.count)
                for offset in 0..<random.next(below: 3) {
                    lines.append(keyIndent + keys[(first + offset) % keys.count] + ": " + random.pick(goodValues))
                }
                if depth < 3, random.next(below: 2) == 0 {
                    lines.append(keyIndent + "items:")
                    let nested = random.next(below: 3) == 0 ? keyIndent : keyIndent + String(repeating: " ", count: 1 + random.next(below: 3))
                    items(indent: nested, depth: depth + 1, into: &lines)
                }
                if random.next(below: 6) == 0 { lines.append(random.next(below: 2) == 0 ? "" : keyIndent + "# Kommentar") }
            }
        }
        var accepted = 0
        let total = 3000
        for _ in 0..<total {
            var lines: [String] = []
            items(indent: "", depth: 0, into: &lines)
            if random.next(below: 3) == 0 {
                let index = random.next(below: lines.count)
                switch random.next(below: 4) {
                case 0: lines[index] = " " + lines[index]
                case 1: lines[index] = String(lines[index].dropFirst())
                case 2: lines[index] += random.pick(["\t", " # c", ":", " x: y", "\r"])
                default:
                    if let colon = lines[index].range(of: ": ") {
                        lines[index] = String(lines[index][..<colon.upperBound]) + random.pick(badValues)
                    }
                }
            }
            if reference.expectSameAsYams(lines.joined(separator: "\n") + "\n") { accepted += 1 }
        }
        // Both sides of the line must be exercised.
        #expect(accepted > total / 2)
        #expect(accepted < total * 95 / 100)
    }

    @Test func generatedRegularTOCAgreesWithYams() {
        var text = ""
        for group in 1...30 {
            text += "- name: \"Gruppe \(group)\"\n  href: g\(group)/index.md\n  items:\n"
            for page in 1...30 {
                text += "    - name: \"Seite \(page) für Händler\"\n      href: g\(group)/seite-\(page).md\n"
            }
        }
        #expect(reference.expectSameAsYams(text))
    }
}
