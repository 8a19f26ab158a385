/// German-friendly slugs: lower-case, ä→ae ö→oe ü→ue ß→ss, letters and digits kept (also
/// non-Latin ones), every run of anything else becomes one `-`.
enum Slug {
    static func make(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var pendingDash = false
        func append<S: Sequence<UInt8>>(_ bytes: S) {
            if pendingDash, !result.isEmpty { result.append(UInt8(ascii: "-")) }
            pendingDash = false
            result.append(contentsOf: bytes)
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: append(CollectionOfOne(UInt8(scalar.value)))
            case 0x41...0x5A: append(CollectionOfOne(UInt8(scalar.value + 32)))
            case 0xE4, 0xC4: append("ae".utf8)
            case 0xF6, 0xD6: append("oe".utf8)
            case 0xFC, 0xDC: append("ue".utf8)
            case 0xDF, 0x1E9E: append("ss".utf8)
            case 0..<0x80: pendingDash = true
            default:
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil {
                    append(properties.lowercaseMapping.utf8)
                } else if !properties.isDiacritic {
                    pendingDash = true
                }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Hands out ids that are unique within one page: `x`, `x-1`, `x-2`, …
struct IDRegistry {
    private(set) var ordered: [String] = []
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    /// Records an id the author wrote (legacy anchors, raw HTML); duplicates are kept once.
    mutating func reserve(_ id: String) {
        guard !id.isEmpty, used.insert(id).inserted else { return }
        ordered.append(id)
    }

    /// A new id derived from `base` that no earlier id of the page uses.
    mutating func unique(_ base: String, fallback: String) -> String {
        let stem = base.isEmpty ? fallback : base
        guard used.contains(stem) else {
            reserve(stem)
            return stem
        }
        // Remember the last suffix per stem so that many equal headings stay linear.
        var candidate = stem
        var suffix = nextSuffix[stem] ?? 0
        while used.contains(candidate) {
            suffix += 1
            candidate = "\(stem)-\(suffix)"
        }
        nextSuffix[stem] = suffix
        reserve(candidate)
        return candidate
    }
}

/// HTML escaping shared by the Markdown extensions and the site's generated navigation.
public enum HTMLEscape {
    /// Escapes text for element content and double-quoted attribute values.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
