import Foundation

/// Conversions between `Decimal` and text. Never goes through `Double`.
public enum DecimalText {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses a non-negative machine-format amount such as `1234.56`, `0`, `.5` is rejected.
    ///
    /// The text is checked byte by byte first because `Decimal(string:)` accepts prefixes
    /// (`"1,5"` would silently become 1) and signs; only `digits[.digits]` is a price.
    public static func parsePrice(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard isPlainNumber(trimmed) else { return nil }
        return Decimal(string: trimmed, locale: posix)
    }

    /// Parses a signed percentage or rate such as `12`, `-7.5`, `6`.
    public static func parseSigned(_ text: String) -> Decimal? {
        var trimmed = Substring(text.trimmingCharacters(in: .whitespaces))
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
    private static func parts(of value: Decimal) -> (negative: Bool, integer: String, fraction: String) {
        let cents = Rounding.halfUp(value * 100, scale: 0)
        let negative = cents < 0
        var digits = (negative ? -cents : cents).description
        // `Decimal.description` of an integer has no point and no exponent.
        while digits.utf8.count < 3 { digits = "0" + digits }
        let split = digits.index(digits.endIndex, offsetBy: -2)
        return (negative, String(digits[..<split]), String(digits[split...]))
    }
}
