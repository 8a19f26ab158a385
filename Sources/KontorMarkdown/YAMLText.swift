/// Line-level pieces of YAML that the simple readers accept, each exactly as libyaml reads it.
/// The same file is in KontorContent and KontorMarkdown (they share no module that could hold
/// it); keep the two copies identical.
enum YAMLText {
    /// Longest key accepted; libyaml rejects simple keys over 1024 characters.
    static let maximumKeyLength = 1000

    /// Only characters libyaml reads as printable and no line breaks other than LF: no tabs
    /// (indentation rules), controls, DEL, C1 controls or NEL, no U+2028/U+2029 (line breaks
    /// to YAML 1.1), no BOM, U+FFFE or U+FFFF; and valid UTF-8.
    static func isPrintable(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F { return false }
                index += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: index, end: end) else { return false }
            let second = bytes[index + 1]
            let third = length > 2 ? bytes[index + 2] : 0
            if byte == 0xC2, second < 0xA0 { return false }
            if byte == 0xE2, second == 0x80, third == 0xA8 || third == 0xA9 { return false }
            if byte == 0xEF, second == 0xBB, third == 0xBF { return false }
            if byte == 0xEF, second == 0xBF, third == 0xBE || third == 0xBF { return false }
            index += length
        }
        return true
    }

    /// Length of the valid UTF-8 sequence at `index`, nil when it is not one.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return nil
        }
        guard index + length <= end, (lower...upper).contains(bytes[index + 1]) else { return nil }
        for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// `key: value` or `key:` filling `range`: the key of letters, digits, `_`, `.`, `-`, `/`
    /// (starting with a letter, digit or `_`) and its scalar value, nil when empty. Returns nil
    /// for anything else.
    static func keyValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (key: String, value: String?)? {
        guard range.lowerBound < range.upperBound, isKeyStart(bytes[range.lowerBound]) else { return nil }
        var colon = range.lowerBound + 1
        while colon < range.upperBound, isKeyByte(bytes[colon]) { colon += 1 }
        guard colon - range.lowerBound <= maximumKeyLength, colon < range.upperBound, bytes[colon] == UInt8(ascii: ":"),
              colon + 1 == range.upperBound || bytes[colon + 1] == UInt8(ascii: " ")
        else { return nil }
        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<colon]), as: UTF8.self)
        var valueStart = colon + 1
        while valueStart < range.upperBound, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        if valueStart == range.upperBound { return (key, nil) }
        guard let value = scalar(bytes, valueStart..<range.upperBound) else { return nil }
        return (key, value)
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }

    /// A scalar filling `range` (which starts with no space): plain, or quoted without escapes
    /// and with nothing but spaces after the closing quote. Nil for anything else.
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        let lead = bytes[range.lowerBound]
        if lead == UInt8(ascii: "\"") || lead == UInt8(ascii: "'") { return quoted(bytes, range, quote: lead) }
        guard !isIndicator(lead) else { return nil }
        var last = range.lowerBound
        for cursor in range {
            let byte = bytes[cursor]
            // `: ` would start a mapping, ` #` a comment.
            if byte == UInt8(ascii: ":"), cursor + 1 == range.upperBound || bytes[cursor + 1] == UInt8(ascii: " ") { return nil }
            if byte == UInt8(ascii: "#"), bytes[cursor - 1] == UInt8(ascii: " ") { return nil }
            if byte != UInt8(ascii: " ") { last = cursor }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound...last]), as: UTF8.self)
    }

    private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, quote: UInt8) -> String? {
        var close = range.lowerBound + 1
        while close < range.upperBound, bytes[close] != quote {
            if bytes[close] == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { return nil }
            close += 1
        }
        guard close < range.upperBound else { return nil }
        var after = close + 1
        while after < range.upperBound, bytes[after] == UInt8(ascii: " ") { after += 1 }
        guard after == range.upperBound else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<close]), as: UTF8.self)
    }

    /// Characters that cannot start a plain scalar, or that need a lookahead left to Yams
    /// (`-`, `?`, `:`).
    private static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }
}
