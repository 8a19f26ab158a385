/// Statistics of one word in one document. Counts are multiples of 0.5 (compound parts count
/// half), which floating point adds exactly in any order — that keeps the index deterministic.
struct WordEntry: Sendable {
    var word: Int32
    var title: Float = 0
    var heading: Float = 0
    var body: Float = 0
    /// The section with the most weighted occurrences (headings count 3×, first on a tie).
    var bestSection: Int32 = 0
    var bestWeight: Float = 0
    fileprivate var currentSection: Int32 = -1
    fileprivate var currentWeight: Float = 0

    fileprivate mutating func add(_ field: DocumentAnalysis.Field, section: Int32) {
        switch field {
        case .title: title += 1
        case .heading: heading += 1
        case .body: body += 1
        }
        if section != currentSection { closeSection(); currentSection = section }
        currentWeight += field == .heading ? 3 : 1
    }

    fileprivate mutating func closeSection() {
        if currentWeight > bestWeight { bestWeight = currentWeight; bestSection = currentSection }
        currentWeight = 0
    }
}

/// The analyzed documents of one chunk, with the chunk's words interned to local ids.
struct ChunkAnalysis: Sendable {
    var words: [String] = []
    /// False for words seen only as a joined hyphen group ("emailadresse"): those are no
    /// vocabulary for compound splitting.
    var inVocabulary: [Bool] = []
    var documents: [[WordEntry]] = []
    /// Indexed heading and body words per document: the BM25 document length.
    var lengths: [Int] = []
}

/// Analyzes documents chunk by chunk. Each distinct raw token is folded once (a table keyed by
/// the raw UTF-8 bytes, so no `String` is made per token); per-document counts live in dense
/// arrays indexed by local word id.
struct DocumentAnalysis {
    enum Field { case title, heading, body }

    private let analyzer = GermanAnalyzer()
    private var result = ChunkAnalysis()
    /// Raw spellings seen in the chunk; per raw entry its folded entry and its word id
    /// (-1 for stop words and one-letter words, which are not indexed on their own).
    private var rawTable = ByteStringTable(minimumCapacity: 1 << 15)
    private var foldedOfRaw: [Int32] = []
    private var wordOfRaw: [Int32] = []
    /// Folded spellings (indexed or not, and joined hyphen groups); per entry its word id or -1.
    private var foldedTable = ByteStringTable(minimumCapacity: 1 << 15)
    private var wordOfFolded: [Int32] = []
    private var slots: [WordEntry] = []
    private var touched: [Int32] = []
    private var length = 0
    /// Folded entries of the current hyphen group ("E-Mail-Adresse"), only once it has two words.
    private var group: [Int32] = []
    private var joined: [UInt8] = []

    static func analyze(_ documents: ArraySlice<SearchDocument>) -> ChunkAnalysis {
        var analysis = DocumentAnalysis()
        for document in documents { analysis.add(document) }
        return analysis.result
    }

    private mutating func add(_ document: SearchDocument) {
        length = 0
        addText(document.title, .title, 0)
        for (index, section) in document.sections.enumerated() {
            addText(section.heading, .heading, Int32(index))
            addText(section.text, .body, Int32(index))
        }
        var entries: [WordEntry] = []
        entries.reserveCapacity(touched.count)
        touched.sort()
        for id in touched {
            var entry = slots[Int(id)]
            entry.closeSection()
            entries.append(entry)
            slots[Int(id)] = WordEntry(word: id)
        }
        touched.removeAll(keepingCapacity: true)
        result.documents.append(entries)
        result.lengths.append(length)
    }

    private mutating func addText(_ text: String, _ field: Field, _ section: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var previousFolded: Int32 = -1
            WordTokenizer.forEachToken(bytes) { token in
                let raw = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
                let hash = ByteStringTable.hash(raw)
                let rawEntry = rawTable.find(raw, hash: hash) ?? resolve(raw, hash: hash)
                let folded = foldedOfRaw[Int(rawEntry)]
                if token.hyphenatedToPrevious {
                    if group.isEmpty { group.append(previousFolded) }
                    group.append(folded)
                } else if !group.isEmpty {
                    flushGroup(field, section)
                }
                previousFolded = folded
                let id = wordOfRaw[Int(rawEntry)]
                if id >= 0 {
                    count(id, field, section)
                    result.inVocabulary[Int(id)] = true
                    if field != .title { length += 1 }
                }
            }
        }
        if !group.isEmpty { flushGroup(field, section) }
    }

    /// Counts the joined spelling of a hyphen group ("emailadresse").
    private mutating func flushGroup(_ field: Field, _ section: Int32) {
        joined.removeAll(keepingCapacity: true)
        for folded in group { joined.append(contentsOf: foldedTable.bytes(folded)) }
        group.removeAll(keepingCapacity: true)
        guard joined.count >= 2 else { return }  // GermanAnalyzer.isIndexable
        let entry = joined.withUnsafeBufferPointer { bytes in
            foldedTable.findOrInsert(bytes, hash: ByteStringTable.hash(bytes))
        }
        if entry.inserted { wordOfFolded.append(-1) }
        count(intern(entry.entry), field, section)
    }

    /// Folds a raw spelling seen for the first time in this chunk.
    private mutating func resolve(_ raw: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let rawEntry = rawTable.insert(raw, hash: hash)
        var foldedBytes = Array(GermanFolding.fold(Array(raw)[...]).utf8)
        let folded = foldedBytes.withUnsafeMutableBufferPointer { bytes in
            foldedTable.findOrInsert(UnsafeBufferPointer(bytes), hash: ByteStringTable.hash(UnsafeBufferPointer(bytes)))
        }
        if folded.inserted { wordOfFolded.append(-1) }
        let indexed = foldedBytes.count >= 2 && !analyzer.isStopWord(foldedTable.string(folded.entry))
        foldedOfRaw.append(folded.entry)
        wordOfRaw.append(indexed ? intern(folded.entry) : -1)
        return rawEntry
    }

    /// The local word id of a folded entry, numbering words in order of first use.
    private mutating func intern(_ folded: Int32) -> Int32 {
        let known = wordOfFolded[Int(folded)]
        if known >= 0 { return known }
        let id = Int32(result.words.count)
        wordOfFolded[Int(folded)] = id
        result.words.append(foldedTable.string(folded))
        result.inVocabulary.append(false)
        slots.append(WordEntry(word: id))
        return id
    }

    @inline(__always)
    private mutating func count(_ id: Int32, _ field: Field, _ section: Int32) {
        if slots[Int(id)].currentSection < 0 {
            touched.append(id)
        }
        slots[Int(id)].add(field, section: section)
    }
}
