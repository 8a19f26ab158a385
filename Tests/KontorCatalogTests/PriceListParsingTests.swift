import Foundation
import KontorDiagnostics
import Testing
@testable import KontorCatalog

@Suite struct CSVTableTests {
    @Test func quotedCommasNewlinesAndEscapedQuotes() {
        let text = "a,b,c\r\n\"x, y\",\"line 1\nline 2\",\"say \"\"hi\"\"\"\r\nlast,row,here"
        let (records, diagnostics) = CSVTable.parse(text, path: "t.csv")
        #expect(diagnostics.isEmpty)
        #expect(records.map { $0.fields.map(\.value) } == [
            ["a", "b", "c"], ["x, y", "line 1\nline 2", "say \"hi\""], ["last", "row", "here"],
        ])
        // The record after a quoted line break starts on physical line 4.
        #expect(records[2].line == 4)
        // The third field starts after the quoted line break: line 3, column 9.
        #expect((records[1].fields[2].line, records[1].fields[2].column) == (3, 9))
    }

    @Test func byteOrderMarkAndBlankLines() {
        let (records, _) = CSVTable.parse("\u{FEFF}h1,h2\n\n1,2\n", path: "t.csv")
        #expect(records.map { $0.fields.map(\.value) } == [["h1", "h2"], ["1", "2"]])
        #expect(records[1].line == 3)
    }

    @Test func columnsCountUnicodeScalars() {
        let (records, _) = CSVTable.parse("Größe,x\n", path: "t.csv")
        #expect(records[0].fields[1].column == 7)
    }

    @Test func unterminatedQuote() {
        let (_, diagnostics) = CSVTable.parse("a,b\n1,\"open\n", path: "t.csv")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].location == KontorDiagnostics.SourceLocation(path: "t.csv", line: 2, column: 3))
    }
}

@Suite struct PriceListTests {
    static let header = "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency"

    @Test func headersAreCaseInsensitiveAndUnknownColumnsIgnored() throws {
        let text = "\u{FEFF}  offer display name ,Material,OFFER ID,purchase unit,Tags,erp price,list price,currency,"
            + "Term Duration,billing frequency,END CUSTOMER TYPE,Effective Start Date\n"
            + "\"Power Pages, 100 Units\",KTR-1,ID-1,Paket,\"a,b\",118.00,100,cny,p1y,Annual,Education,4/1/2025\n"
        let (rows, diagnostics) = PriceList.parse(text, path: "p.csv")
        #expect(diagnostics.isEmpty)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.offerID == "ID-1")
        #expect(row.offerName == "Power Pages, 100 Units")
        #expect(row.purchaseUnit == "Paket")
        #expect(row.listPrice == dec("100"))
        #expect(row.erpPrice == dec("118"))
        #expect(row.currency == "CNY")
        #expect(row.termDuration == "P1Y")
        #expect(row.billingFrequency == "Annual")
        #expect(row.customerType == "Education")
        #expect(row.effectiveStartDate == "2025-04-01")
        #expect(row.line == 2)
    }

    @Test func quotedNewlineInNameKeepsLineNumbersRight() {
        let text = Self.header + "\nA,\"Zwei\nZeilen\",Lizenz,1,2,CNY\nB,Name,Lizenz,1,abc,CNY\n"
        let (rows, diagnostics) = PriceList.parse(text, path: "p.csv")
        #expect(rows.map(\.offerName) == ["Zwei\nZeilen"])
        #expect(diagnostics.map(\.location) == [KontorDiagnostics.SourceLocation(path: "p.csv", line: 4, column: 17)])
    }

    @Test func sameOfferWithDifferentTermsIsOneOffer() throws {
        let text = "Offer ID,Offer Display Name,Purchase Unit,List Price,ERP Price,Currency,Term Duration,Billing Frequency\n"
            + "A,Alpha,Lizenz,12,14,CNY,P1M,Monthly\nA,Alpha,Lizenz,10,12,CNY,P1Y,Monthly\n"
            + "A,Alpha,Lizenz,120,144,CNY,P1Y,Annual\n"
        let catalog = try Catalog.parse(csv: text, yaml: nil)
        #expect(catalog.offers.count == 1)
        #expect(catalog.offers[0].rows.map(\.termDuration) == ["P1M", "P1Y", "P1Y"])
        #expect(catalog.offers[0].rows.map(\.billingFrequency) == ["Monthly", "Monthly", "Annual"])
        #expect(catalog.offers[0].categoryID == Catalog.fallbackCategory.id)
    }
}
