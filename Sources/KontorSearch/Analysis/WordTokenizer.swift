/// A word found by `WordTokenizer`: a byte range of the input.
struct WordToken: Equatable, Sendable {
    var start: Int
    var end: Int
    /// True when an ASCII hyphen joins this word to the previous one ("E-Mail", "Microsoft-Konto").
    var hyphenatedToPrevious: Bool
}

extension WordToken {
    /// A later part of a hyphen group that has a digit ("…-EE6F-1547-…" of an offer id): no word
    /// of its own, only the group's joined spelling is indexed and searched. Index, Swift queries
    /// and `assets/search.js` (`queryWords`) all ask this.
    func isLaterIDPart<Bytes: RandomAccessCollection<UInt8>>(of bytes: Bytes) -> Bool where Bytes.Index == Int {
        hyphenatedToPrevious && bytes[start..<end].contains { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// Splits UTF-8 text into words on the bytes (24× faster than a `Character` loop).
/// Word characters: ASCII letters and digits, Latin letters (U+00C0–U+024F without × and ÷),
/// Latin Extended Additional, Greek, Cyrillic, kana and CJK ideographs, Hangul.
/// `assets/search.js` (`isWordCode`) mirrors these ranges.
enum WordTokenizer {
    static func tokens(_ bytes: [UInt8]) -> [WordToken] {
        var tokens: [WordToken] = []
        tokens.reserveCapacity(bytes.count / 6)
        bytes.withUnsafeBufferPointer { buffer in
            forEachToken(buffer) { tokens.append($0) }
        }
        return tokens
    }

    /// Calls `body` for every word of `bytes`, in order, without allocating: the index builder
    /// runs this over every byte of the corpus, so ASCII bytes are classified by a table lookup.
    @inline(__always)
    static func forEachToken(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (WordToken) -> Void) {
        guard let base = bytes.baseAddress else { return }
        byteClasses.withUnsafeBufferPointer { classes in
            let count = bytes.count
            var index = 0
            // Where the separator after the previous word starts: a '-' there joins the next word.
            var lastWordEnd = -2
            while index < count {
                let lead = classes[Int(bytes[index])]
                if lead == asciiSeparator { index += 1; continue }
                if lead == nonASCII {
                    let (scalar, length) = decodeScalar(bytes, at: index)
                    if !isWordScalar(scalar) { index += length; continue }
                }
                let start = index
                let hyphenated = lastWordEnd >= 0 && start == lastWordEnd + 1 && bytes[lastWordEnd] == UInt8(ascii: "-")
                while index < count {
                    // Eight bytes a step while they are ASCII letters and digits (most of a
                    // German word); the byte that ends the run is classified below.
                    if index + 8 <= count {
                        let run = asciiWordRun(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                        index += run
                        if run == 8 { continue }
                    }
                    let byteClass = classes[Int(bytes[index])]
                    if byteClass == asciiWord { index += 1; continue }
                    if byteClass == asciiSeparator { break }
                    let (scalar, length) = decodeScalar(bytes, at: index)
                    if !isWordScalar(scalar) { break }
                    index += length
                }
                body(WordToken(start: start, end: index, hyphenatedToPrevious: hyphenated))
                lastWordEnd = index
            }
        }
    }

    /// How many of the eight bytes of `word` (little-endian: the first byte is the lowest) are,
    /// from the first on, ASCII letters or digits. Each byte is range-checked in its own 8-bit
    /// lane: with the top bit of every lane cleared first, no addition carries into the next lane.
    @inline(__always)
    static func asciiWordRun(_ word: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let low7 = word & ~highBits
        let lowered = low7 | 0x2020_2020_2020_2020
        // Top bit of a lane set when the lane's value is ≥ lo (resp. ≤ hi), for values below 0x80.
        func atLeast(_ value: UInt64, _ lo: UInt64) -> UInt64 { (value &+ (0x80 - lo) &* ones) & highBits }
        func atMost(_ value: UInt64, _ hi: UInt64) -> UInt64 { ~(value &+ (0x7F - hi) &* ones) & highBits }
        let letters = atLeast(lowered, 0x61) & atMost(lowered, 0x7A)
        let digits = atLeast(low7, 0x30) & atMost(low7, 0x39)
        let wordBytes = (letters | digits) & ~word
        let others = ~wordBytes & highBits
        return others.trailingZeroBitCount >> 3
    }

    private static let asciiSeparator: UInt8 = 0
    private static let asciiWord: UInt8 = 1
    private static let nonASCII: UInt8 = 2
    /// The class of every byte value: ASCII letters and digits, other ASCII, or a non-ASCII byte.
    private static let byteClasses: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return asciiWord
        case 0x80...: return nonASCII
        default: return asciiSeparator
        }
    }

    /// Decodes one scalar; invalid or truncated sequences count as a one-byte separator (scalar 0).
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07)
        default: return (0, 1)
        }
        guard index + length <= bytes.count else { return (0, 1) }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (0, 1) }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        return (scalar, length)
    }

    @inline(__always)
    static func isWordScalar(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0xD7, 0xF7: return false
        case 0xC0...0x24F, 0x370...0x3FF, 0x400...0x52F, 0x1E00...0x1EFF: return true
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF: return true
        default: return false
        }
    }
}
