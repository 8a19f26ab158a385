/// Splits German compounds against the corpus's own vocabulary, so that "Verwaltung" and
/// "Abonnement verwalten" also find "Abonnementverwaltung".
///
/// A split is accepted only if every modifier is a word of the corpus (4+ letters, not a stop
/// word), optionally followed by the linking "s"/"es" (Rechnung·s·adresse), and the head is a
/// corpus word or shares its stem with one (Verwaltungen → verwalt). Two parts win over three;
/// among equals the longest first part wins.
struct CompoundSplitter {
    static let minimumCompoundLength = 8
    static let minimumPartLength = 4
    static let maximumCompoundLength = 48

    var vocabulary: Set<String>
    var stems: Set<String>

    /// Folded parts of `word`, or nil when it is not a compound of known words.
    func split(_ word: String, stem: (String) -> String) -> [String]? {
        let bytes = Array(word.utf8)
        guard bytes.count >= Self.minimumCompoundLength, bytes.count <= Self.maximumCompoundLength,
              bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        for maximumParts in 2...3 {
            if let parts = search(bytes, from: 0, partsLeft: maximumParts, stem: stem) {
                return parts
            }
        }
        return nil
    }

    private func search(_ bytes: [UInt8], from start: Int, partsLeft: Int, stem: (String) -> String) -> [String]? {
        let minimum = Self.minimumPartLength
        var end = bytes.count - minimum
        while end >= start + minimum {
            let modifier = String(decoding: bytes[start..<end], as: UTF8.self)
            if isKnownModifier(modifier) {
                for linker in Self.linkers(bytes, at: end) where bytes.count - (end + linker) >= minimum {
                    let headStart = end + linker
                    if partsLeft == 2 {
                        let head = String(decoding: bytes[headStart...], as: UTF8.self)
                        if isKnownHead(head, stem: stem) { return [modifier, head] }
                    } else if let rest = search(bytes, from: headStart, partsLeft: partsLeft - 1, stem: stem) {
                        return [modifier] + rest
                    }
                }
            }
            end -= 1
        }
        return nil
    }

    /// Lengths of the linking elements that may follow a modifier: none, "s", "es".
    static func linkers(_ bytes: [UInt8], at index: Int) -> [Int] {
        var result = [0]
        if index < bytes.count, bytes[index] == UInt8(ascii: "s") { result.append(1) }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "e"), bytes[index + 1] == UInt8(ascii: "s") {
            result.append(2)
        }
        return result
    }

    private func isKnownModifier(_ part: String) -> Bool {
        vocabulary.contains(part) && !GermanStopWords.all.contains(part)
    }

    private func isKnownHead(_ part: String, stem: (String) -> String) -> Bool {
        guard !GermanStopWords.all.contains(part) else { return false }
        return vocabulary.contains(part) || stems.contains(stem(part))
    }
}
