/// Lower-casing and folding to one canonical spelling: ä/ae → "ae", ö/oe → "oe", ü/ue → "ue",
/// ß/ss → "ss", other Latin accents to their base letter (é → e). Because the umlauts become the
/// digraphs, a query typed with either spelling meets the same indexed term.
/// `assets/search.js` (`foldWord`) mirrors this table.
enum GermanFolding {
    static func fold(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 4)
        bytes.withUnsafeBufferPointer { append(folding: $0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the folded spelling of a UTF-8 word to `output` (no `String` on the Latin-1 path).
    static func append(folding bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let outputStart = output.count
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                index += 1
                continue
            }
            // Anything beyond Latin-1 and ẞ takes the slow, general path (rare in German text).
            guard byte == 0xC3, index + 1 < bytes.count else {
                output.removeSubrange(outputStart...)
                output.append(contentsOf: foldGeneral(String(decoding: bytes, as: UTF8.self)).utf8)
                return
            }
            let scalar = 0xC0 + UInt32(bytes[index + 1] & 0x3F)
            appendFolded(scalar, to: &output)
            index += 2
        }
    }

    static func fold(_ word: String) -> String {
        let bytes = Array(word.utf8)
        return fold(bytes[...])
    }

    /// Unicode lower-casing first (like JavaScript's `toLowerCase`), then the Latin-1 table.
    private static func foldGeneral(_ word: String) -> String {
        var output: [UInt8] = []
        for scalar in word.lowercased().unicodeScalars {
            if scalar.value == 0x1E9E {  // ẞ, capital sharp s
                output.append(contentsOf: [0x73, 0x73])
            } else if scalar.value >= 0xC0 && scalar.value <= 0xFF {
                appendFolded(scalar.value, to: &output)
            } else {
                output.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Folds one scalar of U+00C0…U+00FF.
    private static func appendFolded(_ scalar: UInt32, to output: inout [UInt8]) {
        let lower = (scalar >= 0xC0 && scalar <= 0xDE && scalar != 0xD7) ? scalar + 0x20 : scalar
        switch lower {
        case 0xE4: output.append(contentsOf: [0x61, 0x65])  // ä → ae
        case 0xF6: output.append(contentsOf: [0x6F, 0x65])  // ö → oe
        case 0xFC: output.append(contentsOf: [0x75, 0x65])  // ü → ue
        case 0xDF: output.append(contentsOf: [0x73, 0x73])  // ß → ss
        case 0xE0...0xE3, 0xE5: output.append(0x61)         // à á â ã å
        case 0xE6: output.append(contentsOf: [0x61, 0x65])  // æ
        case 0xE7: output.append(0x63)                      // ç
        case 0xE8...0xEB: output.append(0x65)               // è é ê ë
        case 0xEC...0xEF: output.append(0x69)               // ì í î ï
        case 0xF1: output.append(0x6E)                      // ñ
        case 0xF2...0xF5, 0xF8: output.append(0x6F)         // ò ó ô õ ø
        case 0xF9...0xFB: output.append(0x75)               // ù ú û
        case 0xFD, 0xFF: output.append(0x79)                // ý ÿ
        default: output.append(contentsOf: Array(String(Unicode.Scalar(UInt8(truncatingIfNeeded: lower))).utf8))
        }
    }
}
