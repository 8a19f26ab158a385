/// URL- and attribute-safe names: lower-case ASCII letters, digits and single hyphens.
public enum Slug {
    /// `Microsoft 365 Business Basic` → `microsoft-365-business-basic`, `Behörden` → `behoerden`,
    /// `CFQ7TTC0LH18:0001` → `cfq7ttc0lh18-0001`. Built on bytes: it runs once per offer.
    public static func make(_ text: String) -> String {
        // Offer IDs are ASCII: their bytes are their scalars.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return makeFromScalars(text) }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingHyphen, !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                result.append(byte >= UInt8(ascii: "A") ? byte | 0x20 : byte)
            default:
                pendingHyphen = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func makeFromScalars(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        func append(_ bytes: UInt8...) {
            if pendingHyphen, !result.isEmpty { result.append(UInt8(ascii: "-")) }
            pendingHyphen = false
            result.append(contentsOf: bytes)
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": append(UInt8(scalar.value))
            case "A"..."Z": append(UInt8(scalar.value) | 0x20)
            case "ä", "Ä": append(UInt8(ascii: "a"), UInt8(ascii: "e"))
            case "ö", "Ö": append(UInt8(ascii: "o"), UInt8(ascii: "e"))
            case "ü", "Ü": append(UInt8(ascii: "u"), UInt8(ascii: "e"))
            case "ß": append(UInt8(ascii: "s"), UInt8(ascii: "s"))
            default: pendingHyphen = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `text` already is a slug (used to validate ids written by hand in YAML).
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && make(text) == text
    }
}
