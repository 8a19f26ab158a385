import KontorDiagnostics
import Testing
@testable import KontorYAML

@Suite struct YAMLErrorDiagnosticTests {
    private func error(in text: String) -> YAMLError? {
        do {
            _ = try YAMLReader.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func syntaxErrorPointsAtLibyamlsPositionShiftedToTheFile() throws {
        let yaml = try #require(error(in: "title: a\n\tbad: b\n"))
        let inFile = yaml.diagnostic(path: "docs/a.md", firstLine: 2)
        let alone = yaml.diagnostic(path: "kontor.yml")
        #expect(inFile.location?.line == (alone.location?.line ?? 0) + 1)
        #expect(alone.location?.line == yaml.line && alone.location?.column == yaml.column && yaml.line > 0)
        #expect(alone.message.hasPrefix("invalid YAML: ") && alone.message.count > "invalid YAML: ".count)
    }

    @Test func duplicateKeysAreNamedInTheCallersWording() throws {
        let yaml = try #require(error(in: "a: 1\nb: 2\na: 3\n"))
        let wording = YAMLErrorWording(syntax: "S: ", duplicateKeys: "Doppelt: ", unreadable: "U: ")
        let diagnostic = yaml.diagnostic(path: "x.yml", wording: wording)
        #expect(diagnostic.message == "Doppelt: a")
        #expect(diagnostic.severity == .error && diagnostic.location?.path == "x.yml")
    }

    @Test func anErrorWithoutPositionPointsAtTheFirstLine() {
        struct Unreadable: Error, CustomStringConvertible { var description: String { "kaputt" } }
        let diagnostic = YAMLError(Unreadable()).diagnostic(path: "p.yml", firstLine: 4)
        #expect(diagnostic.message == "invalid YAML: kaputt")
        #expect(diagnostic.location?.line == 4 && diagnostic.location?.column == 0)
    }
}
