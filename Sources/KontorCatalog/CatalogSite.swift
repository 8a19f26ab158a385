import Foundation
import KontorDiagnostics
import KontorRender

/// One catalog page for the lead to render: template name, output path and its own context keys.
/// The site adds the common keys (`root`, `site`, `brand`, `nav`, `page`, `hasCatalog`).
public struct CatalogPage: Sendable {
    /// `katalog/index.html`, `katalog/kategorie/<id>.html`, `katalog/angebot/<slug>.html`.
    public var outputPath: String
    /// `catalog-index`, `catalog-category` or `catalog-offer`.
    public var template: String
    public var title: String
    public var description: String
    /// Every URL is relative to `outputPath`.
    public var context: [String: TemplateValue]
    /// `page.kind` for the common keys.
    public var kind: String { "catalog" }
}

/// The catalog part of one reseller's site: pages and downloads.
///
/// ```swift
/// let catalogSite = try CatalogSite.build(catalog: catalog, profile: profile)
/// for page in catalogSite.pages { render(page.template, page.context + common keys) }
/// for file in catalogSite.files { write(file.outputPath, file.contents) }  // incl. brand.css, logo
/// ```
public struct CatalogSite: Sendable {
    public static let indexPath = "katalog/index.html"

    public let pages: [CatalogPage]
    /// `katalog/preisliste.csv`, `katalog/preisliste.json`, `assets/brand.css`, `assets/logo.svg`.
    public let files: [CatalogFile]
    public let resellerCatalog: ResellerCatalog

    /// Validates the profile against the catalog, prices it and builds pages and files.
    public static func build(catalog: Catalog, profile: ResellerProfile) throws(DiagnosticError) -> CatalogSite {
        let priced = try ResellerCatalog.make(catalog: catalog, profile: profile)
        return CatalogSite(pages: pages(for: priced), files: files(for: priced) + profile.brandFiles(),
                           resellerCatalog: priced)
    }

    /// The page models of a reseller's catalog: home, one page per visible category, one per
    /// visible offer. Hidden offers and categories are not in the list at all.
    public static func pages(catalog: Catalog, profile: ResellerProfile) throws(DiagnosticError) -> [CatalogPage] {
        pages(for: try ResellerCatalog.make(catalog: catalog, profile: profile))
    }

    public static func pages(for catalog: ResellerCatalog) -> [CatalogPage] {
        let builder = CatalogPageBuilder(catalog: catalog)
        var pages = [builder.indexPage()]
        pages.reserveCapacity(1 + catalog.categories.count + catalog.offers.count)
        for entry in catalog.categories { pages.append(builder.categoryPage(entry.category, offers: entry.offers)) }
        for offer in catalog.offers { pages.append(builder.offerPage(offer)) }
        return pages
    }

    /// The price list downloads.
    public static func files(for catalog: ResellerCatalog) -> [CatalogFile] {
        [CatalogFile(outputPath: PriceListExport.csvPath, contents: Data(PriceListExport.csvBytes(catalog))),
         CatalogFile(outputPath: PriceListExport.jsonPath, contents: Data(PriceListExport.jsonBytes(catalog)))]
    }

    public static func categoryPath(_ id: String) -> String { "katalog/kategorie/\(id).html" }
    public static func offerPath(_ slug: String) -> String { "katalog/angebot/\(slug).html" }
}

/// Builds the Mustache contexts. Pages live at two depths: `katalog/index.html` (links to
/// `angebot/…`) and `katalog/kategorie|angebot/…` (links to `../angebot/…`), so links are a
/// prefix plus a fixed path instead of a computation per link.
struct CatalogPageBuilder {
    let catalog: ResellerCatalog
    let rules: PricingRules
    let categoryNames: [String: String]
    /// "Alle Preise inkl. 6 % MwSt." / "Alle Preise zzgl. 6 % MwSt."
    let priceNote: String
    let vatPercent: String
    /// `common(prefix:)` for the two page depths, built once instead of once per page.
    let commonAtIndex: [String: TemplateValue]
    let commonNested: [String: TemplateValue]

    init(catalog: ResellerCatalog) {
        self.catalog = catalog
        let rules = catalog.profile.pricing
        self.rules = rules
        self.categoryNames = Dictionary(catalog.categories.map { ($0.category.id, $0.category.name) },
                                        uniquingKeysWith: { a, _ in a })
        let vatPercent = DecimalText.germanPercent(rules.vatRate)
        self.vatPercent = vatPercent
        let priceNote = rules.display == .gross ? "Alle Preise inkl. \(vatPercent) MwSt." : "Alle Preise zzgl. \(vatPercent) MwSt."
        self.priceNote = priceNote
        func common(_ prefix: String) -> [String: TemplateValue] {
            [
                "home": .string(prefix + "index.html"),
                "downloads": ["csv": .string(prefix + "preisliste.csv"), "json": .string(prefix + "preisliste.json")],
                "priceNote": .string(priceNote),
                "priceLabel": .string(rules.display.germanLabel),
                "gross": .bool(rules.display == .gross),
            ]
        }
        self.commonAtIndex = common("")
        self.commonNested = common("../")
    }

    // MARK: Pages

    func indexPage() -> CatalogPage {
        let prefix = ""
        let categories: [TemplateValue] = catalog.categories.map { entry in
            [
                "id": .string(entry.category.id),
                "name": .string(entry.category.name),
                "description": .string(entry.category.description),
                "url": .string("kategorie/\(entry.category.id).html"),
                "offerCount": .string("\(entry.offers.count)"),
                "offerCountLabel": .string(Self.count(entry.offers.count, "Angebot", "Angebote")),
                "offers": .list(entry.offers.map { card($0, prefix: prefix) }),
            ]
        }
        let featured = catalog.featured.map { card($0, prefix: prefix) }
        let context: [String: TemplateValue] = [
            "catalog": .dictionary(common(prefix: prefix).merging([
                "featured": .list(featured),
                "hasFeatured": .bool(!featured.isEmpty),
                "categories": .list(categories),
                "filters": filters(),
                "offerCount": .string("\(catalog.offers.count)"),
                "offerCountLabel": .string(Self.count(catalog.offers.count, "Angebot", "Angebote")),
                "categoryCountLabel": .string(Self.count(catalog.categories.count, "Kategorie", "Kategorien")),
            ]) { _, new in new }),
            "breadcrumbs": [crumb("Katalog", "index.html")],
        ]
        let name = catalog.profile.name
        return CatalogPage(outputPath: CatalogSite.indexPath, template: "catalog-index", title: "Angebote und Preise",
                           description: "Microsoft-Cloud-Angebote von \(name) im CSP-Programm von 21Vianet: "
                               + "\(catalog.offers.count) Angebote mit Preisen. \(priceNote)",
                           context: context)
    }

    func categoryPage(_ category: CatalogCategory, offers: [PricedOffer]) -> CatalogPage {
        let prefix = "../"
        let url = "\(category.id).html"
        let context: [String: TemplateValue] = [
            "catalog": .dictionary(common(prefix: prefix).merging(["categories": categoryLinks(current: category.id)]) { _, new in new }),
            "category": [
                "id": .string(category.id),
                "name": .string(category.name),
                "description": .string(category.description),
                "url": .string(url),
                "offerCount": .string("\(offers.count)"),
                "offerCountLabel": .string(Self.count(offers.count, "Angebot", "Angebote")),
                "offers": .list(offers.map { card($0, prefix: prefix) }),
            ],
            "breadcrumbs": [crumb("Katalog", "../index.html"), crumb(category.name, url)],
        ]
        let description = category.description.isEmpty
            ? "\(category.name): \(offers.count) Angebote mit Preisen. \(priceNote)" : category.description
        return CatalogPage(outputPath: CatalogSite.categoryPath(category.id), template: "catalog-category",
                           title: category.name, description: description, context: context)
    }

    func offerPage(_ priced: PricedOffer) -> CatalogPage {
        let offer = priced.offer
        let prefix = "../"
        let categoryName = categoryNames[offer.categoryID] ?? offer.categoryID
        let categoryURL = "../kategorie/\(offer.categoryID).html"
        let showCustomerType = Set(priced.rows.map { $0.row.customerType.lowercased() }).count > 1
            || priced.rows.contains { !$0.row.customerType.isEmpty && $0.row.customerType.lowercased() != "commercial" }
        let prices: [TemplateValue] = priced.rows.map { item in
            let row = item.row, price = item.price
            let net = DecimalText.germanAmount(price.net, currency: price.currency)
            let gross = DecimalText.germanAmount(price.gross, currency: price.currency)
            return [
                "term": .string(VariantLabels.termDuration(row.termDuration)),
                "termCode": .string(row.termDuration),
                "billing": .string(VariantLabels.billingFrequency(row.billingFrequency)),
                "customerType": .string(VariantLabels.customerType(row.customerType)),
                "net": .string(net),
                "vat": .string(DecimalText.germanAmount(price.vat, currency: price.currency)),
                "gross": .string(gross),
                "shown": .string(price.display == .gross ? gross : net),
            ]
        }
        let guides: [TemplateValue] = offer.guides.map { guide in
            ["title": .string(guide.title), "name": .string(guide.name), "url": .string("../../\(guide.outputPath)")]
        }
        let offerContext: TemplateValue = [
            "id": .string(offer.id),
            "name": .string(offer.name),
            "unit": .string(offer.purchaseUnit),
            "summary": .string(offer.summary),
            "description": .strings(offer.description),
            "features": .strings(offer.features),
            "hasFeatures": .bool(!offer.features.isEmpty),
            "guides": .list(guides),
            "hasGuides": .bool(!guides.isEmpty),
            "featured": .bool(priced.isFeatured),
            "category": ["id": .string(offer.categoryID), "name": .string(categoryName), "url": .string(categoryURL)],
            "prices": .list(prices),
            "showTerm": .bool(priced.rows.contains { !$0.row.termDuration.isEmpty }),
            "showBilling": .bool(priced.rows.contains { !$0.row.billingFrequency.isEmpty }),
            "showCustomerType": .bool(showCustomerType),
        ]
        let context: [String: TemplateValue] = [
            "catalog": .dictionary(common(prefix: prefix)),
            "offer": offerContext,
            "priceTable": [
                "gross": .bool(rules.display == .gross),
                "net": .bool(rules.display == .net),
                "label": .string(rules.display.germanLabel),
                "vatRate": .string(vatPercent),
            ],
            "breadcrumbs": [crumb("Katalog", "../index.html"), crumb(categoryName, categoryURL),
                            crumb(offer.name, "\(offer.slug).html")],
        ]
        let description = !offer.summary.isEmpty ? offer.summary
            : offer.description.first ?? "\(offer.name): Preise je Laufzeit und Abrechnung. \(priceNote)"
        return CatalogPage(outputPath: CatalogSite.offerPath(offer.slug), template: "catalog-offer",
                           title: offer.name, description: description, context: context)
    }

    // MARK: Parts

    /// Keys every catalog page has under `catalog`: `home`, `downloads.csv`, `downloads.json`,
    /// `priceNote`, `priceLabel`, `gross`.
    func common(prefix: String) -> [String: TemplateValue] {
        prefix.isEmpty ? commonAtIndex : commonNested
    }

    /// An offer card for lists. `data-` attribute values are space-separated tokens.
    func card(_ priced: PricedOffer, prefix: String) -> TemplateValue {
        let offer = priced.offer
        var customerTypes: [String] = [], billing: [String] = []
        // The card shows the lowest price of the first customer type (rows are sorted, so usually
        // Commercial): an education price must not look like the general "from" price.
        let primaryCustomerType = priced.rows.first?.row.customerType
        var cheapest: PricedRow?
        for item in priced.rows {
            let customer = VariantLabels.token(item.row.customerType.isEmpty ? "alle" : item.row.customerType)
            if !customerTypes.contains(customer) { customerTypes.append(customer) }
            let frequency = VariantLabels.token(item.row.billingFrequency)
            if !frequency.isEmpty, !billing.contains(frequency) { billing.append(frequency) }
            guard item.row.customerType == primaryCustomerType else { continue }
            if (cheapest.map { item.price.shown < $0.price.shown }) ?? true { cheapest = item }
        }
        var context: [String: TemplateValue] = [
            "id": .string(offer.id),
            "name": .string(offer.name),
            "url": .string(prefix + "angebot/\(offer.slug).html"),
            "unit": .string(offer.purchaseUnit),
            "summary": .string(offer.summary),
            "category": .string(categoryNames[offer.categoryID] ?? offer.categoryID),
            "categoryId": .string(offer.categoryID),
            "customerTypes": .string(customerTypes.joined(separator: " ")),
            "billingFrequencies": .string(billing.joined(separator: " ")),
            "featured": .bool(priced.isFeatured),
            "priceLabel": .string(rules.display.germanLabel),
        ]
        if let cheapest {
            context["price"] = .string(DecimalText.germanAmount(cheapest.price.shown, currency: cheapest.price.currency))
            context["priceFrom"] = .bool(priced.rows.contains { $0.price.shown != cheapest.price.shown })
            context["priceCustomerType"] = .string(priced.rows.contains { $0.row.customerType != primaryCustomerType }
                ? VariantLabels.customerType(cheapest.row.customerType) : "")
            context["priceBilling"] = .string(cheapest.row.billingFrequency.isEmpty
                ? "" : VariantLabels.billingFrequency(cheapest.row.billingFrequency))
        }
        return .dictionary(context)
    }

    /// Choices of the filter form; a filter with one choice or fewer is left out.
    func filters() -> TemplateValue {
        var customerTypes: [String: (rank: Int, label: String)] = [:]
        var billing: [String: (rank: Int, label: String)] = [:]
        for priced in catalog.offers {
            for item in priced.rows {
                let row = item.row
                let customer = VariantLabels.token(row.customerType.isEmpty ? "alle" : row.customerType)
                if customerTypes[customer] == nil {
                    customerTypes[customer] = (VariantLabels.customerTypeRank(row.customerType),
                                               VariantLabels.customerType(row.customerType))
                }
                let frequency = VariantLabels.token(row.billingFrequency)
                if !frequency.isEmpty, billing[frequency] == nil {
                    billing[frequency] = (VariantLabels.billingRank(row.billingFrequency),
                                          VariantLabels.billingFrequency(row.billingFrequency))
                }
            }
        }
        func options(_ values: [String: (rank: Int, label: String)]) -> TemplateValue {
            .list(values.sorted { ($0.value.rank, $0.key) < ($1.value.rank, $1.key) }
                .map { ["value": .string($0.key), "label": .string(Self.capitalized($0.value.label))] })
        }
        let categoryOptions: [TemplateValue] = catalog.categories.map {
            ["value": .string($0.category.id), "label": .string($0.category.name)]
        }
        return [
            "categories": .list(categoryOptions),
            "hasCategories": .bool(categoryOptions.count > 1),
            "customerTypes": options(customerTypes),
            "hasCustomerTypes": .bool(customerTypes.count > 1),
            "billingFrequencies": options(billing),
            "hasBillingFrequencies": .bool(billing.count > 1),
        ]
    }

    func categoryLinks(current: String) -> TemplateValue {
        .list(catalog.categories.map { entry in
            ["name": .string(entry.category.name), "url": .string("\(entry.category.id).html"),
             "current": .bool(entry.category.id == current), "offerCount": .string("\(entry.offers.count)")]
        })
    }

    func crumb(_ title: String, _ url: String) -> TemplateValue {
        ["title": .string(title), "url": .string(url)]
    }

    /// `1 Angebot`, `12 Angebote`.
    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
