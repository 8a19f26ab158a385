import Foundation
import Testing
@testable import KontorCatalog

@Suite struct FormattingTests {
    @Test func germanNumbers() {
        #expect(DecimalText.german(dec("1234.56")) == "1.234,56")
        #expect(DecimalText.german(dec("0")) == "0,00")
        #expect(DecimalText.german(dec("1000000")) == "1.000.000,00")
        #expect(DecimalText.german(dec("999.999")) == "1.000,00")
        #expect(DecimalText.german(dec("12.3")) == "12,30")
        #expect(DecimalText.german(dec("0.05")) == "0,05")
        #expect(DecimalText.german(dec("100")) == "100,00")
        #expect(DecimalText.german(dec("123456789012345678.9")) == "123.456.789.012.345.678,90")
        #expect(DecimalText.germanAmount(dec("1234.5"), currency: "CNY") == "1.234,50\u{00A0}CNY")
    }

    @Test func formattingDependsOnlyOnTheValue() {
        // Arithmetic leaves trailing zeros and exponents that parsing would not produce.
        let product = dec("10.00") * dec("1.06")
        #expect(DecimalText.machine(product) == "10.60")
        #expect(DecimalText.german(Decimal(sign: .plus, exponent: 3, significand: 12)) == "12.000,00")
        #expect(DecimalText.machine(Decimal(sign: .minus, exponent: -1, significand: 5)) == "-0.50")
        #expect(DecimalText.machine(Decimal(sign: .plus, exponent: -2, significand: 100_000)) == "1000.00")
        #expect(DecimalText.machine(Decimal(sign: .plus, exponent: -3, significand: 12_345)) == "12.35")
        #expect(DecimalText.machine(Decimal(UInt64.max)) == "18446744073709551615.00")
        #expect(DecimalText.germanAmount(dec("1234.5"), currency: "CNY") == "1.234,50\u{00A0}CNY")
        #expect(DecimalText.germanAmount(dec("-7"), currency: "EUR") == "-7,00\u{00A0}EUR")
    }

    @Test func machineNumbers() {
        #expect(DecimalText.machine(dec("1234.5")) == "1234.50")
        #expect(DecimalText.machine(dec("0")) == "0.00")
        #expect(DecimalText.machine(dec("0.005")) == "0.01")
        #expect(DecimalText.machine(dec("1000000")) == "1000000.00")
    }

    @Test func percent() {
        #expect(DecimalText.germanPercent(dec("6")) == "6\u{00A0}%")
        #expect(DecimalText.germanPercent(dec("-7.5")) == "-7,5\u{00A0}%")
    }

    @Test func strictPriceParsing() {
        #expect(DecimalText.parsePrice("1234.56") == dec("1234.56"))
        #expect(DecimalText.parsePrice(" 0 ") == 0)
        #expect(DecimalText.parsePrice("10") == dec("10"))
        for bad in ["1,5", "abc", "-1", "", "1.", ".5", "1e3", "+1", "1.2.3", "1 000", "NaN"] {
            #expect(DecimalText.parsePrice(bad) == nil, "\(bad)")
        }
        #expect(DecimalText.parseSigned("-7.5") == dec("-7.5"))
        #expect(DecimalText.parseSigned("+3") == dec("3"))
        #expect(DecimalText.parseSigned("1,5") == nil)
    }

    @Test func slugs() {
        #expect(Slug.make("Microsoft 365 Business Basic") == "microsoft-365-business-basic")
        #expect(Slug.make("Behörden & Gemeinnützige") == "behoerden-gemeinnuetzige")
        #expect(Slug.make("435DD85D-8358-575F") == "435dd85d-8358-575f")
        #expect(Slug.make("CFQ7TTC0LH18:0001") == "cfq7ttc0lh18-0001")
        #expect(Slug.make("--Abc_9--z09AZ@[`{ ") == "abc-9-z09az")
        #expect(Slug.make("Ä-ä") == "ae-ae")
    }
}

@Suite struct DecimalInternalsTests {
    @Test func shiftIsExact() {
        #expect(Rounding.shift(dec("-7.5"), by: -2) == dec("-0.075"))
        #expect(Rounding.shift(dec("12"), by: -2) == dec("0.12"))
        #expect(Rounding.shift(0, by: -2) == 0)
        #expect(Rounding.shift(dec("6"), by: 3) == dec("6000"))
    }

    @Test func powerOfTenSteps() {
        #expect(Rounding.decimalPlaces(ofPowerOfTen: dec("0.01")) == 2)
        #expect(Rounding.decimalPlaces(ofPowerOfTen: dec("0.10")) == 1)
        #expect(Rounding.decimalPlaces(ofPowerOfTen: dec("1")) == 0)
        #expect(Rounding.decimalPlaces(ofPowerOfTen: dec("10")) == -1)
        #expect(Rounding.decimalPlaces(ofPowerOfTen: dec("0.05")) == nil)
        #expect(Rounding.step(dec("10")).apply(to: dec("125")) == dec("130"))
    }

    @Test func fastAndSlowFormattingPathsAgree() {
        // 18 digits use the fast path, more digits the slow one; both must print the same way.
        #expect(DecimalText.machine(dec("9999999999999999.99")) == "9999999999999999.99")
        #expect(DecimalText.machine(dec("99999999999999999.99")) == "99999999999999999.99")
        #expect(DecimalText.machine(dec("123456789012345678901234567.891")) == "123456789012345678901234567.89")
        #expect(DecimalText.machine(dec("-1234.5")) == "-1234.50")
        #expect(DecimalText.machine(dec("-0.001")) == "0.00")
        #expect(DecimalText.machine(dec("1e3")) == "1000.00")
        #expect(DecimalText.german(dec("0.5")) == "0,50")
        #expect(DecimalText.parsePrice("1234567890123456789.5") == dec("1234567890123456789.5"))
        #expect(DecimalText.parsePrice("000.10") == dec("0.1"))
    }
}
