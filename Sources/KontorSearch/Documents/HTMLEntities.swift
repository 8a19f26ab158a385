/// The HTML entities the renderer and authors actually produce; unknown names stay literal.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "shy": "",
        "ndash": "–", "mdash": "—", "hellip": "…", "bdquo": "„", "ldquo": "“", "rdquo": "”",
        "sbquo": "‚", "lsquo": "‘", "rsquo": "’", "laquo": "«", "raquo": "»", "euro": "€",
        "yen": "¥", "copy": "©", "reg": "®", "trade": "™", "times": "×", "middot": "·", "bull": "•",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "eacute": "é", "egrave": "è", "agrave": "à", "zwnj": "", "zwj": "", "para": "¶", "sect": "§",
        "rarr": "→", "larr": "←",
    ]

    /// Decodes the entity name between '&' and ';' ("amp", "#228", "#xE4").
    static func decode(_ name: String) -> [UInt8]? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return Array(String(scalar).utf8)
        }
        return named[name].map { Array($0.utf8) }
    }

    /// Decodes `amp`, `lt`, `gt` and `quot`, the escapes the Markdown renderer writes into every
    /// page, straight from the bytes of the name; nil for any other name.
    static func decodeMarkupEscape(_ name: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let packed = name.count <= 4 ? name.reduce((value: UInt32(0), shift: UInt32(0))) { result, byte in
            (result.value | UInt32(byte) << result.shift, result.shift + 8)
        }.value : 0
        let escape: StaticString
        switch packed {
        case 0x0070_6D61: escape = "&"   // "amp"
        case 0x0000_746C: escape = "<"   // "lt"
        case 0x0000_7467: escape = ">"   // "gt"
        case 0x746F_7571: escape = "\""  // "quot"
        default: return nil
        }
        return UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount)
    }

    /// Decodes every entity of an attribute value.
    static func decodeAll(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return bytes }
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"),
               let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")),
               let decoded = decode(String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)) {
                output.append(contentsOf: decoded)
                index = semicolon + 1
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
