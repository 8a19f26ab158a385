import Foundation
import KontorDiagnostics
import Testing
@testable import KontorCatalog

/// The repository's own `content/` folder, found from this file's path.
let contentRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("content")

@Suite struct ExampleContentTests {
    func catalog() throws -> Catalog {
        try #require(try Catalog.load(contentRoot: contentRoot))
    }

    @Test func exampleCatalogIsRich() throws {
        let catalog = try catalog()
        #expect(catalog.offers.count >= 60)
        #expect(catalog.categories.count >= 8)
        #expect(catalog.offers.filter { $0.rows.count >= 3 }.count >= 10)
        #expect(Set(catalog.offers.flatMap { $0.rows.map(\.customerType) })
            == ["Commercial", "Education", "Government", "Nonprofit"])
        #expect(catalog.offers.allSatisfy { !$0.summary.isEmpty && !$0.features.isEmpty && !$0.guides.isEmpty })
        #expect(!catalog.offers.contains { $0.categoryID == Catalog.fallbackCategory.id })
        #expect(catalog.validFrom == "2025-01-01")
        #expect(catalog.warnings.filter { !$0.message.contains("Anleitung") }.isEmpty)
    }

    @Test func exampleResellersLoadAndDiffer() throws {
        let profiles = try ResellerProfile.loadAll(contentRoot: contentRoot)
        #expect(profiles.map(\.id) == ["jadehafen", "nordlicht"])
        for profile in profiles {
            #expect(profile.warnings.isEmpty)
            #expect((profile.logoSVG?.count ?? 0) > 0 && (profile.logoSVG?.count ?? 0) < 4096)
            #expect(!profile.featured.isEmpty && profile.featured.count <= 5)
        }
        #expect(Set(profiles.map(\.pricing.display)) == [.net, .gross])
        #expect(Set(profiles.map(\.primaryColor)).count == 2)
    }

    /// Recomputes each reseller's JSON download from the CSV and the profile with the pricing
    /// function and compares it with what the export wrote.
    @Test(arguments: ["jadehafen", "nordlicht"])
    func jsonExportMatchesRecomputation(reseller: String) throws {
        let catalog = try catalog()
        let profile = try ResellerProfile.load(file: "resellers/\(reseller).yml", contentRoot: contentRoot)
        let site = try CatalogSite.build(catalog: catalog, profile: profile)
        let json = try #require(site.files.first { $0.outputPath == "katalog/preisliste.json" })
        let decoded = try JSONDecoder().decode(Export.self, from: json.contents)

        let csv = try String(contentsOf: contentRoot.appendingPathComponent("catalog/preisliste.csv"), encoding: .utf8)
        let (rows, problems) = PriceList.parse(csv, path: "catalog/preisliste.csv")
        #expect(problems.isEmpty)
        let hiddenOffers = Set(profile.hiddenOffers.map(\.id)), hiddenCategories = Set(profile.hiddenCategories.map(\.id))
        var expected: [Export.Price] = []
        for row in rows {
            let category = try #require(catalog.offer(id: row.offerID)).categoryID
            guard !hiddenOffers.contains(row.offerID), !hiddenCategories.contains(category) else { continue }
            let price = try Pricing.price(for: row, categoryID: category, rules: profile.pricing)
            expected.append(Export.Price(offerId: row.offerID, termDuration: row.termDuration,
                                         billingFrequency: row.billingFrequency, customerType: row.customerType,
                                         net: price.net, vat: price.vat, gross: price.gross, currency: row.currency,
                                         validFrom: row.effectiveStartDate.isEmpty ? "2025-01-01" : row.effectiveStartDate))
        }
        let key = { (price: Export.Price) in [price.offerId, price.customerType, price.termDuration, price.billingFrequency] }
        let actual = decoded.prices.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        expected.sort { key($0).lexicographicallyPrecedes(key($1)) }
        #expect(actual.count == expected.count)
        #expect(actual == expected)
        #expect(decoded.reseller == reseller)
        #expect(decoded.prices.map(\.offerId) == decoded.prices.map(\.offerId).sorted())
        // Every amount is written with exactly two decimals.
        let text = String(decoding: json.contents, as: UTF8.self)
        let amounts = text.matches(of: /"(?:net|vat|gross)": ([^,}]*)/).map { String($0.output.1) }
        #expect(amounts.count == 3 * decoded.prices.count)
        #expect(amounts.allSatisfy { $0.wholeMatch(of: /\d+\.\d\d/) != nil })
    }

    @Test func hiddenExampleOffersAreNotPublished() throws {
        let catalog = try catalog()
        for profile in try ResellerProfile.loadAll(contentRoot: contentRoot) {
            let site = try CatalogSite.build(catalog: catalog, profile: profile)
            var hidden = Set(profile.hiddenOffers.map(\.id))
            let hiddenCategories = Set(profile.hiddenCategories.map(\.id))
            for offer in catalog.offers where hiddenCategories.contains(offer.categoryID) { hidden.insert(offer.id) }
            #expect(!hidden.isEmpty)
            let pageText = site.pages.map { flatten($0.context) + $0.outputPath }.joined()
            let fileText = site.files.map { String(decoding: $0.contents, as: UTF8.self) }.joined()
            for id in hidden {
                #expect(!pageText.contains(id) && !fileText.contains(id), "\(profile.id): \(id)")
                #expect(!pageText.contains(Slug.make(id)), "\(profile.id): \(id)")
            }
        }
    }
}

/// The JSON download, decoded with Decimal amounts.
struct Export: Decodable {
    struct Price: Decodable, Equatable {
        var offerId: String
        var termDuration: String
        var billingFrequency: String
        var customerType: String
        var net: Decimal
        var vat: Decimal
        var gross: Decimal
        var currency: String
        var validFrom: String
    }
    var reseller: String
    var display: String
    var prices: [Price]
}
