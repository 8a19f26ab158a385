import Foundation
import KontorTestSupport
import Synchronization
import Testing
@testable import KontorSearch

/// A rebuild takes unchanged documents' analyses from the cache; the index must be the one a
/// build from scratch makes, byte for byte.
@Suite struct AnalysisCacheTests {
    /// The project's guides (hyphen groups, umlauts, compounds), synthetic pages and two offers.
    private static func documents() throws -> [SearchDocument] {
        let generator = SyntheticCorpus()
        let offers = (0..<2).map { number in
            SearchDocument(url: "katalog/angebot/\(number).html", title: "Microsoft 365 E\(number)", kind: .catalog,
                           sections: [SearchSection(anchor: nil, heading: "",
                                                    text: "7A3F2C-EE6F-1547-\(number) E-Mail-Adresse und Abonnementverwaltung.")])
        }
        return try QueryContentTests.documents() + (0..<24).map { generator.page($0) } + offers
    }

    /// The documents after an edit: one text changed, one page removed, one added.
    private static func edited(_ documents: [SearchDocument]) -> [SearchDocument] {
        var edited = documents
        edited[3].sections[0].text += " Ein neuer Satz über Rechnungsadressen und die Lizenz-Zuweisung."
        edited.remove(at: 7)
        edited.append(SyntheticCorpus().page(99))
        return edited
    }

    /// The paths whose files differ or exist on one side only.
    private static func differingFiles(_ left: [(path: String, contents: [UInt8])],
                                       _ right: [(path: String, contents: [UInt8])]) -> [String] {
        let rightByPath = Dictionary(uniqueKeysWithValues: right.map { ($0.path, $0.contents) })
        let leftPaths = Set(left.map(\.path))
        return left.filter { rightByPath[$0.path] != $0.contents }.map(\.path)
            + right.map(\.path).filter { !leftPaths.contains($0) }
    }

    @Test func rebuildFromCachedAnalysesEqualsBuildFromScratch() throws {
        let documents = try Self.documents()
        var analyses = SearchAnalysisCache()
        let first = SearchIndexBuilder.build(documents, analyses: &analyses)
        #expect(first.reused == 0)
        #expect(analyses.documentCount == documents.count)
        #expect(Self.differingFiles(first.files, SearchIndexBuilder.build(documents)).isEmpty)

        let edited = Self.edited(documents)
        var previous = try #require(SearchAnalysisCache(serialized: analyses.serialized(fingerprint: 7), fingerprint: 7))
        let rebuilt = SearchIndexBuilder.build(edited, analyses: &previous)
        let scratch = SearchIndexBuilder.build(edited)
        #expect(rebuilt.reused == edited.count - 2)
        #expect(Self.differingFiles(rebuilt.files, scratch).isEmpty)
    }

    @Test func cacheFromAnotherBinaryOrDamagedIsNotRead() throws {
        let documents = try Self.documents()
        var analyses = SearchAnalysisCache()
        _ = SearchIndexBuilder.build(documents, analyses: &analyses)
        let bytes = analyses.serialized(fingerprint: 42)
        #expect(SearchAnalysisCache(serialized: bytes, fingerprint: 43) == nil)
        #expect(SearchAnalysisCache(serialized: [UInt8](), fingerprint: 42) == nil)
        #expect(SearchAnalysisCache(serialized: Array(bytes.dropLast()), fingerprint: 42) == nil)
        #expect(SearchAnalysisCache(serialized: bytes + [0], fingerprint: 42) == nil)
        // Any changed byte, a word count's included, makes the cache unreadable: a count read
        // wrongly would change the index without a trace.
        var random = SeededRandom(seed: 11)
        for _ in 0..<200 {
            var damaged = bytes
            let index = Int(random.next() % UInt64(bytes.count))
            damaged[index] ^= UInt8(1 + random.next() % 255)
            #expect(SearchAnalysisCache(serialized: damaged, fingerprint: 42) == nil, "byte \(index)")
        }
    }

    @Test func aSecondSiteStoresOnlyItsOwnDocuments() throws {
        let documents = try Self.documents()
        let shared = Array(documents.prefix(20))
        let ownPages = (200..<205).map { SyntheticCorpus().page($0) }
        var analyses = SearchAnalysisCache()
        _ = SearchIndexBuilder.build(shared, analyses: &analyses)
        let second = SearchIndexBuilder.build(shared + ownPages, analyses: &analyses)
        #expect(second.reused == shared.count)
        #expect(analyses.documentCount == shared.count + ownPages.count)
        #expect(analyses.storedDocumentCount == shared.count + ownPages.count)
    }

    /// A chunk of exactly an image's documents is decoded whole, to what analysing them gives;
    /// an image that left documents out (they were stored by the site before) is refused.
    @Test func aChunkIsDecodedWholeOnlyFromAnImageOfAllItsDocuments() throws {
        let documents = try Self.documents()
        let keys = documents.map(SearchIndexInputs.analysisKey)
        let analysed = DocumentAnalysis.analyze(documents[...], keys: keys[...], cache: SearchAnalysisCache())
        var cache = SearchAnalysisCache()
        cache.addAnalysed(try #require(analysed.image))
        let decoded = try #require(DocumentAnalysis.decode(cache.image(0)))
        let expected = analysed.analysis
        #expect(decoded.wordBytes == expected.wordBytes && decoded.wordStarts == expected.wordStarts)
        #expect(decoded.inVocabulary == expected.inVocabulary && decoded.lengths == expected.lengths)
        #expect(decoded.documents.count == expected.documents.count)
        #expect((0..<decoded.documents.count).allSatisfy { document in
            decoded.documents.entries(of: document).map(Self.fields) == expected.documents.entries(of: document).map(Self.fields)
        })
        #expect(cache.imageRuns(in: keys).map(\.range) == [0..<documents.count])

        // The second site's image holds only its own pages, but the words of the shared ones.
        let shared = Set(keys.prefix(20))
        var partial = DocumentAnalysis.analyze(documents[...], keys: keys[...], cache: SearchAnalysisCache()).analysis
        var partialCache = SearchAnalysisCache()
        partialCache.addAnalysed(try #require(AnalysisImage.encode(&partial, keys: keys[...]) { !shared.contains($0) }))
        #expect(partialCache.image(0).keys == Array(keys.dropFirst(20)))
        #expect(DocumentAnalysis.decode(partialCache.image(0)) == nil)
        // Its documents decode to what the analysis counted.
        var decodedEntries: [WordCounts] = []
        for (index, document) in (20..<documents.count).enumerated() {
            _ = partialCache.image(0).decode(document: index, into: &decodedEntries)
            #expect(decodedEntries.map(Self.fields) == partial.documents.entries(of: document).map(Self.fields))
        }
    }

    private static func fields(_ counts: WordCounts) -> [Float] {
        [Float(counts.word), counts.frequency, counts.inTitle ? 1 : 0, counts.standalone ? 1 : 0, Float(counts.bestSection), counts.bestWeight]
    }

    /// A rebuild takes the stems of known words from the previous build's list instead of
    /// stemming them again (a planted stem shows that it is used), and the list round-trips.
    @Test func stemsOfKnownWordsComeFromTheList() throws {
        let documents = try Self.documents()
        var analyses = SearchAnalysisCache()
        _ = SearchIndexBuilder.build(documents, analyses: &analyses)
        let loaded = try #require(SearchAnalysisCache(serialized: analyses.serialized(fingerprint: 3), fingerprint: 3))
        let list = try #require(loaded.stemLists.first)
        #expect(loaded.stemLists.count == 1 && list.words.count == analyses.stemLists[0].words.count)
        #expect((0..<list.words.count).allSatisfy { GermanAnalyzer().stem(list.words.string($0)) == list.stems.string($0) })

        var planted = ByteStrings()
        var words = ByteStrings()
        words.append("rechnung")
        planted.append("geplant")
        var chunks = [DocumentAnalysis.analyze(documents[...], keys: Array(repeating: 0, count: documents.count)[...],
                                               cache: SearchAnalysisCache()).analysis]
        let expansion = TermExpansion.build(&chunks, known: [StemList(words: words, stems: planted)])
        #expect(expansion.terms.strings.contains("geplant"))
    }

    @Test func anIndexTakenOverKeepsThePreviousAnalyses() throws {
        let documents = try Self.documents()
        var analyses = SearchAnalysisCache()
        _ = SearchIndexBuilder.build(documents, analyses: &analyses)
        var previous = try #require(SearchAnalysisCache(serialized: analyses.serialized(fingerprint: 1), fingerprint: 1))
        #expect(!previous.hasNewAnalyses)
        // Without `keepPrevious`, what was read is not written again.
        let empty = try #require(SearchAnalysisCache(serialized: previous.serialized(fingerprint: 1), fingerprint: 1))
        #expect(empty.documentCount == 0)
        previous.keepPrevious()
        let kept = try #require(SearchAnalysisCache(serialized: previous.serialized(fingerprint: 1), fingerprint: 1))
        #expect(kept.documentCount == documents.count)
    }
}

/// Result fragments of unchanged documents are taken over from the previous build instead of
/// being made again; together with the files that are made, they are a clean build's index.
/// A chunk's word counts are kept as LEB128 bytes; every value must come back exactly.
@Suite struct DocumentWordCountsTests {
    @Test func packedEntriesDecodeExactly() {
        var random = SeededRandom(seed: 0xC0C0_2026)
        // Values around every LEB128 byte boundary, and ordinary small ones.
        let numbers = [0, 1, 2, 127, 128, 129, 16_383, 16_384, 2_097_151, 2_097_152, 1 << 24, (1 << 30) - 1]
        func number() -> Int { random.chance(percent: 50) ? random.pick(numbers) : random.next(below: 40) }
        var documents: [[WordCounts]] = []
        var counts = DocumentWordCounts()
        for _ in 0..<300 {
            let entries = (0..<random.next(below: 60)).map { _ in
                WordCounts(word: Int32(number()), frequency: Float(min(number(), 1 << 24)), inTitle: random.chance(percent: 30),
                           standalone: random.chance(percent: 70), bestSection: Int32(number()), bestWeight: Float(min(number(), 1 << 24)))
            }
            documents.append(entries)
            counts.append(entries)
        }
        func fields(_ entry: WordCounts) -> [Float] {
            [Float(entry.word), entry.frequency, entry.inTitle ? 1 : 0, entry.standalone ? 1 : 0, Float(entry.bestSection), entry.bestWeight]
        }
        #expect(counts.count == documents.count && counts.entryCounts == documents.map(\.count))
        var seen = 0
        counts.forEachDocument(in: 0..<documents.count) { document, entries in
            #expect(entries.map(fields) == documents[document].map(fields), "document \(document)")
            seen += 1
        }
        #expect(seen == documents.count)
        // A run in the middle decodes alone.
        counts.forEachDocument(in: 100..<120) { document, entries in
            #expect(entries.map(fields) == documents[document].map(fields))
        }
    }
}

@Suite struct FragmentReuseTests {
    private typealias Emitted = [String: (contents: [UInt8], inputs: UInt64)]

    private static func build(_ documents: [SearchDocument], reuse: @escaping @Sendable (String, UInt64) -> Bool) -> Emitted {
        let emitted = Mutex<Emitted>([:])
        var analyses = SearchAnalysisCache()
        SearchIndexBuilder.build(documents, inputs: SearchIndexInputs(documents), analyses: &analyses, reuse: reuse) { path, contents, inputs in
            emitted.withLock { $0[path] = (contents, inputs) }
        }
        return emitted.withLock { $0 }
    }

    @Test func onlyTheEditedDocumentsFragmentsAreMadeAgain() throws {
        let offers = (0..<40).map { number in
            SearchDocument(url: "katalog/angebot/\(1000 + number).html", title: "Angebot \(number)", kind: .catalog,
                           sections: [SearchSection(anchor: nil, heading: "", text: "Lizenz für \(number) Benutzer.")])
        }
        let documents = try QueryContentTests.documents() + offers
        let first = Self.build(documents) { _, _ in false }
        var edited = documents
        let page = try #require(edited.firstIndex { $0.url == "hilfe/reset-a-user-password.html" })
        edited[page].sections[0].text += " Ein neuer Satz."
        let offer = try #require(edited.firstIndex { $0.url == "katalog/angebot/1020.html" })
        edited[offer].title = "Angebot 20, neu"

        let reusedPaths = Mutex<[String]>([])
        let second = Self.build(edited) { path, inputs in
            guard first[path]?.inputs == inputs else { return false }
            reusedPaths.withLock { $0.append(path) }
            return true
        }
        let made = Set(second.keys)
        // The two edited documents' fragments (one page, one pack of offers), the manifest and
        // the term shards are made; every other fragment is taken over.
        #expect(made.filter { $0.hasPrefix("search/d/") }.count == 2)
        #expect(made.contains("search/manifest.js"))
        #expect(reusedPaths.withLock { $0 }.count == first.keys.filter { $0.hasPrefix("search/d/") }.count - 2)
        let clean = Self.build(edited) { _, _ in false }
        for (path, file) in clean {
            #expect((second[path]?.contents ?? first[path]?.contents) == file.contents, "\(path)")
        }
        #expect(Set(clean.keys) == made.union(reusedPaths.withLock { $0 }))
    }
}
