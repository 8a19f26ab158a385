import Foundation
import KontorDiagnostics

/// One row of an offer with the reseller's price.
public struct PricedRow: Sendable, Hashable {
    public var row: PriceListRow
    public var price: ResellerPrice {
        didSet { amounts = Amounts(price) }
    }
    /// `price.net`, `.vat` and `.gross` rounded to cents for display, converted once.
    public private(set) var amounts: Amounts

    public struct Amounts: Sendable, Hashable {
        public let net: CentAmount
        public let vat: CentAmount
        public let gross: CentAmount

        init(_ price: ResellerPrice) {
            net = CentAmount(price.net)
            vat = CentAmount(price.vat)
            gross = CentAmount(price.gross)
        }
    }

    public init(row: PriceListRow, price: ResellerPrice) {
        self.row = row
        self.price = price
        self.amounts = Amounts(price)
    }

    /// The amount the catalog shows, per the profile's `display`.
    var shownAmount: CentAmount { price.display == .gross ? amounts.gross : amounts.net }
}

/// A visible offer with all its rows priced for one reseller.
public struct PricedOffer: Sendable, Hashable {
    public var offer: Offer
    public var rows: [PricedRow]
    public var isFeatured: Bool
}

/// The catalog as one reseller shows it: hidden offers and categories removed, every row priced,
/// featured offers in the profile's order. Building it validates the profile against the catalog.
public struct ResellerCatalog: Sendable {
    public let catalog: Catalog
    public let profile: ResellerProfile
    /// Visible offers in catalog order (category, then name).
    public let offers: [PricedOffer]
    /// Featured offers in the profile's order.
    public let featured: [PricedOffer]
    /// Visible categories that have at least one visible offer, with their offers.
    public let categories: [(category: CatalogCategory, offers: [PricedOffer])]
    /// For each entry of `categories`, the positions of its offers in `offers`.
    let offerPositionsByCategory: [[Int]]
    /// The positions of `featured` in `offers`.
    let featuredPositions: [Int]

    public static let maximumFeatured = 5

    /// Validates `profile` against `catalog` and prices every visible row.
    ///
    /// Errors (all reported together): more than five featured offers; a featured, hidden or
    /// marked-up offer id or a hidden or marked-up category id that does not exist; a featured
    /// offer that is hidden; a markup that puts a price below the list price.
    public static func make(catalog: Catalog, profile: ResellerProfile) throws(DiagnosticError) -> ResellerCatalog {
        var diagnostics = referenceDiagnostics(catalog: catalog, profile: profile)
        let hiddenOffers = Set(profile.hiddenOffers.map(\.id))
        let hiddenCategories = Set(profile.hiddenCategories.map(\.id))
        let featuredIDs = Set(profile.featured.map(\.id))

        var offers: [PricedOffer] = []
        offers.reserveCapacity(catalog.offers.count)
        for offer in catalog.offers
        where !hiddenOffers.contains(offer.id) && !hiddenCategories.contains(offer.categoryID) {
            var rows: [PricedRow] = []
            rows.reserveCapacity(offer.rows.count)
            for row in offer.rows {
                do {
                    let price = try Pricing.price(for: row, categoryID: offer.categoryID, rules: profile.pricing)
                    rows.append(PricedRow(row: row, price: price))
                } catch {
                    diagnostics.append(belowListDiagnostic(error, offer: offer, row: row, profile: profile))
                    break // one diagnostic per offer is enough
                }
            }
            offers.append(PricedOffer(offer: offer, rows: rows, isFeatured: featuredIDs.contains(offer.id)))
        }
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sortedForDisplay()) }

        var positionByID: [String: Int] = Dictionary(minimumCapacity: offers.count)
        var positionsByCategory: [String: [Int]] = [:]
        for (position, offer) in offers.enumerated() {
            if positionByID[offer.offer.id] == nil { positionByID[offer.offer.id] = position }
            positionsByCategory[offer.offer.categoryID, default: []].append(position)
        }
        let featuredPositions = profile.featured.compactMap { positionByID[$0.id] }
        var categories: [(category: CatalogCategory, offers: [PricedOffer])] = []
        var offerPositionsByCategory: [[Int]] = []
        for category in catalog.categories {
            guard let positions = positionsByCategory[category.id] else { continue }
            categories.append((category, positions.map { offers[$0] }))
            offerPositionsByCategory.append(positions)
        }
        return ResellerCatalog(catalog: catalog, profile: profile, offers: offers,
                               featured: featuredPositions.map { offers[$0] }, categories: categories,
                               offerPositionsByCategory: offerPositionsByCategory, featuredPositions: featuredPositions)
    }

    /// The validation of `make` without building anything: empty when the profile fits.
    public static func validate(profile: ResellerProfile, against catalog: Catalog) -> [Diagnostic] {
        do {
            _ = try make(catalog: catalog, profile: profile)
            return []
        } catch {
            return error.diagnostics
        }
    }

    private static func referenceDiagnostics(catalog: Catalog, profile: ResellerProfile) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let fallback = SourceLocation(path: profile.sourcePath)
        func error(_ message: String, _ location: SourceLocation?) {
            diagnostics.append(Diagnostic(.error, message, at: location ?? fallback))
        }
        if profile.featured.count > maximumFeatured {
            let extra = profile.featured[maximumFeatured]
            error("Höchstens \(maximumFeatured) hervorgehobene Angebote (featured) erlaubt, angegeben sind "
                      + "\(profile.featured.count)", extra.location ?? profile.featuredLocation)
        }
        let hiddenOffers = Set(profile.hiddenOffers.map(\.id))
        let hiddenCategories = Set(profile.hiddenCategories.map(\.id))
        for item in profile.featured {
            guard let offer = catalog.offer(id: item.id) else {
                error("Hervorgehobenes Angebot „\(item.id)“ gibt es in der Preisliste nicht", item.location)
                continue
            }
            if hiddenOffers.contains(offer.id) || hiddenCategories.contains(offer.categoryID) {
                error("Hervorgehobenes Angebot „\(item.id)“ ist ausgeblendet", item.location)
            }
        }
        for item in profile.hiddenOffers where catalog.offer(id: item.id) == nil {
            error("Ausgeblendetes Angebot „\(item.id)“ gibt es in der Preisliste nicht", item.location)
        }
        for item in profile.hiddenCategories where catalog.category(id: item.id) == nil {
            error("Ausgeblendete Kategorie „\(item.id)“ gibt es im Katalog nicht", item.location)
        }
        for (id, rule) in profile.pricing.categoryMarkups where catalog.category(id: id) == nil {
            error("Aufschlag für unbekannte Kategorie „\(id)“", rule.location)
        }
        for (id, rule) in profile.pricing.offerMarkups where catalog.offer(id: id) == nil {
            error("Aufschlag für unbekanntes Angebot „\(id)“", rule.location)
        }
        return diagnostics
    }

    private static func belowListDiagnostic(_ error: PricingError, offer: Offer, row: PriceListRow,
                                            profile: ResellerProfile) -> Diagnostic {
        let scope = switch error.scope {
        case .offer: "für das Angebot"
        case .category(let id): "für die Kategorie „\(id)“"
        case .defaultRule: "als Standard"
        }
        let basis = profile.pricing.base == .erp ? "ERP-Preis" : "Listenpreis"
        let message = "Aufschlag \(DecimalText.germanPercent(error.markup.percent)) \(scope) ergibt für „\(offer.name)“ "
            + "(\(offer.id), \(Catalog.priceListFile) Zeile \(row.line)) netto "
            + "\(DecimalText.germanAmount(error.net, currency: row.currency)) ab \(basis) – weniger als der Listenpreis "
            + "\(DecimalText.germanAmount(error.listPrice, currency: row.currency))"
        return Diagnostic(.error, message, at: error.markup.location ?? SourceLocation(path: profile.sourcePath))
    }
}
