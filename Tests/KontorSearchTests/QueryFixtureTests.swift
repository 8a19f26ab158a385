import Testing
@testable import KontorSearch

/// Ranking on the fixture site; the browser tests run some of the same queries in Chromium.
@Suite struct QueryFixtureTests {
    static func makeEvaluator() throws -> SearchQueryEvaluator {
        try SearchQueryEvaluator(files: SearchIndexBuilder.build(SearchFixture.documents))
    }

    static let table: [(query: String, typing: Bool, expected: String)] = [
        ("Rechnungen", false, "hilfe/rechnung-lesen.html"),               // inflected form
        ("Gebuehren", false, "hilfe/rechnung-lesen.html"),                // umlaut typed as ue
        ("preisaenderung", false, "hilfe/preise.html"),
        ("Verwaltung", false, "hilfe/abonnements-verwalten.html"),        // part of a compound
        ("Abonnement verwalten", false, "hilfe/abonnements-verwalten.html"),
        ("Kundenvereinbarung", false, "hilfe/kundenvereinbarung.html"),
        ("Kunden Vereinbarung", false, "hilfe/kundenvereinbarung.html"),  // split compound
        ("Kennwrot", false, "hilfe/kennwort-zuruecksetzen.html"),         // one typo (swap)
        ("Kenwort zurücksetzen", false, "hilfe/kennwort-zuruecksetzen.html"),
        ("Kennw", true, "hilfe/kennwort-zuruecksetzen.html"),             // prefix while typing
        ("Benutzerkonto anleg", true, "hilfe/benutzer-anlegen.html"),
        ("office e3", false, "katalog/angebot/office-365-e3.html"),
        ("796B6B5F", false, "katalog/angebot/office-365-e3.html"),        // offer id, first part
        ("796B6B5F-613C-4E24-A17C-EBA730D49C02", false, "katalog/angebot/office-365-e3.html"),  // whole id
        ("796b6b5f-613c-4e", true, "katalog/angebot/office-365-e3.html"), // id while typing
        ("Preislistenabruf herunterladen", false, "hilfe/preise.html"),   // unknown compound, partial
    ]

    @Test(arguments: 0..<table.count)
    func intendedPageInTopThree(_ row: Int) throws {
        let evaluator = try Self.makeEvaluator()
        let (query, typing, expected) = Self.table[row]
        let hits = evaluator.search(query, typing: typing, limit: 3).map(\.url)
        #expect(hits.contains(expected), "\(query) → \(hits)")
    }

    @Test func idPartsAreNoTermsOfTheirOwn() throws {
        let evaluator = try Self.makeEvaluator()
        #expect(evaluator.hasTerm("796b6b5f"))
        #expect(!evaluator.hasTerm("613c"))
        #expect(!evaluator.hasTerm("eba730d49c02"))
        #expect(evaluator.queryWords("796B6B5F-613C-4E24", typing: false).map(\.word) == ["796b6b5f", "796b6b5f613c4e24"])
        #expect(evaluator.queryWords("E-Mail-Adresse", typing: false).map(\.word) == ["mail", "adresse"])
    }

    @Test func titleMatchRanksFirstAndLinksToSection() throws {
        let evaluator = try Self.makeEvaluator()
        let hits = evaluator.search("Gebühren")
        #expect(hits.first?.url == "hilfe/rechnung-lesen.html")
        #expect(hits.first?.anchor == "gebuehren")
        #expect(hits.first?.heading == "Gebühren verstehen")
        #expect(evaluator.search("Preisliste herunterladen").first?.anchor == "herunterladen")
    }

    @Test func compoundQuerySplitsAgainstTheIndex() throws {
        let evaluator = try Self.makeEvaluator()
        // "Rechnungsgebühren" is not in the corpus; it splits into rechnung + gebuehr.
        #expect(evaluator.splitCompound("rechnungsgebuehren") == ["rechnung", "gebuehr"])
        #expect(evaluator.search("Rechnungsgebühren").first?.url == "hilfe/rechnung-lesen.html")
    }

    @Test func emptyAndStopWordQueriesFindNothing() throws {
        let evaluator = try Self.makeEvaluator()
        #expect(evaluator.search("").isEmpty)
        #expect(evaluator.search("und oder die").isEmpty)
        #expect(evaluator.search("Quantencomputer").isEmpty)
    }

    @Test func typoToleranceOnlyForLongerWords() throws {
        let evaluator = try Self.makeEvaluator()
        #expect(evaluator.search("Prise").isEmpty == false)  // 5 letters: one typo allowed
        #expect(evaluator.search("Rolen").first?.url == "hilfe/benutzer-anlegen.html")
        #expect(evaluator.search("Abo").isEmpty)           // short, finished word: no expansion
    }
}
