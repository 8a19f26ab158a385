import Foundation

/// The reseller's computed price list as downloads (`katalog/preisliste.csv`, `.json`).
///
/// One line per visible price list row, ordered by Offer ID, then the offer's row order
/// (customer type, term, billing frequency). Amounts use `.` and two decimals. "Valid from" is
/// the row's Effective Start Date, else the catalog's `valid_from`, else empty — never the build
/// time, so the same input gives the same bytes.
public enum PriceListExport {
    public static let csvPath = "katalog/preisliste.csv"
    public static let jsonPath = "katalog/preisliste.json"

    public static let csvHeader = ["Offer ID", "Offer Display Name", "Purchase Unit", "Term Duration",
                                   "Billing Frequency", "End Customer Type", "Net Price", "VAT", "Gross Price",
                                   "Currency", "Valid From"]

    /// One exported line.
    public struct Line: Sendable, Hashable {
        public var offerID: String
        public var offerName: String
        public var purchaseUnit: String
        public var termDuration: String
        public var billingFrequency: String
        public var customerType: String
        public var net: Decimal
        public var vat: Decimal
        public var gross: Decimal
        public var currency: String
        public var validFrom: String
    }

    public static func lines(_ catalog: ResellerCatalog) -> [Line] {
        let offers = catalog.offers.sorted { $0.offer.id < $1.offer.id }
        var lines: [Line] = []
        lines.reserveCapacity(offers.count * 2)
        for priced in offers {
            for item in priced.rows {
                let row = item.row
                lines.append(Line(offerID: row.offerID, offerName: priced.offer.name, purchaseUnit: row.purchaseUnit,
                                  termDuration: row.termDuration, billingFrequency: row.billingFrequency,
                                  customerType: row.customerType, net: item.price.net, vat: item.price.vat,
                                  gross: item.price.gross, currency: row.currency,
                                  validFrom: row.effectiveStartDate.isEmpty ? catalog.catalog.validFrom
                                      : row.effectiveStartDate))
            }
        }
        return lines
    }

    /// RFC 4180 CSV with CRLF line ends and the `csvHeader` columns.
    public static func csv(_ catalog: ResellerCatalog) -> String {
        var text = csvHeader.map(csvField).joined(separator: ",") + "\r\n"
        for line in lines(catalog) {
            let fields = [line.offerID, line.offerName, line.purchaseUnit, line.termDuration, line.billingFrequency,
                          line.customerType, DecimalText.machine(line.net), DecimalText.machine(line.vat),
                          DecimalText.machine(line.gross), line.currency, line.validFrom]
            text += fields.map(csvField).joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    /// JSON with amounts as numbers written with exactly two decimals (`"net": 1234.50`), so a
    /// decimal-aware reader gets them exactly. Keys in a fixed order; two-space indentation.
    ///
    /// ```json
    /// {
    ///   "reseller": "nordlicht", "display": "gross", "vatRate": 6,
    ///   "prices": [ { "offerId": …, "offerName": …, "purchaseUnit": …, "termDuration": …,
    ///                 "billingFrequency": …, "customerType": …, "net": 10.00, "vat": 0.60,
    ///                 "gross": 10.60, "currency": "CNY", "validFrom": "2025-01-01" } ]
    /// }
    /// ```
    public static func json(_ catalog: ResellerCatalog) -> String {
        let profile = catalog.profile
        var text = "{\n"
        text += "  \"reseller\": \(jsonString(profile.id.isEmpty ? profile.name : profile.id)),\n"
        text += "  \"display\": \(jsonString(profile.pricing.display.rawValue)),\n"
        text += "  \"vatRate\": \(profile.pricing.vatRate.description),\n"
        text += "  \"prices\": ["
        var first = true
        for line in lines(catalog) {
            text += first ? "\n" : ",\n"
            first = false
            text += "    {\"offerId\": \(jsonString(line.offerID)), \"offerName\": \(jsonString(line.offerName)), "
            text += "\"purchaseUnit\": \(jsonString(line.purchaseUnit)), "
            text += "\"termDuration\": \(jsonString(line.termDuration)), "
            text += "\"billingFrequency\": \(jsonString(line.billingFrequency)), "
            text += "\"customerType\": \(jsonString(line.customerType)), "
            text += "\"net\": \(DecimalText.machine(line.net)), \"vat\": \(DecimalText.machine(line.vat)), "
            text += "\"gross\": \(DecimalText.machine(line.gross)), \"currency\": \(jsonString(line.currency)), "
            text += "\"validFrom\": \(jsonString(line.validFrom))}"
        }
        text += first ? "]\n}\n" : "\n  ]\n}\n"
        return text
    }

    static func csvField(_ value: String) -> String {
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
            || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonString(_ value: String) -> String {
        let needsEscaping = value.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
            || $0 == UInt8(ascii: "<") }
        guard needsEscaping else { return "\"" + value + "\"" }
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c" // keeps the file harmless if it is ever inlined into HTML
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
