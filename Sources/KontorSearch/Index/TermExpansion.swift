import Dispatch
import KontorParallel
/// Maps every distinct word of the corpus to the index terms it counts for: its stem (factor 1)
/// and, for a compound of corpus words, the stems of its parts (factor 0.5). Terms are numbered
/// in UTF-8 byte order.
///
/// Words are merged from the chunks into global ids once; stemming and compound splitting run
/// per distinct word, on all cores.
struct TermExpansion: Sendable {
    /// Kept as bytes up to the shard files: a `String` per term was 200,000 allocations (and
    /// UTF-8 checks) on one thread at 10,000 pages.
    var terms: ByteStrings
    /// Per chunk, per local word id: the global word id.
    var globalWord: [[Int32]]
    /// The expansion of global word w is `expansionTerms[expansionStarts[w]..<expansionStarts[w + 1]]`
    /// with the same range of `expansionFactors`.
    var expansionStarts: [Int32]
    var expansionTerms: [Int32]
    var expansionFactors: [Float]
    /// Every word and its stem, in global word order: what the next build may take instead of
    /// stemming again (see `StemList`).
    var stemList: StemList

    /// `known` holds stems of earlier builds: a stem depends on its word alone, and libstemmer
    /// took a tenth of a rebuild's index.
    /// The chunks' word tables are taken (see `ChunkAnalysis.wordTable`).
    static func build(_ chunks: inout [ChunkAnalysis], known: [StemList] = []) -> TermExpansion {
        let merged = MergedWords(&chunks)
        let wordCount = merged.inVocabulary.count
        let stems = stemsOfWords(merged.words, known: StemList.lookup(known, in: merged.table, wordCount: wordCount))
        let stemTerms = StemTerms(stems)
        let stemTerm = stemTerms.ofWord
        let modifiers = WordFilter(merged.words, including: merged.inVocabulary)
        // Stems of parts that are no corpus words get the next ids, in tables of their own (few
        // words; adding to the big stem table would copy it).
        var partOnlyTable = ByteStringTable(minimumCapacity: 1024)
        var partOnlyTerms = ByteStrings()
        func termID(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
            let key = ByteStringTable.key(term)
            if let known = stemTerms.table.value(term, key) ?? partOnlyTable.value(term, key) { return known }
            let id = Int32(stemTerms.terms.count + partOnlyTerms.count)
            partOnlyTable.set(term, key, id)
            partOnlyTerms.append(term)
            return id
        }
        let parts = Parallel.mapChunks(wordCount, minimumChunk: 512) { range in
            CompoundParts(range: range, words: merged.words, inVocabulary: merged.inVocabulary, stems: stems,
                          stemTerm: stemTerm, wordTable: merged.table, modifiers: modifiers, stemTable: stemTerms.table)
        }

        var starts: [Int32] = [0]
        var expansionTerms: [Int32] = []
        var expansionFactors: [Float] = []
        // Exact upper bounds (a word's stem, then its parts' stems): at 10,000 pages the lists
        // are two and a half entries a word, and growing copied them into fresh memory twice.
        let expansionBound = wordCount + parts.reduce(0) { $0 + $1.partTerms.count }
        starts.reserveCapacity(wordCount + 1)
        expansionTerms.reserveCapacity(expansionBound)
        expansionFactors.reserveCapacity(expansionBound)
        var word = 0
        for chunk in parts {
            chunk.newStems.withBuffers { newStems in
                for local in 0..<(chunk.starts.count - 1) {
                    expansionTerms.append(stemTerm[word])
                    expansionFactors.append(1)
                    for index in Int(chunk.starts[local])..<Int(chunk.starts[local + 1]) {
                        let known = chunk.partTerms[index]
                        let part = known >= 0 ? known : termID(newStems[Int(-1 - known)])
                        if !expansionTerms[Int(starts[word])...].contains(part) {
                            expansionTerms.append(part)
                            expansionFactors.append(0.5)
                        }
                    }
                    starts.append(Int32(expansionTerms.count))
                    word += 1
                }
            }
        }
        var terms = stemTerms.terms
        terms.append(contentsOf: partOnlyTerms)
        let order = utf8Order(terms)
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, id) in order.enumerated() { rank[Int(id)] = Int32(position) }
        for index in expansionTerms.indices { expansionTerms[index] = rank[Int(expansionTerms[index])] }
        return TermExpansion(terms: terms.gathered(order), globalWord: merged.globalWord, expansionStarts: starts,
                             expansionTerms: expansionTerms, expansionFactors: expansionFactors,
                             stemList: StemList(words: merged.words, stems: stems))
    }

    /// `GermanAnalyzer.stem` of every word, on all cores, in word order; a word with a stem in
    /// `known` (see `StemList.lookup`) is not stemmed again.
    private static func stemsOfWords(_ words: ByteStrings, known: StemList.Known) -> ByteStrings {
        let chunks = Parallel.mapChunks(words.count, minimumChunk: 512) { range -> ByteStrings in
            let stemmer = SnowballStemmer()
            // A stem is rarely longer than its word (those were folded already): room for the
            // words' bytes, so the stems are not copied as they grow.
            let wordBytes = words.withBuffers { Int($0.starts[range.upperBound] - $0.starts[range.lowerBound]) }
            var stems = ByteStrings(reservingCapacity: range.count, bytes: wordBytes + 16)
            words.withBuffers { words in
                for index in range {
                    if let stem = known.stem(of: index) {
                        stems.appendString { $0.append(contentsOf: stem) }
                    } else {
                        stems.appendString { appendStem(of: words[index], stemmer: stemmer, to: &$0) }
                    }
                }
            }
            return stems
        }
        var stems = ByteStrings(reservingCapacity: words.count, bytes: words.bytes.count)
        for chunk in chunks { stems.append(contentsOf: chunk) }
        return stems
    }
}

/// The terms numbered by first use (renumbered in UTF-8 byte order at the end), starting with
/// the stems of all words.
private struct StemTerms: Sendable {
    var table: ByteStringTable
    var terms: ByteStrings
    /// The term id of word w's stem.
    var ofWord: [Int32]

    init(_ stems: ByteStrings) {
        // Room for every stem as a long key (its length and bytes): growing copied the keys.
        var table = ByteStringTable(minimumCapacity: stems.count, keyBytes: stems.bytes.count + 4 * stems.count)
        var terms = ByteStrings(reservingCapacity: stems.count, bytes: stems.bytes.count)
        ofWord = stems.withBuffers { stems in
            (0..<stems.count).map { index in
                let stem = stems[index]
                let id = Int32(terms.count)
                if let known = table.valueOrInsert(stem, ByteStringTable.key(stem), id) { return known }
                terms.append(stem)
                return id
            }
        }
        self.table = table
        self.terms = terms
    }
}

/// The indices of `strings` in UTF-8 byte order (code point order, unlike `<` on `String`).
func utf8Order(_ strings: [String]) -> [Int32] {
    utf8Order(ByteStrings(strings))
}

/// The indices of `strings` in UTF-8 byte order. Sorts by the first sixteen bytes as two
/// big-endian integers and compares the rest only on ties: German terms often share their first
/// eight bytes ("abonnement…"), and each tie read both strings from memory.
func utf8Order(_ strings: ByteStrings) -> [Int32] {
    strings.withBuffers { strings in
        // On all cores: reading the first bytes of every string waits for memory.
        let keys: [SortKey] = Parallel.map(strings.count, minimumChunk: 4_096) { index in
            SortKey(high: bigEndianChunk(strings[index], at: 0).0, low: bigEndianChunk(strings[index], at: 8).0, index: Int32(index))
        }
        let precedes = { @Sendable (left: SortKey, right: SortKey) -> Bool in
            if left.high != right.high { return left.high < right.high }
            if left.low != right.low { return left.low < right.low }
            return bytesPrecede(strings[Int(left.index)], strings[Int(right.index)], from: 16)
        }
        // By the sixteen bytes alone first, with comparisons the sort inlines (a closure call per
        // comparison was most of the sort); only runs that share them are sorted by the rest.
        let sortHalf = { @Sendable (half: ArraySlice<SortKey>) -> [SortKey] in
            var sorted = half.sorted()
            var start = 0
            while start < sorted.count {
                var end = start + 1
                while end < sorted.count && sorted[end].high == sorted[start].high && sorted[end].low == sorted[start].low { end += 1 }
                if end - start > 1 { sorted[start..<end].sort(by: precedes) }
                start = end
            }
            return sorted
        }
        // Both halves are sorted at once, then merged (the strings are distinct: no ties).
        let middle = keys.count / 2
        let (low, high) = Parallel.both { sortHalf(keys[..<middle]) } and: { sortHalf(keys[middle...]) }
        var order: [Int32] = []
        order.reserveCapacity(keys.count)
        var lowIndex = 0
        var highIndex = 0
        while lowIndex < low.count && highIndex < high.count {
            if precedes(high[highIndex], low[lowIndex]) {
                order.append(high[highIndex].index)
                highIndex += 1
            } else {
                order.append(low[lowIndex].index)
                lowIndex += 1
            }
        }
        order.append(contentsOf: low[lowIndex...].lazy.map(\.index))
        order.append(contentsOf: high[highIndex...].lazy.map(\.index))
        return order
    }
}

/// A string's first sixteen bytes (zero-padded, big-endian) and its index.
private struct SortKey: Comparable {
    var high: UInt64
    var low: UInt64
    var index: Int32

    /// By the first sixteen bytes (then by index, which only keeps the order total).
    static func < (left: SortKey, right: SortKey) -> Bool {
        if left.high != right.high { return left.high < right.high }
        if left.low != right.low { return left.low < right.low }
        return left.index < right.index
    }
}

/// Whether `left` sorts before `right` in byte order, given that their first `start` bytes are
/// equal. German terms share long prefixes ("abonnementverwaltung…"), so the rest is compared
/// eight bytes at a time as big-endian integers, zero-padded; on equal values the shorter
/// string comes first, which also orders a string before itself followed by zero bytes.
/// (Equal first bytes here means equal as zero-padded prefixes of `start` bytes.)
@inline(__always)
private func bytesPrecede(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    var offset = start
    while offset < left.count || offset < right.count {
        let (leftValue, leftCount) = bigEndianChunk(left, at: offset)
        let (rightValue, rightCount) = bigEndianChunk(right, at: offset)
        if leftValue != rightValue { return leftValue < rightValue }
        if leftCount != rightCount { return leftCount < rightCount }
        offset += 8
    }
    // Both end within the bytes known to be equal (zero-padded): the shorter comes first.
    return left.count < right.count
}

/// `UInt64(bigEndian:)` on the concrete type: the generic initializer called `byteSwapped`
/// through a protocol witness, once per sort comparison.
@inline(__always)
private func bigEndianValue(_ value: UInt64) -> UInt64 {
    #if _endian(big)
    value
    #else
    value.byteSwapped
    #endif
}

/// Up to eight bytes of `bytes` from `offset` as a big-endian integer (missing bytes are zero)
/// and how many there were.
@inline(__always)
private func bigEndianChunk(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (UInt64, Int) {
    let count = max(0, min(8, bytes.count - offset))
    guard let base = bytes.baseAddress else { return (0, 0) }
    if count == 8 { return (bigEndianValue(UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)), 8) }
    var value: UInt64 = 0
    for index in 0..<count { value |= UInt64(base[offset + index]) << (56 - 8 * UInt64(index)) }
    return (value, count)
}

/// The term ids of the compound parts' stems of a range of words (without the word's own stem).
/// Splits are looked up in the tables the expansion has anyway — words with their vocabulary
/// flag and stem, and the stems — with the rules of `CompoundSplitter`: building the splitter's
/// own table of every word and stem again was a tenth of the index's term expansion.
private struct CompoundParts: Sendable {
    /// Parts of word `range.lowerBound + i` are `partTerms[starts[i]..<starts[i + 1]]`.
    var starts: [Int32] = [0]
    /// A term id, or −1 − i for `newStems` string i: the stem of a part that is no corpus word
    /// and may be no term yet (terms are numbered afterwards, on one thread).
    var partTerms: [Int32] = []
    var newStems = ByteStrings()

    init(range: Range<Int>, words: ByteStrings, inVocabulary: [Bool], stems: ByteStrings, stemTerm: [Int32],
         wordTable: ByteStringTable, modifiers: WordFilter, stemTable: ByteStringTable) {
        let stemmer = SnowballStemmer()
        let stopWords = ByteStringTable(GermanStopWords.all)
        var scratch: [UInt8] = []
        // Heads that are no corpus word, and whether their stem is a corpus word's: the same
        // endings ("…verwaltungen") come up in many compounds, and libstemmer was half of the
        // splitting's time at 10,000 pages.
        var stemIsKnown = ByteStringTable(minimumCapacity: 4096)
        starts.reserveCapacity(range.count + 1)
        words.withBuffers { words in
            stems.withBuffers { stems in
                func knownWord(_ part: UnsafeBufferPointer<UInt8>) -> Int32? {
                    wordTable.value(part, ByteStringTable.key(part))
                }
                func isStemOfVocabulary(_ stem: UnsafeBufferPointer<UInt8>) -> Bool {
                    stemTable.value(stem, ByteStringTable.key(stem)) != nil
                }
                // A corpus word of its own (never a stop word: those are not indexed).
                let isModifier = { (part: UnsafeBufferPointer<UInt8>) -> Bool in
                    let key = ByteStringTable.key(part)
                    guard modifiers.mayContain(key) else { return false }
                    return wordTable.value(part, key).map { inVocabulary[Int($0)] } ?? false
                }
                // A corpus word, or a spelling whose stem is a corpus word's; no stop word.
                let isHead = { (head: UnsafeBufferPointer<UInt8>) -> Bool in
                    let key = ByteStringTable.key(head)
                    guard stopWords.value(head, key) == nil else { return false }
                    if let word = wordTable.value(head, key) {
                        return inVocabulary[Int(word)] || isStemOfVocabulary(stems[Int(word)])
                    }
                    if let known = stemIsKnown.value(head, key) { return known != 0 }
                    scratch.removeAll(keepingCapacity: true)
                    appendStem(of: head, stemmer: stemmer, to: &scratch)
                    let known = scratch.withUnsafeBufferPointer { isStemOfVocabulary($0) }
                    stemIsKnown.set(head, key, known ? 1 : 0)
                    return known
                }
                for index in range {
                    let word = words[index]
                    for part in CompoundSearch.split(word, isModifier: isModifier, isHead: isHead) ?? [] {
                        let bytes = UnsafeBufferPointer(rebasing: word[part])
                        if let known = knownWord(bytes) {
                            partTerms.append(stemTerm[Int(known)])
                        } else {
                            partTerms.append(Int32(-1 - newStems.count))
                            newStems.appendString { appendStem(of: bytes, stemmer: stemmer, to: &$0) }
                        }
                    }
                    starts.append(Int32(partTerms.count))
                }
            }
        }
    }
}

/// The words of all chunks under global ids (in order of first appearance, chunk by chunk),
/// merged on their UTF-8 bytes.
private struct MergedWords: Sendable {
    var words = ByteStrings()
    /// True when the word occurs on its own somewhere (not only as a joined hyphen group).
    var inVocabulary: [Bool] = []
    var globalWord: [[Int32]] = []
    /// Word → global id.
    var table: ByteStringTable

    init(_ chunks: inout [ChunkAnalysis]) {
        // Upper bounds: untouched room costs no memory, growing would copy into fresh memory.
        let wordBound = chunks.reduce(0) { $0 + $1.inVocabulary.count }
        let byteBound = chunks.reduce(0) { $0 + $1.wordBytes.count }
        var firstTable = chunks.isEmpty ? nil : chunks[0].wordTable.take()
        for index in chunks.indices { chunks[index].wordTable = nil }
        var remaining = chunks[...]
        // `take` leaves the table one owner, so that adding words does not copy it.
        if let first = chunks.first, firstTable?.count == first.inVocabulary.count, let taken = firstTable.take() {
            // The first chunk's words in its order are global words 0..<n: its table is the start.
            table = taken
            words = ByteStrings(bytes: first.wordBytes, checkedStarts: first.wordStarts)
            words.reserveCapacity(wordBound, bytes: byteBound)
            inVocabulary = first.inVocabulary
            inVocabulary.reserveCapacity(wordBound)
            globalWord.append(Array(0..<Int32(first.inVocabulary.count)))
            remaining = chunks.dropFirst()
        } else {
            table = ByteStringTable(minimumCapacity: chunks.first.map { $0.inVocabulary.count * 2 } ?? 1024,
                                    keyBytes: byteBound + 4 * wordBound)
            words = ByteStrings(reservingCapacity: wordBound, bytes: byteBound)
            inVocabulary.reserveCapacity(wordBound)
        }
        for chunk in remaining {
            var mapping: [Int32] = []
            mapping.reserveCapacity(chunk.inVocabulary.count)
            chunk.wordBytes.withUnsafeBufferPointer { wordBytes in
                for local in chunk.inVocabulary.indices {
                    let word = UnsafeBufferPointer(rebasing: wordBytes[Int(chunk.wordStarts[local])..<Int(chunk.wordStarts[local + 1])])
                    var id = Int32(inVocabulary.count)
                    if let known = table.valueOrInsert(word, ByteStringTable.key(word), id) {
                        id = known
                    } else {
                        words.append(word)
                        inVocabulary.append(false)
                    }
                    if chunk.inVocabulary[local] { inVocabulary[Int(id)] = true }
                    mapping.append(id)
                }
            }
            globalWord.append(mapping)
        }
    }
}
