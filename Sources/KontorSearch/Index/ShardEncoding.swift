/// The compact encodings of the index files, shared with `assets/search.js` (`decodeVarints`).
///
/// Posting lists are strings of variable-length numbers in a 64-letter alphabet: letter values
/// 0…31 end a number, 32…63 carry five bits and continue it (little-endian groups of 5 bits).
/// One document's entry in a posting list as stored: the weight is already quantized.
struct EncodedPosting: Equatable, Sendable {
    var document: Int
    var weight: Int
    var section: Int
}

/// What a reader must know to decode posting lists: both come from the manifest.
struct PostingLayout: Sendable {
    var documentCount: Int
    /// Documents from here on have a single section (the offers); `documentCount` when none do.
    var singleSectionFrom: Int
}

enum ShardEncoding {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    static func appendVarint(_ value: Int, to output: inout [UInt8]) {
        alphabet.withUnsafeBufferPointer { letters in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumVarintLength) { buffer in
                guard let base = buffer.baseAddress else { return }
                output.append(contentsOf: UnsafeBufferPointer(start: base, count: writeVarint(value, letters: letters, to: base)))
            }
        }
    }

    /// Writes the letters of `value` (negative values as 0) at `output`, which has room for
    /// `maximumVarintLength` of them, and returns how many. The alphabet is at hand: looking up
    /// the global array per number costs a `swift_once` check each time.
    @inline(__always)
    private static func writeVarint(_ value: Int, letters: UnsafeBufferPointer<UInt8>, to output: UnsafeMutablePointer<UInt8>) -> Int {
        var rest = max(0, value)
        var count = 0
        while rest >= 32 {
            output[count] = letters[32 + (rest & 31)]
            count += 1
            rest >>= 5
        }
        output[count] = letters[rest]
        return count + 1
    }

    /// Posting lists (format 3) come in two shapes, whichever is shorter:
    /// - sparse: per document ascending, (document-id delta, weight, section);
    /// - dense, starting with ".": a bitmap of all documents, six to a letter (document d is bit
    ///   d % 6 of letter d / 6, the letter's value being the bits), then per set document
    ///   ascending (weight, section).
    /// Documents from `layout.singleSectionFrom` on have one section, so their section is left out.
    /// At 10,000 pages the most common words are in most documents; the bitmap and the missing
    /// sections make their lists about a third shorter, and a first query loads them whole.
    static func appendPostings(_ postings: [EncodedPosting], layout: PostingLayout, to output: inout [UInt8]) {
        var sparseDeltaLength = 0
        var previous = 0
        for posting in postings {
            sparseDeltaLength += varintLength(posting.document - previous)
            previous = posting.document
        }
        let bitmapLength = (layout.documentCount + 5) / 6
        let dense = 1 + bitmapLength < sparseDeltaLength
        alphabet.withUnsafeBufferPointer { letters in
            if dense {
                // Six bits to a byte: a list in most of 20,000 documents clears 3 KB, not 27 KB.
                var bitmap = [UInt8](repeating: 0, count: bitmapLength)
                for posting in postings { bitmap[posting.document / 6] |= 1 << UInt8(posting.document % 6) }
                for index in bitmap.indices { bitmap[index] = letters[Int(bitmap[index])] }
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: bitmap)
            }
            // Letters go to a buffer on the stack and from there to `output` a few hundred at a
            // time: appended one by one, each letter checked the array for sharing and room
            // (all lists together are about as large as the indexed text is long).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: postingBufferSize) { buffer in
                guard let base = buffer.baseAddress else { return }
                var used = 0
                @inline(__always) func put(_ value: Int) { used += writeVarint(value, letters: letters, to: base + used) }
                previous = 0
                for posting in postings {
                    if used > postingBufferSize - 3 * maximumVarintLength {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<used]))
                        used = 0
                    }
                    if !dense { put(posting.document - previous) }
                    put(posting.weight)
                    if posting.document < layout.singleSectionFrom { put(posting.section) }
                    previous = posting.document
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<used]))
            }
        }
    }

    private static let postingBufferSize = 512
    /// Letters of the longest number (five bits a letter).
    private static let maximumVarintLength = (Int.bitWidth + 4) / 5

    /// Reads what `appendPostings` wrote; a truncated list ends at its last whole posting.
    static func decodePostings(_ text: String, layout: PostingLayout) -> [EncodedPosting] {
        let bytes = Array(text.utf8)
        var members: [Int]?
        var valuesStart = 0
        if bytes.first == UInt8(ascii: ".") {
            let bitmapLength = (layout.documentCount + 5) / 6
            var found: [Int] = []
            for letter in 0..<min(bitmapLength, bytes.count - 1) {
                let bits = digitValue(bytes[1 + letter]) ?? 0
                for bit in 0..<6 where bits & (1 << bit) != 0 { found.append(letter * 6 + bit) }
            }
            members = found
            valuesStart = min(bytes.count, 1 + bitmapLength)
        }
        let values = decodeVarints(String(decoding: bytes[valuesStart...], as: UTF8.self))
        var result: [EncodedPosting] = []
        var index = 0
        var document = 0
        var member = 0
        while true {
            if let members {
                guard member < members.count else { break }
                document = members[member]
                member += 1
            } else {
                guard index < values.count else { break }
                document += values[index]
                index += 1
            }
            let hasSection = document < layout.singleSectionFrom
            guard index + (hasSection ? 1 : 0) < values.count else { break }
            result.append(EncodedPosting(document: document, weight: values[index], section: hasSection ? values[index + 1] : 0))
            index += hasSection ? 2 : 1
        }
        return result
    }

    static func varintLength(_ value: Int) -> Int {
        var rest = max(0, value)
        var length = 1
        while rest >= 32 {
            rest >>= 5
            length += 1
        }
        return length
    }

    static func decodeVarints(_ text: String) -> [Int] {
        var values: [Int] = []
        var value = 0
        var shift = 0
        for byte in text.utf8 {
            guard let digit = digitValue(byte) else { continue }
            if digit >= 32 {
                value |= (digit - 32) << shift
                shift += 5
            } else {
                values.append(value | digit << shift)
                value = 0
                shift = 0
            }
        }
        return values
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A")) + 10
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a")) + 36
        case UInt8(ascii: "-"): return 62
        case UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}

/// A tiny deterministic JSON writer (the index must be byte-identical for the same input).
struct JSONWriter {
    var bytes: [UInt8] = []

    init() {}

    /// A writer for an index script file, which registers its JSON under `key` (see
    /// `SearchIndexFormat`): the call's start is written first and the JSON after it, instead
    /// of the JSON being copied into the call (10,000 fragments at 10,000 pages).
    init(registering key: String, reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity + key.utf8.count + 36)
        raw("window.KontorSuche.register(\"")
        raw(key)
        raw("\",")
    }

    /// Ends the registration call (see `init(registering:)`) and returns the file's bytes.
    mutating func finishRegistration() -> [UInt8] {
        raw(");\n")
        return bytes
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `raw` of fixed text, copied as bytes: a fragment writes a dozen of these, 10,000 times.
    mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Escapes on the UTF-8 bytes: quotes, backslash, control characters, "<" (never
    /// "</script" in a script file) and U+2028/U+2029; everything else is copied.
    mutating func string(_ text: String) {
        // A native string is read in place: the copy `withUTF8` needs retained and released
        // it, several times per section of every fragment.
        if text.utf8.withContiguousStorageIfAvailable({ string($0) }) != nil { return }
        var text = text
        text.withUTF8 { string($0) }
    }

    /// `string` of the UTF-8 bytes of a text; runs of bytes that need no escape are copied at once.
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>, suffix: StaticString? = nil) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        Self.escapeCandidates.withUnsafeBufferPointer { candidates in
            while index < utf8.count {
                // Eight bytes a step while none of them may need an escape (almost all text).
                if index + 8 <= utf8.count, let base = utf8.baseAddress,
                   !Self.mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                guard candidates[Int(byte)] else { index += 1; continue }
                let escape: StaticString?
                var length = 1
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case UInt8(ascii: "<"): escape = "\\u003c"
                case 0..<0x20: escape = nil
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                if let escape {
                    escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
                } else {
                    let hex = String(byte, radix: 16)
                    raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                }
                index += length
                runStart = index
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        if let suffix { suffix.withUTF8Buffer { bytes.append(contentsOf: $0) } }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of eight bytes is an escape candidate (see `escapeCandidates`): a control
    /// byte, or one equal to '"', '<', '\\' or 0xE2. Each test is exact for "any byte" (borrows
    /// only reach lanes above one that already matched).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highBits != 0 }
        let control = (word &- 0x20 &* ones) & ~word & highBits != 0
        return control || hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x3C &* ones))
            || hasZeroByte(word ^ (0x5C &* ones)) || hasZeroByte(word ^ (0xE2 &* ones))
    }

    /// Per byte value, whether it may need an escape: controls, '"', '<', '\\' and the lead byte
    /// of U+2028/U+2029. A table, because every byte of every fragment is looked up.
    private static let escapeCandidates: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\\") || byte == 0xE2
    }

    mutating func asciiString(_ ascii: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: ascii)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func stringArray(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
