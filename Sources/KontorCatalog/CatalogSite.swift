import Foundation
import KontorDiagnostics
import KontorParallel
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
        let (pageList, downloads) = Parallel.both { Self.pages(for: priced) } and: { Self.files(for: priced) }
        return CatalogSite(pages: pageList, files: downloads + profile.brandFiles(), resellerCatalog: priced)
    }

    /// The page models of a reseller's catalog: home, one page per visible category, one per
    /// visible offer. Hidden offers and categories are not in the list at all.
    public static func pages(catalog: Catalog, profile: ResellerProfile) throws(DiagnosticError) -> [CatalogPage] {
        pages(for: try ResellerCatalog.make(catalog: catalog, profile: profile))
    }

    public static func pages(for catalog: ResellerCatalog) -> [CatalogPage] {
        let builder = CatalogPageBuilder(catalog: catalog)
        // An offer's page and its two cards (on the catalog home and on its category page) are
        // independent of every other offer's.
        let parts = Parallel.map(catalog.offers.count, minimumChunk: 256) { builder.offerParts(catalog.offers[$0]) }
        var pages = [builder.indexPage(cards: parts.map(\.cardAtIndex))]
        pages.reserveCapacity(1 + catalog.categories.count + catalog.offers.count)
        for (entry, positions) in zip(catalog.categories, catalog.offerPositionsByCategory) {
            pages.append(builder.categoryPage(entry.category, offerCount: positions.count,
                                              cards: positions.map { parts[$0].cardNested }))
        }
        for part in parts { pages.append(part.page) }
        return pages
    }

    /// The price list downloads.
    public static func files(for catalog: ResellerCatalog) -> [CatalogFile] {
        let (csv, json) = PriceListExport.downloads(catalog)
        return [CatalogFile(outputPath: PriceListExport.csvPath, contents: Data(csv)),
                CatalogFile(outputPath: PriceListExport.jsonPath, contents: Data(json))]
    }

    public static func categoryPath(_ id: String) -> String { "katalog/kategorie/\(id).html" }
    public static func offerPath(_ slug: String) -> String { "katalog/angebot/\(slug).html" }
}

/// Builds the Mustache contexts. Pages live at two depths: `katalog/index.html` (links to
/// `angebot/…`) and `katalog/kategorie|angebot/…` (links to `../angebot/…`), so links are a
/// prefix plus a fixed path instead of a computation per link.
///
/// Parts that are the same on many pages (the common keys, the price table, the category of an
/// offer, the first breadcrumb) are built once: a shared value costs one retain per page where
/// a new dictionary costs an allocation and hashing every key. Per-offer dictionaries are
/// Swift dictionary literals wrapped in `.dictionary`: `TemplateValue`'s own dictionary literal
/// goes through `Dictionary(_:uniquingKeysWith:)`, which took most of the time of an offer page.
struct CatalogPageBuilder: Sendable {
    let catalog: ResellerCatalog
    let rules: PricingRules
    /// "Alle Preise inkl. 6 % MwSt." / "Alle Preise zzgl. 6 % MwSt."
    let priceNote: String
    let vatPercent: String
    /// `common(prefix:)` for the two page depths, built once instead of once per page.
    let commonAtIndex: [String: TemplateValue]
    let commonNested: [String: TemplateValue]
    /// What an offer page and an offer card show of each visible category, by category id.
    let categoryParts: [String: CategoryParts]
    /// `priceTable` of every offer page.
    let priceTable: TemplateValue
    /// The first breadcrumb of category and offer pages.
    let catalogCrumbNested: TemplateValue

    struct CategoryParts: Sendable {
        let name: String
        /// `offer.category` of an offer page: `id`, `name`, `url`.
        let offerContext: TemplateValue
        /// The category's breadcrumb on an offer page.
        let crumb: TemplateValue
    }

    /// An offer's page and its cards for the catalog home and for its category page.
    struct OfferParts: Sendable {
        let page: CatalogPage
        let cardAtIndex: TemplateValue
        let cardNested: TemplateValue
    }

    init(catalog: ResellerCatalog) {
        self.catalog = catalog
        let rules = catalog.profile.pricing
        self.rules = rules
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
        var categoryParts: [String: CategoryParts] = [:]
        for entry in catalog.categories where categoryParts[entry.category.id] == nil {
            categoryParts[entry.category.id] = Self.categoryParts(id: entry.category.id, name: entry.category.name)
        }
        self.categoryParts = categoryParts
        self.priceTable = [
            "gross": .bool(rules.display == .gross),
            "net": .bool(rules.display == .net),
            "label": .string(rules.display.germanLabel),
            "vatRate": .string(vatPercent),
        ]
        self.catalogCrumbNested = Self.crumb("Katalog", "../index.html")
    }

    private static func categoryParts(id: String, name: String) -> CategoryParts {
        let url = "../kategorie/\(id).html"
        return CategoryParts(name: name, offerContext: ["id": .string(id), "name": .string(name), "url": .string(url)],
                             crumb: crumb(name, url))
    }

    /// The parts of an offer's category; an offer always belongs to a visible category, the
    /// fallback only keeps this total.
    private func parts(ofCategory id: String) -> CategoryParts {
        categoryParts[id] ?? Self.categoryParts(id: id, name: id)
    }

    // MARK: Pages

    /// `cards` holds the home-page card of every offer, by position in `catalog.offers`.
    func indexPage(cards: [TemplateValue]) -> CatalogPage {
        let prefix = ""
        let categories: [TemplateValue] = zip(catalog.categories, catalog.offerPositionsByCategory).map { entry, positions in
            [
                "id": .string(entry.category.id),
                "name": .string(entry.category.name),
                "description": .string(entry.category.description),
                "url": .string("kategorie/\(entry.category.id).html"),
                "offerCount": .string("\(positions.count)"),
                "offerCountLabel": .string(Self.count(positions.count, "Angebot", "Angebote")),
                "offers": .list(positions.map { cards[$0] }),
            ]
        }
        let featured = catalog.featuredPositions.map { cards[$0] }
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
            "breadcrumbs": [Self.crumb("Katalog", "index.html")],
        ]
        let name = catalog.profile.name
        return CatalogPage(outputPath: CatalogSite.indexPath, template: "catalog-index", title: "Angebote und Preise",
                           description: "Microsoft-Cloud-Angebote von \(name) im CSP-Programm von 21Vianet: "
                               + "\(catalog.offers.count) Angebote mit Preisen. \(priceNote)",
                           context: context)
    }

    /// `cards` are the category page cards of the category's offers, in catalog order.
    func categoryPage(_ category: CatalogCategory, offerCount: Int, cards: [TemplateValue]) -> CatalogPage {
        let prefix = "../"
        let url = "\(category.id).html"
        let context: [String: TemplateValue] = [
            "catalog": .dictionary(common(prefix: prefix).merging(["categories": categoryLinks(current: category.id)]) { _, new in new }),
            "category": [
                "id": .string(category.id),
                "name": .string(category.name),
                "description": .string(category.description),
                "url": .string(url),
                "offerCount": .string("\(offerCount)"),
                "offerCountLabel": .string(Self.count(offerCount, "Angebot", "Angebote")),
                "offers": .list(cards),
            ],
            "breadcrumbs": [catalogCrumbNested, Self.crumb(category.name, url)],
        ]
        let description = category.description.isEmpty
            ? "\(category.name): \(offerCount) Angebote mit Preisen. \(priceNote)" : category.description
        return CatalogPage(outputPath: CatalogSite.categoryPath(category.id), template: "catalog-category",
                           title: category.name, description: description, context: context)
    }

    func offerParts(_ priced: PricedOffer) -> OfferParts {
        let category = parts(ofCategory: priced.offer.categoryID)
        let cardAtIndex = card(priced, categoryName: category.name)
        var cardNested = cardAtIndex
        cardNested[Self.urlKey] = .string("../angebot/\(priced.offer.slug).html")
        return OfferParts(page: offerPage(priced, category: category), cardAtIndex: .dictionary(cardAtIndex),
                          cardNested: .dictionary(cardNested))
    }

    private static let urlKey = "url"

    private func offerPage(_ priced: PricedOffer, category: CategoryParts) -> CatalogPage {
        let offer = priced.offer
        let rows = priced.rows
        let firstCustomerType = rows.first?.row.customerType.lowercased()
        let showCustomerType = rows.contains { $0.row.customerType.lowercased() != firstCustomerType }
            || rows.contains { !$0.row.customerType.isEmpty && $0.row.customerType.lowercased() != "commercial" }
        var prices: [TemplateValue] = []
        prices.reserveCapacity(rows.count)
        for item in rows {
            let row = item.row, price = item.price
            let net = DecimalText.germanAmount(item.amounts.net, currency: price.currency)
            let gross = DecimalText.germanAmount(item.amounts.gross, currency: price.currency)
            prices.append(.dictionary([
                "term": .string(VariantLabels.termDuration(row.termDuration)),
                "termCode": .string(row.termDuration),
                "billing": .string(VariantLabels.billingFrequency(row.billingFrequency)),
                "customerType": .string(VariantLabels.customerType(row.customerType)),
                "net": .string(net),
                "vat": .string(DecimalText.germanAmount(item.amounts.vat, currency: price.currency)),
                "gross": .string(gross),
                "shown": .string(price.display == .gross ? gross : net),
            ]))
        }
        let guides: [TemplateValue] = offer.guides.map { guide in
            .dictionary(["title": .string(guide.title), "name": .string(guide.name),
                         "url": .string("../../\(guide.outputPath)")])
        }
        let offerContext: [String: TemplateValue] = [
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
            "category": category.offerContext,
            "prices": .list(prices),
            "showTerm": .bool(rows.contains { !$0.row.termDuration.isEmpty }),
            "showBilling": .bool(rows.contains { !$0.row.billingFrequency.isEmpty }),
            "showCustomerType": .bool(showCustomerType),
        ]
        let context: [String: TemplateValue] = [
            "catalog": .dictionary(commonNested),
            "offer": .dictionary(offerContext),
            "priceTable": priceTable,
            "breadcrumbs": .list([catalogCrumbNested, category.crumb, Self.crumb(offer.name, "\(offer.slug).html")]),
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

    /// An offer card for lists on the catalog home (the category page's card differs only in
    /// `url`). `data-` attribute values are space-separated tokens.
    func card(_ priced: PricedOffer, categoryName: String) -> [String: TemplateValue] {
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
        var context: [String: TemplateValue] = Dictionary(minimumCapacity: 16)
        context["id"] = .string(offer.id)
        context["name"] = .string(offer.name)
        context[Self.urlKey] = .string("angebot/\(offer.slug).html")
        context["unit"] = .string(offer.purchaseUnit)
        context["summary"] = .string(offer.summary)
        context["category"] = .string(categoryName)
        context["categoryId"] = .string(offer.categoryID)
        context["customerTypes"] = .string(customerTypes.joined(separator: " "))
        context["billingFrequencies"] = .string(billing.joined(separator: " "))
        context["featured"] = .bool(priced.isFeatured)
        context["priceLabel"] = .string(rules.display.germanLabel)
        if let cheapest {
            context["price"] = .string(DecimalText.germanAmount(cheapest.shownAmount, currency: cheapest.price.currency))
            context["priceFrom"] = .bool(priced.rows.contains { $0.price.shown != cheapest.price.shown })
            context["priceCustomerType"] = .string(priced.rows.contains { $0.row.customerType != primaryCustomerType }
                ? VariantLabels.customerType(cheapest.row.customerType) : "")
            context["priceBilling"] = .string(cheapest.row.billingFrequency.isEmpty
                ? "" : VariantLabels.billingFrequency(cheapest.row.billingFrequency))
        }
        return context
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

    static func crumb(_ title: String, _ url: String) -> TemplateValue {
        .dictionary(["title": .string(title), "url": .string(url)])
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
