import Foundation
import KontorParallel
import KontorTestSupport
import Testing
@testable import KontorSearch

/// Size check, not a timed test: run with `KONTOR_SEARCH_SIZE_CHECK=1 swift test -c release
/// --filter IndexSizeCheck`. Builds the index of 10,000 synthetic German pages of ~10 KB and
/// prints the build time and what a first two-word query downloads.
@Suite struct IndexSizeCheck {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KONTOR_SEARCH_SIZE_CHECK"] != nil))
    func tenThousandPages() throws {
        let generator = SyntheticCorpus()
        let started = Date()
        let documents = Parallel.map(10_000, minimumChunk: 100) { generator.page($0) }
        let generated = Date()
        let files = SearchIndexBuilder.build(documents)
        let built = Date()
        let htmlBytes = documents.reduce(0) { $0 + $1.sections.reduce($1.title.utf8.count) { $0 + $1.text.utf8.count + $1.heading.utf8.count } }
        let size: (String) -> Int = { path in files.first { $0.path == path }?.contents.count ?? 0 }
        let shardFiles = files.filter { $0.path.hasPrefix("search/t/") }
        let total = files.reduce(0) { $0 + $1.contents.count }
        print("size-check: pages 10000, text \(htmlBytes / 1_000_000) MB, generate \(String(format: "%.2f", generated.timeIntervalSince(started))) s, build \(String(format: "%.2f", built.timeIntervalSince(generated))) s")
        print("size-check: files \(files.count), total \(total / 1024) KB, shards \(shardFiles.count), largest shard \((shardFiles.map(\.contents.count).max() ?? 0) / 1024) KB, manifest \(size("search/manifest.js") / 1024) KB")

        let evaluator = try SearchQueryEvaluator(files: files)
        for query in ["Rechnung herunterladen", "Abonnement kündigen", "Kennwort zurücksetzen", "Lizenzen zuweisen"] {
            let words = evaluator.queryWords(query, typing: false)
            let shards = Set(words.map { evaluator.shardIndex(for: GermanAnalyzer().stem($0.word)) })
            let shardBytes = shards.reduce(0) { $0 + size(SearchIndexFormat.shardPath($1)) }
            let hits = evaluator.search(query, limit: 10)
            let documentIDs = hits.compactMap { hit in files.firstIndex { $0.path.hasPrefix("search/d/") && String(decoding: $0.contents, as: UTF8.self).contains("\"url\":\"\(hit.url)\"") } }
            let fragmentBytes = documentIDs.prefix(6).reduce(0) { $0 + files[$1].contents.count }
            let firstQuery = size("search/manifest.js") + shardBytes + fragmentBytes
            print("size-check: \"\(query)\": manifest \(size("search/manifest.js")) B + \(shards.count) shards \(shardBytes) B + 6 result fragments \(fragmentBytes) B = \(firstQuery / 1024) KB; hits \(hits.count)")
            #expect(firstQuery < 150 * 1024)
        }
    }
}

/// Deterministic German-like pages: domain words, inflections, compounds, Zipf-ish frequencies.
struct SyntheticCorpus: Sendable {
    static let stems = [
        "Rechnung", "Abonnement", "Kunde", "Lizenz", "Kennwort", "Benutzer", "Angebot", "Preis", "Vertrag",
        "Zahlung", "Gebühr", "Bestellung", "Konto", "Partner", "Verwaltung", "Dienst", "Anmeldung", "Rolle",
        "Berechtigung", "Vereinbarung", "Bericht", "Datei", "Liste", "Zeitraum", "Änderung", "Einstellung",
        "Übersicht", "Sicherheit", "Schlüssel", "Adresse", "Unternehmen", "Mitarbeiter", "Support", "Anfrage",
    ]
    static let verbs = [
        "herunterladen", "kündigen", "zurücksetzen", "zuweisen", "erstellen", "verwalten", "prüfen", "ändern",
        "öffnen", "wählen", "speichern", "anlegen", "bestätigen", "exportieren", "aktivieren", "löschen",
    ]
    static let filler = ["der", "die", "das", "und", "Sie", "mit", "für", "im", "den", "auf", "wird", "ist", "eine", "zu"]
    static let syllables = ["ber", "ga", "lo", "mei", "stra", "kon", "ti", "nu", "fel", "dorf", "ach", "ling", "ke",
                            "wald", "ro", "sa", "ver", "un", "ter", "ei", "ma", "schu", "len", "ba", "zi", "on"]

    func page(_ number: Int) -> SearchDocument {
        var random = SeededRandom(seed: UInt64(number) &* 0x9E37_79B9 &+ 17)
        var html = ""
        var sections = 0
        while html.utf8.count < 10_000 {
            sections += 1
            html += "<h2 id=\"abschnitt-\(sections)\">\(sentence(&random, words: 3))</h2>\n"
            for _ in 0..<3 { html += "<p>\(sentence(&random, words: 28)).</p>\n" }
        }
        let title = "\(Self.stems[Int(random.next() % UInt64(Self.stems.count))]) \(Self.verbs[Int(random.next() % UInt64(Self.verbs.count))]) \(number)"
        return SearchDocument.fromHTML(url: "hilfe/seite-\(number).html", title: title, kind: .help, bodyHTML: html)
    }

    private func sentence(_ random: inout SeededRandom, words: Int) -> String {
        (0..<words).map { _ in word(&random) }.joined(separator: " ")
    }

    private func word(_ random: inout SeededRandom) -> String {
        let roll = random.next() % 100
        switch roll {
        case 0..<35: return Self.filler[Int(random.next() % UInt64(Self.filler.count))]
        case 35..<55: return Self.stems[zipf(&random, Self.stems.count)] + ["", "en", "s", "e"][Int(random.next() % 4)]
        case 55..<65: return Self.verbs[zipf(&random, Self.verbs.count)]
        case 65..<75:
            return Self.stems[zipf(&random, Self.stems.count)] + Self.stems[zipf(&random, Self.stems.count)].lowercased()
        default:
            // A long tail of rare words: ~80,000 distinct synthetic words.
            let rank = zipf(&random, 80_000)
            var value = rank
            var text = ""
            repeat {
                text += Self.syllables[value % Self.syllables.count]
                value /= Self.syllables.count
            } while value > 0
            return text + Self.syllables[rank % 7]
        }
    }

    /// Roughly Zipf-distributed rank in 0..<count.
    private func zipf(_ random: inout SeededRandom, _ count: Int) -> Int {
        let uniform = Double(random.next() % 1_000_000) / 1_000_000
        return min(count - 1, Int(pow(Double(count), uniform)) - 1)
    }
}

