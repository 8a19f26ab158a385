import Foundation
import KontorDiagnostics

/// A ranked hit of `SearchQueryEvaluator`.
public struct SearchHit: Sendable, Hashable {
    public var url: String
    public var title: String
    public var kind: SearchDocumentKind
    /// Anchor and heading of the best matching section (nil / "" for the top of the page).
    public var anchor: String?
    public var heading: String
    public var score: Double
    public var matchedWords: Int
}

/// Evaluates queries over the built index files in memory, exactly as the browser does.
///
/// `templates/default/assets/search.js` mirrors this algorithm step by step (`resolveWord`,
/// `splitCompound`, `rank`); a change here must be made there too. The Swift copy exists so the
/// query table tests can rank real content without a browser.
public struct SearchQueryEvaluator {
    static let prefixFactor = 0.8
    static let compoundFactor = 0.9
    static let fuzzyFactor = 0.6
    static let maximumExpansions = 30

    private let shardBoundaries: [String]
    private let layout: PostingLayout
    private let shards: [Int: IndexShard]
    private let documents: [Int: [String: Any]]
    private let analyzer = GermanAnalyzer()

    /// Reads the files `SearchIndexBuilder.build` returned.
    public init(files: [(path: String, contents: [UInt8])]) throws {
        var boundaries: [String] = []
        var layout = PostingLayout(documentCount: 0, singleSectionFrom: Int.max)
        var shards: [Int: IndexShard] = [:]
        var documents: [Int: [String: Any]] = [:]
        for file in files {
            let (key, object) = try Self.parseRegistration(file.contents, path: file.path)
            if key == "manifest" {
                boundaries = object["shards"] as? [String] ?? []
                let documentCount = object["documents"] as? Int ?? 0
                layout = PostingLayout(documentCount: documentCount,
                                       singleSectionFrom: object["singleSectionFrom"] as? Int ?? documentCount)
            } else if key.hasPrefix("t/"), let index = Int(key.dropFirst(2)) {
                shards[index] = IndexShard(terms: object["terms"] as? [String] ?? [],
                                           postings: object["postings"] as? [String] ?? [])
            } else if key.hasPrefix("d/p"), let first = object["first"] as? Int,
                      let packed = object["documents"] as? [[String: Any]] {
                for (offset, document) in packed.enumerated() { documents[first + offset] = document }
            } else if key.hasPrefix("d/"), let index = Int(key.dropFirst(2)) {
                documents[index] = object
            }
        }
        self.shardBoundaries = boundaries
        self.layout = layout
        self.shards = shards
        self.documents = documents
    }

    private static func parseRegistration(_ bytes: [UInt8], path: String) throws -> (String, [String: Any]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let prefix = "window.KontorSuche.register(\""
        guard text.hasPrefix(prefix), let keyEnd = text.dropFirst(prefix.count).firstIndex(of: "\""),
              text.hasSuffix(");\n") else {
            throw Diagnostic.error("not a search index script", path: path)
        }
        let key = String(text[text.index(text.startIndex, offsetBy: prefix.count)..<keyEnd])
        let jsonStart = text.index(after: text.index(after: keyEnd))
        let json = text[jsonStart..<text.index(text.endIndex, offsetBy: -3)]
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw Diagnostic.error("search index payload is not an object", path: path)
        }
        return (key, object)
    }

    // MARK: Query

    /// Ranks documents for `query`. With `typing`, the last word is treated as unfinished
    /// (prefix matching), as in the search-as-you-type dropdown.
    public func search(_ query: String, typing: Bool = false, limit: Int = 10) -> [SearchHit] {
        let groups = queryWords(query, typing: typing).flatMap { resolveWord($0.word, open: $0.open) }
        return rank(groups, limit: limit)
    }

    struct QueryWord { var word: String; var open: Bool }
    struct Candidate { var term: String; var factor: Double }

    /// Folded query words without stop words (the unfinished last word is always kept). Like the
    /// index, a hyphen group's later parts with digits ("8607F52F-EE6F-…") are not words of their
    /// own; the group's joined spelling stands for them.
    func queryWords(_ query: String, typing: Bool) -> [QueryWord] {
        let bytes = Array(query.utf8)
        let tokens = WordTokenizer.tokens(bytes)
        let endsInWord = tokens.last.map { $0.end == bytes.count } ?? false
        var result: [QueryWord] = []
        func add(_ word: String, open: Bool) {
            guard open || (GermanAnalyzer.isIndexable(word) && !analyzer.isStopWord(word)) else { return }
            guard !result.contains(where: { $0.word == word }) else { return }
            result.append(QueryWord(word: word, open: open))
        }
        var joined = ""
        var groupHasIDParts = false
        for (index, token) in tokens.enumerated() {
            let word = GermanFolding.fold(bytes[token.start..<token.end])
            let open = typing && endsInWord && index == tokens.count - 1
            if !token.hyphenatedToPrevious {
                joined = ""
                groupHasIDParts = false
            }
            joined += word
            if token.isLaterIDPart(of: bytes) {
                groupHasIDParts = true
            } else {
                add(word, open: open)
            }
            let endsGroup = index == tokens.count - 1 || !tokens[index + 1].hyphenatedToPrevious
            if endsGroup && groupHasIDParts { add(joined, open: open) }
        }
        return result
    }

    /// The candidate terms of one query word; a compound split yields one group per part.
    func resolveWord(_ word: String, open: Bool) -> [[Candidate]] {
        let stem = analyzer.stem(word)
        var candidates: [Candidate] = []
        if hasTerm(stem) { candidates.append(Candidate(term: stem, factor: 1)) }
        if open {
            let wordBytes = Array(word.utf8)
            if wordBytes.count >= 2 {
                for term in termsWithPrefix(word) where term != stem {
                    candidates.append(Candidate(term: term, factor: Self.prefixFactor))
                }
            }
            var length = wordBytes.count - 1
            while length >= max(4, wordBytes.count - 3) {
                let shorter = String(decoding: wordBytes[..<length], as: UTF8.self)
                if shorter != stem, hasTerm(shorter), !candidates.contains(where: { $0.term == shorter }) {
                    candidates.append(Candidate(term: shorter, factor: Self.prefixFactor))
                }
                length -= 1
            }
        }
        if !candidates.isEmpty { return [candidates] }
        if let parts = splitCompound(word) {
            return parts.map { [Candidate(term: $0, factor: Self.compoundFactor)] }
        }
        if word.utf8.count >= 5 {
            let fuzzy = fuzzyTerms(word, stem: stem, open: open)
            if !fuzzy.isEmpty { return [fuzzy.map { Candidate(term: $0, factor: Self.fuzzyFactor) }] }
        }
        return [[]]
    }

    /// Splits an unknown compound into two indexed terms ("kundenvereinbarung" →
    /// kund + vereinbar), trying the longest first part first, with a linking "s"/"es".
    func splitCompound(_ word: String) -> [String]? {
        let bytes = Array(word.utf8)
        guard bytes.count >= CompoundSplitter.minimumCompoundLength,
              bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        var end = bytes.count - CompoundSplitter.minimumPartLength
        while end >= CompoundSplitter.minimumPartLength {
            defer { end -= 1 }
            let left = String(decoding: bytes[..<end], as: UTF8.self)
            if analyzer.isStopWord(left) { continue }
            let leftStem = analyzer.stem(left)
            guard let leftTerm = hasTerm(left) ? left : (hasTerm(leftStem) ? leftStem : nil) else { continue }
            for linker in CompoundSplitter.linkers(bytes, at: end) {
                guard bytes.count - end - linker >= CompoundSplitter.minimumPartLength else { continue }
                let right = String(decoding: bytes[(end + linker)...], as: UTF8.self)
                if analyzer.isStopWord(right) { continue }
                let rightStem = analyzer.stem(right)
                if hasTerm(rightStem) { return [leftTerm, rightStem] }
                if hasTerm(right) { return [leftTerm, right] }
            }
        }
        return nil
    }

    /// Terms one edit away from the word or its stem, searched in the shards of both.
    func fuzzyTerms(_ word: String, stem: String, open: Bool) -> [String] {
        let wordBytes = Array(word.utf8)
        let stemBytes = Array(stem.utf8)
        var shardIndices = [shardIndex(for: stem)]
        let wordShard = shardIndex(for: word)
        if wordShard != shardIndices[0] { shardIndices.append(wordShard) }
        var found: [(term: String, size: Int)] = []
        for index in shardIndices {
            guard let shard = shards[index] else { continue }
            for (position, term) in shard.terms.enumerated() {
                let termBytes = Array(term.utf8)
                var matches = withinOneEdit(termBytes, stemBytes) || withinOneEdit(termBytes, wordBytes)
                if !matches && open {
                    for length in (wordBytes.count - 1)...(wordBytes.count + 1) where length <= termBytes.count && length > 0 {
                        if withinOneEdit(Array(termBytes[..<length]), wordBytes) { matches = true; break }
                    }
                }
                if matches && !found.contains(where: { $0.term == term }) {
                    found.append((term, shard.postings[position].utf8.count))
                }
            }
        }
        return Self.mostFrequent(found)
    }

    /// Index terms starting with `prefix`, from at most three shards, the 30 most frequent.
    func termsWithPrefix(_ prefix: String) -> [String] {
        var found: [(term: String, size: Int)] = []
        var index = shardIndex(for: prefix)
        let first = index
        while index < shardBoundaries.count && index < first + 3 {
            if index > first && !shardBoundaries[index].hasPrefix(prefix) { break }
            if let shard = shards[index] {
                var position = shard.lowerBound(prefix)
                while position < shard.terms.count && shard.terms[position].hasPrefix(prefix) {
                    found.append((shard.terms[position], shard.postings[position].utf8.count))
                    position += 1
                }
            }
            index += 1
        }
        return Self.mostFrequent(found)
    }

    /// Keeps the expansions with the longest posting lists (most documents), ties by term order.
    static func mostFrequent(_ found: [(term: String, size: Int)]) -> [String] {
        found.enumerated().sorted { lhs, rhs in
            lhs.element.size != rhs.element.size ? lhs.element.size > rhs.element.size : lhs.offset < rhs.offset
        }.prefix(maximumExpansions).map(\.element.term)
    }

    // MARK: Ranking

    /// Documents matching more query words first, then by summed weight, then by document order.
    /// Per word a document counts its best candidate (weight × factor); the hit links to the
    /// section that collected the most weight.
    func rank(_ groups: [[Candidate]], limit: Int) -> [SearchHit] {
        guard !groups.isEmpty, groups.contains(where: { !$0.isEmpty }) else { return [] }
        var scores: [Int: (score: Double, matched: Int, sections: [Int: Double])] = [:]
        for group in groups {
            var best: [Int: (value: Double, section: Int)] = [:]
            for candidate in group {
                for (document, weight, section) in postings(of: candidate.term) {
                    let value = Double(weight) * candidate.factor
                    if value > (best[document]?.value ?? 0) { best[document] = (value, section) }
                }
            }
            for (document, entry) in best {
                var total = scores[document] ?? (0, 0, [:])
                total.score += entry.value
                total.matched += 1
                total.sections[entry.section, default: 0] += entry.value
                scores[document] = total
            }
        }
        let ordered = scores.sorted { lhs, rhs in
            if lhs.value.matched != rhs.value.matched { return lhs.value.matched > rhs.value.matched }
            if lhs.value.score != rhs.value.score { return lhs.value.score > rhs.value.score }
            return lhs.key < rhs.key
        }
        return ordered.prefix(limit).compactMap { document, total in
            let section = total.sections.max { lhs, rhs in
                lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key
            }?.key ?? 0
            return hit(document: document, section: section, score: total.score, matched: total.matched)
        }
    }

    private func hit(document: Int, section: Int, score: Double, matched: Int) -> SearchHit? {
        guard let fragment = documents[document], let url = fragment["url"] as? String else { return nil }
        let sections = fragment["sections"] as? [[String]] ?? []
        let chosen = section < sections.count ? sections[section] : ["", "", ""]
        return SearchHit(url: url, title: fragment["title"] as? String ?? url,
                         kind: SearchDocumentKind(rawValue: fragment["kind"] as? String ?? "") ?? .help,
                         anchor: chosen[0].isEmpty ? nil : chosen[0], heading: chosen[1],
                         score: score, matchedWords: matched)
    }

    // MARK: Index access

    func shardIndex(for term: String) -> Int {
        var low = 0
        var high = shardBoundaries.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if shardBoundaries[middle].utf8.lexicographicallyPrecedes(term.utf8) || shardBoundaries[middle] == term {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return max(0, low)
    }

    func hasTerm(_ term: String) -> Bool {
        shards[shardIndex(for: term)]?.position(of: term) != nil
    }

    func postings(of term: String) -> [(document: Int, weight: Int, section: Int)] {
        guard let shard = shards[shardIndex(for: term)], let position = shard.position(of: term) else { return [] }
        return ShardEncoding.decodePostings(shard.postings[position], layout: layout).map { ($0.document, $0.weight, $0.section) }
    }
}

/// One loaded term shard.
struct IndexShard {
    var terms: [String]
    var postings: [String]

    /// First position whose term is not below `term` (UTF-8 byte order).
    func lowerBound(_ term: String) -> Int {
        var low = 0
        var high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle].utf8.lexicographicallyPrecedes(term.utf8) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func position(of term: String) -> Int? {
        let index = lowerBound(term)
        return index < terms.count && terms[index] == term ? index : nil
    }
}
