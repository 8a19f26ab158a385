import Testing
import KontorContent

@Suite struct TOCParserTests {
    @Test func markdownHeadingDepthIsNesting() {
        let text = """
        # [Start](index.md)
        ## [Abrechnung](billing.md)
        ### [Rechnung lesen](read-your-bill.md#kopf)
        ## Gruppe ohne Seite
        ### [Kind](sub/child.md "Titel")
        """
        let (entries, diagnostics) = TOCParser.parseMarkdown(text, path: "docs/TOC.md")
        #expect(diagnostics.isEmpty)
        #expect(entries.count == 1)
        let start = entries[0]
        #expect(start.title == "Start" && start.href == "index.md")
        #expect(start.children.map(\.title) == ["Abrechnung", "Gruppe ohne Seite"])
        #expect(start.children[0].children[0].href == "read-your-bill.md")
        #expect(start.children[0].children[0].fragment == "kopf")
        #expect(start.children[1].href == nil)
        #expect(start.children[1].children[0].href == "sub/child.md")
        #expect(start.children[1].location.line == 4)
    }

    @Test func markdownDepthJumpNestsUnderNearestShallower() {
        let (entries, _) = TOCParser.parseMarkdown("# [A](a.md)\n### [B](b.md)\n# [C](c.md)", path: "TOC.md")
        #expect(entries.map(\.title) == ["A", "C"])
        #expect(entries[0].children.map(\.title) == ["B"])
    }

    @Test func yamlWithItemsAndDisplayName() {
        let text = """
        - name: Start
          href: index.md
          items:
            - name: Abrechnung
              displayName: Rechnungen
              href: billing.md#oben
            - name: Gruppe
              items:
                - name: Kind
                  href: child.md
        """
        let (entries, diagnostics) = TOCParser.parseYAML(text, path: "docs/TOC.yml")
        #expect(diagnostics.isEmpty)
        #expect(entries[0].children.map(\.title) == ["Rechnungen", "Gruppe"])
        #expect(entries[0].children[0].fragment == "oben")
        #expect(entries[0].children[1].href == nil)
        #expect(entries[0].children[1].children[0].href == "child.md")
    }

    @Test func brokenYAMLIsADiagnosticWithLine() {
        let (entries, diagnostics) = TOCParser.parseYAML("- name: A\n  href: [oops\n", path: "docs/TOC.yml")
        #expect(entries.isEmpty)
        #expect(diagnostics.first?.severity == .error)
        #expect((diagnostics.first?.location?.line ?? 0) >= 2)
    }
}
