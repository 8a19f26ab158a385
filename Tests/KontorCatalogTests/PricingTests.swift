import Foundation
import Testing
@testable import KontorCatalog

/// Decimals from text, so a test never goes through a Double literal.
func dec(_ text: String) -> Decimal {
    Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
}

func row(_ id: String = "A", list: String, erp: String, term: String = "P1Y", billing: String = "Monthly",
         customer: String = "Commercial") -> PriceListRow {
    PriceListRow(offerID: id, offerName: "Angebot \(id)", listPrice: dec(list), erpPrice: dec(erp),
                 termDuration: term, billingFrequency: billing, customerType: customer)
}

@Suite struct PricingTests {
    @Test func erpBaseWithDefaultMarkupAndVAT() throws {
        let rules = PricingRules(base: .erp, defaultMarkup: 12, vatRate: 6, display: .gross)
        let price = try Pricing.price(for: row(list: "100", erp: "118"), categoryID: nil, rules: rules)
        #expect(price.base == dec("118"))
        #expect(price.net == dec("132.16"))      // 118 × 1.12
        #expect(price.vat == dec("7.93"))        // 7.9296 → 7.93
        #expect(price.gross == dec("140.09"))
        #expect(price.shown == price.gross)
    }

    @Test func listBase() throws {
        let rules = PricingRules(base: .list, defaultMarkup: 20, display: .net)
        let price = try Pricing.price(for: row(list: "100", erp: "118"), categoryID: nil, rules: rules)
        #expect(price.net == dec("120"))
        #expect(price.shown == dec("120"))
    }

    @Test func roundingHalfUpAtHalfCent() throws {
        // 2.005 is exactly half-way: half-up gives 2.01 where banker's rounding would give 2.00.
        let rules = PricingRules(base: .erp, defaultMarkup: 0, vatRate: 0)
        #expect(try Pricing.price(for: row(list: "1", erp: "2.005"), categoryID: nil, rules: rules).net == dec("2.01"))
        #expect(try Pricing.price(for: row(list: "1", erp: "2.0049"), categoryID: nil, rules: rules).net == dec("2.00"))
        #expect(try Pricing.price(for: row(list: "1", erp: "2.015"), categoryID: nil, rules: rules).net == dec("2.02"))
        // VAT half-up too: 0.125 → 0.13
        let vatRules = PricingRules(base: .list, defaultMarkup: 0, vatRate: dec("12.5"))
        #expect(try Pricing.price(for: row(list: "1", erp: "1"), categoryID: nil, rules: vatRules).vat == dec("0.13"))
    }

    @Test func roundingSteps() {
        #expect(Rounding.cent.apply(to: dec("123.454")) == dec("123.45"))
        #expect(Rounding(yaml: "0.10")?.apply(to: dec("123.45")) == dec("123.50"))
        #expect(Rounding(yaml: "0.10")?.apply(to: dec("123.449")) == dec("123.40"))
        #expect(Rounding(yaml: "1")?.apply(to: dec("123.5")) == dec("124"))
        #expect(Rounding(yaml: "1")?.apply(to: dec("123.49")) == dec("123"))
        #expect(Rounding(yaml: "0.05")?.apply(to: dec("1.025")) == dec("1.05"))
        #expect(Rounding(yaml: "x.99")?.apply(to: dec("123.40")) == dec("123.99"))
        #expect(Rounding(yaml: "x.99")?.apply(to: dec("123.99")) == dec("123.99"))
        #expect(Rounding(yaml: "x.99")?.apply(to: dec("124.00")) == dec("124.99"))
        #expect(Rounding(yaml: "x.99")?.apply(to: dec("0")) == dec("0"))
        #expect(Rounding(yaml: "0") == nil)
        #expect(Rounding(yaml: "-1") == nil)
        #expect(Rounding(yaml: "abc") == nil)
    }

    @Test func zeroPrice() throws {
        let rules = PricingRules(base: .erp, defaultMarkup: 12, rounding: .endingIn99, display: .gross)
        let price = try Pricing.price(for: row(list: "0", erp: "0"), categoryID: nil, rules: rules)
        #expect(price.net == 0)
        #expect(price.vat == 0)
        #expect(price.gross == 0)
    }

    @Test func veryLargeValuesStayExact() throws {
        let rules = PricingRules(base: .erp, defaultMarkup: 12, vatRate: 6)
        let price = try Pricing.price(for: row(list: "99999999999999.99", erp: "99999999999999.99"),
                                      categoryID: nil, rules: rules)
        #expect(price.net == dec("111999999999999.99"))   // 111999999999999.9888 → .99
        #expect(price.vat == dec("6719999999999.9999").rounded2)
        #expect(DecimalText.machine(price.gross) == "118719999999999.99")
        #expect(DecimalText.german(price.net) == "111.999.999.999.999,99")
    }

    @Test func offerMarkupOverCategoryOverDefault() throws {
        var rules = PricingRules(base: .list, defaultMarkup: 10, categoryMarkups: ["office": 20],
                                 offerMarkups: ["B": 30], vatRate: 0)
        rules.rounding = .cent
        let a = try Pricing.price(for: row("A", list: "100", erp: "100"), categoryID: "other", rules: rules)
        let b = try Pricing.price(for: row("B", list: "100", erp: "100"), categoryID: "office", rules: rules)
        let c = try Pricing.price(for: row("C", list: "100", erp: "100"), categoryID: "office", rules: rules)
        #expect(a.net == dec("110") && a.markupScope == .defaultRule)
        #expect(b.net == dec("130") && b.markupScope == .offer("B"))
        #expect(c.net == dec("120") && c.markupScope == .category("office"))
    }

    @Test func discountDownToListPriceIsAllowed() throws {
        // ERP 125 with −20 % is exactly the list price 100.
        let rules = PricingRules(base: .erp, defaultMarkup: -20)
        #expect(try Pricing.price(for: row(list: "100", erp: "125"), categoryID: nil, rules: rules).net == dec("100"))
    }

    @Test func discountBelowListPriceIsRejectedNotClamped() {
        let rules = PricingRules(base: .erp, defaultMarkup: dec("-20.01"))
        #expect(throws: PricingError.self) {
            try Pricing.price(for: row(list: "100", erp: "125"), categoryID: nil, rules: rules)
        }
        do {
            _ = try Pricing.price(for: row(list: "100", erp: "125"), categoryID: nil, rules: rules)
        } catch {
            #expect(error.net == dec("99.99"))
            #expect(error.listPrice == dec("100"))
            #expect(error.scope == .defaultRule)
        }
    }

    @Test func roundingThatWouldFallBelowListIsRejected() {
        // 100.40 × 1 rounded to whole yuan is 100 < list 100.40.
        let rules = PricingRules(base: .list, defaultMarkup: 0, rounding: .step(1))
        #expect(throws: PricingError.self) {
            try Pricing.price(for: row(list: "100.40", erp: "100.40"), categoryID: nil, rules: rules)
        }
    }
}

extension Decimal {
    var rounded2: Decimal { Rounding.halfUp(self, scale: 2) }
}
