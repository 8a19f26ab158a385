/// Words with their stems, as one index build found them. A stem depends on nothing but its
/// word (and the Kontor binary, which the cache file's fingerprint covers), so a rebuild takes
/// the stems of the words it had before and runs libstemmer only for new ones.
struct StemList: Sendable {
    var words: ByteStrings
    var stems: ByteStrings

    /// The stems of `lists` for the words of a build, by global word id.
    struct Known: Sendable {
        /// Per global word: list index << 32 | word index in that list, or -1.
        fileprivate var source: [Int64]
        fileprivate let lists: [StemList]

        static let none = Known(source: [], lists: [])

        func stem(of word: Int) -> ArraySlice<UInt8>? {
            guard word < source.count, source[word] >= 0 else { return nil }
            let stems = lists[Int(source[word] >> 32)].stems
            let index = Int(source[word] & 0xFFFF_FFFF)
            return stems.bytes[Int(stems.starts[index])..<Int(stems.starts[index + 1])]
        }
    }

    /// Finds the words of `lists` in a build's word table (word → global id).
    static func lookup(_ lists: [StemList], in table: ByteStringTable, wordCount: Int) -> Known {
        guard !lists.isEmpty else { return .none }
        var source = [Int64](repeating: -1, count: wordCount)
        var unknown = wordCount
        // The newest list first: it has the most words of this build.
        for (listIndex, list) in lists.enumerated().reversed() where unknown > 0 {
            list.words.withBuffers { words in
                for index in 0..<words.count {
                    let word = words[index]
                    guard let id = table.value(word, ByteStringTable.key(word)), Int(id) < wordCount, source[Int(id)] < 0 else { continue }
                    source[Int(id)] = Int64(listIndex) << 32 | Int64(index)
                    unknown -= 1
                }
            }
        }
        return Known(source: source, lists: lists)
    }
}
