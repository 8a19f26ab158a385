/// URL- and attribute-safe names: lower-case ASCII letters, digits and single hyphens.
public enum Slug {
    /// `Microsoft 365 Business Basic` → `microsoft-365-business-basic`, `Behörden` → `behoerden`,
    /// `CFQ7TTC0LH18:0001` → `cfq7ttc0lh18-0001`.
    public static func make(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        func append(_ piece: String) {
            if pendingHyphen, !result.isEmpty { result.append("-") }
            pendingHyphen = false
            result.append(piece)
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": append(String(scalar))
            case "A"..."Z": append(String(scalar).lowercased())
            case "ä", "Ä": append("ae")
            case "ö", "Ö": append("oe")
            case "ü", "Ü": append("ue")
            case "ß": append("ss")
            default: pendingHyphen = true
            }
        }
        return result
    }

    /// Whether `text` already is a slug (used to validate ids written by hand in YAML).
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && make(text) == text
    }
}
