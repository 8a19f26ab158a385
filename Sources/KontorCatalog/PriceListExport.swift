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
        exportRows(catalog).map { export in
            let row = export.item.row, price = export.item.price
            return Line(offerID: row.offerID, offerName: export.offerName, purchaseUnit: row.purchaseUnit,
                        termDuration: row.termDuration, billingFrequency: row.billingFrequency,
                        customerType: row.customerType, net: price.net, vat: price.vat, gross: price.gross,
                        currency: row.currency, validFrom: export.validFrom)
        }
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
        csvBytes(exportRows(catalog))
    }

    static func jsonBytes(_ catalog: ResellerCatalog) -> [UInt8] {
        jsonBytes(exportRows(catalog), profile: catalog.profile)
    }

    /// Both downloads from one ordering of the rows.
    static func downloads(_ catalog: ResellerCatalog) -> (csv: [UInt8], json: [UInt8]) {
        let rows = exportRows(catalog)
        return (csvBytes(rows), jsonBytes(rows, profile: catalog.profile))
    }

    /// What the writers need of a line: the priced row (its amounts already converted to cents)
    /// and the offer's name and "valid from".
    private struct ExportRow {
        let item: PricedRow
        let offerName: String
        let validFrom: String
    }

    /// The rows in the order of `lines`.
    private static func exportRows(_ catalog: ResellerCatalog) -> [ExportRow] {
        // Sort positions, not the offers: moving a `PricedOffer` retains every string it holds.
        let order = catalog.offers.indices.sorted { catalog.offers[$0].offer.id < catalog.offers[$1].offer.id }
        var rows: [ExportRow] = []
        rows.reserveCapacity(catalog.offers.count)
        for position in order {
            let priced = catalog.offers[position]
            for item in priced.rows {
                rows.append(ExportRow(item: item, offerName: priced.offer.name,
                                      validFrom: item.row.effectiveStartDate.isEmpty ? catalog.catalog.validFrom
                                          : item.row.effectiveStartDate))
            }
        }
        return rows
    }

    private static func csvBytes(_ rows: [ExportRow]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 * (rows.count + 1))
        for (index, name) in csvHeader.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendCSVField(name, to: &out)
        }
        out.append(contentsOf: [13, 10])
        for export in rows {
            let row = export.item.row, amounts = export.item.amounts
            for field in [row.offerID, export.offerName, row.purchaseUnit, row.termDuration, row.billingFrequency,
                          row.customerType] {
                appendCSVField(field, to: &out)
                out.append(UInt8(ascii: ","))
            }
            for amount in [amounts.net, amounts.vat, amounts.gross] {
                DecimalText.appendMachine(amount, to: &out)
                out.append(UInt8(ascii: ","))
            }
            appendCSVField(row.currency, to: &out)
            out.append(UInt8(ascii: ","))
            appendCSVField(export.validFrom, to: &out)
            out.append(contentsOf: [13, 10])
        }
        return out
    }

    private static func jsonBytes(_ rows: [ExportRow], profile: ResellerProfile) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(320 * (rows.count + 1))
        func raw(_ text: StaticString) {
            text.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        func member(_ key: StaticString, _ value: String, last: Bool = false) {
            raw("\"")
            raw(key)
            raw("\": ")
            appendJSONString(value, to: &out)
            if !last { raw(", ") }
        }
        func amount(_ key: StaticString, _ value: CentAmount) {
            raw("\"")
            raw(key)
            raw("\": ")
            DecimalText.appendMachine(value, to: &out)
            raw(", ")
        }
        raw("{\n  ")
        member("reseller", profile.id.isEmpty ? profile.name : profile.id)
        raw("\n  ")
        member("display", profile.pricing.display.rawValue)
        raw("\n  \"vatRate\": ")
        out.append(contentsOf: profile.pricing.vatRate.description.utf8)
        raw(",\n  \"prices\": [")
        for (index, export) in rows.enumerated() {
            let row = export.item.row, amounts = export.item.amounts
            raw(index == 0 ? "\n    {" : ",\n    {")
            member("offerId", row.offerID)
            member("offerName", export.offerName)
            member("purchaseUnit", row.purchaseUnit)
            member("termDuration", row.termDuration)
            member("billingFrequency", row.billingFrequency)
            member("customerType", row.customerType)
            amount("net", amounts.net)
            amount("vat", amounts.vat)
            amount("gross", amounts.gross)
            member("currency", row.currency)
            member("validFrom", export.validFrom, last: true)
            raw("}")
        }
        raw(rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
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
