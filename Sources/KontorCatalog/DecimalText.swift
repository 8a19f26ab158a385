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
        let (negative, integer, fraction) = parts(of: value)
        return (negative ? "-" : "") + integer + "." + fraction
    }

    /// `1234.5` → `1.234,50`: German grouping and decimal comma, always two decimals.
    ///
    /// Formatted by hand instead of with `NumberFormatter` so the result cannot depend on the
    /// machine's ICU data and so the value is rounded half-up like the prices themselves.
    public static func german(_ value: Decimal) -> String {
        let (negative, integer, fraction) = parts(of: value)
        var grouped = ""
        grouped.reserveCapacity(integer.utf8.count + integer.utf8.count / 3)
        let digits = Array(integer.utf8)
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(".") }
            grouped.unicodeScalars.append(Unicode.Scalar(digit))
        }
        return (negative ? "-" : "") + grouped + "," + fraction
    }

    /// German amount with currency code: `1.234,56 CNY` (a no-break space keeps them together).
    public static func germanAmount(_ value: Decimal, currency: String) -> String {
        german(value) + "\u{00A0}" + currency
    }

    /// German percentage without superfluous decimals: `6 %`, `7,5 %`.
    public static func germanPercent(_ value: Decimal) -> String {
        var text = value.description
        if let point = text.firstIndex(of: ".") { text.replaceSubrange(point...point, with: ",") }
        return text + "\u{00A0}%"
    }

    /// Splits a value rounded half-up to cents into sign, integer digits and two fraction digits.
    ///
    /// Fast path without any Decimal arithmetic: a rounded Decimal is `significand × 10^exponent`
    /// with `exponent >= -2`; a significand that fits into `UInt64` is printed directly.
    private static func parts(of value: Decimal) -> (negative: Bool, integer: String, fraction: String) {
        let rounded = Rounding.halfUp(value, scale: 2)
        let negative = rounded.sign == .minus && !rounded.isZero
        let exponent = rounded.exponent
        let significand = rounded.significand.magnitude
        if exponent >= -2, significand <= maximumFastSignificand {
            let mantissa = NSDecimalNumber(decimal: significand).uint64Value
            if mantissa == 0 { return (false, "0", "00") }
            var digits = String(mantissa)
            if exponent > 0 { digits += String(repeating: "0", count: exponent) }
            if exponent >= 0 { return (negative, digits, "00") }
            if exponent == -1 { digits += "0" }
            return (negative, splitCents(digits).integer, splitCents(digits).fraction)
        }
        let cents = Rounding.halfUp(rounded * 100, scale: 0)
        // `Decimal.description` of an integer has no point and no exponent.
        return (negative, splitCents((negative ? -cents : cents).description).integer,
                splitCents((negative ? -cents : cents).description).fraction)
    }

    private static let maximumFastSignificand = Decimal(UInt64(999_999_999_999_999_999))

    /// `"12345"` → (`"123"`, `"45"`), `"5"` → (`"0"`, `"05"`).
    private static func splitCents(_ digits: String) -> (integer: String, fraction: String) {
        var padded = digits
        while padded.utf8.count < 3 { padded = "0" + padded }
        let split = padded.index(padded.endIndex, offsetBy: -2)
        return (String(padded[..<split]), String(padded[split...]))
    }
}
