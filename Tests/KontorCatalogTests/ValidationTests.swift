import Foundation
import KontorDiagnostics
import Testing
@testable import KontorCatalog

/// Runs `body`, expects a `DiagnosticError` and returns its diagnostics.
func diagnostics(_ body: () throws(DiagnosticError) -> Void) -> [Diagnostic] {
    do {
        try body()
        return []
    } catch {
        return error.diagnostics
    }
}

func location(_ path: String, _ line: Int, _ column: Int) -> KontorDiagnostics.SourceLocation {
    KontorDiagnostics.SourceLocation(path: path, line: line, column: column)
}

@Suite struct CatalogValidationTests {
    static let csvPath = Catalog.priceListFile
    static let header = "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency"

    func errors(csv: String, yaml: String? = nil) -> [Diagnostic] {
        diagnostics { () throws(DiagnosticError) in _ = try Catalog.parse(csv: csv, yaml: yaml) }
    }

    @Test func missingColumn() {
        let found = errors(csv: "Offer ID,Offer Display Name,Purchase Unit,List Price,Currency\nA,B,C,1,CNY\n")
        #expect(found.count == 1)
        #expect(found[0].message.contains("ERP Price"))
        #expect(found[0].location == location(Self.csvPath, 1, 1))
    }

    @Test func nonNumericPrice() {
        let found = errors(csv: Self.header + "\nA,Alpha,Lizenz,\"1,5\",2,CNY\n")
        #expect(found.count == 1)
        #expect(found[0].message.contains("List Price"))
        #expect(found[0].message.contains("1,5"))
        #expect(found[0].location == location(Self.csvPath, 2, 16))
    }

    @Test func textPrice() {
        let found = errors(csv: Self.header + "\nA,Alpha,Lizenz,1,abc,CNY\n")
        #expect(found.map(\.location) == [location(Self.csvPath, 2, 18)])
        #expect(found[0].message.contains("ERP Price"))
    }

    @Test func negativePrice() {
        let found = errors(csv: Self.header + "\nA,Alpha,Lizenz,-1,2,CNY\n")
        #expect(found.map(\.location) == [location(Self.csvPath, 2, 16)])
        #expect(found[0].message.contains("negativ"))
    }

    @Test func emptyPrice() {
        let found = errors(csv: Self.header + "\nA,Alpha,Lizenz,,2,CNY\n")
        #expect(found.map(\.location) == [location(Self.csvPath, 2, 16)])
    }

    @Test func duplicateOfferIDWithSameKey() {
        let csv = Self.header + ",Term Duration,Billing Frequency\n"
            + "A,Alpha,Lizenz,1,2,CNY,P1Y,Monthly\nA,Alpha,Lizenz,1,2,CNY,P1Y,Annual\nA,Alpha,Lizenz,3,4,CNY,p1y,monthly\n"
        let found = errors(csv: csv)
        #expect(found.count == 1)
        #expect(found[0].message.contains("Doppelte Offer ID „A“"))
        #expect(found[0].message.contains("Zeile 2"))
        #expect(found[0].location == location(Self.csvPath, 4, 1))
    }

    @Test func unknownCurrency() {
        let found = errors(csv: Self.header + "\nA,Alpha,Lizenz,1,2,XYZ\n")
        #expect(found.map(\.location) == [location(Self.csvPath, 2, 20)])
        #expect(found[0].message.contains("XYZ"))
    }

    @Test func unknownCategoryInYAML() {
        let yaml = "categories:\n  - id: office\n    name: Office\noffers:\n  A:\n    category: nix\n"
        let found = errors(csv: Self.header + "\nA,Alpha,Lizenz,1,2,CNY\n", yaml: yaml)
        #expect(found.map(\.location) == [location(Catalog.offersFile, 6, 15)])
    }

    @Test func yamlSyntaxError() {
        let found = errors(csv: Self.header + "\nA,Alpha,Lizenz,1,2,CNY\n", yaml: "offers: [a\n")
        #expect(found.count == 1)
        #expect(found[0].location?.path == Catalog.offersFile)
        #expect((found[0].location?.line ?? 0) > 0)
    }

    @Test func invalidEffectiveStartDate() {
        let found = errors(csv: Self.header + ",Effective Start Date\nA,Alpha,Lizenz,1,2,CNY,2025-13-01\n")
        #expect(found.map(\.location) == [location(Self.csvPath, 2, 24)])
    }

    @Test func differingNamesOfOneOfferAreAWarning() throws {
        let csv = Self.header + ",Term Duration\nA,Alpha,Lizenz,1,2,CNY,P1M\nA,Alfa,Lizenz,1,2,CNY,P1Y\n"
        let catalog = try Catalog.parse(csv: csv, yaml: nil)
        #expect(catalog.offers.map(\.name) == ["Alpha"])
        #expect(catalog.warnings.map(\.location) == [location(Self.csvPath, 3, 1)])
    }

    @Test func allRowErrorsAreReportedTogether() {
        let found = errors(csv: Self.header + "\nA,Alpha,Lizenz,x,2,CNY\nB,Beta,Lizenz,1,2,ABC\n")
        #expect(found.count == 2)
    }
}

@Suite struct ProfileValidationTests {
    static let csv = CatalogValidationTests.header + "\n"
        + (1...7).map { "O\($0),Angebot \($0),Lizenz,100,125,CNY" }.joined(separator: "\n") + "\n"
    static let yaml = """
        categories:
          - id: office
            name: Office
          - id: bildung
            name: Bildung
        offers:
          O1: { category: office }
          O2: { category: office }
          O3: { category: bildung }
        """
    static let profilePath = "resellers/test.yml"

    func catalog() throws -> Catalog {
        try Catalog.parse(csv: Self.csv, yaml: Self.yaml)
    }

    func profileErrors(_ yaml: String) throws -> [Diagnostic] {
        let catalog = try catalog()
        return diagnostics { () throws(DiagnosticError) in
            let profile = try ResellerProfile.parse(yaml: yaml, id: "test", path: Self.profilePath)
            _ = try CatalogSite.build(catalog: catalog, profile: profile)
        }
    }

    @Test func moreThanFiveFeatured() throws {
        let found = try profileErrors("featured: [O1, O2, O3, O4, O5, O6]\n")
        #expect(found.count == 1)
        #expect(found[0].message.contains("Höchstens 5"))
        #expect(found[0].location == location(Self.profilePath, 1, 32))
    }

    @Test func unknownFeaturedOffer() throws {
        let found = try profileErrors("featured:\n  - O1\n  - NOPE\n")
        #expect(found.map(\.location) == [location(Self.profilePath, 3, 5)])
        #expect(found[0].message.contains("NOPE"))
    }

    @Test func unknownHiddenOfferAndCategory() throws {
        let found = try profileErrors("hidden:\n  offers: [GIBTSNICHT]\n  categories: [nix]\n")
        #expect(found.map(\.location) == [location(Self.profilePath, 2, 12), location(Self.profilePath, 3, 16)])
    }

    @Test func featuredOfferThatIsHidden() throws {
        let found = try profileErrors("featured: [O3]\nhidden:\n  categories: [bildung]\n")
        #expect(found.map(\.location) == [location(Self.profilePath, 1, 12)])
    }

    @Test func markupBelowListPrice() throws {
        // ERP 125 − 25 % = 93.75 < list 100: the category rule is reported where it is written.
        let yaml = "pricing:\n  base: erp\n  markup:\n    default: 5\n    categories:\n      bildung: -25\n"
        let found = try profileErrors(yaml)
        #expect(found.count == 1)
        #expect(found[0].location == location(Self.profilePath, 6, 7))
        #expect(found[0].message.contains("Angebot 3"))
        #expect(found[0].message.contains("93,75"))
        #expect(found[0].message.contains("Listenpreis"))
    }

    @Test func markupBelowListPriceOnDefaultAndOffer() throws {
        let yaml = "pricing:\n  markup:\n    default: -30\n    offers:\n      O1: 0\n"
        let found = try profileErrors(yaml)
        // O1 is fine (its own rule); O2…O7 break the default rule.
        #expect(found.count == 6)
        #expect(Set(found.map(\.location)) == [location(Self.profilePath, 3, 14)])
    }

    @Test func markupForUnknownCategoryOrOffer() throws {
        let yaml = "pricing:\n  markup:\n    categories: { nix: 5 }\n    offers: { X9: 5 }\n"
        let found = try profileErrors(yaml)
        #expect(found.map(\.location) == [location(Self.profilePath, 3, 19), location(Self.profilePath, 4, 15)])
    }

    @Test func badProfileValues() {
        let yaml = """
            colors: { primary: "red; }", accent: "#abc" }
            pricing:
              base: retail
              rounding: "0"
              vat: "sechs"
              display: brutto
              markup: { default: "1,5" }
            """
        let found = diagnostics { () throws(DiagnosticError) in
            _ = try ResellerProfile.parse(yaml: yaml, id: "test", path: Self.profilePath)
        }
        #expect(found.filter { $0.severity == .error }.map { $0.location?.line ?? 0 } == [1, 3, 4, 5, 6, 7])
    }

    @Test func unknownKeysAreWarnings() throws {
        let profile = try ResellerProfile.parse(yaml: "name: X\nfarbe: blau\n", id: "test", path: Self.profilePath)
        #expect(profile.warnings.map(\.location) == [location(Self.profilePath, 2, 1)])
    }

    @Test func validProfileHasNoErrors() throws {
        let profile = try ResellerProfile.parse(yaml: "featured: [O2, O1]\npricing: { markup: 10 }\n", id: "test",
                                                path: Self.profilePath)
        #expect(ResellerCatalog.validate(profile: profile, against: try catalog()).isEmpty)
    }
}
