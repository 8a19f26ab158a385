import Foundation

/// Conversions between `Decimal` and text. Never goes through `Double`.
public enum DecimalText {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses a non-negative machine-format amount such as `1234.56` or `0`; `.5`, `1.`, `1,5`,
    /// `-1`, `1e3` and the empty string are rejected.
    ///
    /// The text is checked byte by byte because `Decimal(string:)` accepts prefixes (`"1,5"` would
    /// silently become 1) and signs. Up to 18 digits are assembled directly into a `Decimal`
    /// (this runs for every cell of a 10,000-offer price list); longer numbers go through
    /// `Decimal(string:locale:)` with the POSIX locale.
    public static func parsePrice(_ text: String) -> Decimal? {
        let trimmed = trimmedASCII(text)
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0, digitsBefore = 0
        var sawPoint = false
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if sawPoint { fractionDigits += 1 } else { digitsBefore += 1 }
                if digits <= 18 { mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0")) }
            case UInt8(ascii: ".") where !sawPoint:
                sawPoint = true
            default:
                return nil
            }
        }
        guard digitsBefore > 0, !sawPoint || fractionDigits > 0 else { return nil }
        if digits > 18 { return Decimal(string: trimmed, locale: posix) }
        return Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(mantissa))
    }

    /// `text` without leading and trailing spaces and tabs; returns `text` itself when there are none.
    static func trimmedASCII(_ text: String) -> String {
        let utf8 = text.utf8
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = utf8.first, let last = utf8.last, isBlank(first) || isBlank(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isBlank($0) }),
              let end = utf8.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[start...end])
    }

    /// Parses a signed percentage or rate such as `12`, `-7.5`, `6`.
    public static func parseSigned(_ text: String) -> Decimal? {
        var trimmed = Substring(trimmedASCII(text))
        var negative = false
        if let sign = trimmed.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            trimmed = trimmed.dropFirst()
        }
        guard isPlainNumber(trimmed), let value = Decimal(string: String(trimmed), locale: posix) else {
            return nil
        }
        return negative ? -value : value
    }

    private static func isPlainNumber<S: StringProtocol>(_ text: S) -> Bool {
        var digitsBefore = 0, digitsAfter = 0, sawPoint = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            case UInt8(ascii: ".") where !sawPoint:
                sawPoint = true
            default:
                return false
            }
        }
        return digitsBefore > 0 && (!sawPoint || digitsAfter > 0)
    }

    /// `1234.5` → `1234.50`: two decimals, `.` separator, no grouping (CSV, JSON).
    public static func machine(_ value: Decimal) -> String {
        var out: [UInt8] = []
        appendMachine(CentAmount(value), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `machine` appended as UTF-8 (the downloads are written into one byte buffer).
    static func appendMachine(_ amount: CentAmount, to out: inout [UInt8]) {
        let digits = amount.digits
        if amount.negative { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: digits[..<(digits.count - 2)])
        out.append(UInt8(ascii: "."))
        out.append(contentsOf: digits[(digits.count - 2)...])
    }

    /// `1234.5` → `1.234,50`: German grouping and decimal comma, always two decimals.
    ///
    /// Formatted by hand instead of with `NumberFormatter` so the result cannot depend on the
    /// machine's ICU data and so the value is rounded half-up like the prices themselves.
    public static func german(_ value: Decimal) -> String {
        String(decoding: germanBytes(CentAmount(value)), as: UTF8.self)
    }

    private static func germanBytes(_ amount: CentAmount) -> [UInt8] {
        let digits = amount.digits
        let integerCount = digits.count - 2
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + integerCount / 3 + 16)
        if amount.negative { out.append(UInt8(ascii: "-")) }
        for offset in 0..<integerCount {
            if offset > 0, (integerCount - offset) % 3 == 0 { out.append(UInt8(ascii: ".")) }
            out.append(digits[offset])
        }
        out.append(UInt8(ascii: ","))
        out.append(contentsOf: digits[integerCount...])
        return out
    }

    /// German amount with currency code: `1.234,56 CNY` (a no-break space keeps them together).
    public static func germanAmount(_ value: Decimal, currency: String) -> String {
        germanAmount(CentAmount(value), currency: currency)
    }

    public static func germanAmount(_ amount: CentAmount, currency: String) -> String {
        var out = germanBytes(amount)
        out.append(contentsOf: [0xC2, 0xA0])
        out.append(contentsOf: currency.utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// German percentage without superfluous decimals: `6 %`, `7,5 %`.
    public static func germanPercent(_ value: Decimal) -> String {
        var text = value.description
        if let point = text.firstIndex(of: ".") { text.replaceSubrange(point...point, with: ",") }
        return text + "\u{00A0}%"
    }

    /// The value rounded half-up to cents, as its sign and the ASCII digits of the number of
    /// cents, at least three of them (`5` → `"500"`, `0.05` → `"005"`).
    ///
    /// Fast path without Decimal arithmetic: a value with at most two decimals needs no rounding,
    /// and a significand that fits into `UInt64` is printed directly (`Decimal.description`
    /// takes several times as long).
    static func cents(of value: Decimal) -> (negative: Bool, digits: [UInt8]) {
        let rounded = value.exponent >= -2 ? value : Rounding.halfUp(value, scale: 2)
        let negative = rounded.sign == .minus && !rounded.isZero
        let exponent = rounded.exponent
        var digits: [UInt8]
        let significand = rounded.significand.magnitude
        if exponent >= -2, significand <= maximumFastSignificand {
            let mantissa = NSDecimalNumber(decimal: significand).uint64Value
            if mantissa == 0 { return (false, Array("000".utf8)) }
            digits = Array(String(mantissa).utf8)
            digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent + 2))
        } else {
            let cents = Rounding.halfUp(rounded * 100, scale: 0)
            // `Decimal.description` of an integer has no point and no exponent.
            digits = Array((negative ? -cents : cents).description.utf8)
        }
        if digits.count < 3 { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: 3 - digits.count), at: 0) }
        return (negative, digits)
    }

    private static let maximumFastSignificand = Decimal(UInt64(999_999_999_999_999_999))
}

/// An amount rounded half-up to cents, converted from `Decimal` once: a price is shown on its
/// offer page, on two cards and in both downloads.
public struct CentAmount: Sendable, Hashable {
    let negative: Bool
    /// ASCII digits of the number of cents, at least three.
    let digits: [UInt8]

    public init(_ value: Decimal) {
        (negative, digits) = DecimalText.cents(of: value)
    }
}
