/// German-friendly slugs: lower-case, ä→ae ö→oe ü→ue ß→ss, letters and digits kept (also
/// non-Latin ones), every run of anything else becomes one `-`.
enum Slug {
    static func make(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingDash = false
        func append(_ scalars: String) {
            if pendingDash, !result.isEmpty { result.append("-") }
            pendingDash = false
            result.append(contentsOf: scalars.unicodeScalars)
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: append(String(scalar))
            case 0x41...0x5A: append(String(Unicode.Scalar(scalar.value + 32) ?? scalar))
            case 0xE4, 0xC4: append("ae")
            case 0xF6, 0xD6: append("oe")
            case 0xFC, 0xDC: append("ue")
            case 0xDF, 0x1E9E: append("ss")
            case 0..<0x80: pendingDash = true
            default:
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil {
                    append(properties.lowercaseMapping)
                } else if !properties.isDiacritic {
                    pendingDash = true
                }
            }
        }
        return String(result)
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

enum HTMLEscape {
    /// Escapes text for element content and double-quoted attribute values.
    static func escape(_ text: String) -> String {
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
