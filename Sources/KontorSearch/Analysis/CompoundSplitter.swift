/// Splits German compounds against the corpus's own vocabulary, so that "Verwaltung" and
/// "Abonnement verwalten" also find "Abonnementverwaltung".
///
/// A split is accepted only if every modifier is a word of the corpus (4+ letters, not a stop
/// word), optionally followed by the linking "s"/"es" (Rechnung·s·adresse), and the head is a
/// corpus word or shares its stem with one (Verwaltungen → verwalt). Two parts win over three;
/// among equals the longest first part wins.
///
/// Candidate parts are looked up as byte slices in one table (no `String` per candidate): the
/// index builder splits every distinct word of the corpus.
struct CompoundSplitter {
    static let minimumCompoundLength = 8
    static let minimumPartLength = 4
    static let maximumCompoundLength = 48

    private static let inVocabulary: Int32 = 1
    private static let isStopWord: Int32 = 2
    private static let isStem: Int32 = 4

    /// Flags per known spelling: vocabulary word, stop word, stem of a vocabulary word.
    private var flags = ByteStringTable(minimumCapacity: 1024)

    init(vocabulary: Set<String>, stems: Set<String>) {
        self.init(vocabulary: Array(vocabulary), stems: Array(stems))
    }

    init<Vocabulary: Sequence<String>, Stems: Sequence<String>>(vocabulary: Vocabulary, stems: Stems) {
        for word in GermanStopWords.all { add(word, Self.isStopWord) }
        for word in vocabulary { add(word, Self.inVocabulary) }
        for stem in stems { add(stem, Self.isStem) }
    }

    private mutating func add(_ word: String, _ flag: Int32) {
        var word = word
        word.withUTF8 { add($0, flag) }
    }

    private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, _ flag: Int32) {
        flags.formUnion(bytes, ByteStringTable.key(bytes), flag)
    }

    /// Whether `stem` is the stem of a corpus word (what a head that is no word itself needs).
    func isStemOfVocabulary(_ stem: UnsafeBufferPointer<UInt8>) -> Bool {
        flags(stem) & Self.isStem != 0
    }

    private func flags(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        flags.value(bytes, ByteStringTable.key(bytes)) ?? 0
    }

    /// Folded parts of `word`, or nil when it is not a compound of known words.
    func split(_ word: String, stem: (String) -> String) -> [String]? {
        var word = word
        return word.withUTF8 { bytes -> [String]? in
            let parts = split(bytes) { head in
                var stemmed = stem(String(decoding: head, as: UTF8.self))
                return stemmed.withUTF8 { isStemOfVocabulary($0) }
            }
            return parts?.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
    }

    /// Byte ranges of the parts of a folded word, or nil when it is not a compound of known
    /// words. `headStemIsKnown(head)` tells whether the stem of a head that is no corpus word
    /// is the stem of one (see `isStemOfVocabulary`).
    func split(_ bytes: UnsafeBufferPointer<UInt8>,
               headStemIsKnown: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Range<Int>]? {
        CompoundSearch.split(bytes, isModifier: isKnownModifier) { isKnownHead($0, stem: headStemIsKnown) }
    }

    /// Lengths of the linking elements that may follow a modifier: none, "s", "es".
    static func linkers<Bytes: Collection<UInt8>>(_ bytes: Bytes, at index: Int) -> [Int] where Bytes.Index == Int {
        (0...2).filter { CompoundSearch.hasLinker($0, bytes, at: index) }
    }

    private func isKnownModifier(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        flags(part) & (Self.inVocabulary | Self.isStopWord) == Self.inVocabulary
    }

    private func isKnownHead(_ part: UnsafeBufferPointer<UInt8>, stem headStemIsKnown: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        let known = flags(part)
        guard known & Self.isStopWord == 0 else { return false }
        if known & Self.inVocabulary != 0 { return true }
        return headStemIsKnown(part)
    }
}

/// The search for a split, whatever holds the vocabulary: the splitter's own table of spellings,
/// or the index builder's word and stem tables (which it has anyway, so that no third table of
/// every word of the corpus is built).
enum CompoundSearch {
    /// Byte ranges of the parts of a folded word, or nil when it is not a compound: every part
    /// before the last is a modifier (`isModifier`), optionally followed by a linking "s" or
    /// "es", and the last is a head (`isHead`). Two parts win over three; among equals the
    /// longest first part wins.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, isModifier: (UnsafeBufferPointer<UInt8>) -> Bool,
                      isHead: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Range<Int>]? {
        guard bytes.count >= CompoundSplitter.minimumCompoundLength, bytes.count <= CompoundSplitter.maximumCompoundLength,
              bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        for maximumParts in 2...3 {
            if let parts = search(bytes, from: 0, partsLeft: maximumParts, isModifier: isModifier, isHead: isHead) { return parts }
        }
        return nil
    }

    private static func search(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, partsLeft: Int,
                               isModifier: (UnsafeBufferPointer<UInt8>) -> Bool,
                               isHead: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Range<Int>]? {
        let minimum = CompoundSplitter.minimumPartLength
        var end = bytes.count - minimum
        while end >= start + minimum {
            if isModifier(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                for linker in 0...2 where hasLinker(linker, bytes, at: end) && bytes.count - (end + linker) >= minimum {
                    let headStart = end + linker
                    if partsLeft == 2 {
                        if isHead(UnsafeBufferPointer(rebasing: bytes[headStart...])) {
                            return [start..<end, headStart..<bytes.count]
                        }
                    } else if let rest = search(bytes, from: headStart, partsLeft: partsLeft - 1, isModifier: isModifier, isHead: isHead) {
                        return [start..<end] + rest
                    }
                }
            }
            end -= 1
        }
        return nil
    }

    /// Whether a linking element of `length` (0: none, 1: "s", 2: "es") follows a modifier at
    /// `index`. The search asks for each length instead of making an array per candidate.
    @inline(__always)
    static func hasLinker<Bytes: Collection<UInt8>>(_ length: Int, _ bytes: Bytes, at index: Int) -> Bool where Bytes.Index == Int {
        switch length {
        case 0: true
        case 1: index < bytes.count && bytes[index] == UInt8(ascii: "s")
        default: index + 1 < bytes.count && bytes[index] == UInt8(ascii: "e") && bytes[index + 1] == UInt8(ascii: "s")
        }
    }
}
