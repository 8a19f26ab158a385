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

/// Analyzes documents chunk by chunk: each distinct raw token is folded once (a cache keyed by
/// the raw spelling), per-document counts live in dense arrays indexed by local word id.
struct DocumentAnalysis {
    enum Field { case title, heading, body }

    private struct RawToken { var id: Int32; var folded: String }

    private let analyzer = GermanAnalyzer()
    private var result = ChunkAnalysis()
    private var rawTokens: [String: RawToken] = [:]
    private var idOfWord: [String: Int32] = [:]
    private var slots: [WordEntry] = []
    private var touched: [Int32] = []
    private var length = 0

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
        for id in touched.sorted() {
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
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return }
        var group: [String] = []
        for token in WordTokenizer.tokens(bytes) {
            if !token.hyphenatedToPrevious { flushGroup(&group, field, section) }
            let raw = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            let known = rawTokens[raw] ?? resolve(raw, bytes[token.start..<token.end])
            group.append(known.folded)
            if known.id >= 0 {
                count(known.id, field, section)
                inVocabulary(known.id)
                if field != .title { length += 1 }
            }
        }
        flushGroup(&group, field, section)
        bytes.removeAll()
    }

    private mutating func flushGroup(_ group: inout [String], _ field: Field, _ section: Int32) {
        if group.count > 1 {
            let joined = group.joined()
            if GermanAnalyzer.isIndexable(joined) { count(intern(joined), field, section) }
        }
        group.removeAll(keepingCapacity: true)
    }

    private mutating func resolve(_ raw: String, _ bytes: ArraySlice<UInt8>) -> RawToken {
        let folded = GermanFolding.fold(bytes)
        let indexed = GermanAnalyzer.isIndexable(folded) && !analyzer.isStopWord(folded)
        let token = RawToken(id: indexed ? intern(folded) : -1, folded: folded)
        rawTokens[raw] = token
        return token
    }

    private mutating func intern(_ word: String) -> Int32 {
        if let id = idOfWord[word] { return id }
        let id = Int32(result.words.count)
        idOfWord[word] = id
        result.words.append(word)
        result.inVocabulary.append(false)
        slots.append(WordEntry(word: id))
        return id
    }

    private mutating func inVocabulary(_ id: Int32) {
        if !result.inVocabulary[Int(id)] { result.inVocabulary[Int(id)] = true }
    }

    private mutating func count(_ id: Int32, _ field: Field, _ section: Int32) {
        if slots[Int(id)].currentSection < 0 {
            touched.append(id)
        }
        slots[Int(id)].add(field, section: section)
    }
}
