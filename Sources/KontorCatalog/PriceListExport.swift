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
        String(decoding: csvBytes(catalog), as: UTF8.self)
    }

    /// JSON with amounts as numbers written with exactly two decimals (`"net": 1234.50`), so a
    /// decimal-aware reader gets them exactly. Keys in a fixed order; one price per line.
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
        String(decoding: jsonBytes(catalog), as: UTF8.self)
    }

    // Both formats are written into one byte buffer: 10,000 offers make ~12 MB, and building
    // that from many small interpolated strings was the slowest part of the catalog.

    static func csvBytes(_ catalog: ResellerCatalog) -> [UInt8] {
        let lines = lines(catalog)
        var out: [UInt8] = []
        out.reserveCapacity(128 * (lines.count + 1))
        for (index, name) in csvHeader.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendCSVField(name, to: &out)
        }
        out.append(contentsOf: [13, 10])
        for line in lines {
            for field in [line.offerID, line.offerName, line.purchaseUnit, line.termDuration, line.billingFrequency,
                          line.customerType] {
                appendCSVField(field, to: &out)
                out.append(UInt8(ascii: ","))
            }
            for amount in [line.net, line.vat, line.gross] {
                out.append(contentsOf: DecimalText.machine(amount).utf8)
                out.append(UInt8(ascii: ","))
            }
            appendCSVField(line.currency, to: &out)
            out.append(UInt8(ascii: ","))
            appendCSVField(line.validFrom, to: &out)
            out.append(contentsOf: [13, 10])
        }
        return out
    }

    static func jsonBytes(_ catalog: ResellerCatalog) -> [UInt8] {
        let profile = catalog.profile
        let lines = lines(catalog)
        var out: [UInt8] = []
        out.reserveCapacity(320 * (lines.count + 1))
        func raw(_ text: String) { out.append(contentsOf: text.utf8) }
        func member(_ key: String, _ value: String, last: Bool = false) {
            raw("\"\(key)\": ")
            appendJSONString(value, to: &out)
            if !last { raw(", ") }
        }
        raw("{\n  ")
        member("reseller", profile.id.isEmpty ? profile.name : profile.id)
        raw("\n  ")
        member("display", profile.pricing.display.rawValue)
        raw("\n  \"vatRate\": \(profile.pricing.vatRate.description),\n  \"prices\": [")
        for (index, line) in lines.enumerated() {
            raw(index == 0 ? "\n    {" : ",\n    {")
            member("offerId", line.offerID)
            member("offerName", line.offerName)
            member("purchaseUnit", line.purchaseUnit)
            member("termDuration", line.termDuration)
            member("billingFrequency", line.billingFrequency)
            member("customerType", line.customerType)
            raw("\"net\": \(DecimalText.machine(line.net)), \"vat\": \(DecimalText.machine(line.vat)), ")
            raw("\"gross\": \(DecimalText.machine(line.gross)), ")
            member("currency", line.currency)
            member("validFrom", line.validFrom, last: true)
            raw("}")
        }
        raw(lines.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return out
    }

    static func appendCSVField(_ value: String, to out: inout [UInt8]) {
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
            || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else {
            out.append(contentsOf: value.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    static func appendJSONString(_ value: String, to out: inout [UInt8]) {
        let needsEscaping = value.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
            || $0 == UInt8(ascii: "<") }
        if needsEscaping {
            out.append(contentsOf: jsonString(value).utf8)
        } else {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: value.utf8)
            out.append(UInt8(ascii: "\""))
        }
    }

    static func jsonString(_ value: String) -> String {
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
