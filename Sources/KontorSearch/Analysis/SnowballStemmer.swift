import CStemmer

/// Owns one libstemmer German stemmer. libstemmer keeps its working buffer inside the stemmer,
/// so an instance must never be shared between threads: every `GermanAnalyzer` makes its own.
/// No C pointer leaves this class.
final class SnowballStemmer {
    private let handle: OpaquePointer?

    init() {
        handle = sb_stemmer_new("german", "UTF_8")
    }

    deinit {
        if let handle { sb_stemmer_delete(handle) }
    }

    /// Appends the stem of a lower-cased, folded UTF-8 word to `output` (the word itself if
    /// libstemmer is unusable), without a `String`: the index builder stems every distinct word.
    func appendStem(of word: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard let handle, let base = word.baseAddress,
              let result = sb_stemmer_stem(handle, base, Int32(word.count)) else {
            output.append(contentsOf: word)
            return
        }
        output.append(contentsOf: UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(handle))))
    }
}
