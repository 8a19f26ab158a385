import Testing
import KontorDiagnostics

@Suite struct DiagnosticTests {
    @Test func formatsLikeACompiler() {
        let diagnostic = Diagnostic.error("expected ':' after key", path: "docs/a.md", line: 3, column: 7)
        #expect(diagnostic.description == "docs/a.md:3:7: error: expected ':' after key")
    }

    @Test func omitsUnknownLineAndColumn() {
        #expect(Diagnostic.warning("no title", path: "docs/b.md").description == "docs/b.md: warning: no title")
        #expect(Diagnostic(.error, "usage").description == "error: usage")
    }

    @Test func countsAndSorts() {
        let list = [
            Diagnostic.warning("w", path: "b.md", line: 1),
            Diagnostic.error("e", path: "a.md", line: 9),
            Diagnostic.error("e", path: "a.md", line: 2),
        ]
        #expect(list.hasErrors)
        #expect(list.errorCount == 2)
        #expect(list.warningCount == 1)
        #expect(list.sortedForDisplay().map { $0.location!.line } == [2, 9, 1])
    }
}
