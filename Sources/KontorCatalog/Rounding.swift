import Foundation

/// How a reseller's net price is rounded. Written in a profile as `rounding:`
///
/// | YAML | meaning | 123.454 → |
/// | --- | --- | --- |
/// | `0.01` (default) | to the cent, half-up | 123.45 |
/// | `0.10` | to 10 fen, half-up | 123.50 |
/// | `1` | to whole yuan, half-up | 123.00 |
/// | any positive step, e.g. `0.05`, `5` | to a multiple of the step, half-up | |
/// | `x.99` | to the cent, then up to the next price ending in .99; 0 stays 0 | 123.99 |
///
/// "Half-up" means a value exactly half-way goes away from zero (2.005 → 2.01), not to even.
public enum Rounding: Sendable, Hashable, CustomStringConvertible {
    case step(Decimal)
    case endingIn99

    public static let cent = Rounding.step(Decimal(sign: .plus, exponent: -2, significand: 1))

    /// Parses the YAML spelling; `nil` for anything else (including zero or negative steps).
    public init?(yaml text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "x.99" || trimmed == ".99" {
            self = .endingIn99
            return
        }
        guard let step = DecimalText.parsePrice(trimmed), step > 0 else { return nil }
        self = .step(step)
    }

    public var description: String {
        switch self {
        case .step(let step): DecimalText.machine(step)
        case .endingIn99: "x.99"
        }
    }

    /// Applies the rule to a non-negative amount.
    public func apply(to value: Decimal) -> Decimal {
        switch self {
        case .step(let step):
            // Steps that are powers of ten (0.01, 0.1, 1, 10) round in place; Decimal division is
            // about 10 µs on Linux, and this runs for every price of the catalog.
            if let scale = Rounding.decimalPlaces(ofPowerOfTen: step) {
                // A price list amount usually has no more decimals than the step: nothing to round.
                return value.exponent >= -scale ? value : Rounding.halfUp(value, scale: scale)
            }
            return Rounding.halfUp(value / step, scale: 0) * step
        case .endingIn99:
            let cents = Rounding.halfUp(value, scale: 2)
            if cents == 0 { return 0 }
            // Any amount with two decimals is at most n.99, so floor + 0.99 rounds up.
            return Rounding.floor(cents) + Decimal(sign: .plus, exponent: -2, significand: 99)
        }
    }

    /// Half-up (away from zero at .5) to `scale` decimal places.
    public static func halfUp(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// 2 for 0.01, 0 for 1, -1 for 10; `nil` if `step` is not a power of ten.
    static func decimalPlaces(ofPowerOfTen step: Decimal) -> Int? {
        // Decimals are kept compact, so a power of ten has the significand 1.
        step.significand == 1 && step.sign == .plus ? -step.exponent : nil
    }

    /// `value × 10^power`, exact and without arithmetic (used for percentages).
    static func shift(_ value: Decimal, by power: Int) -> Decimal {
        if value.isZero { return value }
        return Decimal(sign: value.sign, exponent: value.exponent + power, significand: value.significand.magnitude)
    }

    static func floor(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 0, .down)
        return result
    }
}
