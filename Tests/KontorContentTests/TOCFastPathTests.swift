import KontorDiagnostics
import Testing
@testable import KontorContent
@testable import KontorYAML

/// TOC.yml is read through `YAMLReader`: the regular DocFX shape without Yams, everything else
/// through Yams with the same entries and diagnostics.
@Suite struct TOCFastPathTests {
    private let path = "docs/TOC.yml"

    @Test func regularTOCTakesTheFastPath() {
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
        #expect(BlockYAML.parse(nested) != nil)
        #expect(BlockYAML.parse(nested.replacingOccurrences(of: "\n", with: "\r\n")) != nil)
        let (entries, diagnostics) = TOCParser.parseYAML(nested, path: path)
        #expect(diagnostics.isEmpty)
        #expect(entries.map(\.title) == ["Hilfe-Center für Händler", "Kundendienst", "Ende"])
        #expect(entries[1].children[1].title == "Anzeige")
        #expect(entries[1].children[1].children.first?.href == "g1/tief.md")
        #expect(entries[1].fragment == "oben")
        #expect(entries[1].children[0].location == SourceLocation(path: path, line: 7, column: 7))
        #expect(entries[1].children[1].children[0].location == SourceLocation(path: path, line: 13, column: 9))
    }

    @Test func generatedTOCTakesTheFastPath() {
        var text = ""
        for group in 1...30 {
            text += "- name: \"Gruppe \(group)\"\n  href: g\(group)/index.md\n  items:\n"
            for page in 1...30 {
                text += "    - name: \"Seite \(page) für Händler\"\n      href: g\(group)/seite-\(page).md\n"
            }
        }
        #expect(BlockYAML.parse(text) != nil)
        let (entries, diagnostics) = TOCParser.parseYAML(text, path: path)
        #expect(diagnostics.isEmpty)
        #expect(entries.reduce(0) { $0 + $1.count } == 30 * 31)
        #expect(entries[29].children[29].location.line == 30 * 63 - 1)
    }

    @Test func unusualTOCFallsBackToYams() {
        let text = "items:\n- name: &n Start\n  href: index.md\n- {name: Flow, href: flow.md}\n- name: *n\n"
        #expect(BlockYAML.parse(text) == nil)
        let (entries, diagnostics) = TOCParser.parseYAML(text, path: path)
        #expect(diagnostics.isEmpty)
        // Yams resolves the alias to the anchored text.
        #expect(entries.map(\.title) == ["Start", "Flow", "Start"])
        #expect(entries[1].href == "flow.md")
        #expect(entries[1].location == SourceLocation(path: path, line: 4, column: 3))
    }

    @Test func problemsAreReportedAtTheirPosition() {
        let warnings = TOCParser.parseYAML("- name: A\n  href: a.md\n- href: b.md\n- Text\n-\n", path: path).diagnostics
        #expect(warnings.map(\.message) == ["TOC entry without 'name'", "expected a mapping with 'name' and 'href'",
                                            "expected a mapping with 'name' and 'href'"])
        #expect(warnings.map(\.location) == [SourceLocation(path: path, line: 3, column: 3),
                                             SourceLocation(path: path, line: 4, column: 3),
                                             SourceLocation(path: path, line: 5, column: 2)])
        let syntax = TOCParser.parseYAML("- name: A\n  href: [a.md\n", path: path).diagnostics
        #expect(syntax.count == 1)
        #expect(syntax.first?.message.hasPrefix("invalid YAML: ") == true)
        #expect((syntax.first?.location?.line ?? 0) >= 2)
        let notAList = TOCParser.parseYAML("titel: A\n", path: path).diagnostics
        #expect(notAList == [.error("expected a list of TOC entries", path: path, line: 1)])
    }
}
