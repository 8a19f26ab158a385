import Foundation
import KontorDiagnostics

/// Reads the price list CSV, modeled on Partner Center's monthly license-based price list.
///
/// Headers are matched case-insensitively after trimming; unknown columns are ignored.
/// Required: Offer ID, Offer Display Name, Purchase Unit, List Price, ERP Price, Currency.
/// Optional: Term Duration, Billing Frequency (or Billing Plan), End Customer Type (or Customer
/// Type, Segment), Effective Start Date (or Valid From).
public enum PriceList {
    /// Currencies a price list may use.
    public static let allowedCurrencies: Set<String> = ["CNY", "EUR", "USD"]

    enum Column: Int, CaseIterable {
        case offerID, offerName, purchaseUnit, listPrice, erpPrice, currency
        case termDuration, billingFrequency, customerType, effectiveStartDate

        /// Header spellings, lower-case; the first one is used in messages.
        var headers: [String] {
            switch self {
            case .offerID: ["offer id", "offerid"]
            case .offerName: ["offer display name", "offer name"]
            case .purchaseUnit: ["purchase unit", "unit of measure"]
            case .listPrice: ["list price"]
            case .erpPrice: ["erp price"]
            case .currency: ["currency"]
            case .termDuration: ["term duration"]
            case .billingFrequency: ["billing frequency", "billing plan"]
            case .customerType: ["end customer type", "customer type", "segment"]
            case .effectiveStartDate: ["effective start date", "valid from"]
            }
        }

        var displayName: String {
            switch self {
            case .offerID: "Offer ID"
            case .offerName: "Offer Display Name"
            case .purchaseUnit: "Purchase Unit"
            case .listPrice: "List Price"
            case .erpPrice: "ERP Price"
            case .currency: "Currency"
            case .termDuration: "Term Duration"
            case .billingFrequency: "Billing Frequency"
            case .customerType: "End Customer Type"
            case .effectiveStartDate: "Effective Start Date"
            }
        }

        var isRequired: Bool {
            switch self {
            case .offerID, .offerName, .purchaseUnit, .listPrice, .erpPrice, .currency: true
            default: false
            }
        }
    }

    /// Parses the CSV text. Rows with errors are dropped and reported; the caller fails the build
    /// when any diagnostic is an error.
    public static func parse(_ text: String, path: String) -> (rows: [PriceListRow], diagnostics: [Diagnostic]) {
        let (records, csvDiagnostics) = CSVTable.parse(text, path: path)
        var diagnostics = csvDiagnostics
        guard let header = records.first else {
            diagnostics.append(.error("Die Preisliste ist leer", path: path, line: 1, column: 1))
            return ([], diagnostics)
        }
        let columns = mapColumns(header, path: path, diagnostics: &diagnostics)
        guard !diagnostics.hasErrors else { return ([], diagnostics) }

        var rows: [PriceListRow] = []
        rows.reserveCapacity(records.count - 1)
        // Rows of one offer are chained through `nextOfOffer`: one hash of the offer id per row,
        // and variant keys are only compared when an offer has several rows.
        var firstOfOffer: [String: Int] = Dictionary(minimumCapacity: records.count)
        var nextOfOffer: [Int] = []
        nextOfOffer.reserveCapacity(records.count)
        for record in records.dropFirst() {
            guard let row = makeRow(record, columns: columns, header: header, path: path,
                                    diagnostics: &diagnostics) else { continue }
            guard var previous = firstOfOffer[row.offerID] else {
                firstOfOffer[row.offerID] = rows.count
                rows.append(row)
                nextOfOffer.append(-1)
                continue
            }
            let key = row.variantKey
            var duplicateOf: Int?
            while true {
                if rows[previous].variantKey == key { duplicateOf = previous; break }
                guard nextOfOffer[previous] >= 0 else { break }
                previous = nextOfOffer[previous]
            }
            if let duplicateOf {
                let field = cell(record, columns[Column.offerID.rawValue], header: header)
                diagnostics.append(.error(
                    "Doppelte Offer ID „\(row.offerID)“ mit gleicher Laufzeit, Abrechnung und Kundentyp "
                        + "(zuerst in Zeile \(rows[duplicateOf].line))",
                    path: path, line: field.line, column: field.column))
                continue
            }
            nextOfOffer[previous] = rows.count
            rows.append(row)
            nextOfOffer.append(-1)
        }
        return (rows, diagnostics)
    }

    private static func mapColumns(_ header: CSVRecord, path: String,
                                   diagnostics: inout [Diagnostic]) -> [Int?] {
        var positionOfHeader: [String: Int] = [:]
        for (position, field) in header.fields.enumerated() {
            let name = field.value.trimmingCharacters(in: .whitespaces).lowercased()
            if positionOfHeader[name] == nil { positionOfHeader[name] = position }
        }
        // Indexed by `Column.rawValue`: looked up for every cell of every row.
        var columns = [Int?](repeating: nil, count: Column.allCases.count)
        for column in Column.allCases {
            if let position = column.headers.lazy.compactMap({ positionOfHeader[$0] }).first {
                columns[column.rawValue] = position
            } else if column.isRequired {
                diagnostics.append(.error("Pflichtspalte „\(column.displayName)“ fehlt in der Kopfzeile",
                                          path: path, line: header.line, column: 1))
            }
        }
        return columns
    }

    /// The cell of a column in a record, or an empty cell positioned after the record's last field.
    private static func cell(_ record: CSVRecord, _ position: Int?, header: CSVRecord) -> CSVField {
        guard let position else { return CSVField(value: "", line: record.line, column: 1) }
        if position < record.fields.count { return record.fields[position] }
        let last = record.fields[record.fields.count - 1]
        return CSVField(value: "", line: last.line, column: last.column + last.value.unicodeScalars.count + 1)
    }

    private static func makeRow(_ record: CSVRecord, columns: [Int?], header: CSVRecord, path: String,
                                diagnostics: inout [Diagnostic]) -> PriceListRow? {
        let errorsBefore = diagnostics.count
        func text(_ column: Column) -> CSVField {
            var field = cell(record, columns[column.rawValue], header: header)
            field.value = DecimalText.trimmedASCII(field.value)
            return field
        }
        func required(_ column: Column) -> String {
            let field = text(column)
            if field.value.isEmpty {
                diagnostics.append(.error("Spalte „\(column.displayName)“ ist leer",
                                          path: path, line: field.line, column: field.column))
            }
            return field.value
        }
        func price(_ column: Column) -> Decimal {
            let field = text(column)
            if let value = DecimalText.parsePrice(field.value) { return value }
            let problem = field.value.isEmpty ? "fehlt"
                : field.value.hasPrefix("-") ? "„\(field.value)“ ist negativ"
                : "„\(field.value)“ ist keine Zahl (erwartet z. B. 1234.56 mit Punkt)"
            diagnostics.append(.error("Preis in Spalte „\(column.displayName)“ \(problem)",
                                      path: path, line: field.line, column: field.column))
            return 0
        }

        let offerID = required(.offerID)
        let offerName = required(.offerName)
        let unit = required(.purchaseUnit)
        let listPrice = price(.listPrice)
        let erpPrice = price(.erpPrice)
        let currencyField = text(.currency)
        let currency = currencyField.value.uppercased()
        if !allowedCurrencies.contains(currency) {
            let allowed = allowedCurrencies.sorted().joined(separator: ", ")
            diagnostics.append(.error("Unbekannte Währung „\(currencyField.value)“ (erlaubt: \(allowed))",
                                      path: path, line: currencyField.line, column: currencyField.column))
        }
        let dateField = text(.effectiveStartDate)
        let date = ISODate.normalize(dateField.value)
        if date == nil {
            diagnostics.append(.error("Datum „\(dateField.value)“ in Spalte „Effective Start Date“ ist ungültig "
                                          + "(erwartet JJJJ-MM-TT oder M/T/JJJJ)",
                                      path: path, line: dateField.line, column: dateField.column))
        }
        guard diagnostics.count == errorsBefore else { return nil }
        return PriceListRow(offerID: offerID, offerName: offerName, purchaseUnit: unit,
                            listPrice: listPrice, erpPrice: erpPrice, currency: currency,
                            termDuration: text(.termDuration).value.uppercased(),
                            billingFrequency: text(.billingFrequency).value,
                            customerType: text(.customerType).value,
                            effectiveStartDate: date ?? "", line: record.line)
    }
}

/// Dates as they appear in price lists and YAML, normalized to ISO `YYYY-MM-DD`.
enum ISODate {
    /// `""` → `""`; `2025-01-01`, `2025-01-01T00:00:00Z`, `1/1/2025` → `2025-01-01`; else `nil`.
    static func normalize(_ text: String) -> String? {
        if text.isEmpty { return "" }
        if text.contains("/") {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            let yearPart = parts.count == 3 ? parts[2].prefix { $0 != " " } : ""
            guard parts.count == 3, let month = Int(parts[0]), let day = Int(parts[1]),
                  let year = Int(yearPart) else { return nil }
            return make(year: year, month: month, day: day)
        }
        let datePart = text.prefix(10)
        let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]) else { return nil }
        let rest = text.dropFirst(10)
        guard rest.isEmpty || rest.hasPrefix("T") || rest.hasPrefix(" ") else { return nil }
        return make(year: year, month: month, day: day)
    }

    private static func make(year: Int, month: Int, day: Int) -> String? {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}
