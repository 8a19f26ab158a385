import Foundation
import KontorDiagnostics
import Testing
@testable import KontorCatalog
@testable import KontorYAML

/// The catalog reads its YAML through `YAMLReader`: the fast path on its usual files, Yams'
/// diagnostics on errors, and positions that survive either way.
@Suite struct CatalogYAMLTests {
    @Test func exampleCatalogAndProfilesTakeTheFastPath() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
        for file in ["catalog/angebote.yml", "resellers/nordlicht.yml", "resellers/jadehafen.yml"] {
            let text = try String(contentsOf: content.appendingPathComponent(file), encoding: .utf8)
            #expect(BlockYAML.parse(text) != nil, "refused: \(file)")
        }
    }

    @Test func bigCatalogKeepsLineNumbersOfDiagnostics() {
        var yaml = "categories:\n  - id: eins\n    name: Eins\noffers:\n"
        for number in 1...400 {
            yaml += "  \"ID-\(number)\":\n    category: eins\n    summary: \"Angebot \(number)\"\n"
            yaml += "    description: |\n      Absatz eins.\n\n      Absatz zwei.\n    features: [a, \"b\"]\n"
        }
        // Line of `category:` of offer 300: 4 header lines, 8 lines per offer.
        let badLine = 4 + 299 * 8 + 2
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[badLine - 1] = "    category: nix"
        lines.insert("    farbe: blau", at: badLine)
        let text = lines.joined(separator: "\n")
        #expect(BlockYAML.parse(text) != nil)
        var csv = "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency\n"
        for number in 1...400 { csv += "ID-\(number),Angebot \(number),Lizenz,1,2,CNY\n" }
        let found = diagnostics { () throws(DiagnosticError) in _ = try Catalog.parse(csv: csv, yaml: text) }
        #expect(found.map(\.location) == [location(Catalog.offersFile, badLine, 15),
                                            location(Catalog.offersFile, badLine + 1, 5)])
        #expect(found.first?.message.contains("nix") == true)
        let catalog = try? Catalog.parse(csv: csv, yaml: yaml)
        #expect(catalog?.offer(id: "ID-300")?.description == ["Absatz eins.", "Absatz zwei."])
        #expect(catalog?.offer(id: "ID-7")?.features == ["a", "b"])
    }

    @Test func duplicateOfferInBigCatalogIsReportedByYamsWithItsPosition() {
        var yaml = "offers:\n"
        for number in 1...300 { yaml += "  ID-\(number):\n    summary: x\n" }
        yaml += "  ID-150:\n    summary: y\n"
        #expect(BlockYAML.parse(yaml) == nil)
        let csv = "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency\nID-1,A,Lizenz,1,2,CNY\n"
        let found = diagnostics { () throws(DiagnosticError) in _ = try Catalog.parse(csv: csv, yaml: yaml) }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("ID-150") == true)
        #expect(found.first?.location == location(Catalog.offersFile, 1 + 149 * 2 + 1, 3))
    }

    @Test func syntaxErrorDeepInBigCatalogKeepsYamsPosition() {
        var yaml = "offers:\n"
        for number in 1...300 { yaml += "  ID-\(number):\n    summary: x\n" }
        yaml += "  ID-301:\n    features: [a, b\n"
        let csv = "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency\nID-1,A,Lizenz,1,2,CNY\n"
        let found = diagnostics { () throws(DiagnosticError) in _ = try Catalog.parse(csv: csv, yaml: yaml) }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("YAML-Syntaxfehler") == true)
        #expect((found.first?.location?.line ?? 0) >= 1 + 300 * 2 + 1)
    }

    @Test func trimmingMatchesFoundation() {
        let samples = ["", " ", "a", " a ", "\u{00A0}a\u{3000}", "\n\ta b\r\n", "\u{2003}", "ä ", " \u{301}a",
                       "x\u{85}", "\u{200B}a\u{200B}", "\u{2028}a"]
        for sample in samples {
            #expect(UnicodeText.trimmingWhitespaceAndNewlines(sample)
                        == sample.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(UnicodeText.trimmingWhitespace(Substring(sample)) == sample.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func paragraphsMatchCharacterSplitting() {
        let samples = ["a\nb\n\nc", "  a  \n\n\n b", "a\r\nb\r\n\r\nc", "ä\n\u{301}x\n \n", "", "\n\n",
                       "Über a\nb ä\t\n\n\tÖl  \n", "\u{00A0}c\u{3000}\n d", "x\n\u{2003}\n\ny", "a \u{301}\n\u{202F}",
                       "\u{1F600} b\n\nc \u{1F600}\n", " \t \n\t", "\u{0B}a\n"]
        for sample in samples {
            let expected = sample.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .split(separator: "", omittingEmptySubsequences: true)
                .map { $0.joined(separator: " ") }
            #expect(CatalogTexts.paragraphs(sample) == expected, "\(sample.debugDescription)")
        }
    }
}
