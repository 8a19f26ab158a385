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
        let chunks = Parallel.mapChunks(sorted.count, minimumChunk: 16) { range in
            DocumentAnalysis.analyze(sorted[range])
        }
        let expansions = TermExpansion.build(chunks)
        let postings = PostingTable.build(chunks, expansions: expansions)
        let encoded = Parallel.map(postings.terms.count, minimumChunk: 256) { postings.encode(term: $0) }
        let shards = ShardCutter.cut(terms: postings.terms, encodedPostings: encoded, targetBytes: options.shardTargetBytes)

        var files: [(path: String, contents: [UInt8])] = []
        files.append((SearchIndexFormat.manifestPath,
                      SearchIndexFormat.manifest(documentCount: sorted.count, shards: shards, terms: postings.terms)))
        files.append(contentsOf: Parallel.map(shards.count, minimumChunk: 8) { index in
            (SearchIndexFormat.shardPath(index), SearchIndexFormat.shard(index, shards[index], terms: postings.terms, encoded: encoded))
        })
        files.append(contentsOf: Parallel.map(sorted.count, minimumChunk: 64) { index in
            (SearchIndexFormat.documentPath(index), SearchIndexFormat.fragment(index, sorted[index], options: options))
        })
        return files
    }
}

/// Maps every distinct word to the index terms it counts for: its stem (factor 1) and, for a
/// compound of corpus words, the stems of its parts (factor 0.5). Terms are numbered in
/// UTF-8 byte order.
struct TermExpansion: Sendable {
    var terms: [String]
    /// Per chunk, per local word id: (term id, factor).
    var byChunkWord: [[[(term: Int32, factor: Float)]]]

    static func build(_ chunks: [ChunkAnalysis]) -> TermExpansion {
        var vocabulary = Set<String>()
        var allWords = Set<String>()
        for chunk in chunks {
            for (index, word) in chunk.words.enumerated() {
                allWords.insert(word)
                if chunk.inVocabulary[index] { vocabulary.insert(word) }
            }
        }
        let words = allWords.sorted()
        let stemmed = Parallel.mapChunks(words.count, minimumChunk: 512) { range -> [String] in
            let analyzer = GermanAnalyzer()
            return range.map { analyzer.stem(words[$0]) }
        }.flatMap { $0 }
        var stemOf: [String: String] = [:]
        stemOf.reserveCapacity(words.count)
        for (word, stem) in zip(words, stemmed) { stemOf[word] = stem }
        let frozenStems = stemOf
        let splitter = CompoundSplitter(vocabulary: vocabulary, stems: Set(stemmed))
        let expansions = Parallel.mapChunks(words.count, minimumChunk: 512) { range -> [[(term: String, factor: Float)]] in
            let analyzer = GermanAnalyzer()
            let stem: (String) -> String = { frozenStems[$0] ?? analyzer.stem($0) }
            return range.map { index in
                let word = words[index]
                var terms: [(term: String, factor: Float)] = [(stem(word), 1)]
                for part in splitter.split(word, stem: stem) ?? [] {
                    let partStem = stem(part)
                    if !terms.contains(where: { $0.term == partStem }) { terms.append((partStem, 0.5)) }
                }
                return terms
            }
        }.flatMap { $0 }

        var termSet = Set<String>()
        for entry in expansions { for term in entry { termSet.insert(term.term) } }
        let terms = termSet.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var termID: [String: Int32] = [:]
        termID.reserveCapacity(terms.count)
        for (index, term) in terms.enumerated() { termID[term] = Int32(index) }
        var byWord: [String: [(term: Int32, factor: Float)]] = [:]
        byWord.reserveCapacity(words.count)
        for (word, entry) in zip(words, expansions) {
            byWord[word] = entry.compactMap { item in termID[item.term].map { ($0, item.factor) } }
        }
        let frozen = byWord
        let byChunkWord = Parallel.map(chunks.count, minimumChunk: 1) { index in
            chunks[index].words.map { frozen[$0] ?? [] }
        }
        return TermExpansion(terms: terms, byChunkWord: byChunkWord)
    }
}
