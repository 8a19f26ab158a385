import Foundation
import KontorTestSupport
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
