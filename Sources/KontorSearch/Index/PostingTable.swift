import Foundation

/// One document's statistics for one term.
struct Posting: Sendable {
    var document: Int32
    /// Weighted term frequency of body and headings (heading occurrences count 3×).
    var frequency: Double
    var inTitle: Bool
    /// The section with the most weighted occurrences (first one on a tie): where a hit links to.
    var section: Int32
}

/// All postings of the corpus, grouped by term, terms in UTF-8 byte order.
struct PostingTable: Sendable {
    static let k1 = 1.2
    static let b = 0.75
    /// Added to the saturated frequency when the term is in the title: a title hit always ranks
    /// above a document that merely mentions the word often.
    static let titleBonus = 1.5

    var terms: [String]
    var postings: [[Posting]]
    var lengths: [Int]
    var averageLength: Double

    static func build(_ documents: [AnalyzedDocument], expansions: TermExpansion) -> PostingTable {
        var termSet = Set<String>()
        for terms in expansions.termsByWord.values { for entry in terms { termSet.insert(entry.term) } }
        let terms = termSet.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var idOf: [String: Int32] = [:]
        idOf.reserveCapacity(terms.count)
        for (index, term) in terms.enumerated() { idOf[term] = Int32(index) }
        let ids = idOf

        let perDocument = Parallel.map(documents.count, minimumChunk: 16) { index in
            termPostings(documents[index], document: Int32(index), expansions: expansions, ids: ids)
        }
        var postings = Array(repeating: [Posting](), count: terms.count)
        for documentPostings in perDocument {
            for (term, posting) in documentPostings { postings[Int(term)].append(posting) }
        }
        let lengths = documents.map(\.length)
        let average = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0, +)) / Double(lengths.count))
        return PostingTable(terms: terms, postings: postings, lengths: lengths, averageLength: average)
    }

    private static func termPostings(_ document: AnalyzedDocument, document id: Int32,
                                     expansions: TermExpansion, ids: [String: Int32]) -> [(Int32, Posting)] {
        var accumulated: [Int32: (title: Double, frequency: Double, sections: [Int: Double])] = [:]
        for (word, occurrences) in document.words {
            for (term, factor) in expansions.termsByWord[word] ?? [] {
                guard let termID = ids[term] else { continue }
                var entry = accumulated[termID] ?? (0, 0, [:])
                entry.title += occurrences.title * factor
                entry.frequency += (occurrences.body + 3 * occurrences.heading) * factor
                for (section, weight) in occurrences.sections { entry.sections[section, default: 0] += weight * factor }
                accumulated[termID] = entry
            }
        }
        return accumulated.keys.sorted().compactMap { termID in
            guard let entry = accumulated[termID] else { return nil }
            let best = entry.sections.max { lhs, rhs in
                lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key
            }?.key ?? 0
            return (termID, Posting(document: id, frequency: entry.frequency, inTitle: entry.title > 0, section: Int32(best)))
        }
    }

    /// Inverse document frequency (BM25, never negative).
    func inverseDocumentFrequency(_ documentFrequency: Int) -> Double {
        let total = Double(lengths.count)
        let frequency = Double(documentFrequency)
        return log(1 + (total - frequency + 0.5) / (frequency + 0.5))
    }

    /// The quantized BM25 weight of a posting, as stored in the index.
    func weight(_ posting: Posting, inverseDocumentFrequency idf: Double) -> Int {
        let length = Double(lengths[Int(posting.document)])
        let norm = Self.k1 * (1 - Self.b + Self.b * length / averageLength)
        let saturated = posting.frequency * (Self.k1 + 1) / (posting.frequency + norm)
        let score = idf * (saturated + (posting.inTitle ? Self.titleBonus : 0))
        return min(SearchIndexFormat.maximumWeight, max(1, Int((score * SearchIndexFormat.weightScale).rounded())))
    }

    /// The posting list of one term as the varint string stored in a shard:
    /// (document delta, weight, section) per posting, documents ascending.
    func encode(term index: Int) -> [UInt8] {
        let list = postings[index]
        let idf = inverseDocumentFrequency(list.count)
        var output: [UInt8] = []
        output.reserveCapacity(list.count * 5)
        var previous: Int32 = 0
        for posting in list {
            ShardEncoding.appendVarint(Int(posting.document - previous), to: &output)
            ShardEncoding.appendVarint(weight(posting, inverseDocumentFrequency: idf), to: &output)
            ShardEncoding.appendVarint(Int(posting.section), to: &output)
            previous = posting.document
        }
        return output
    }
}

/// Cuts the sorted term list into contiguous shards of about `targetBytes`.
enum ShardCutter {
    static func cut(terms: [String], encodedPostings: [[UInt8]], targetBytes: Int) -> [Range<Int>] {
        var shards: [Range<Int>] = []
        var start = 0
        var size = 0
        for index in terms.indices {
            size += terms[index].utf8.count + encodedPostings[index].count + 6
            if size >= targetBytes {
                shards.append(start..<(index + 1))
                start = index + 1
                size = 0
            }
        }
        if start < terms.count || shards.isEmpty { shards.append(start..<terms.count) }
        return shards
    }
}
