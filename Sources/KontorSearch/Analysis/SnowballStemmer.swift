import CStemmer

/// Owns libstemmer's German stemmers. libstemmer keeps its working buffer inside the stemmer,
/// so an instance must never be shared between threads: every `GermanAnalyzer` makes its own.
/// No C pointer leaves this class.
final class SnowballStemmer {
    private let utf8Handle: OpaquePointer?
    /// The same German algorithm over Latin-1 bytes. For an ASCII word it gives exactly the UTF-8
    /// stemmer's stem (ASCII is the same in both encodings, and the algorithm only ever adds
    /// ASCII letters), about 40 % faster: its character tests decode nothing. Folded German
    /// words are nearly all ASCII, and the index stems every distinct word of the corpus.
    private let asciiHandle: OpaquePointer?

    /// `asciiFastPath: false` stems every word with the UTF-8 stemmer (what tests compare with).
    init(asciiFastPath: Bool = true) {
        utf8Handle = sb_stemmer_new("german", "UTF_8")
        asciiHandle = asciiFastPath ? sb_stemmer_new("german", "ISO_8859_1") : nil
    }

    deinit {
        if let utf8Handle { sb_stemmer_delete(utf8Handle) }
        if let asciiHandle { sb_stemmer_delete(asciiHandle) }
    }

    /// Appends the stem of a lower-cased, folded UTF-8 word to `output` (the word itself if
    /// libstemmer is unusable), without a `String`: the index builder stems every distinct word.
    func appendStem(of word: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let handle = Self.isASCII(word) ? asciiHandle ?? utf8Handle : utf8Handle
        guard let handle, let base = word.baseAddress,
              let result = sb_stemmer_stem(handle, base, Int32(word.count)) else {
            output.append(contentsOf: word)
            return
        }
        output.append(contentsOf: UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(handle))))
    }

    private static func isASCII(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in word { combined |= byte }
        return combined < 0x80
    }
}
