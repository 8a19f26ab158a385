import Foundation
import KontorDiagnostics

/// Which price of the price list a reseller's markup starts from.
public enum PriceBase: String, Sendable, Hashable {
    /// "ERP Price": the estimated retail price Partner Center suggests.
    case erp
    /// "List Price": the partner's own purchase price.
    case list
}

/// Whether the catalog shows prices before or after VAT.
public enum PriceDisplay: String, Sendable, Hashable {
    case net
    case gross

    /// `zzgl. MwSt.` for net, `inkl. MwSt.` for gross.
    public var germanLabel: String {
        switch self {
        case .net: "zzgl. MwSt."
        case .gross: "inkl. MwSt."
        }
    }
}

/// A markup in percent (negative = discount) and where it was written, for diagnostics.
public struct MarkupRule: Sendable, Hashable {
    public var percent: Decimal
    public var location: SourceLocation?

    public init(_ percent: Decimal, location: SourceLocation? = nil) {
        self.percent = percent
        self.location = location
    }
}

/// Where the markup applied to a price came from.
public enum MarkupScope: Sendable, Hashable {
    case offer(String)
    case category(String)
    case defaultRule
}

/// A reseller's pricing rules (the `pricing:` section of a profile).
public struct PricingRules: Sendable, Hashable {
    public var base: PriceBase
    public var defaultMarkup: MarkupRule
    /// Markup by category id.
    public var categoryMarkups: [String: MarkupRule]
    /// Markup by Offer ID.
    public var offerMarkups: [String: MarkupRule]
    public var rounding: Rounding
    /// VAT rate in percent, e.g. 6.
    public var vatRate: Decimal
    public var display: PriceDisplay

    public init(base: PriceBase = .erp, defaultMarkup: Decimal = 0, categoryMarkups: [String: Decimal] = [:],
                offerMarkups: [String: Decimal] = [:], rounding: Rounding = .cent, vatRate: Decimal = 6,
                display: PriceDisplay = .net) {
        self.base = base
        self.defaultMarkup = MarkupRule(defaultMarkup)
        self.categoryMarkups = categoryMarkups.mapValues { MarkupRule($0) }
        self.offerMarkups = offerMarkups.mapValues { MarkupRule($0) }
        self.rounding = rounding
        self.vatRate = vatRate
        self.display = display
    }

    /// The markup for an offer: per offer over per category over the default.
    public func markup(offerID: String, categoryID: String?) -> (rule: MarkupRule, scope: MarkupScope) {
        if let rule = offerMarkups[offerID] { return (rule, .offer(offerID)) }
        if let categoryID, let rule = categoryMarkups[categoryID] { return (rule, .category(categoryID)) }
        return (defaultMarkup, .defaultRule)
    }
}

/// A reseller's price for one price list row. All amounts are in the row's currency.
public struct ResellerPrice: Sendable, Hashable {
    /// ERP or list price the markup started from.
    public var base: Decimal
    public var markupPercent: Decimal
    public var markupScope: MarkupScope
    public var net: Decimal
    public var vat: Decimal
    public var gross: Decimal
    public var currency: String
    public var display: PriceDisplay

    /// The amount the catalog shows: `gross` or `net` per the profile's `display`.
    public var shown: Decimal { display == .gross ? gross : net }
}

/// A rule that would sell below the partner's list price.
public struct PricingError: Error, Sendable, Hashable {
    public var offerID: String
    public var net: Decimal
    public var listPrice: Decimal
    public var markup: MarkupRule
    public var scope: MarkupScope
}

public enum Pricing {
    /// The reseller's price for one price list row.
    ///
    ///     base  = row.erpPrice if rules.base == .erp, else row.listPrice
    ///     m     = markup percent: rules.offerMarkups[offerID] ?? rules.categoryMarkups[categoryID]
    ///             ?? rules.defaultMarkup  (negative = discount)
    ///     net   = rounding(base × (1 + m / 100))            rules.rounding, half-up
    ///     vat   = round_half_up(net × rules.vatRate / 100, 0.01)
    ///     gross = net + vat
    ///
    /// A discount is never clamped: if `net < row.listPrice` the rule is rejected with a
    /// `PricingError` (the price equal to the list price is allowed). Pure: no I/O, no `Double`.
    public static func price(for row: PriceListRow, categoryID: String?,
                             rules: PricingRules) throws(PricingError) -> ResellerPrice {
        let base = rules.base == .erp ? row.erpPrice : row.listPrice
        let (rule, scope) = rules.markup(offerID: row.offerID, categoryID: categoryID)
        // `x / 100` is written as a shift of the decimal exponent: exact, and Decimal division is slow.
        // Without a markup the multiplication by 1 is skipped (Decimal arithmetic is slow on Linux).
        let marked = rule.percent.isZero ? base : base * (1 + Rounding.shift(rule.percent, by: -2))
        let net = rules.rounding.apply(to: marked)
        guard net >= row.listPrice else {
            throw PricingError(offerID: row.offerID, net: net, listPrice: row.listPrice, markup: rule, scope: scope)
        }
        let vat = Rounding.halfUp(Rounding.shift(net * rules.vatRate, by: -2), scale: 2)
        return ResellerPrice(base: base, markupPercent: rule.percent, markupScope: scope, net: net, vat: vat,
                             gross: net + vat, currency: row.currency, display: rules.display)
    }
}
