import Testing
import KontorDiagnostics
import KontorSite

@Suite struct DiagnosticPrinterTests {
    private let diagnostics = [
        Diagnostic.warning("page is not listed", path: "docs/b.md"),
        Diagnostic.error("invalid YAML: found, here", path: "docs/a.md", line: 3, column: 7),
        Diagnostic.error("unknown partial", path: "templates/default/page.mustache", line: 2),
    ]

    @Test func prefixesContentPathsButNotTemplates() {
        let printer = DiagnosticPrinter(pathPrefix: "content", githubActions: false, unprefixedFolders: ["templates"])
        #expect(printer.lines(for: diagnostics, strict: false) == [
            "content/docs/a.md:3:7: error: invalid YAML: found, here",
            "content/docs/b.md: warning: page is not listed",
            "templates/default/page.mustache:2: error: unknown partial",
        ])
    }

    @Test func strictTurnsWarningsIntoErrors() {
        let printer = DiagnosticPrinter(pathPrefix: "", githubActions: false)
        #expect(printer.lines(for: [diagnostics[0]], strict: true) == ["docs/b.md: error: page is not listed"])
        #expect(DiagnosticPrinter.summary(diagnostics, strict: false) == "2 errors, 1 warning")
        #expect(DiagnosticPrinter.summary(diagnostics, strict: true) == "3 errors, 0 warnings")
    }

    @Test func githubActionsAnnotationsAreEscaped() {
        let printer = DiagnosticPrinter(pathPrefix: "content", githubActions: true)
        let lines = printer.lines(for: [diagnostics[1]], strict: false)
        #expect(lines == [
            "content/docs/a.md:3:7: error: invalid YAML: found, here",
            "::error file=content/docs/a.md,line=3,col=7::invalid YAML: found, here",
        ])
    }

    @Test func repeatedDiagnosticsArePrintedOnce() {
        let printer = DiagnosticPrinter(pathPrefix: "", githubActions: false)
        #expect(printer.lines(for: [diagnostics[0], diagnostics[0]], strict: false).count == 1)
        #expect(DiagnosticPrinter.summary([diagnostics[0], diagnostics[0]], strict: false) == "0 errors, 1 warning")
    }
}
