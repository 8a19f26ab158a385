import Dispatch
/// Maps every distinct word of the corpus to the index terms it counts for: its stem (factor 1)
/// and, for a compound of corpus words, the stems of its parts (factor 0.5). Terms are numbered
/// in UTF-8 byte order.
///
/// Words are merged from the chunks into global ids once; stemming and compound splitting run
/// per distinct word, on all cores.
struct TermExpansion: Sendable {
    var terms: [String]
    /// Per chunk, per local word id: the global word id.
    var globalWord: [[Int32]]
    /// The expansion of global word w is `expansionTerms[expansionStarts[w]..<expansionStarts[w + 1]]`
    /// with the same range of `expansionFactors`.
    var expansionStarts: [Int32]
    var expansionTerms: [Int32]
    var expansionFactors: [Float]

    static func build(_ chunks: [ChunkAnalysis]) -> TermExpansion {
        let merged = MergedWords(chunks)
        let wordCount = merged.inVocabulary.count
        let stemmed = Parallel.mapChunks(wordCount, minimumChunk: 512) { range -> [(word: String, stem: String)] in
            let analyzer = GermanAnalyzer()
            return range.map { index in
                let word = merged.word(index)
                return (word, analyzer.stem(word))
            }
        }.flatMap { $0 }
        let words = stemmed.map(\.word)
        let stems = stemmed.map(\.stem)
        let splitter = CompoundSplitter(vocabulary: zip(words, merged.inVocabulary).lazy.filter(\.1).map(\.0), stems: stems)
        let parts = Parallel.mapChunks(wordCount, minimumChunk: 512) { range in
            CompoundParts(words: words, range: range, stems: stems, wordTable: merged.table, splitter: splitter)
        }

        // Number the terms by first use, then renumber them in UTF-8 byte order.
        var termTable = ByteStringTable(minimumCapacity: wordCount)
        var termStrings: [String] = []
        func termID(_ term: String) -> Int32 {
            var bytes = term
            return bytes.withUTF8 { utf8 in
                let key = ByteStringTable.key(utf8)
                if let known = termTable.value(utf8, key) { return known }
                let id = Int32(termStrings.count)
                termTable.set(utf8, key, id)
                termStrings.append(term)
                return id
            }
        }
        var starts: [Int32] = [0]
        var expansionTerms: [Int32] = []
        var expansionFactors: [Float] = []
        starts.reserveCapacity(wordCount + 1)
        expansionTerms.reserveCapacity(wordCount + wordCount / 4)
        expansionFactors.reserveCapacity(wordCount + wordCount / 4)
        var word = 0
        for chunk in parts {
            for local in 0..<(chunk.starts.count - 1) {
                let own = termID(stems[word])
                expansionTerms.append(own)
                expansionFactors.append(1)
                for index in Int(chunk.starts[local])..<Int(chunk.starts[local + 1]) {
                    let part = termID(chunk.partStems[index])
                    if !expansionTerms[Int(starts[word])...].contains(part) {
                        expansionTerms.append(part)
                        expansionFactors.append(0.5)
                    }
                }
                starts.append(Int32(expansionTerms.count))
                word += 1
            }
        }
        let order = utf8Order(termStrings)
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, id) in order.enumerated() { rank[Int(id)] = Int32(position) }
        for index in expansionTerms.indices { expansionTerms[index] = rank[Int(expansionTerms[index])] }
        return TermExpansion(terms: order.map { termStrings[Int($0)] }, globalWord: merged.globalWord, expansionStarts: starts,
                             expansionTerms: expansionTerms, expansionFactors: expansionFactors)
    }
}

/// The indices of `strings` in UTF-8 byte order (code point order, unlike `<` on `String`).
/// Sorts by the first eight bytes as a big-endian integer and compares the rest only on ties,
/// on one flat copy of the bytes so that comparing touches no `String`.
func utf8Order(_ strings: [String]) -> [Int32] {
    var bytes: [UInt8] = []
    var starts: [Int] = [0]
    starts.reserveCapacity(strings.count + 1)
    for string in strings {
        bytes.append(contentsOf: string.utf8)
        starts.append(bytes.count)
    }
    var keys: [(prefix: UInt64, index: Int32)] = strings.indices.map { index in
        var prefix: UInt64 = 0
        var shift: UInt64 = 56
        for position in starts[index]..<min(starts[index + 1], starts[index] + 8) {
            prefix |= UInt64(bytes[position]) << shift
            shift &-= 8
        }
        return (prefix, Int32(index))
    }
    bytes.withUnsafeBufferPointer { bytes in
        starts.withUnsafeBufferPointer { starts in
            keys.sort { left, right in
                if left.prefix != right.prefix { return left.prefix < right.prefix }
                let a = UnsafeBufferPointer(rebasing: bytes[starts[Int(left.index)]..<starts[Int(left.index) + 1]])
                let b = UnsafeBufferPointer(rebasing: bytes[starts[Int(right.index)]..<starts[Int(right.index) + 1]])
                return a.lexicographicallyPrecedes(b)
            }
        }
    }
    return keys.map(\.index)
}

/// The stems of the compound parts of a range of words (without the word's own stem).
private struct CompoundParts: Sendable {
    /// Parts of word `range.lowerBound + i` are `partStems[starts[i]..<starts[i + 1]]`.
    var starts: [Int32] = [0]
    var partStems: [String] = []

    init(words: [String], range: Range<Int>, stems: [String], wordTable: ByteStringTable, splitter: CompoundSplitter) {
        let analyzer = GermanAnalyzer()
        let stem: (String) -> String = { part in
            var bytes = part
            let known = bytes.withUTF8 { wordTable.value($0, ByteStringTable.key($0)) }
            return known.map { stems[Int($0)] } ?? analyzer.stem(part)
        }
        starts.reserveCapacity(range.count + 1)
        for index in range {
            for part in splitter.split(words[index], stem: stem) ?? [] { partStems.append(stem(part)) }
            starts.append(Int32(partStems.count))
        }
    }
}

/// The words of all chunks under global ids (in order of first appearance, chunk by chunk),
/// merged on their UTF-8 bytes.
private struct MergedWords: Sendable {
    /// The spelling of global word w is `bytes[starts[w]..<starts[w + 1]]`.
    var bytes: [UInt8] = []
    var starts: [Int32] = [0]
    /// True when the word occurs on its own somewhere (not only as a joined hyphen group).
    var inVocabulary: [Bool] = []
    var globalWord: [[Int32]] = []
    /// Word → global id.
    var table: ByteStringTable

    init(_ chunks: [ChunkAnalysis]) {
        table = ByteStringTable(minimumCapacity: chunks.first.map { $0.inVocabulary.count * 2 } ?? 1024)
        for chunk in chunks {
            var mapping: [Int32] = []
            mapping.reserveCapacity(chunk.inVocabulary.count)
            chunk.wordBytes.withUnsafeBufferPointer { wordBytes in
                for local in chunk.inVocabulary.indices {
                    let word = UnsafeBufferPointer(rebasing: wordBytes[Int(chunk.wordStarts[local])..<Int(chunk.wordStarts[local + 1])])
                    let key = ByteStringTable.key(word)
                    var id = table.value(word, key) ?? -1
                    if id < 0 {
                        id = Int32(inVocabulary.count)
                        table.set(word, key, id)
                        bytes.append(contentsOf: word)
                        starts.append(Int32(bytes.count))
                        inVocabulary.append(false)
                    }
                    if chunk.inVocabulary[local] { inVocabulary[Int(id)] = true }
                    mapping.append(id)
                }
            }
            globalWord.append(mapping)
        }
    }

    func word(_ index: Int) -> String {
        String(decoding: bytes[Int(starts[index])..<Int(starts[index + 1])], as: UTF8.self)
    }
}
