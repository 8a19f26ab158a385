import Testing
@testable import KontorYAML

/// The public entry point: the same tree whichever path reads the text, errors sorted by kind
/// with libyaml's position.
@Suite struct YAMLReaderTests {
    @Test func plainBlockYAMLTakesTheFastPath() throws {
        let text = "title: A\nlist:\n  - x\n"
        #expect(BlockYAML.parse(text) != nil)
        let root = try YAMLReader.parse(text)
        #expect(root?["title"]?.scalar == "A")
        #expect(root?["list"]?.sequence?.map(\.scalar) == ["x"])
        #expect(root?["list"]?.line == 3)
        #expect(root?["list"]?.column == 3)
    }

    @Test func everythingElseFallsBackToYams() throws {
        let text = "a: &x {b: c}\nd: *x\ne: >\n  gefaltet\n  Text\n"
        #expect(BlockYAML.parse(text) == nil)
        let root = try YAMLReader.parse(text)
        #expect(root?["a"]?["b"]?.scalar == "c")
        #expect(root?["e"]?.scalar == "gefaltet Text\n")
        #expect(root?["e"]?.line == 3)
    }

    @Test func emptyDocumentsHaveNoRoot() throws {
        for text in ["", "\n", "# nur ein Kommentar\n", "\r\n  # eingerückt\r\n"] {
            #expect(try YAMLReader.parse(text) == nil, "\(text.debugDescription)")
            #expect(try YAMLReader.yamsTree(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func syntaxErrorKeepsLibyamlsPosition() {
        #expect(throws: YAMLError.self) { try YAMLReader.parse("a: b\nc: [d\n") }
        do {
            _ = try YAMLReader.parse("a: b\n  c: d\n")
            Issue.record("accepted invalid YAML")
        } catch {
            guard case .syntax(let context, let problem) = error.kind else {
                Issue.record("wrong kind: \(error.kind)")
                return
            }
            #expect(problem == "mapping values are not allowed in this context")
            #expect(context == nil)
            #expect((error.line, error.column) == (2, 4))
            #expect(error.description.contains("mapping values are not allowed"))
        }
    }

    @Test func duplicateKeysAreReportedWithTheMapping() {
        do {
            _ = try YAMLReader.parse("x: 1\noffers:\n  a: 1\n  b: 2\n  a: 3\n")
            Issue.record("accepted a duplicate key")
        } catch {
            #expect(error.kind == .duplicateKeys(["a"]))
            #expect((error.line, error.column) == (3, 3))
        }
    }

    @Test func otherErrorsKeepTheirDescription() {
        struct Odd: Error, CustomStringConvertible { var description: String { "seltsam" } }
        let error = YAMLError(Odd())
        #expect(error.kind == .other)
        #expect(error.description == "seltsam")
        #expect((error.line, error.column) == (0, 0))
    }
}
