import Foundation

/// Tunables of the index; the defaults are what `SearchIndexBuilder.build` uses.
struct SearchIndexOptions: Sendable {
    /// A term shard is closed once it reaches this size (a single huge posting list may exceed it).
    var shardTargetBytes = 24_000
    /// Fragment text per section is capped so a result costs a few kilobytes to display.
    var fragmentBytesPerDocument = 4_800
    var fragmentSectionBytes = 240...800
}

/// Builds the sharded search index (see `SearchIndexFormat`) from rendered pages and offers.
public struct SearchIndexBuilder {
    /// Returns the index files, paths relative to the site root ("search/manifest.js", …).
    /// Deterministic: the same documents (in any order) give the same bytes.
    public static func build(_ documents: [SearchDocument]) -> [(path: String, contents: [UInt8])] {
        build(documents, options: SearchIndexOptions())
    }

    static func build(_ documents: [SearchDocument], options: SearchIndexOptions) -> [(path: String, contents: [UInt8])] {
        let sorted = documents.sorted { ($0.url, $0.kind.rawValue, $0.title) < ($1.url, $1.kind.rawValue, $1.title) }
        let analyzed = Parallel.mapChunks(sorted.count, minimumChunk: 16) { range -> [AnalyzedDocument] in
            let analyzer = GermanAnalyzer()
            return range.map { DocumentAnalysis.analyze(sorted[$0], with: analyzer) }
        }.flatMap { $0 }

        let expansions = TermExpansion.build(analyzed)
        let postings = PostingTable.build(analyzed, expansions: expansions)
        let encoded = Parallel.map(postings.terms.count, minimumChunk: 256) { postings.encode(term: $0) }
        let shards = ShardCutter.cut(terms: postings.terms, encodedPostings: encoded, targetBytes: options.shardTargetBytes)

        var files: [(path: String, contents: [UInt8])] = []
        files.append((SearchIndexFormat.manifestPath, SearchIndexFormat.manifest(documentCount: sorted.count, shards: shards, terms: postings.terms)))
        let shardFiles = Parallel.map(shards.count, minimumChunk: 8) { index in
            (SearchIndexFormat.shardPath(index), SearchIndexFormat.shard(index, shards[index], terms: postings.terms, encoded: encoded))
        }
        files.append(contentsOf: shardFiles)
        let fragments = Parallel.map(sorted.count, minimumChunk: 64) { index in
            (SearchIndexFormat.documentPath(index), SearchIndexFormat.fragment(index, sorted[index], options: options))
        }
        files.append(contentsOf: fragments)
        return files
    }
}

/// Where a word occurs in one document. Counts are multiples of 0.5 (compound parts count half),
/// which floating point adds exactly in any order — that keeps the index deterministic.
struct WordOccurrences: Sendable {
    var title: Double = 0
    var heading: Double = 0
    var body: Double = 0
    /// Weighted occurrences per section index, sections in ascending order.
    var sections: [(section: Int, weight: Double)] = []

    mutating func add(field: DocumentAnalysis.Field, section: Int) {
        switch field {
        case .title: title += 1
        case .heading: heading += 1
        case .body: body += 1
        }
        let weight = field == .heading ? 3.0 : 1.0
        if let last = sections.last, last.section == section {
            sections[sections.count - 1].weight += weight
        } else {
            sections.append((section, weight))
        }
    }
}

struct AnalyzedDocument: Sendable {
    var words: [String: WordOccurrences] = [:]
    /// Words in the vocabulary used for compound splitting (not joined hyphen groups).
    var vocabulary: Set<String> = []
    /// Number of indexed heading and body words: the BM25 document length.
    var length = 0
}

enum DocumentAnalysis {
    enum Field { case title, heading, body }

    static func analyze(_ document: SearchDocument, with analyzer: GermanAnalyzer) -> AnalyzedDocument {
        var result = AnalyzedDocument()
        func add(_ text: String, _ field: Field, _ section: Int) {
            analyzer.forEachWord(Array(text.utf8)) { word, isJoined in
                result.words[word, default: WordOccurrences()].add(field: field, section: section)
                if !isJoined {
                    result.vocabulary.insert(word)
                    if field != .title { result.length += 1 }
                }
            }
        }
        add(document.title, .title, 0)
        for (index, section) in document.sections.enumerated() {
            add(section.heading, .heading, index)
            add(section.text, .body, index)
        }
        return result
    }
}

/// Maps every distinct word to the index terms it counts for: its stem (factor 1) and, for a
/// compound of corpus words, the stems of its parts (factor 0.5).
struct TermExpansion: Sendable {
    var termsByWord: [String: [(term: String, factor: Double)]]

    static func build(_ documents: [AnalyzedDocument]) -> TermExpansion {
        var vocabularySet = Set<String>()
        var allWords = Set<String>()
        for document in documents {
            vocabularySet.formUnion(document.vocabulary)
            for word in document.words.keys { allWords.insert(word) }
        }
        let vocabulary = vocabularySet
        let words = allWords.sorted()
        let stemmed = Parallel.mapChunks(words.count, minimumChunk: 512) { range -> [String] in
            let analyzer = GermanAnalyzer()
            return range.map { analyzer.stem(words[$0]) }
        }.flatMap { $0 }
        var stemOf: [String: String] = [:]
        stemOf.reserveCapacity(words.count)
        for (word, stem) in zip(words, stemmed) { stemOf[word] = stem }
        let stems = Set(stemmed)
        let frozenStems = stemOf
        let splitter = CompoundSplitter(vocabulary: vocabulary, stems: stems)
        let expansions = Parallel.mapChunks(words.count, minimumChunk: 512) { range -> [[(term: String, factor: Double)]] in
            let analyzer = GermanAnalyzer()
            let stem: (String) -> String = { frozenStems[$0] ?? analyzer.stem($0) }
            return range.map { index in
                let word = words[index]
                let full = stem(word)
                var terms: [(term: String, factor: Double)] = [(full, 1)]
                for part in splitter.split(word, stem: stem) ?? [] {
                    let partStem = stem(part)
                    if !terms.contains(where: { $0.term == partStem }) { terms.append((partStem, 0.5)) }
                }
                return terms
            }
        }.flatMap { $0 }
        var termsByWord: [String: [(term: String, factor: Double)]] = [:]
        termsByWord.reserveCapacity(words.count)
        for (word, terms) in zip(words, expansions) { termsByWord[word] = terms }
        return TermExpansion(termsByWord: termsByWord)
    }
}
