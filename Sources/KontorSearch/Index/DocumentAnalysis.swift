/// Statistics of one word in one document. Counts are multiples of 0.5 (compound parts count
/// half), which floating point adds exactly in any order — that keeps the index deterministic.
/// 32 bytes, so that two share a cache line: a document's entries are updated once per token.
struct WordEntry: Sendable {
    var word: Int32
    var heading: Float = 0
    var body: Float = 0
    /// The section with the most weighted occurrences (headings count 3×, first on a tie).
    var bestSection: Int32 = 0
    var bestWeight: Float = 0
    fileprivate var currentSection: Int32 = -1
    fileprivate var currentWeight: Float = 0
    var inTitle = false
    /// Seen as a word of its own, not only as the joined spelling of a hyphen group.
    var standalone = false

    @inline(__always)
    fileprivate mutating func add(_ field: DocumentAnalysis.Field, section: Int32, standalone: Bool) {
        switch field {
        case .title: inTitle = true
        case .heading: heading += 1
        case .body: body += 1
        }
        if standalone { self.standalone = true }
        if section != currentSection { closeSection(); currentSection = section }
        currentWeight += field == .heading ? 3 : 1
    }

    fileprivate mutating func closeSection() {
        if currentWeight > bestWeight { bestWeight = currentWeight; bestSection = currentSection }
        currentWeight = 0
    }

    /// What is kept once the document is done: a third of the working entry, which matters at
    /// a few hundred entries per page times 10,000 pages. Heading occurrences count 3× in the
    /// frequency, added in `Float` exactly as the postings always added them.
    fileprivate var counts: WordCounts {
        WordCounts(word: word, frequency: body + 3 * heading, inTitle: inTitle, standalone: standalone,
                   bestSection: bestSection, bestWeight: bestWeight)
    }
}

/// The finished statistics of one word in one document (see `WordEntry`).
struct WordCounts: Sendable {
    var word: Int32
    /// Weighted occurrences in body and headings (heading occurrences count 3×).
    var frequency: Float
    /// Bit 31: in the title; bit 30: standalone (see `WordEntry`); the rest: the best section.
    private var sectionAndFlags: UInt32
    var bestWeight: Float

    init(word: Int32, frequency: Float, inTitle: Bool, standalone: Bool, bestSection: Int32, bestWeight: Float) {
        self.word = word
        self.frequency = frequency
        sectionAndFlags = UInt32(clamping: bestSection) & Self.sectionMask | (inTitle ? 1 << 31 : 0) | (standalone ? 1 << 30 : 0)
        self.bestWeight = bestWeight
    }

    private static let sectionMask: UInt32 = 0x3FFF_FFFF

    /// The section with the most weighted occurrences (see `WordEntry.bestSection`).
    var bestSection: Int32 { Int32(bitPattern: sectionAndFlags & Self.sectionMask) }
    var inTitle: Bool { sectionAndFlags & 1 << 31 != 0 }
    var standalone: Bool { sectionAndFlags & 1 << 30 != 0 }
}

/// A section number (below 2³¹) and a title flag in one 32-bit word: word records and postings
/// exist per document and term, millions of them, and four bytes less each is memory never
/// touched.
struct SectionAndTitle: Sendable {
    private var bits: UInt32

    init(section: Int32, inTitle: Bool) {
        bits = UInt32(bitPattern: section) & 0x7FFF_FFFF | (inTitle ? 0x8000_0000 : 0)
    }

    var section: Int32 { Int32(bitPattern: bits & 0x7FFF_FFFF) }
    var inTitle: Bool { bits & 0x8000_0000 != 0 }
}

/// The analyzed documents of one chunk, with the chunk's words interned to local ids.
struct ChunkAnalysis: Sendable {
    /// The folded spelling of local word w is `wordBytes[wordStarts[w]..<wordStarts[w + 1]]`.
    var wordBytes: [UInt8] = []
    var wordStarts: [Int32] = [0]
    /// False for words seen only as a joined hyphen group ("emailadresse"): those are no
    /// vocabulary for compound splitting.
    var inVocabulary: [Bool] = []
    var documents = DocumentWordCounts()
    /// Indexed heading and body words per document: the BM25 document length.
    var lengths: [Int] = []
    /// How many documents came from the cache (see `SearchAnalysisCache`).
    var reusedDocuments = 0
    /// Folded spelling → local word id, as the analysis made it; nil for a chunk decoded whole
    /// from the cache. The term merge numbers the first chunk's words as the chunk does, so it
    /// takes over that chunk's table instead of interning its words again.
    var wordTable: ByteStringTable?
}

/// The word counts of a chunk's documents, back to back in one byte array, as the cache image
/// stores them (see `AnalysisImage`): per document its entry count, then per entry its word,
/// frequency << 2 | in title << 1 | standalone, best section and best weight, each a LEB128
/// number. About six bytes an entry instead of the sixteen of a `WordCounts`: at 10,000 pages
/// the entries were 60 MB of memory the system had to provide afresh, which cost the index
/// more than decoding them twice. Frequencies and weights are whole numbers: an analysis
/// counts each occurrence once.
struct DocumentWordCounts: Sendable {
    /// Document d's record is `bytes[starts[d]..<starts[d + 1]]`.
    private(set) var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var counts: [Int32] = []
    /// Where `append` encodes a document before it is copied to `bytes` in one piece.
    private var scratch: [UInt8] = []

    var count: Int { counts.count }

    /// The number of entries of each document.
    var entryCounts: [Int] { counts.map(Int.init) }

    func entryCount(of document: Int) -> Int { Int(counts[document]) }

    mutating func reserve(documents: Int, bytes byteCount: Int) {
        starts.reserveCapacity(documents + 1)
        counts.reserveCapacity(documents)
        bytes.reserveCapacity(byteCount)
    }

    /// A document's record is at most this long: its count and per entry a word (five bytes)
    /// and three numbers (ten bytes each).
    private static func recordBound(entries: Int) -> Int { 10 + 35 * entries }

    mutating func append<Entries: Collection<WordCounts>>(_ entries: Entries) {
        assert(bytes.count == starts[starts.count - 1], "a record after appendAfterRecords")
        let bound = Self.recordBound(entries: entries.count)
        if scratch.count < bound { scratch = [UInt8](repeating: 0, count: max(bound, 2 * scratch.count)) }
        let written = scratch.withUnsafeMutableBufferPointer { scratch -> Int in
            guard let base = scratch.baseAddress else { return 0 }
            var output = base
            LEB128.write(UInt(entries.count), to: &output)
            for entry in entries {
                LEB128.write(UInt(entry.word), to: &output)
                LEB128.write(UInt(entry.frequency) << 2 | (entry.inTitle ? 2 : 0) | (entry.standalone ? 1 : 0), to: &output)
                LEB128.write(UInt(entry.bestSection), to: &output)
                LEB128.write(UInt(entry.bestWeight), to: &output)
            }
            return output - base
        }
        scratch.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<written])) }
        starts.append(bytes.count)
        counts.append(Int32(entries.count))
    }

    /// The entries of one document, decoded.
    func entries(of document: Int) -> [WordCounts] {
        var entries: [WordCounts] = []
        forEachDocument(in: document..<(document + 1)) { entries = Array($1) }
        return entries
    }

    /// Appends up to `byteCount` bytes after the last record, where no record is read: the cache
    /// image of a whole chunk is its records with the rest written after them (see
    /// `AnalysisImage`). `write` fills the room and returns how much of it it used. No record
    /// may follow.
    mutating func appendAfterRecords(byteCount: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        bytes.appendWritten(upTo: byteCount, write)
    }

    /// The size of a document's record (see the type).
    func recordSize(_ document: Int) -> Int { starts[document + 1] - starts[document] }

    /// Calls `body` with the bytes of a document's record (see the type).
    func withRecord<Result>(_ document: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[document]..<starts[document + 1]])) }
    }

    /// Calls `body` with the entries of each of `documents`, in order, decoded into a buffer that
    /// is reused from document to document: the loops over all entries of a chunk run once per
    /// posting.
    func forEachDocument(in documents: Range<Int>, _ body: (_ document: Int, _ entries: UnsafeBufferPointer<WordCounts>) -> Void) {
        var decoded: [WordCounts] = []
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            for document in documents {
                let count = Int(counts[document])
                if decoded.count < count {
                    decoded = Array(repeating: WordCounts(word: 0, frequency: 0, inTitle: false, standalone: false, bestSection: 0, bestWeight: 0),
                                    count: max(count, 2 * decoded.count))
                }
                decoded.withUnsafeMutableBufferPointer { decoded in
                    var input = base + starts[document]
                    _ = LEB128.read(from: &input)
                    for index in 0..<count {
                        let word = LEB128.read(from: &input)
                        let packed = LEB128.read(from: &input)
                        let section = LEB128.read(from: &input)
                        let weight = LEB128.read(from: &input)
                        decoded[index] = WordCounts(word: Int32(truncatingIfNeeded: word), frequency: Float(packed >> 2), inTitle: packed & 2 != 0,
                                                    standalone: packed & 1 != 0, bestSection: Int32(truncatingIfNeeded: section),
                                                    bestWeight: Float(weight))
                    }
                    body(document, UnsafeBufferPointer(rebasing: decoded[..<count]))
                }
            }
        }
    }
}

/// Analyzes documents chunk by chunk. Each distinct raw spelling is folded once: a table keyed by
/// the raw UTF-8 bytes maps it straight to its local word id, so no `String` is made per token.
/// Per-document counts live in a small table keyed by word id that stays in the L1 cache.
struct DocumentAnalysis {
    enum Field { case title, heading, body }

    private var result = ChunkAnalysis()
    /// Raw spelling → local word id, or -1 for stop words and one-letter words.
    private var wordOfRaw: ByteStringTable
    /// Folded spelling → local word id.
    private var wordOfFolded: ByteStringTable
    private let stopWords = ByteStringTable(GermanStopWords.all)
    private var length = 0
    /// The current document's entries in order of first occurrence, and their indices by word id.
    private let entries = ScratchList<WordEntry>()
    private let entryIndex = DenseIndexTable()
    /// Folded bytes of the current hyphen group ("E-Mail-Adresse" → "emailadresse") and its size.
    private var joined: [UInt8] = []
    private var groupCount = 0
    private var folded: [UInt8] = []
    /// Per cache image: its word ids mapped to this chunk's (-1: not yet), made on first use.
    private var localWordOfCached: [[Int32]] = []
    private var cachedEntries: [WordCounts] = []
    /// The sum of the slot reads that warm the cache (see `addBatch`); kept so they are not
    /// optimized away.
    private(set) var slotReads: UInt32 = 0

    /// Analyses a chunk; a document whose key `cache` holds is decoded from there instead.
    /// Returns the analysis and its image for the next build's cache (see `AnalysisImage`), with
    /// the documents that no image of this build holds yet; nil if it cannot be stored.
    static func analyze(_ documents: ArraySlice<SearchDocument>, keys: ArraySlice<UInt64>,
                        cache: SearchAnalysisCache) -> (analysis: ChunkAnalysis, image: (bytes: [UInt8], checksum: UInt64)?) {
        analyze(documents, textBytes: documents.reduce(0) { $0 + $1.textSize }, keys: keys, cache: cache)
    }

    /// `analyze` of documents whose text sizes add up to `textBytes` (what the tables are sized for).
    static func analyze(_ documents: ArraySlice<SearchDocument>, textBytes: Int, keys: ArraySlice<UInt64>,
                        cache: SearchAnalysisCache) -> (analysis: ChunkAnalysis, image: (bytes: [UInt8], checksum: UInt64)?) {
        var analysis = DocumentAnalysis(expectedWords: expectedWords(textBytes: textBytes))
        // Room for one distinct word per 12 bytes of text, at up to eight bytes an entry. The
        // benchmark's pages have one per 25, its offers one per 20, at six bytes, and outgrowing
        // the room copied megabytes into memory the system had to provide afresh; room that
        // stays unused is never touched.
        analysis.result.documents.reserve(documents: documents.count, bytes: textBytes / 12 * 8)
        analysis.result.lengths.reserveCapacity(documents.count)
        for (document, key) in zip(documents, keys) {
            if let location = cache.location(of: key), analysis.addCached(location, from: cache) { continue }
            analysis.add(document)
        }
        let image = AnalysisImage.encode(&analysis.result, keys: keys) { !cache.hasFresh($0) }
        analysis.result.wordTable = analysis.wordOfFolded
        return (analysis.result, image)
    }

    private init(expectedWords: Int) {
        // Long spellings (more than eight bytes) keep their length and bytes in the tables: the
        // benchmark's words average 22 bytes, and German compounds are long.
        wordOfRaw = ByteStringTable(minimumCapacity: expectedWords, keyBytes: expectedWords * 32)
        wordOfFolded = ByteStringTable(minimumCapacity: expectedWords, keyBytes: expectedWords * 32)
        result.wordBytes.reserveCapacity(expectedWords * 28)
        result.wordStarts.reserveCapacity(expectedWords + 1)
        result.inVocabulary.reserveCapacity(expectedWords)
    }

    /// About how many distinct spellings a text of this size has. Vocabulary grows with about the
    /// square root of the text (Heaps' law); the benchmark corpus has ~19·√bytes. Tables sized
    /// for it up front never grow: growing would copy them into fresh memory again and again.
    static func expectedWords(textBytes: Int) -> Int {
        max(1 << 12, min(textBytes / 8, Int((20 * Double(textBytes).squareRoot()).rounded(.up))))
    }

    private mutating func add(_ document: SearchDocument) {
        length = 0
        addText(document.title, .title, 0)
        for (index, section) in document.sections.enumerated() {
            addText(section.heading, .heading, Int32(index))
            section.body.withUTF8 { addText($0, .body, Int32(index)) }
        }
        // Entry order does not matter: postings add exact half-integer counts per term.
        let all = entries.all
        for index in all.indices { all[index].closeSection() }
        result.documents.append(all.lazy.map(\.counts))
        result.lengths.append(length)
        entries.removeAll()
        entryIndex.removeAll()
    }

    /// The analysis of a chunk of exactly the documents of `image`, in order, decoded whole: the
    /// image's words are the chunk's words in order of first use, so no word is looked up or
    /// interned. Nil — and the chunk is analysed as usual — unless every word of the image is
    /// used and first used in the order of its id: that is what the analysis of these documents
    /// would give (an image that left documents out has words no kept document uses).
    static func decode(_ image: AnalysisImage) -> ChunkAnalysis? {
        var result = ChunkAnalysis()
        result.documents.reserve(documents: image.keys.count, bytes: image.countBytes)
        result.lengths.reserveCapacity(image.keys.count)
        result.inVocabulary = Array(repeating: false, count: image.wordCount)
        var nextWord: Int32 = 0
        var entries: [WordCounts] = []
        for document in image.keys.indices {
            guard let length = image.decode(document: document, into: &entries) else { return nil }
            for entry in entries {
                if entry.word == nextWord { nextWord += 1 } else if entry.word > nextWord { return nil }
                if entry.standalone { result.inVocabulary[Int(entry.word)] = true }
            }
            result.documents.append(entries)
            result.lengths.append(length)
        }
        guard Int(nextWord) == image.wordCount else { return nil }
        (result.wordBytes, result.wordStarts) = image.vocabulary()
        result.reusedDocuments = image.keys.count
        return result
    }

    /// Adds a document from the cache: the same entries and length its analysis gives, with the
    /// words interned in the order the analysis would have (entries are in order of first use).
    /// False, with nothing added, when its bytes in the cache are damaged.
    private mutating func addCached(_ location: (image: Int, document: Int), from cache: SearchAnalysisCache) -> Bool {
        let image = cache.image(location.image)
        guard let length = image.decode(document: location.document, into: &cachedEntries) else { return false }
        if localWordOfCached.count < cache.imageCount {
            localWordOfCached += Array(repeating: [], count: cache.imageCount - localWordOfCached.count)
        }
        if localWordOfCached[location.image].isEmpty {
            localWordOfCached[location.image] = Array(repeating: -1, count: image.wordCount)
        }
        var entries: [WordCounts] = []
        entries.reserveCapacity(cachedEntries.count)
        for entry in cachedEntries {
            var id = localWordOfCached[location.image][Int(entry.word)]
            if id < 0 {
                id = image.withWord(Int(entry.word)) { intern($0) }
                localWordOfCached[location.image][Int(entry.word)] = id
            }
            if entry.standalone { result.inVocabulary[Int(id)] = true }
            entries.append(WordCounts(word: id, frequency: entry.frequency, inTitle: entry.inTitle, standalone: entry.standalone,
                                      bestSection: entry.bestSection, bestWeight: entry.bestWeight))
        }
        result.documents.append(entries)
        result.lengths.append(length)
        result.reusedDocuments += 1
        return true
    }

    private mutating func addText(_ text: String, _ field: Field, _ section: Int32) {
        var text = text
        text.withUTF8 { addText($0, field, section) }
    }

    private mutating func addText(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Field, _ section: Int32) {
        // The batch lives on the stack: filling it is a store per token, with no array to
        // check for uniqueness and room.
        withUnsafeTemporaryAllocation(of: PendingToken.self, capacity: Self.batchSize) { batch in
            guard let base = batch.baseAddress else { return }
            var previous = 0..<0
            var count = 0
            WordTokenizer.forEachToken(bytes) { token in
                let key = ByteStringTable.key(UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
                (base + count).initialize(to: PendingToken(token: token, key: key))
                count += 1
                if count == Self.batchSize {
                    addBatch(UnsafeBufferPointer(start: base, count: count), bytes, field, section, previous: &previous)
                    count = 0
                }
            }
            addBatch(UnsafeBufferPointer(start: base, count: count), bytes, field, section, previous: &previous)
        }
        if groupCount > 0 { flushGroup(field, section) }
    }

    private static let batchSize = 64

    private struct PendingToken {
        var token: WordToken
        var key: ByteStringTable.Key
    }

    /// Looks up a batch of tokens. First the table slot of each is read once: those reads do not
    /// depend on each other, so the processor waits for the cache misses of the rarer words side
    /// by side instead of one by one (they were half of the analysis time).
    private mutating func addBatch(_ batch: UnsafeBufferPointer<PendingToken>, _ bytes: UnsafeBufferPointer<UInt8>, _ field: Field,
                                   _ section: Int32, previous: inout Range<Int>) {
        var reads: UInt32 = 0
        for pending in batch { reads &+= wordOfRaw.touch(pending.key) }
        // Then, with the slots in the cache, the stored bytes of long words, again side by side.
        for pending in batch where pending.token.end - pending.token.start > 8 { reads &+= wordOfRaw.touchLongKey(pending.key) }
        slotReads &+= reads
        for pending in batch {
            let token = pending.token
            let raw = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
            if token.hyphenatedToPrevious {
                if groupCount == 0 { appendToGroup(UnsafeBufferPointer(rebasing: bytes[previous])) }
                appendToGroup(raw)
            } else if groupCount > 0 {
                flushGroup(field, section)
            }
            previous = token.start..<token.end
            // Alone, an id's later parts were a quarter of all terms at 10,000 offers.
            if token.isLaterIDPart(of: bytes) { continue }
            let id = wordOfRaw.value(raw, pending.key) ?? resolve(raw, pending.key)
            if id >= 0 {
                count(id, field, section, standalone: true)
                if field != .title { length += 1 }
            }
        }
    }

    private mutating func appendToGroup(_ raw: UnsafeBufferPointer<UInt8>) {
        GermanFolding.append(folding: raw, to: &joined)
        groupCount += 1
    }

    /// Counts the joined spelling of a hyphen group of two or more words.
    private mutating func flushGroup(_ field: Field, _ section: Int32) {
        if groupCount > 1 && joined.count >= 2 {  // GermanAnalyzer.isIndexable
            let bytes = joined
            let id = bytes.withUnsafeBufferPointer { intern($0) }
            count(id, field, section, standalone: false)
        }
        joined.removeAll(keepingCapacity: true)
        groupCount = 0
    }

    /// Folds a raw spelling seen for the first time in this chunk and remembers its word id.
    private mutating func resolve(_ raw: UnsafeBufferPointer<UInt8>, _ key: ByteStringTable.Key) -> Int32 {
        folded.removeAll(keepingCapacity: true)
        GermanFolding.append(folding: raw, to: &folded)
        let bytes = folded
        var id: Int32 = -1
        bytes.withUnsafeBufferPointer { folded in
            let indexed = folded.count >= 2  // GermanAnalyzer.isIndexable
                && stopWords.value(folded, ByteStringTable.key(folded)) == nil
            if indexed {
                id = intern(folded)
                result.inVocabulary[Int(id)] = true
            }
        }
        wordOfRaw.set(raw, key, id)
        return id
    }

    /// The local word id of a folded spelling, numbering words in order of first use.
    private mutating func intern(_ folded: UnsafeBufferPointer<UInt8>) -> Int32 {
        let id = Int32(result.inVocabulary.count)
        if let known = wordOfFolded.valueOrInsert(folded, ByteStringTable.key(folded), id) { return known }
        result.wordBytes.append(contentsOf: folded)
        result.wordStarts.append(Int32(result.wordBytes.count))
        result.inVocabulary.append(false)
        return id
    }

    @inline(__always)
    private mutating func count(_ id: Int32, _ field: Field, _ section: Int32, standalone: Bool) {
        let (index, inserted) = entryIndex.index(of: id)
        if inserted { entries.append(WordEntry(word: id)) }
        entries[index].pointee.add(field, section: section, standalone: standalone)
    }
}
