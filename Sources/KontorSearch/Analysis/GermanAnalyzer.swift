/// German text analysis shared by the index builder and the Swift query evaluator:
/// UTF-8 byte tokenizer → lower-casing and umlaut folding → stop words → Snowball German stem.
///
/// Not thread-safe (it owns a libstemmer instance and a cache): make one per thread or task.
public struct GermanAnalyzer {
    private let stemmer = SnowballStemmer()
    private let cache = StemCache()

    public init() {}

    /// Lower-cases and folds a word: "Gebühren" and "Gebuehren" both become "gebuehren".
    public func fold(_ word: String) -> String {
        GermanFolding.fold(word)
    }

    /// The Snowball German stem of a folded word; words with digits (ids, versions) stay whole.
    public func stem(_ folded: String) -> String {
        if let known = cache.stems[folded] { return known }
        var word = folded
        var bytes: [UInt8] = []
        word.withUTF8 { appendStem(of: $0, stemmer: stemmer, to: &bytes) }
        let stemmed = String(decoding: bytes, as: UTF8.self)
        cache.stems[folded] = stemmed
        return stemmed
    }

    public func isStopWord(_ folded: String) -> Bool {
        GermanStopWords.all.contains(folded)
    }

    /// Folded words of a text in order, without stop words and one-letter words. A hyphenated
    /// group ("E-Mail-Adresse") also yields its joined spelling ("emailadresse") after its parts;
    /// an id's later parts only count in that joined spelling (`WordToken.isLaterIDPart`).
    public func words(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(Array(text.utf8)) { word, _ in result.append(word) }
        return result
    }

    /// Index terms of a text: `words(text)` stemmed.
    public func terms(_ text: String) -> [String] {
        words(text).map(stem)
    }

    /// Calls `body(foldedWord, isJoinedHyphenGroup)` for every indexable word of `bytes`.
    func forEachWord(_ bytes: [UInt8], _ body: (String, Bool) -> Void) {
        var group: [String] = []
        func flushGroup() {
            if group.count > 1 {
                let joined = group.joined()
                if Self.isIndexable(joined) { body(joined, true) }
            }
            group.removeAll(keepingCapacity: true)
        }
        for token in WordTokenizer.tokens(bytes) {
            if !token.hyphenatedToPrevious { flushGroup() }
            let folded = GermanFolding.fold(bytes[token.start..<token.end])
            group.append(folded)
            if !token.isLaterIDPart(of: bytes) && Self.isIndexable(folded) && !isStopWord(folded) { body(folded, false) }
        }
        flushGroup()
    }

    static func isIndexable(_ folded: String) -> Bool {
        folded.utf8.count >= 2
    }
}

/// Memo of stems; folding and stemming each distinct word once is what makes analysis cheap.
private final class StemCache {
    var stems: [String: String] = [:]
}

/// Appends the stem of a folded word to `output`: words with digits (ids, versions) stay whole.
/// The one stemming rule of index and queries: `GermanAnalyzer.stem` and the index builder's
/// term expansion both call it.
func appendStem(of word: UnsafeBufferPointer<UInt8>, stemmer: SnowballStemmer, to output: inout [UInt8]) {
    if word.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
        output.append(contentsOf: word)
        return
    }
    let start = output.count
    stemmer.appendStem(of: word, to: &output)
    // `GermanAnalyzer.stem` makes a `String` of libstemmer's bytes, which would repair invalid UTF-8.
    if output[start...].contains(where: { $0 >= 0x80 }) {
        let repaired = String(decoding: output[start...], as: UTF8.self)
        output.removeSubrange(start...)
        output.append(contentsOf: repaired.utf8)
    }
}
