/// `%xx` escapes of URL parts, decoded on UTF-8 bytes. The link checker and the server need
/// different answers for malformed input, so both policies live here side by side.
public enum PercentDecoding {
    /// Nil for a malformed escape or for bytes that are not UTF-8: a server refuses such paths.
    public static func strict(_ text: Substring) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        return decode(text, keepingMalformed: false).flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// Malformed escapes stay as written and invalid UTF-8 is repaired: the link checker compares
    /// what a browser would ask for and must not stop at odd links.
    public static func lenient(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        return String(decoding: decode(text, keepingMalformed: true) ?? Array(text.utf8), as: UTF8.self)
    }

    private static func decode(_ text: Substring, keepingMalformed: Bool) -> [UInt8]? {
        let source = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            let byte = source[index]
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                index += 1
                continue
            }
            if index + 2 < source.count, let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else if keepingMalformed {
                bytes.append(byte)
                index += 1
            } else {
                return nil
            }
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
