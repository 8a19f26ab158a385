import Foundation

/// One document's statistics for one term.
struct Posting: Sendable {
    var document: Int32
    /// The section with the most weighted occurrences: where a hit links to.
    var section: Int32
    /// Weighted term frequency of body and headings (heading occurrences count 3×).
    var frequency: Float
    var inTitle: Bool
}

/// All postings of the corpus grouped by term (flat, with offsets per term).
struct PostingTable: Sendable {
    static let k1 = 1.2
    static let b = 0.75
    /// Added to the saturated frequency when the term is in the title: a title hit always ranks
    /// above a document that merely mentions the word often.
    static let titleBonus = 1.5

    var terms: [String]
    var postings: [Posting]
    /// postings[offsets[t]..<offsets[t + 1]] belong to term t, documents ascending.
    var offsets: [Int]
    var lengths: [Int]
    var averageLength: Double

    static func build(_ chunks: [ChunkAnalysis], expansions: TermExpansion) -> PostingTable {
        let termCount = expansions.terms.count
        var firstDocument: [Int] = []
        var documentCount = 0
        for chunk in chunks { firstDocument.append(documentCount); documentCount += chunk.documents.count }
        let starts = firstDocument
        let perChunk = Parallel.map(chunks.count, minimumChunk: 1) { index in
            chunkPostings(chunks[index], firstDocument: starts[index], words: expansions.byChunkWord[index], termCount: termCount)
        }
        // Counting sort by term: documents stay ascending because chunks and documents are in order.
        var offsets = Array(repeating: 0, count: termCount + 1)
        for chunk in perChunk { for document in chunk { for (term, _) in document { offsets[Int(term) + 1] += 1 } } }
        for index in 0..<termCount { offsets[index + 1] += offsets[index] }
        var cursor = offsets
        var postings = Array(repeating: Posting(document: 0, section: 0, frequency: 0, inTitle: false), count: offsets[termCount])
        for chunk in perChunk {
            for document in chunk {
                for (term, posting) in document {
                    postings[cursor[Int(term)]] = posting
                    cursor[Int(term)] += 1
                }
            }
        }
        let lengths = chunks.flatMap(\.lengths)
        let average = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0, +)) / Double(lengths.count))
        return PostingTable(terms: expansions.terms, postings: postings, offsets: offsets, lengths: lengths, averageLength: average)
    }

    /// Per document of the chunk: (term id, posting) sorted by term id.
    private static func chunkPostings(_ chunk: ChunkAnalysis, firstDocument: Int, words: [[(term: Int32, factor: Float)]],
                                      termCount: Int) -> [[(Int32, Posting)]] {
        var title = Array(repeating: Float(0), count: termCount)
        var frequency = Array(repeating: Float(0), count: termCount)
        var bestWeight = Array(repeating: Float(-1), count: termCount)
        var bestSection = Array(repeating: Int32(0), count: termCount)
        var touched: [Int32] = []
        var result: [[(Int32, Posting)]] = []
        result.reserveCapacity(chunk.documents.count)
        for (offset, entries) in chunk.documents.enumerated() {
            for entry in entries {
                for (term, factor) in words[Int(entry.word)] {
                    let t = Int(term)
                    if bestWeight[t] < 0 { touched.append(term); bestWeight[t] = 0 }
                    title[t] += entry.title * factor
                    frequency[t] += (entry.body + 3 * entry.heading) * factor
                    // The section of the strongest word form wins (earlier section on a tie).
                    let weight = entry.bestWeight * factor
                    if weight > bestWeight[t] || (weight == bestWeight[t] && entry.bestSection < bestSection[t]) {
                        bestWeight[t] = weight
                        bestSection[t] = entry.bestSection
                    }
                }
            }
            touched.sort()
            let document = Int32(firstDocument + offset)
            result.append(touched.map { term in
                let t = Int(term)
                let posting = Posting(document: document, section: bestSection[t], frequency: frequency[t], inTitle: title[t] > 0)
                title[t] = 0
                frequency[t] = 0
                bestWeight[t] = -1
                bestSection[t] = 0
                return (term, posting)
            })
            touched.removeAll(keepingCapacity: true)
        }
        return result
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
        let frequency = Double(posting.frequency)
        let saturated = frequency * (Self.k1 + 1) / (frequency + norm)
        let score = idf * (saturated + (posting.inTitle ? Self.titleBonus : 0))
        return min(SearchIndexFormat.maximumWeight, max(1, Int((score * SearchIndexFormat.weightScale).rounded())))
    }

    /// The posting list of one term as the varint string stored in a shard:
    /// (document delta, weight, section) per posting, documents ascending.
    func encode(term index: Int) -> [UInt8] {
        let range = offsets[index]..<offsets[index + 1]
        let idf = inverseDocumentFrequency(range.count)
        var output: [UInt8] = []
        output.reserveCapacity(range.count * 5)
        var previous: Int32 = 0
        for posting in postings[range] {
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
