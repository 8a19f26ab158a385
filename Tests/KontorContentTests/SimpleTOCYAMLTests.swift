import Testing
@testable import KontorContent

/// The Yams-free TOC.yml reader must agree with Yams on everything it accepts.
@Suite struct SimpleTOCYAMLTests {
    /// Checks one input; returns whether the simple reader took it.
    @discardableResult
    private func agreesWithYams(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let entries = SimpleTOCYAML.parse(yaml, path: "docs/TOC.yml") else { return false }
        let reference = TOCParser.parseYAMLWithYams(yaml, path: "docs/TOC.yml")
        #expect(reference.diagnostics.isEmpty, "accepted, but Yams reports \(reference.diagnostics): \(yaml.debugDescription)",
                sourceLocation: sourceLocation)
        #expect(entries == reference.entries, "differs from Yams: \(yaml.debugDescription)", sourceLocation: sourceLocation)
        return true
    }

    @Test func regularTOCsAreReadWithoutYams() {
        let nested = """
            # Inhalt
            - name: "Hilfe-Center für Händler"
              href: index.md
            - name: Kundendienst
              href: g1/start.md#oben
              items:
                - name: "Export kündigen"
                  href: g1/export.md

                - name: Gruppe
                  displayName: 'Anzeige'
                  items:
                  - name: Tief
                    topicHref: g1/tief.md
                  uid: egal
            - name: Ende
              items:

            """
        #expect(agreesWithYams(nested))
        let entries = SimpleTOCYAML.parse(nested, path: "docs/TOC.yml")
        #expect(entries?.map(\.title) == ["Hilfe-Center für Händler", "Kundendienst", "Ende"])
        #expect(entries?[1].children[1].title == "Anzeige")
        #expect(entries?[1].children[1].children.first?.href == "g1/tief.md")
        #expect(entries?[1].fragment == "oben")
        #expect(entries?[1].children[0].location.line == 7)
        #expect(agreesWithYams("- name: A\r\n  href: a.md\r\n"))
    }

    @Test func anythingUnusualIsLeftToYams() {
        let unusual = [
            "- name: A\n  items: []\n", "- name: A # c\n", "- name: &a A\n", "- name: A\n  href: a.md\n  href: b.md\n",
            "- name: \"A\\u00e4\"\n", "- name: A\n   href: a.md\n", "- name:\n  href: a.md\n", "items:\n- name: A\n",
            "- A\n", "- name: A\n  items:\n    - B\n", "-\n  name: A\n", "- name: A\n\thref: a.md\n", "- name: |\n    A\n",
            "- name: A\n  extra:\n    - x\n", "- name: A\n  items:\n      - name: B\n    - name: C\n", "",
        ]
        for yaml in unusual {
            #expect(SimpleTOCYAML.parse(yaml, path: "docs/TOC.yml") == nil, "should go to Yams: \(yaml.debugDescription)")
        }
    }

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
            if agreesWithYams(lines.joined(separator: "\n") + "\n") { accepted += 1 }
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
        #expect(agreesWithYams(text))
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
