import Foundation

/// One row of the price list CSV: the price of one offer for one (term, billing frequency,
/// customer type) combination. Empty strings mean the column is absent or the cell empty.
public struct PriceListRow: Sendable, Hashable {
    public var offerID: String
    public var offerName: String
    public var purchaseUnit: String
    public var listPrice: Decimal
    public var erpPrice: Decimal
    public var currency: String
    public var termDuration: String
    public var billingFrequency: String
    public var customerType: String
    /// ISO date (`2025-01-01`) from the "Effective Start Date" column, if any.
    public var effectiveStartDate: String
    /// Physical line of the row in the CSV file (for diagnostics).
    public var line: Int

    public init(offerID: String, offerName: String, purchaseUnit: String = "Lizenz",
                listPrice: Decimal, erpPrice: Decimal, currency: String = "CNY",
                termDuration: String = "", billingFrequency: String = "", customerType: String = "",
                effectiveStartDate: String = "", line: Int = 0) {
        self.offerID = offerID
        self.offerName = offerName
        self.purchaseUnit = purchaseUnit
        self.listPrice = listPrice
        self.erpPrice = erpPrice
        self.currency = currency
        self.termDuration = termDuration
        self.billingFrequency = billingFrequency
        self.customerType = customerType
        self.effectiveStartDate = effectiveStartDate
        self.line = line
    }

    /// What makes a row unique within one offer.
    public var variantKey: VariantKey {
        VariantKey(termDuration: termDuration.lowercased(), billingFrequency: billingFrequency.lowercased(),
                   customerType: customerType.lowercased())
    }

    public struct VariantKey: Hashable, Sendable {
        public var termDuration: String
        public var billingFrequency: String
        public var customerType: String
    }
}

/// German labels, filter tokens and a stable sort order for the variant columns. Unknown values
/// are kept as they are and sort after the known ones.
public enum VariantLabels {
    /// Lower-case token used in `data-` attributes and filter values (`monthly`, `education`).
    public static func token(_ value: String) -> String {
        // Price list values are plain words ("Monthly", "Education"): lower-casing is enough.
        let isPlainWord = value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        return isPlainWord ? value.lowercased() : Slug.make(value)
    }

    public static func customerType(_ value: String) -> String {
        switch value.lowercased() {
        case "": "Alle Kunden"
        case "commercial": "Unternehmen"
        case "education": "Bildung"
        case "government": "Behörden"
        case "nonprofit", "non-profit", "charity": "Gemeinnützige Organisationen"
        default: value
        }
    }

    public static func billingFrequency(_ value: String) -> String {
        switch value.lowercased() {
        case "": "–"
        case "monthly": "monatlich"
        case "annual", "yearly": "jährlich"
        case "triennial": "alle drei Jahre"
        case "onetime", "one-time", "one time", "none": "einmalig"
        default: value
        }
    }

    /// `P1M` → `1 Monat`, `P1Y` → `1 Jahr`, `P3Y` → `3 Jahre`.
    public static func termDuration(_ value: String) -> String {
        guard let months = months(value) else { return value.isEmpty ? "–" : value }
        if months % 12 == 0 {
            let years = months / 12
            return years == 1 ? "1 Jahr" : "\(years) Jahre"
        }
        return months == 1 ? "1 Monat" : "\(months) Monate"
    }

    static func months(_ value: String) -> Int? {
        let upper = value.uppercased()
        guard upper.hasPrefix("P"), let unit = upper.last, unit == "M" || unit == "Y" else { return nil }
        guard let count = Int(upper.dropFirst().dropLast()), count > 0 else { return nil }
        return unit == "Y" ? count * 12 : count
    }

    static func customerTypeRank(_ value: String) -> Int {
        switch value.lowercased() {
        case "": 0
        case "commercial": 1
        case "education": 2
        case "government": 3
        case "nonprofit", "non-profit", "charity": 4
        default: 5
        }
    }

    static func billingRank(_ value: String) -> Int {
        switch value.lowercased() {
        case "monthly": 1
        case "annual", "yearly": 2
        case "triennial": 3
        case "": 0
        default: 4
        }
    }

    /// Display order of an offer's rows: customer type, then term length, then billing frequency.
    static func precedes(_ lhs: PriceListRow, _ rhs: PriceListRow) -> Bool {
        let left = (customerTypeRank(lhs.customerType), months(lhs.termDuration) ?? Int.max,
                    billingRank(lhs.billingFrequency))
        let right = (customerTypeRank(rhs.customerType), months(rhs.termDuration) ?? Int.max,
                     billingRank(rhs.billingFrequency))
        if left != right { return left < right }
        let leftRaw = (lhs.customerType, lhs.termDuration, lhs.billingFrequency)
        return leftRaw < (rhs.customerType, rhs.termDuration, rhs.billingFrequency)
    }
}
