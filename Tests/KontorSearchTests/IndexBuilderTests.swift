import Foundation
import KontorTestSupport
import Testing
@testable import KontorSearch

@Suite struct IndexBuilderTests {
    private func text(_ files: [(path: String, contents: [UInt8])], _ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.contents, as: UTF8.self) }
    }

    @Test func writesManifestShardsAndFragments() throws {
        let files = SearchIndexBuilder.build(SearchFixture.documents)
        let manifest = try #require(text(files, "search/manifest.js"))
        #expect(manifest.hasPrefix("window.KontorSuche.register(\"manifest\",{\"format\":3,\"documents\":7,"))
        #expect(manifest.hasSuffix(");\n"))
        #expect(files.contains { $0.path == "search/t/0.js" })
        #expect(files.filter { $0.path.hasPrefix("search/d/") }.count == 7)
        // Documents are numbered in URL order, whatever the input order.
        let first = try #require(text(files, "search/d/0.js"))
        #expect(first.contains("\"url\":\"hilfe/abonnements-verwalten.html\""))
        #expect(first.contains("[\"abonnement-kuendigen\",\"Ein Abonnement kündigen\","))
    }

    @Test func shardHoldsStemsAndCompoundParts() throws {
        let files = SearchIndexBuilder.build(SearchFixture.documents)
        let evaluator = try SearchQueryEvaluator(files: files)
        #expect(evaluator.hasTerm("rechnung"))
        #expect(evaluator.hasTerm("gebuehr"))
        #expect(evaluator.hasTerm("abonnementverwalt"))  // the compound itself
        #expect(evaluator.hasTerm("verwalt"))            // its head, also from "verwalten"
        #expect(!evaluator.hasTerm("und"))               // stop word
        // The compound "Abonnementverwaltung" counts for "verwalt" in the first document.
        let verwalt = evaluator.postings(of: "verwalt").map(\.document)
        #expect(verwalt.contains(0))
    }

    @Test func smallShardsSplitTheSortedTermsWithoutGaps() throws {
        let files = SearchIndexBuilder.build(SearchFixture.documents, options: SearchIndexOptions(shardTargetBytes: 200))
        let evaluator = try SearchQueryEvaluator(files: files)
        let shardFiles = files.filter { $0.path.hasPrefix("search/t/") }
        #expect(shardFiles.count > 5)
        // Every term is found through the manifest's boundaries.
        for term in ["abonnement", "gebuehr", "kennwort", "preislist", "zahlung", "365"] {
            #expect(evaluator.hasTerm(term), "\(term)")
        }
        #expect(evaluator.search("Kennwort").first?.url == "hilfe/kennwort-zuruecksetzen.html")
    }

    @Test func postingListsLongerThanABlockKeepEveryDocumentInOrder() throws {
        // Thousands of postings of one term in every run of documents: each run's list spans
        // several blocks, and every term has a group of its own (few terms).
        let count = 9_000
        let documents = (0..<count).map { index in
            SearchDocument(url: "a/o\(index).html", title: "Angebot \(index % 7)", kind: .catalog,
                           sections: [SearchSection(anchor: nil, heading: "", text: index % 3 == 0 ? "Rechnung" : "Rechnung Zahlung")])
        }
        let evaluator = try SearchQueryEvaluator(files: SearchIndexBuilder.build(documents))
        // Documents are numbered in URL order ("a/o0", "a/o1", "a/o10", …).
        let numbers = documents.map(\.url).sorted()
        #expect(evaluator.postings(of: "rechnung").map(\.document) == Array(0..<count))
        let zahlung = evaluator.postings(of: "zahlung").map(\.document)
        #expect(zahlung == numbers.indices.filter { (Int(numbers[$0].dropFirst(3).dropLast(5)) ?? 0) % 3 != 0 })
    }

    @Test func postingsKeepNumbersThatTakeSeveralBytesInTheirCompactForm() throws {
        // Postings wait for their term group as LEB128 numbers: a gap of hundreds of documents,
        // section 299 and 200 occurrences each take more than one byte there.
        let filler = (0..<400).map { SearchDocument(url: "h/f\($0).html", title: "Seite", kind: .help,
                                                    sections: [SearchSection(anchor: nil, heading: "", text: "Füllwort")]) }
        func page(_ url: String, occurrences: Int) -> SearchDocument {
            let sections = (0..<300).map { index in
                let words = index == 299 ? Array(repeating: "Zahlung", count: occurrences) + Array(repeating: "Text", count: 200 - occurrences)
                                         : ["Text"]
                return SearchSection(anchor: "s\(index)", heading: "Abschnitt", text: words.joined(separator: " "))
            }
            return SearchDocument(url: url, title: "Ziel", kind: .help, sections: sections)
        }
        let documents = filler + [page("h/y.html", occurrences: 1), page("h/z.html", occurrences: 200)]
        let evaluator = try SearchQueryEvaluator(files: SearchIndexBuilder.build(documents))
        let urls = documents.map(\.url).sorted()
        let postings = evaluator.postings(of: "zahlung")
        #expect(postings.map(\.document) == [urls.firstIndex(of: "h/y.html"), urls.firstIndex(of: "h/z.html")].compactMap { $0 })
        #expect(postings.map(\.section) == [299, 299])
        #expect(postings.count == 2 && postings[1].weight > postings[0].weight)
    }

    @Test func weightsRoundAsRoundedDoes() {
        var random = SeededRandom(seed: 5)
        let edges: [Double] = [0, 0.5, 1.5, 2.5, 0.49999999999999994, 4_503_599_627_370_495.5, 4_503_599_627_370_496, 1e300,
                               .leastNonzeroMagnitude, Double(1).nextDown, 0.5.nextDown, 0.5.nextUp, 2.5.nextDown]
        for value in edges + (0..<20_000).map({ _ in Double(random.next() % 1_000_000) / 64 + Double(random.next() % 1_000) / 1e9 }) {
            #expect(PostingTable.roundedHalfUp(value) == value.rounded(), "\(value)")
        }
    }

    @Test func asciiURLsSortAsStringsDo() {
        var random = SeededRandom(seed: 11)
        let letters = Array("aAzZ09-_/.").map(String.init)
        let documents = (0..<500).map { index in
            let url = (0..<Int(random.next() % 6)).map { _ in letters[Int(random.next() % UInt64(letters.count))] }.joined()
            return SearchDocument(url: url, title: "T\(random.next() % 3)", kind: index % 4 == 0 ? .catalog : .help, sections: [])
        }
        #expect(SearchIndexBuilder.documentOrder(documents) == SearchIndexBuilder.stringOrder(documents))
    }

    @Test func deterministicWhateverTheInputOrder() {
        let documents = SearchFixture.documents
        let first = SearchIndexBuilder.build(documents)
        let second = SearchIndexBuilder.build(documents.reversed())
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.contents) == second.map(\.contents))
    }

    @Test func fragmentsEscapeAndCapText() {
        let long = String(repeating: "Wort ", count: 400)
        let document = SearchDocument(url: "hilfe/x.html", title: "A \"B\" </script>", kind: .catalog,
                                      sections: [SearchSection(anchor: nil, heading: "", text: long)])
        let files = SearchIndexBuilder.build([document])
        // A catalog document's fragment is in the first pack.
        let fragment = String(decoding: files.first { $0.path == "search/d/p0.js" }?.contents ?? [], as: UTF8.self)
        #expect(fragment.contains("\"title\":\"A \\\"B\\\" \\u003c/script>\""))
        #expect(fragment.contains("\"kind\":\"catalog\""))
        #expect(fragment.hasPrefix("window.KontorSuche.register(\"d/p0\",{\"first\":0,\"documents\":[{"))
        #expect(fragment.utf8.count < 1_000)
        #expect(fragment.contains("Wort…"))
    }

    /// The stored text of each section of a help page's fragment, in order.
    private func sectionTexts(_ fragment: String) throws -> [String] {
        let json = try #require(fragment.firstIndex(of: ",").map { fragment[fragment.index(after: $0)...].dropLast(3) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sections = try #require(object["sections"] as? [[String]])
        return sections.map { $0[2] }
    }

    private func helpPage(sections: Int, textBytes: Int) -> SearchDocument {
        let text = String(repeating: "Gebühr ", count: textBytes / 8)
        return SearchDocument(url: "hilfe/abrechnung/gebuehren.html", title: "Gebühren der Abrechnung", kind: .help,
                              sections: (0..<sections).map {
                                  SearchSection(anchor: "abschnitt-\($0)", heading: "Abschnitt \($0) der Gebühren", text: text)
                              })
    }

    @Test(arguments: [1, 4, 12, 20])
    func helpFragmentsFitOnePageWhileEverySectionKeepsASentence(_ sectionCount: Int) throws {
        let files = SearchIndexBuilder.build([helpPage(sections: sectionCount, textBytes: 5_000)])
        let fragment = try #require(text(files, "search/d/0.js"))
        #expect(fragment.utf8.count <= 4_096)
        let texts = try sectionTexts(fragment)
        #expect(texts.count == sectionCount)
        for text in texts {
            #expect(text.hasSuffix("…"))
            #expect((120...603).contains(text.utf8.count), "\(text.utf8.count) bytes")
        }
        // Sections share the page: fewer sections keep more text each, up to the upper bound.
        if sectionCount <= 4 { #expect(texts.allSatisfy { $0.utf8.count > 550 }) }
    }

    @Test func manySectionsKeepTheirSentenceEvenPastOnePage() throws {
        let files = SearchIndexBuilder.build([helpPage(sections: 40, textBytes: 1_000)])
        let texts = try sectionTexts(try #require(text(files, "search/d/0.js")))
        #expect(texts.count == 40)
        #expect(texts.allSatisfy { $0.utf8.count >= 115 && $0.utf8.count <= 123 })
    }

    @Test func shortSectionsAreKeptWhole() throws {
        let files = SearchIndexBuilder.build([helpPage(sections: 3, textBytes: 300)])
        let texts = try sectionTexts(try #require(text(files, "search/d/0.js")))
        #expect(texts.allSatisfy { !$0.hasSuffix("…") && $0.utf8.count == 37 * "Gebühr ".utf8.count })
    }

    @Test func packsOffersSixteenToAFileAfterTheHelpPages() throws {
        let help = (0..<3).map { SearchDocument(url: "hilfe/h\($0).html", title: "Hilfe \($0)", kind: .help,
                                                 sections: [SearchSection(anchor: nil, heading: "", text: "Rechnung prüfen")]) }
        // URLs that sort before the help pages: offers still come last.
        let offers = (0..<40).map { SearchDocument(url: "a/o\($0).html", title: "Angebot \($0)", kind: .catalog,
                                                    sections: [SearchSection(anchor: nil, heading: "", text: "Lizenz Nummer \($0)")]) }
        let files = SearchIndexBuilder.build(offers + help)
        let manifest = try #require(text(files, "search/manifest.js"))
        #expect(manifest.contains("\"documents\":43,\"weightScale\":40,\"singleSectionFrom\":3,\"packed\":{\"from\":3,\"per\":16},"))
        #expect(files.filter { $0.path.hasPrefix("search/d/p") }.map(\.path) == ["search/d/p0.js", "search/d/p1.js", "search/d/p2.js"])
        #expect(files.filter { $0.path.hasPrefix("search/d/") }.count == 6)
        let lastPack = try #require(text(files, "search/d/p2.js"))
        #expect(lastPack.hasPrefix("window.KontorSuche.register(\"d/p2\",{\"first\":35,\"documents\":["))
        // Every document, packed or not, is found and resolved to its URL.
        let evaluator = try SearchQueryEvaluator(files: files)
        #expect(evaluator.search("Angebot 37").first?.url == "a/o37.html")
        #expect(evaluator.search("Rechnung").first?.url.hasPrefix("hilfe/") == true)
    }

    @Test(arguments: [1, 5, 6, 7, 100, 1_001])
    func postingListsRoundTripSparseAndDense(_ documentCount: Int) {
        var random = SeededRandom(seed: UInt64(documentCount))
        for density in [1, 3, 10, 50] {
            let singleSectionFrom = Int(random.next() % UInt64(documentCount + 1))
            let layout = PostingLayout(documentCount: documentCount, singleSectionFrom: singleSectionFrom)
            let postings = (0..<documentCount).filter { _ in random.next() % 100 < UInt64(density * 2) }.map { document in
                EncodedPosting(document: document, weight: Int(random.next() % 1_024),
                               section: document < singleSectionFrom ? Int(random.next() % 40) : 0)
            }
            var bytes: [UInt8] = []
            ShardEncoding.appendPostings(postings, layout: layout, to: &bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(ShardEncoding.decodePostings(text, layout: layout) == postings, "\(documentCount) documents, density \(density)")
        }
    }

    @Test func commonTermsAreWrittenAsBitmaps() {
        let layout = PostingLayout(documentCount: 600, singleSectionFrom: 300)
        let everyOther = stride(from: 0, to: 600, by: 2).map { EncodedPosting(document: $0, weight: 7, section: 0) }
        var bytes: [UInt8] = []
        ShardEncoding.appendPostings(everyOther, layout: layout, to: &bytes)
        #expect(bytes.first == UInt8(ascii: "."))
        // Bitmap of 100 letters, one weight letter per posting, a section letter for the first 150.
        #expect(bytes.count == 1 + 100 + 300 + 150)
        var rare: [UInt8] = []
        ShardEncoding.appendPostings([EncodedPosting(document: 599, weight: 3, section: 0)], layout: layout, to: &rare)
        #expect(rare.first != UInt8(ascii: "."))
    }

    @Test func varintsRoundTrip() {
        var bytes: [UInt8] = []
        let values = [0, 1, 31, 32, 1023, 1024, 99_999, 5]
        for value in values { ShardEncoding.appendVarint(value, to: &bytes) }
        #expect(ShardEncoding.decodeVarints(String(decoding: bytes, as: UTF8.self)) == values)
    }
}

@Suite struct IndexOrderingTests {
    @Test func utf8OrderSortsByBytesNotByStringComparison() {
        let strings = ["zebra", "äpfel", "apfel", "apfelbaumwiese", "apfelbaum", "Zahl", "", "apfelbaumwiesf", "ë"]
        let order = utf8Order(strings).map { strings[Int($0)] }
        let expected = strings.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(order == expected)
        #expect(order.first == "")
        #expect(order.last == "ë")
    }

    @Test func eightByteEscapeTestFindsEveryCandidate() {
        var random = SeededRandom(seed: 5)
        // Candidates, their neighbours and ordinary text bytes, eight at a time.
        let bytes: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x3B, 0x3C, 0x3D, 0x5B, 0x5C, 0x5D, 0x61, 0x7F, 0x80,
                              0xC3, 0xE1, 0xE2, 0xE3, 0xFF]
        let candidates: Set<UInt8> = [0x22, 0x3C, 0x5C, 0xE2]
        for _ in 0..<20_000 {
            let word = (0..<8).map { _ in random.next() % 4 == 0 ? bytes[Int(random.next() % UInt64(bytes.count))] : 0x61 }
            let value = word.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            let expected = word.contains { $0 < 0x20 || candidates.contains($0) }
            #expect(JSONWriter.mayNeedEscape(value) == expected, "\(word)")
        }
    }

    @Test func jsonStringsEscapeEveryCandidateByte() {
        var json = JSONWriter()
        json.string("a\"b\\c\nd\u{01}e</f\u{2028}g\u{2029}h—i")
        #expect(String(decoding: json.bytes, as: UTF8.self) == "\"a\\\"b\\\\c\\nd\\u0001e\\u003c/f\\u2028g\\u2029h—i\"")
        // The same after runs of eight and more bytes that need no escape.
        var long = JSONWriter()
        long.string("Rechnungsadresse \"Zahlung\" ändern <b> Gebührenübersicht\\Konto\u{2028}Ende")
        #expect(String(decoding: long.bytes, as: UTF8.self)
            == "\"Rechnungsadresse \\\"Zahlung\\\" ändern \\u003cb> Gebührenübersicht\\\\Konto\\u2028Ende\"")
    }
}

@Suite struct ByteLevelExpansionTests {
    @Test func utf8OrderOfManyStringsMatchesByteOrder() {
        // Enough strings, with long shared prefixes, that both sorted halves and their merge matter.
        var random = SeededRandom(seed: 7)
        let letters = Array("abcdeäöüß".utf8)
        let strings = (0..<1_001).map { index -> String in
            let length = 1 + Int(random.next() % 14)
            let tail = (0..<length).map { _ in letters[Int(random.next() % UInt64(letters.count))] }
            let prefix = index % 3 == 0 ? Array("abonnementver".utf8) : []
            return String(decoding: prefix + tail, as: UTF8.self)
        }
        // Equal first eight bytes, then zero bytes, prefixes and bytes above 0x7F.
        let edges = ["abonnement", "abonnement\u{0}", "abonnement\u{0}a", "abonnemen", "abonnementß", "abonnementverwaltungen",
                     "abonnementverwaltung", "abonnementverwaltunh", "abonnementverwaltungeñ", "ab", "ab\u{0}", "ab\u{0}\u{0}c", "a\u{0}"]
        let distinct = Array(Set(strings + edges))
        let order = utf8Order(distinct).map { distinct[Int($0)] }
        #expect(order == distinct.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    @Test func byteSplitMatchesStringSplit() {
        let analyzer = GermanAnalyzer()
        let vocabulary = ["rechnung", "adresse", "abonnement", "verwaltung", "partner", "kunden", "beziehung"]
        let splitter = CompoundSplitter(vocabulary: Set(vocabulary), stems: Set(vocabulary.map(analyzer.stem)))
        for word in ["rechnungsadressen", "abonnementsverwaltungen", "partnerkundenbeziehung", "verwaltung", "preis"] {
            var bytes = word
            let parts = bytes.withUTF8 { utf8 in
                splitter.split(utf8) { head in
                    var stem = analyzer.stem(String(decoding: head, as: UTF8.self))
                    return stem.withUTF8 { splitter.isStemOfVocabulary($0) }
                }?.map { String(decoding: UnsafeBufferPointer(rebasing: utf8[$0]), as: UTF8.self) }
            }
            #expect(parts == splitter.split(word, stem: analyzer.stem))
        }
        #expect(splitter.split("rechnungsadressen", stem: analyzer.stem) == ["rechnung", "adressen"])
    }
}

@Suite struct CompactRecordTests {
    @Test func sectionAndTitleShareOneWord() {
        for section: Int32 in [0, 1, 599, Int32.max] {
            for inTitle in [false, true] {
                let packed = SectionAndTitle(section: section, inTitle: inTitle)
                #expect(packed.section == section && packed.inTitle == inTitle)
            }
        }
        // Millions of these are written per build; their size is what the packing is for.
        #expect(MemoryLayout<SectionAndTitle>.size == 4)
        #expect(MemoryLayout<Posting>.stride == 12)
        #expect(MemoryLayout<WordCounts>.stride == 16)
        // Updated once per token: two to a cache line.
        #expect(MemoryLayout<WordEntry>.stride == 32)
    }

    @Test func postingKeepsPlaceFrequencySectionAndTitle() {
        // Places up to a group's last (511), frequencies in half occurrences (compound parts count
        // half), sections as large as a word holds.
        for place in [0, 1, 300, 511] {
            for frequency: Float in [0, 0.5, 1, 3, 17.5, 4_194_303, 4_194_303.5] {
                for section: Int32 in [0, 7, Int32.max] {
                    let posting = Posting(place: place, document: 12_345, section: section, frequency: frequency, inTitle: place == 1)
                    #expect(posting.place == place && posting.frequency == frequency && posting.document == 12_345)
                    #expect(posting.section == section && posting.inTitle == (place == 1))
                }
            }
        }
        // Beyond about four million occurrences the frequency is capped, never wrapped into the place.
        let capped = Posting(place: 5, document: 0, section: 0, frequency: 10_000_000, inTitle: false)
        #expect(capped.place == 5 && capped.frequency == 4_194_303.5)
    }
}

/// The index splits compounds in its own word and stem tables; its parts must be exactly those
/// `CompoundSplitter` finds with the same vocabulary (corpus words of their own) and stems.
@Suite struct TermExpansionSplitTests {
    private static func chunks(of documents: [SearchDocument]) -> [ChunkAnalysis] {
        [DocumentAnalysis.analyze(documents[..<20], keys: Array(repeating: 0, count: 20)[...], cache: SearchAnalysisCache()).analysis,
         DocumentAnalysis.analyze(documents[20...], keys: Array(repeating: 0, count: documents.count - 20)[...],
                                  cache: SearchAnalysisCache()).analysis]
    }

    /// The merge takes over the first chunk's word table; chunks decoded from the cache have
    /// none, and both must give the same words, terms and expansions.
    @Test func mergingFromTheFirstChunksTableChangesNothing() throws {
        let documents = try QueryContentTests.documents() + (0..<12).map { SyntheticCorpus().page($0) }
        var withTables = Self.chunks(of: documents)
        try #require(withTables.allSatisfy { $0.wordTable != nil })
        var withoutTables = withTables.map { chunk in
            var chunk = chunk
            chunk.wordTable = nil
            return chunk
        }
        let (taken, rebuilt) = (TermExpansion.build(&withTables), TermExpansion.build(&withoutTables))
        #expect(withTables.allSatisfy { $0.wordTable == nil })
        #expect(taken.terms.strings == rebuilt.terms.strings && taken.globalWord == rebuilt.globalWord)
        #expect(taken.expansionStarts == rebuilt.expansionStarts && taken.expansionTerms == rebuilt.expansionTerms)
        #expect(taken.expansionFactors == rebuilt.expansionFactors)
        #expect(taken.stemList.words.bytes == rebuilt.stemList.words.bytes && taken.stemList.stems.bytes == rebuilt.stemList.stems.bytes)
    }

    @Test func expansionPartsMatchTheSplitter() throws {
        let documents = try QueryContentTests.documents() + (0..<12).map { SyntheticCorpus().page($0) }
        var chunks = Self.chunks(of: documents)
        let expansion = TermExpansion.build(&chunks)
        // Every word once, with whether it occurs on its own anywhere.
        var words: [Int32: (spelling: String, standalone: Bool)] = [:]
        for (chunk, globalWord) in zip(chunks, expansion.globalWord) {
            for local in chunk.inVocabulary.indices {
                let bytes = chunk.wordBytes[Int(chunk.wordStarts[local])..<Int(chunk.wordStarts[local + 1])]
                let known = words[globalWord[local]]
                words[globalWord[local]] = (String(decoding: bytes, as: UTF8.self), (known?.standalone ?? false) || chunk.inVocabulary[local])
            }
        }
        let analyzer = GermanAnalyzer()
        let splitter = CompoundSplitter(vocabulary: Set(words.values.filter(\.standalone).map(\.spelling)),
                                        stems: Set(words.values.map { analyzer.stem($0.spelling) }))
        var compounds = 0
        for (id, word) in words {
            let range = Int(expansion.expansionStarts[Int(id)])..<Int(expansion.expansionStarts[Int(id) + 1])
            let terms = range.map { expansion.terms.string(Int(expansion.expansionTerms[$0])) }
            var expected = [analyzer.stem(word.spelling)]
            for part in splitter.split(word.spelling, stem: analyzer.stem) ?? [] where !expected.contains(analyzer.stem(part)) {
                expected.append(analyzer.stem(part))
            }
            compounds += expected.count > 1 ? 1 : 0
            #expect(terms == expected, "\(word.spelling)")
        }
        #expect(compounds > 50, "the corpus has compounds to split")
    }
}

@Suite struct DenseIndexTableTests {
    @Test func numbersKeysInOrderOfInsertionThroughGrowthAndClearing() {
        var random = SeededRandom(seed: 3)
        let table = DenseIndexTable(capacityBits: 4)
        for round in 0..<4 {
            var expected: [Int32: Int] = [:]
            // Enough distinct keys to grow the table several times in the first round.
            for _ in 0..<(round == 0 ? 3_000 : 300) {
                let key = Int32(truncatingIfNeeded: random.next() % 2_000) &* (round % 2 == 0 ? 1 : 7_919)
                let (index, inserted) = table.index(of: key)
                if let known = expected[key] {
                    #expect(!inserted && index == known)
                } else {
                    #expect(inserted && index == expected.count)
                    expected[key] = index
                }
            }
            #expect(table.count == expected.count)
            table.removeAll()
            #expect(table.count == 0)
        }
    }
}
