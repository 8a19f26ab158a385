import Foundation
import KontorParallel
import KontorTestSupport
import Synchronization
import Testing
@testable import KontorSearch

/// Profiling harness, not a timed test: run with `KONTOR_SEARCH_INDEX_PROFILE=1 swift test -c
/// release --filter IndexBuildProfile`. Builds the index of 10,000 synthetic pages and 10,000
/// offers three times and prints, per build, wall and process CPU time and a digest of every
/// file, so that a change to the builder can be compared for speed and for identical output.
@Suite struct IndexBuildProfile {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KONTOR_SEARCH_INDEX_PROFILE"] != nil))
    func pagesAndOffers() {
        let generator = SyntheticCorpus()
        let pages = Parallel.map(10_000, minimumChunk: 100) { generator.page($0) }
        let offers = Parallel.map(10_000, minimumChunk: 100) { Self.offer($0) }
        let documents = pages + offers
        var digests: Set<UInt64> = []
        for run in 1...3 {
            let digest = Mutex(FileDigest())
            let startedCPU = ProcessTime.cpuSeconds()
            let started = Date()
            var analyses = SearchAnalysisCache()
            SearchIndexBuilder.build(documents, inputs: SearchIndexInputs(documents), analyses: &analyses) { path, contents, _ in
                digest.withLock { $0.add(path: path, contents: contents) }
            }
            let wall = Date().timeIntervalSince(started)
            let cpu = ProcessTime.cpuSeconds() - startedCPU
            let files = digest.withLock { $0 }
            digests.insert(files.value)
            print(String(format: "index-profile: run %d, wall %.2f s, cpu %.2f s, files %d, bytes %d, digest %016llx",
                         run, wall, cpu, files.count, files.bytes, files.value))
        }
        // The same documents always give the same bytes, whatever the threads did.
        #expect(digests.count == 1)
    }

    /// A catalog offer shaped like the benchmark corpus's: one section, a hyphenated id.
    private static func offer(_ number: Int) -> SearchDocument {
        var random = SeededRandom(seed: UInt64(number) &* 0x2545_F491 &+ 3)
        let hex = (0..<32).map { _ in String(random.next() % 16, radix: 16, uppercase: true) }.joined()
        let id = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
            .joined(separator: "-")
        let stem = SyntheticCorpus.stems[Int(random.next() % UInt64(SyntheticCorpus.stems.count))]
        let text = "\(id) \(stem) Lizenz für \(number % 500 + 1) Benutzer, monatliche Zahlung, Laufzeit 1 Jahr. "
            + "Preis pro Einheit in CNY, Kategorie \(SyntheticCorpus.stems[number % SyntheticCorpus.stems.count])."
        return SearchDocument(url: "katalog/angebot/\(id.lowercased()).html", title: "\(stem) Angebot \(number)", kind: .catalog,
                              sections: [SearchSection(anchor: nil, heading: "", text: text)])
    }
}

/// An order-independent digest of (path, contents) pairs (files arrive from several threads).
private struct FileDigest {
    var value: UInt64 = 0
    var count = 0
    var bytes = 0

    mutating func add(path: String, contents: [UInt8]) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        for byte in contents { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        value &+= hash
        count += 1
        bytes += contents.count
    }
}
