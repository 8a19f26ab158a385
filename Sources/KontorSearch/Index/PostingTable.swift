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

/// All postings of the corpus grouped by term. Each chunk of documents keeps its own postings,
/// sorted by term; a term's posting list is its runs in the chunks, in chunk order.
struct PostingTable: Sendable {
    static let k1 = 1.2
    static let b = 0.75
    /// Added to the saturated frequency when the term is in the title: a title hit always ranks
    /// above a document that merely mentions the word often.
    static let titleBonus = 1.5

    var terms: [String]
    fileprivate var chunks: [ChunkPostings]
    var lengths: [Int]
    var averageLength: Double

    /// The number of postings (document-term pairs).
    var count: Int { chunks.reduce(0) { $0 + $1.postings.count } }

    static func build(_ chunks: [ChunkAnalysis], expansions: TermExpansion) -> PostingTable {
        var firstDocument: [Int] = []
        var documentCount = 0
        for chunk in chunks { firstDocument.append(documentCount); documentCount += chunk.documents.count }
        let starts = firstDocument
        let perChunk = Parallel.map(chunks.count, minimumChunk: 1) { index in
            ChunkPostings(chunks[index], firstDocument: starts[index], globalWord: expansions.globalWord[index],
                          expansions: expansions)
        }
        let lengths = chunks.flatMap(\.lengths)
        let average = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0, +)) / Double(lengths.count))
        return PostingTable(terms: expansions.terms, chunks: perChunk, lengths: lengths, averageLength: average)
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

    /// The posting list of one term as stored in a shard (see `ShardEncoding.appendPostings`).
    func encode(term index: Int, layout: PostingLayout) -> [UInt8] {
        let documentFrequency = chunks.reduce(0) { $0 + Int($1.offsets[index + 1] - $1.offsets[index]) }
        let idf = inverseDocumentFrequency(documentFrequency)
        var postings: [EncodedPosting] = []
        postings.reserveCapacity(documentFrequency)
        for chunk in chunks {
            for posting in chunk.postings[Int(chunk.offsets[index])..<Int(chunk.offsets[index + 1])] {
                postings.append(EncodedPosting(document: Int(posting.document), weight: weight(posting, inverseDocumentFrequency: idf),
                                               section: Int(posting.section)))
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(documentFrequency * 4)
        ShardEncoding.appendPostings(postings, layout: layout, to: &output)
        return output
    }
}

enum ShardCutter {
    /// Terms in byte order are grouped into shards of about `targetBytes`. A term whose entry
    /// alone reaches `isolatedBytes` gets a shard of its own: a query loads the shards of its
    /// words, and a long posting list beside a small term would make that small term cost as
    /// much as the long one (measured at 10k pages: 37 KB loaded for a word of 50 bytes).
    static func cut(terms: [String], encodedPostings: [[UInt8]], targetBytes: Int, isolatedBytes: Int) -> [Range<Int>] {
        var shards: [Range<Int>] = []
        var start = 0
        var size = 0
        for index in terms.indices {
            let entry = terms[index].utf8.count + encodedPostings[index].count + 6
            if entry >= isolatedBytes {
                if start < index { shards.append(start..<index) }
                shards.append(index..<(index + 1))
                start = index + 1
                size = 0
                continue
            }
            size += entry
            if size >= targetBytes {
                shards.append(start..<(index + 1))
                start = index + 1
                size = 0
            }
        }
        if start < terms.count || shards.isEmpty { shards.append(start..<terms.count) }
        return shards
    }

    /// The manifest's name for each shard: the shortest start of its first term that still sorts
    /// after the previous shard's last term (shard 0: ""). Readers pick the last shard whose name
    /// is ≤ the term, which these shorter names answer exactly as the full terms would.
    static func boundaries(of shards: [Range<Int>], terms: [String]) -> [String] {
        shards.indices.map { index in
            guard index > 0, !shards[index].isEmpty else { return "" }
            let first = Array(terms[shards[index].lowerBound].utf8)
            let previousLast = shards[index - 1].isEmpty ? [] : Array(terms[shards[index - 1].upperBound - 1].utf8)
            var length = 1
            while length < first.count, !previousLast.lexicographicallyPrecedes(first[..<length]) {
                length += 1
            }
            // Never cut a character in two.
            while length < first.count, first[length] & 0xC0 == 0x80 { length += 1 }
            return String(decoding: first[..<length], as: UTF8.self)
        }
    }
}

/// The postings of one chunk sorted by term, documents ascending within a term.
private struct ChunkPostings: Sendable {
    /// postings[offsets[t]..<offsets[t + 1]] belong to term t.
    var offsets: [Int32]
    var postings: [Posting]

    /// One term's statistics in the current document.
    private struct Accumulator {
        var term: Int32
        var title: Float = 0
        var frequency: Float = 0
        var bestWeight: Float = 0
        var bestSection: Int32 = 0
    }

    init(_ chunk: ChunkAnalysis, firstDocument: Int, globalWord: [Int32], expansions: TermExpansion) {
        let termCount = expansions.terms.count
        var termCounts = [Int32](repeating: 0, count: termCount)
        var terms: [Int32] = []
        var collected: [Posting] = []
        // The chunk's own copy of its words' expansions: small and read in local word order.
        var starts: [Int32] = [0]
        var expandedTerms: [Int32] = []
        var factors: [Float] = []
        starts.reserveCapacity(globalWord.count + 1)
        for word in globalWord {
            let range = Int(expansions.expansionStarts[Int(word)])..<Int(expansions.expansionStarts[Int(word) + 1])
            expandedTerms.append(contentsOf: expansions.expansionTerms[range])
            factors.append(contentsOf: expansions.expansionFactors[range])
            starts.append(Int32(expandedTerms.count))
        }
        // An upper bound (terms shared by words of a document merge): growing these arrays instead
        // would copy them into fresh memory, whose first touch is what costs here.
        let postingBound = chunk.documents.reduce(0) { total, entries in
            entries.reduce(total) { $0 + Int(starts[Int($1.word) + 1] - starts[Int($1.word)]) }
        }
        terms.reserveCapacity(postingBound)
        collected.reserveCapacity(postingBound)
        var termIndex = DenseIndexTable()
        var accumulators: [Accumulator] = []
        for (offset, entries) in chunk.documents.enumerated() {
            for entry in entries {
                for expansion in Int(starts[Int(entry.word)])..<Int(starts[Int(entry.word) + 1]) {
                    let term = expandedTerms[expansion]
                    let factor = factors[expansion]
                    let (index, inserted) = termIndex.index(of: term)
                    if inserted { accumulators.append(Accumulator(term: term)) }
                    accumulators[index].title += entry.title * factor
                    accumulators[index].frequency += (entry.body + 3 * entry.heading) * factor
                    // The section of the strongest word form wins (earlier section on a tie).
                    let weight = entry.bestWeight * factor
                    if weight > accumulators[index].bestWeight
                        || (weight == accumulators[index].bestWeight && entry.bestSection < accumulators[index].bestSection) {
                        accumulators[index].bestWeight = weight
                        accumulators[index].bestSection = entry.bestSection
                    }
                }
            }
            // Postings of a document may come in any term order: the counting sort groups them.
            let document = Int32(firstDocument + offset)
            for accumulator in accumulators {
                terms.append(accumulator.term)
                collected.append(Posting(document: document, section: accumulator.bestSection,
                                        frequency: accumulator.frequency, inTitle: accumulator.title > 0))
                termCounts[Int(accumulator.term)] += 1
            }
            accumulators.removeAll(keepingCapacity: true)
            termIndex.removeAll()
        }
        var offsets = [Int32](repeating: 0, count: termCount + 1)
        for term in 0..<termCount { offsets[term + 1] = offsets[term] + termCounts[term] }
        self.offsets = offsets
        Self.sortByTerm(terms, &collected, termCount: termCount)
        self.postings = collected
    }

    /// Stable sort by term (documents stay ascending) in two counting passes over about half
    /// the bits of the term id each: a pass writes to a few hundred sequential streams, which
    /// stay in the cache, where one pass into 90,000 buckets misses on almost every write.
    /// The second pass writes back into `postings`, so only one new buffer is touched.
    private static func sortByTerm(_ terms: [Int32], _ postings: inout [Posting], termCount: Int) {
        var bits = 1
        while 1 << bits < termCount { bits += 1 }
        let lowBits = bits / 2
        let lowMask = (1 << lowBits) - 1
        let count = terms.count
        var middleTerms: [Int32] = []
        var middlePostings: [Posting] = []
        postings.withUnsafeBufferPointer { source in
            terms.withUnsafeBufferPointer { terms in
                var next = bucketStarts(terms, buckets: 1 << lowBits) { Int($0) & lowMask }
                middleTerms = [Int32](unsafeUninitializedCapacity: count) { targetTerms, initializedTerms in
                    middlePostings = [Posting](unsafeUninitializedCapacity: count) { targetPostings, initializedPostings in
                        for index in 0..<count {
                            let term = terms[index]
                            let slot = Int(term) & lowMask
                            targetTerms[next[slot]] = term
                            targetPostings.initializeElement(at: next[slot], to: source[index])
                            next[slot] += 1
                        }
                        initializedPostings = count
                    }
                    initializedTerms = count
                }
            }
        }
        middleTerms.withUnsafeBufferPointer { terms in
            middlePostings.withUnsafeBufferPointer { source in
                var next = bucketStarts(terms, buckets: (termCount >> lowBits) + 1) { Int($0) >> lowBits }
                postings.withUnsafeMutableBufferPointer { target in
                    for index in 0..<count {
                        let slot = Int(terms[index]) >> lowBits
                        target[next[slot]] = source[index]
                        next[slot] += 1
                    }
                }
            }
        }
    }

    /// Where each bucket starts in the output of a counting pass.
    private static func bucketStarts(_ terms: UnsafeBufferPointer<Int32>, buckets: Int, bucket: (Int32) -> Int) -> [Int] {
        var next = [Int](repeating: 0, count: buckets + 1)
        for term in terms { next[bucket(term) + 1] += 1 }
        for index in 0..<buckets { next[index + 1] += next[index] }
        return next
    }
}
