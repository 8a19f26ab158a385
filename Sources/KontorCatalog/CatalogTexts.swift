import Foundation
import KontorDiagnostics
import KontorYAML

/// The German texts of `catalog/angebote.yml`:
///
/// ```yaml
/// valid_from: 2025-01-01          # "Gültig ab" for rows without Effective Start Date
/// guides:                         # link texts of help pages (content/docs/<name>.md)
///   create-a-new-subscription: Erstellen eines neuen Abonnements
/// categories:                     # display order
///   - id: microsoft-365
///     name: Microsoft 365
///     description: Kurzer Einleitungstext.
/// offers:
///   "<Offer ID>":
///     category: microsoft-365
///     summary: Ein Satz für Karten und Suchergebnisse.
///     description: |
///       Absätze, durch Leerzeilen getrennt.
///     features: [Merkmal 1, Merkmal 2]
///     guides: [create-a-new-subscription, assign-licenses-to-users]
/// ```
struct CatalogTexts {
    struct OfferText {
        var category: String
        var categoryLocation: SourceLocation
        var location: SourceLocation
        var summary: String
        var description: [String]
        var features: [String]
        var guides: [(name: String, location: SourceLocation)]
    }

    var categories: [CatalogCategory]
    var offers: [String: OfferText]
    var validFrom: String
    var guideTitles: [String: String]

    static func parse(_ text: String, path: String) -> (texts: CatalogTexts, diagnostics: [Diagnostic]) {
        var file = YAMLFile(path: path)
        var texts = CatalogTexts(categories: [], offers: [:], validFrom: "", guideTitles: [:])
        guard let root = file.root(of: text) else { return (texts, file.diagnostics) }
        for entry in file.mapping(root, known: ["valid_from", "guides", "categories", "offers"], context: path) {
            switch entry.key {
            case "valid_from":
                let raw = file.string(entry.value, context: "valid_from") ?? ""
                if let date = ISODate.normalize(raw) {
                    texts.validFrom = date
                } else {
                    file.error("valid_from „\(raw)“ ist kein Datum (erwartet JJJJ-MM-TT)", at: entry.value)
                }
            case "guides":
                for guide in file.mapping(entry.value, context: "guides") {
                    texts.guideTitles[guideName(guide.key)] = file.string(guide.value, context: "guides.\(guide.key)")
                }
            case "categories":
                texts.categories = parseCategories(entry.value, file: &file)
            default:
                texts.offers = parseOffers(entry.value, file: &file)
            }
        }
        return (texts, file.diagnostics)
    }

    /// `create-a-new-subscription.md` and `create-a-new-subscription` both name the same guide.
    static func guideName(_ text: String) -> String {
        var name = UnicodeText.trimmingWhitespace(Substring(text))
        if name.hasSuffix(".md") { name.removeLast(3) }
        while name.hasPrefix("./") { name.removeFirst(2) }
        return name
    }

    private static func parseCategories(_ node: YAMLNode, file: inout YAMLFile) -> [CatalogCategory] {
        guard let sequence = node.sequence else {
            file.error("categories muss eine Liste sein", at: node)
            return []
        }
        var seen: Set<String> = []
        var categories: [CatalogCategory] = []
        for item in sequence {
            var category = CatalogCategory(id: "", name: "")
            var idNode = item
            for entry in file.mapping(item, known: ["id", "name", "description"], context: "Kategorie") {
                let value = file.string(entry.value, context: "Kategorie.\(entry.key)") ?? ""
                switch entry.key {
                case "id": category.id = value; idNode = entry.value
                case "name": category.name = value
                default: category.description = value
                }
            }
            guard Slug.isValid(category.id) else {
                file.error("Kategorie-id „\(category.id)“ muss aus Kleinbuchstaben, Ziffern und Bindestrichen bestehen",
                           at: idNode)
                continue
            }
            guard seen.insert(category.id).inserted else {
                file.error("Kategorie „\(category.id)“ ist doppelt", at: idNode)
                continue
            }
            if category.name.isEmpty { category.name = category.id }
            categories.append(category)
        }
        return categories
    }

    private static func parseOffers(_ node: YAMLNode, file: inout YAMLFile) -> [String: OfferText] {
        var offers: [String: OfferText] = [:]
        let entries = file.mapping(node, context: "offers")
        offers.reserveCapacity(entries.count)
        for entry in entries {
            let location = file.location(entry.keyNode)
            var offer = OfferText(category: "", categoryLocation: location, location: location, summary: "",
                                  description: [], features: [], guides: [])
            if let fields = file.mappingPairs(entry.value, context: "Angebot „\(entry.key)“") {
                for field in fields {
                    // A switch on the key instead of `mapping(known:)`: no set lookup per field of 10,000 offers.
                    switch field.key.scalar ?? "" {
                    case "category":
                        offer.category = file.string(field.value, context: "category") ?? ""
                        offer.categoryLocation = file.location(field.value)
                    case "summary":
                        offer.summary = file.string(field.value, context: "summary") ?? ""
                    case "description":
                        offer.description = paragraphs(file.string(field.value, context: "description") ?? "")
                    case "features":
                        offer.features = file.strings(field.value, context: "features").map(\.value)
                    case "guides":
                        var seen: Set<String> = []
                        for item in file.strings(field.value, context: "guides") {
                            let name = guideName(item.value)
                            if seen.insert(name).inserted { offer.guides.append((name, file.location(item.node))) }
                        }
                    case let key:
                        file.unknownKey(key, at: field.key, context: "Angebot „\(entry.key)“")
                    }
                }
            }
            offers[entry.key] = offer
        }
        return offers
    }

    /// Splits text at blank lines; lines inside a paragraph are joined with a space.
    static func paragraphs(_ text: String) -> [String] {
        // Lines are found on UTF-8 bytes: splitting Characters costs more than the rest of loading
        // an offer. Only "\r\n" is a Character containing "\n", so text with CR takes the slow way.
        if text.utf8.contains(UInt8(ascii: "\r")) {
            return paragraphs(of: text.split(separator: "\n", omittingEmptySubsequences: false))
        }
        if let result = asciiTrimmedParagraphs(text) { return result }
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        for index in text.utf8.indices where text.utf8[index] == UInt8(ascii: "\n") {
            lines.append(text[start..<index])
            start = text.utf8.index(after: index)
        }
        lines.append(text[start...])
        return paragraphs(of: lines)
    }

    /// `paragraphs` on bytes, for text whose lines do not start or end with non-ASCII white space
    /// (nearly all): then trimming `.whitespaces` means trimming spaces and tabs. Nil otherwise.
    private static func asciiTrimmedParagraphs(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var result: [String] = []
            var paragraph: [UInt8] = []
            var lineStart = 0
            let count = bytes.count
            while lineStart <= count {
                var lineEnd = lineStart
                while lineEnd < count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                var first = lineStart, last = lineEnd
                while first < last, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") { first += 1 }
                while last > first, bytes[last - 1] == UInt8(ascii: " ") || bytes[last - 1] == UInt8(ascii: "\t") { last -= 1 }
                if first < last, startsWithUnicodeSpace(bytes, first, last) || endsWithUnicodeSpace(bytes, first, last) {
                    return nil
                }
                if first == last {
                    if !paragraph.isEmpty { result.append(String(decoding: paragraph, as: UTF8.self)) }
                    paragraph.removeAll(keepingCapacity: true)
                } else {
                    if !paragraph.isEmpty { paragraph.append(UInt8(ascii: " ")) }
                    paragraph.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[first..<last]))
                }
                lineStart = lineEnd + 1
            }
            if !paragraph.isEmpty { result.append(String(decoding: paragraph, as: UTF8.self)) }
            return result
        }
    }

    /// Whether the scalar at `first` (in a line ending before `end`) is non-ASCII white space.
    private static func startsWithUnicodeSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Int, _ end: Int) -> Bool {
        guard bytes[first] >= 0x80 else { return false }
        var next = first + 1
        while next < end, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return isWhitespace(bytes, first..<next)
    }

    /// Whether the scalar ending at `last` (in a line starting at `start`) is non-ASCII white space.
    private static func endsWithUnicodeSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ last: Int) -> Bool {
        guard bytes[last - 1] >= 0x80 else { return false }
        var lead = last - 1
        while lead > start, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        return isWhitespace(bytes, lead..<last)
    }

    private static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).unicodeScalars.first
        return scalar.map { CharacterSet.whitespaces.contains($0) } ?? false
    }

    private static func paragraphs(of lines: [Substring]) -> [String] {
        var result: [String] = []
        var current: [String] = []
        for line in lines {
            let trimmed = UnicodeText.trimmingWhitespace(line)
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }
}
