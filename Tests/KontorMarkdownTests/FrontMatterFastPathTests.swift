import Foundation
import KontorDiagnostics
import Testing
@testable import KontorMarkdown
@testable import KontorYAML

/// Front matter is read through `YAMLReader`: the usual DocFX shape without Yams, everything
/// else through Yams with the same entries and diagnostics at file positions.
struct FrontMatterFastPathTests {
    private func parse(_ yaml: String, firstLine: Int = 2) -> (FrontMatter, [Diagnostic]) {
        FrontMatterParser.parse(ArraySlice(Array(yaml.utf8)), path: "p.md", firstLine: firstLine)
    }

    @Test func typicalDocFXFrontMatterTakesTheFastPath() {
        let yaml = """
            title: Die Abrechnung (Partner Center im Betrieb über 21Vianet)
            ms.topic: article
            ms.date: 10/29/2018
            description: Erläutert, wie die Abrechnung für China-Reseller funktioniert.
            ms.locfileid: "62131380"
            ms.custom:
              - seo
              - 'a b'
            ms.reviewer:
            author: x

            """
        #expect(BlockYAML.parse(yaml) != nil)
        #expect(BlockYAML.parse(yaml.replacingOccurrences(of: "\n", with: "\r\n")) != nil)
        let entries = FrontMatterParser.entries(yaml, path: "p.md", firstLine: 1).entries
        #expect(entries.map(\.key) == ["title", "ms.topic", "ms.date", "description", "ms.locfileid", "ms.reviewer", "author"])
        #expect(entries.last?.line == 10)
        let (frontMatter, diagnostics) = parse(yaml)
        #expect(diagnostics.isEmpty)
        #expect(frontMatter.title == "Die Abrechnung (Partner Center im Betrieb über 21Vianet)")
        #expect(frontMatter.date == "2018-10-29")
        #expect(frontMatter.metadata["ms.locfileid"] == "62131380")
        #expect(frontMatter.metadata["ms.reviewer"] == "")
    }

    @Test func realCorpusFrontMatterTakesTheFastPath() throws {
        let root = TestSupport.shared.appendingPathComponent("corpus/de-de-21vianet")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".md") }
        var checked = 0
        for name in names {
            let bytes = Array(try Data(contentsOf: root.appendingPathComponent(name)))
            guard let yaml = FrontMatterParser.split(bytes, path: name).yaml else { continue }
            #expect(BlockYAML.parse(String(decoding: bytes[yaml], as: UTF8.self)) != nil, "\(name)")
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func unusualFrontMatterFallsBackToYams() {
        let yaml = "title: &t \"Titel\"\ntags: {a: b}\ndescription: >\n  gefaltet\n  Text\nms.date: 2018-02-03\n"
        #expect(BlockYAML.parse(yaml) == nil)
        let (frontMatter, diagnostics) = parse(yaml)
        #expect(diagnostics.isEmpty)
        #expect(frontMatter.title == "Titel")
        #expect(frontMatter.description == "gefaltet Text\n")
        #expect(frontMatter.date == "2018-02-03")
        #expect(frontMatter.metadata["tags"] == nil)
    }

    @Test func errorsPointIntoTheFile() {
        let tab = parse("title: A\ndescription:\tb\n  c: d\n", firstLine: 2).1
        #expect(tab.count == 1)
        #expect(tab.first?.message.hasPrefix("invalid front matter: ") == true)
        #expect(tab.first?.location?.line == 4)
        let duplicate = parse("title: A\ntitle: B\n", firstLine: 2).1
        #expect(duplicate.map(\.message) == ["invalid front matter: duplicate key title"])
        #expect(duplicate.first?.location?.line == 2)
        #expect(parse("- a\n- b\n").1.map(\.message) == ["front matter must be a mapping of keys to values"])
        let badDate = parse("title: A\nms.date: 13/45/2018\n", firstLine: 2).1
        #expect(badDate.map(\.severity) == [.warning])
        #expect(badDate.first?.location?.line == 3)
    }

    @Test func emptyFrontMatterHasNoEntries() {
        for yaml in ["", "# nur Kommentar\n", "\n\n"] {
            let (frontMatter, diagnostics) = parse(yaml)
            #expect(diagnostics.isEmpty)
            #expect(frontMatter.title == nil && frontMatter.metadata.isEmpty)
        }
    }
}
