import Foundation
import KontorDiagnostics
import KontorRender
import Testing
@testable import KontorCatalog

@Suite struct CatalogSiteTests {
    static let csv = """
        Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency,Term Duration,Billing Frequency,End Customer Type
        A1,Alpha,Lizenz,10,12,CNY,P1M,Monthly,Commercial
        A1,Alpha,Lizenz,100,120,CNY,P1Y,Annual,Commercial
        A1,Alpha,Lizenz,5,6,CNY,P1M,Monthly,Education
        B2,Beta,Lizenz,1000,1200,CNY,P1Y,Monthly,Commercial
        C3,Gamma,Lizenz,20,24,CNY,P1Y,Monthly,Commercial
        D4,Delta,Lizenz,30,36,CNY,P1Y,Monthly,Commercial
        E5,Epsilon Geheim,Lizenz,40,48,CNY,P1Y,Monthly,Commercial
        F6,Zeta Schule,Lizenz,50,60,CNY,P1Y,Annual,Education

        """
    static let yaml = """
        valid_from: 2025-01-01
        guides:
          create-a-new-subscription: Erstellen eines neuen Abonnements
        categories:
          - id: office
            name: Office
            description: Büro
          - id: analyse
            name: Analyse
          - id: bildung
            name: Bildung
        offers:
          A1:
            category: office
            summary: Alpha kurz.
            description: |
              Erster Absatz
              mit zwei Zeilen.

              Zweiter Absatz.
            features: [Eins, Zwei]
            guides: [create-a-new-subscription.md, assign-licenses-to-users]
          B2: { category: analyse }
          C3: { category: office }
          D4: { category: analyse }
          E5: { category: office }
          F6: { category: bildung }
        """
    static let profileYAML = """
        name: Test GmbH
        featured: [D4, B2, A1]
        hidden:
          offers: [E5]
          categories: [bildung]
        pricing: { base: erp, markup: 10, vat: 6, display: gross }
        """

    func site() throws -> CatalogSite {
        let catalog = try Catalog.parse(csv: Self.csv, yaml: Self.yaml)
        let profile = try ResellerProfile.parse(yaml: Self.profileYAML, id: "test", path: "resellers/test.yml")
        return try CatalogSite.build(catalog: catalog, profile: profile)
    }

    func page(_ site: CatalogSite, _ path: String) throws -> CatalogPage {
        try #require(site.pages.first { $0.outputPath == path })
    }

    @Test func pageListAndTemplates() throws {
        let site = try site()
        #expect(site.pages.map(\.outputPath) == [
            "katalog/index.html", "katalog/kategorie/office.html", "katalog/kategorie/analyse.html",
            "katalog/angebot/a1.html", "katalog/angebot/c3.html", "katalog/angebot/b2.html", "katalog/angebot/d4.html",
        ])
        #expect(site.pages.map(\.template) == ["catalog-index", "catalog-category", "catalog-category"]
            + Array(repeating: "catalog-offer", count: 4))
        #expect(site.files.map(\.outputPath) == ["katalog/preisliste.csv", "katalog/preisliste.json", "assets/brand.css"])
    }

    @Test func featuredComeFirstInProfileOrder() throws {
        let index = try page(try site(), "katalog/index.html")
        let catalog = try #require(index.context["catalog"])
        let featured = try #require(catalog["featured"]?.list)
        #expect(featured.map { $0["id"]?.string } == ["D4", "B2", "A1"])
        #expect(featured.allSatisfy { $0["featured"]?.bool == true })
        #expect(featured.map { $0["url"]?.string } == ["angebot/d4.html", "angebot/b2.html", "angebot/a1.html"])
        let categories = try #require(catalog["categories"]?.list)
        #expect(categories.map { $0["id"]?.string } == ["office", "analyse"])
        let office = try #require(categories.first?["offers"]?.list)
        #expect(office.map { $0["name"]?.string } == ["Alpha", "Gamma"])
    }

    @Test func hiddenOffersAndCategoriesAppearNowhere() throws {
        let site = try site()
        for page in site.pages {
            let text = flatten(page.context) + page.outputPath + page.title + page.description
            #expect(!text.contains("E5") && !text.contains("Geheim"), "\(page.outputPath)")
            #expect(!text.contains("F6") && !text.contains("Zeta") && !text.contains("bildung.html"), "\(page.outputPath)")
        }
        for file in site.files {
            let text = String(decoding: file.contents, as: UTF8.self)
            #expect(!text.contains("E5") && !text.contains("F6"), "\(file.outputPath)")
        }
    }

    @Test func offerPageContext() throws {
        let offer = try page(try site(), "katalog/angebot/a1.html")
        #expect(offer.title == "Alpha")
        #expect(offer.description == "Alpha kurz.")
        let context = try #require(offer.context["offer"])
        #expect(context["description"] == .strings(["Erster Absatz mit zwei Zeilen.", "Zweiter Absatz."]))
        #expect(context["features"] == .strings(["Eins", "Zwei"]))
        let guides = try #require(context["guides"]?.list)
        #expect(guides.map { $0["url"]?.string } == ["../../hilfe/create-a-new-subscription.html",
                                                      "../../hilfe/assign-licenses-to-users.html"])
        #expect(guides.map { $0["title"]?.string } == ["Erstellen eines neuen Abonnements", "assign-licenses-to-users"])
        let prices = try #require(context["prices"]?.list)
        // Commercial first (P1M monthly, P1Y annual), then Education; ERP × 1.1, gross with 6 %.
        #expect(prices.map { $0["term"]?.string } == ["1 Monat", "1 Jahr", "1 Monat"])
        #expect(prices.map { $0["billing"]?.string } == ["monatlich", "jährlich", "monatlich"])
        #expect(prices.map { $0["customerType"]?.string } == ["Unternehmen", "Unternehmen", "Bildung"])
        #expect(prices.map { $0["net"]?.string } == ["13,20\u{A0}CNY", "132,00\u{A0}CNY", "6,60\u{A0}CNY"])
        #expect(prices.map { $0["gross"]?.string } == ["13,99\u{A0}CNY", "139,92\u{A0}CNY", "7,00\u{A0}CNY"])
        #expect(context["showCustomerType"]?.bool == true)
        let category = try #require(context["category"])
        #expect(category["url"]?.string == "../kategorie/office.html")
        let table = try #require(offer.context["priceTable"])
        #expect(table["label"]?.string == "inkl. MwSt.")
        let catalog = try #require(offer.context["catalog"])
        let downloads = try #require(catalog["downloads"])
        #expect(downloads["csv"]?.string == "../preisliste.csv")
        #expect(catalog["home"]?.string == "../index.html")
    }

    @Test func cardsCarryFilterAttributesAndCheapestPrice() throws {
        let category = try page(try site(), "katalog/kategorie/office.html")
        let context = try #require(category.context["category"])
        let cards = try #require(context["offers"]?.list)
        let alpha = try #require(cards.first)
        #expect(alpha["url"]?.string == "../angebot/a1.html")
        #expect(alpha["customerTypes"]?.string == "commercial education")
        #expect(alpha["billingFrequencies"]?.string == "monthly annual")
        // Cheapest price of the first customer type (Commercial), not the education price.
        #expect(alpha["price"]?.string == "13,99\u{A0}CNY")
        #expect(alpha["priceCustomerType"]?.string == "Unternehmen")
        #expect(alpha["priceFrom"]?.bool == true)
    }

    @Test func exportsAreDeterministicAndMachineFormatted() throws {
        let first = try site(), second = try site()
        #expect(first.files == second.files)
        let csv = String(decoding: first.files[0].contents, as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == PriceListExport.csvHeader.joined(separator: ","))
        #expect(lines[1] == "A1,Alpha,Lizenz,P1M,Monthly,Commercial,13.20,0.79,13.99,CNY,2025-01-01")
        #expect(lines.count == 1 + 6 + 1) // header, six visible rows, trailing empty
        let json = String(decoding: first.files[1].contents, as: UTF8.self)
        #expect(json.contains("\"net\": 1320.00"))
        #expect(try JSONSerialization.jsonObject(with: first.files[1].contents) is [String: Any])
    }

    @Test func brandStylesheetAndContext() throws {
        var profile = ResellerProfile(id: "x", name: "X", primaryColor: "#0b4f8a", accentColor: "#ffcc00")
        #expect(profile.brandStylesheet().contains("--brand-primary: #0b4f8a;"))
        #expect(profile.brandStylesheet().contains("--brand-on-primary: #ffffff;"))
        #expect(ResellerProfile.readableTextColor(on: "#ffcc00") == "#000000")
        #expect(profile.brandContext(forPageAt: "katalog/angebot/a.html")["logo"]?.string == "")
        profile.logoSVG = Data("<svg/>".utf8)
        #expect(profile.brandContext(forPageAt: "katalog/angebot/a.html")["logo"]?.string == "../../assets/logo.svg")
        #expect(profile.brandFiles().map(\.outputPath) == ["assets/brand.css", "assets/logo.svg"])
    }

    @Test func unbrandedDefaultProfile() throws {
        let catalog = try Catalog.parse(csv: Self.csv, yaml: Self.yaml)
        let site = try CatalogSite.build(catalog: catalog, profile: .unbranded(siteTitle: "Hilfe"))
        let json = String(decoding: site.files[1].contents, as: UTF8.self)
        // ERP price, no markup, net display.
        #expect(json.contains("\"offerId\": \"B2\"") && json.contains("\"net\": 1200.00"))
        #expect(json.contains("\"display\": \"net\""))
        #expect(site.pages.count == 1 + 3 + 6)
    }
}

/// All strings inside a page's context, for "does not appear anywhere" checks.
func flatten(_ context: [String: TemplateValue]) -> String {
    flatten(.dictionary(context))
}

func flatten(_ value: TemplateValue) -> String {
    switch value {
    case .string(let text): return text + "\n"
    case .text(let text): return text.string + "\n"
    case .dictionary(let dictionary): return dictionary.keys.sorted().map { flatten(dictionary[$0] ?? .bool(false)) }.joined()
    case .list(let items): return items.map(flatten).joined()
    case .int(let number): return "\(number)\n"
    case .bool: return ""
    }
}
