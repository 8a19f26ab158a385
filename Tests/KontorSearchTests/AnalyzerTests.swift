import Testing
import Foundation
import KontorTestSupport
@testable import KontorSearch

@Suite struct TokenizerTests {
    private func words(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return WordTokenizer.tokens(bytes).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test func splitsOnPunctuationAndTypographicQuotes() {
        #expect(words("„Preise“ – und (Angebote), 2026!") == ["Preise", "und", "Angebote", "2026"])
    }

    @Test func keepsUmlautsAndSharpSInsideWords() {
        #expect(words("Gebühren für Größe und Straße") == ["Gebühren", "für", "Größe", "und", "Straße"])
    }

    @Test func noBreakSpaceAndMultiplicationSignSeparate() {
        #expect(words("10\u{00A0}Lizenzen 3×5") == ["10", "Lizenzen", "3", "5"])
    }

    @Test func marksHyphenatedWords() {
        let tokens = WordTokenizer.tokens(Array("E-Mail-Adresse und - Konto".utf8))
        #expect(tokens.map(\.hyphenatedToPrevious) == [false, true, true, false, false])
    }

    @Test func invalidUTF8IsASeparator() {
        let bytes: [UInt8] = Array("ab".utf8) + [0xFF] + Array("cd".utf8)
        #expect(WordTokenizer.tokens(bytes).count == 2)
    }

    /// The tokenizer reads eight ASCII bytes a step; a byte-by-byte reading must give the same
    /// words at every position of the run's end and across every kind of byte.
    @Test func eightBytesAStepEqualsOneByteAStep() {
        let pieces: [[UInt8]] = ["a", "Z", "m", "0", "9", "@", "[", "`", "{", "/", ":", " ", "-", "\n", "ä", "ß", "É", "×",
                                 "—", "€", "文", "ж"].map { Array($0.utf8) } + [[0xFF], [0xC3], [0x80], [0x7F], [0x00]]
        var random = SeededRandom(seed: 7)
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.next(below: 40) {
                // Long ASCII runs are what the eight-byte step reads; mix them with everything else.
                bytes += random.next(below: 3) == 0 ? pieces[random.next(below: pieces.count)] : pieces[random.next(below: 5)]
            }
            #expect(WordTokenizer.tokens(bytes) == Self.referenceTokens(bytes), "\(bytes)")
        }
    }

    @Test func asciiWordRunCountsLettersAndDigitsFromTheFirstByte() {
        func run(_ text: String) -> Int {
            WordTokenizer.asciiWordRun(Array(text.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        }
        #expect(run("Abonnent") == 8)
        #expect(run("Preis 12") == 5)
        #expect(run("@AZaz09x") == 0)
        #expect(run("AZaz09[x") == 6)
        #expect(run("ab`cdefg") == 2)
        #expect(run("ab{cdefg") == 2)
        #expect(run("abcdefg/") == 7)
        #expect(run("abc:efgh") == 3)
    }

    /// One byte a step, as the tokenizer read before.
    private static func referenceTokens(_ bytes: [UInt8]) -> [WordToken] {
        bytes.withUnsafeBufferPointer { bytes in
            var tokens: [WordToken] = []
            var index = 0
            var lastWordEnd = -2
            func isWord(at index: Int) -> (Bool, Int) {
                let (scalar, length) = WordTokenizer.decodeScalar(bytes, at: index)
                return (WordTokenizer.isWordScalar(scalar), length)
            }
            while index < bytes.count {
                let (word, length) = isWord(at: index)
                if !word { index += length; continue }
                let start = index
                while index < bytes.count {
                    let (word, length) = isWord(at: index)
                    if !word { break }
                    index += length
                }
                let hyphenated = lastWordEnd >= 0 && start == lastWordEnd + 1 && bytes[lastWordEnd] == UInt8(ascii: "-")
                tokens.append(WordToken(start: start, end: index, hyphenatedToPrevious: hyphenated))
                lastWordEnd = index
            }
            return tokens
        }
    }
}

@Suite struct FoldingTests {
    let analyzer = GermanAnalyzer()

    @Test func umlautsAndDigraphsMeet() {
        #expect(analyzer.fold("Gebühren") == "gebuehren")
        #expect(analyzer.fold("Gebuehren") == "gebuehren")
        #expect(analyzer.fold("ÄNDERUNG") == "aenderung")
        #expect(analyzer.fold("Aenderung") == "aenderung")
        #expect(analyzer.fold("Größe") == "groesse")
        #expect(analyzer.fold("Groesse") == "groesse")
        #expect(analyzer.fold("Straße") == "strasse")
        #expect(analyzer.fold("STRASSE") == "strasse")
        #expect(analyzer.fold("GROẞE") == "grosse")
    }

    @Test func otherAccentsLoseTheirMarks() {
        #expect(analyzer.fold("Café") == "cafe")
        #expect(analyzer.fold("Ελλάδα") == "ελλάδα")
    }

    @Test func bothSpellingsGiveTheSameTerm() {
        for (umlaut, digraph) in [("Preisänderungen", "Preisaenderungen"), ("Übersicht", "Uebersicht"),
                                  ("Schlüssel", "Schluessel"), ("Größen", "Groessen"), ("Grüße", "Gruesse")] {
            #expect(analyzer.terms(umlaut) == analyzer.terms(digraph), "\(umlaut)")
        }
    }
}

@Suite struct StemmingTests {
    let analyzer = GermanAnalyzer()

    @Test func inflectedFormsShareAStem() {
        let groups = [
            ["Rechnung", "Rechnungen"],
            ["verwalten", "Verwaltung", "Verwaltungen"],
            ["Kunde", "Kunden", "Kundes"],
            ["Abonnement", "Abonnements"],
            ["Lizenz", "Lizenzen"],
            ["Gebühr", "Gebühren", "Gebuehren"],
        ]
        for group in groups {
            let stems = Set(group.flatMap { analyzer.terms($0) })
            #expect(stems.count == 1, "\(group) → \(stems)")
        }
    }

    @Test func wordsWithDigitsAreNotStemmed() {
        #expect(analyzer.terms("E3 365 DZH318Z0BQ3Q") == ["e3", "365", "dzh318z0bq3q"])
    }
}

@Suite struct StopWordTests {
    let analyzer = GermanAnalyzer()

    @Test func functionWordsAreDropped() {
        #expect(analyzer.words("Die Preise für das Angebot und der Kunde") == ["preise", "angebot", "kunde"])
    }

    @Test func stopWordsInFoldedSpelling() {
        #expect(analyzer.isStopWord("ueber"))
        #expect(analyzer.words("über Über") == [])
    }

    @Test func hyphenGroupsAlsoYieldTheJoinedWord() {
        #expect(analyzer.words("E-Mail-Adresse") == ["mail", "adresse", "emailadresse"])
        #expect(analyzer.words("Microsoft-Kundenvereinbarung") == ["microsoft", "kundenvereinbarung", "microsoftkundenvereinbarung"])
    }
}

@Suite struct CompoundSplitterTests {
    let analyzer = GermanAnalyzer()

    private func splitter(_ words: [String]) -> CompoundSplitter {
        CompoundSplitter(vocabulary: Set(words), stems: Set(words.map(analyzer.stem)))
    }

    @Test func splitsAgainstTheVocabulary() {
        let splitter = splitter(["abonnement", "verwaltung", "kunden", "vereinbarung", "preis", "liste"])
        #expect(splitter.split("abonnementverwaltung", stem: analyzer.stem) == ["abonnement", "verwaltung"])
        #expect(splitter.split("kundenvereinbarung", stem: analyzer.stem) == ["kunden", "vereinbarung"])
        #expect(splitter.split("preisliste", stem: analyzer.stem) == ["preis", "liste"])
    }

    @Test func inflectedHeadAndLinkingS() {
        let splitter = splitter(["rechnung", "adresse", "abonnement", "verwaltung"])
        #expect(splitter.split("rechnungsadressen", stem: analyzer.stem) == ["rechnung", "adressen"])
        #expect(splitter.split("abonnementsverwaltungen", stem: analyzer.stem) == ["abonnement", "verwaltungen"])
    }

    @Test func threeParts() {
        let splitter = splitter(["partner", "kunden", "beziehung"])
        #expect(splitter.split("partnerkundenbeziehung", stem: analyzer.stem) == ["partner", "kunden", "beziehung"])
    }

    @Test func leavesUnknownAndShortWordsAlone() {
        let splitter = splitter(["verw", "best", "unter", "nehmen"])
        #expect(splitter.split("verwaltung", stem: analyzer.stem) == nil)  // "altung" is no word
        #expect(splitter.split("bestellung", stem: analyzer.stem) == nil)
        #expect(splitter.split("unternehmen", stem: analyzer.stem) == nil)  // stop word "unter" is no modifier
        #expect(splitter.split("preis", stem: analyzer.stem) == nil)
    }
}

/// The stemmer takes libstemmer's Latin-1 German stemmer for ASCII words (faster); it must give
/// exactly what the UTF-8 stemmer gives.
@Suite struct StemmerFastPathTests {
    private func stem(_ word: String, _ stemmer: SnowballStemmer) -> String {
        var word = word
        var output: [UInt8] = []
        word.withUTF8 { stemmer.appendStem(of: $0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Every folded word of the project's guides, and generated words over the letters and
    /// endings the German algorithm treats specially (u and y between vowels, -ern, -nis, …).
    private func words() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content/docs")
        let files = FileManager.default.enumerator(atPath: docs.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") } ?? []
        try #require(files.count >= 10, "content/docs has too few guides")
        var words = Set<String>()
        for file in files {
            let bytes = Array(try Data(contentsOf: docs.appendingPathComponent(file)))
            for token in WordTokenizer.tokens(bytes) { words.insert(GermanFolding.fold(bytes[token.start..<token.end])) }
        }
        var random = SeededRandom(seed: 0x5737_4D4D)
        let pieces = ["a", "e", "i", "o", "u", "y", "ue", "ae", "oe", "b", "ch", "sch", "st", "ig", "lich", "heit", "ern", "em",
                      "en", "er", "es", "s", "nis", "keit", "isch", "end", "ung", "ss", "z", "t", "k"]
        for _ in 0..<20_000 {
            words.insert((0..<(2 + random.next(below: 8))).map { _ in random.pick(pieces) }.joined())
        }
        return words.sorted()
    }

    @Test func asciiWordsStemAsWithTheUTF8Stemmer() throws {
        let (fast, reference) = (SnowballStemmer(), SnowballStemmer(asciiFastPath: false))
        let words = try words()
        #expect(words.count > 20_000)
        let differing = words.filter { stem($0, fast) != stem($0, reference) }
        #expect(differing.count == 0, "for example \(differing.prefix(10))")
    }

    @Test func otherWordsKeepTheUTF8Stemmer() {
        let stemmer = SnowballStemmer()
        // Latin-1 would read "é" as two letters; the UTF-8 stemmer keeps it whole.
        #expect(stem("cafés", stemmer) == stem("cafés", SnowballStemmer(asciiFastPath: false)))
        #expect(stem("cafés", stemmer).unicodeScalars.contains("é"))
        #expect(stem("häuser", stemmer) == "haus")
    }
}
