import Foundation
import KontorDiagnostics
import KontorYAML

/// Reads YAML into `YAMLNode`s so every value keeps its line and column for diagnostics.
struct YAMLFile {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    /// Parses the text; a syntax error becomes a diagnostic with libyaml's position.
    mutating func root(of text: String) -> YAMLNode? {
        do {
            return try YAMLReader.parse(text)
        } catch {
            diagnostics.append(error.diagnostic(path: path, wording: Self.yamlWording))
            return nil
        }
    }

    private static let yamlWording = YAMLErrorWording(
        syntax: "YAML-Syntaxfehler: ", duplicateKeys: "Doppelter Schlüssel: ", unreadable: "YAML kann nicht gelesen werden: ")

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(path: path, line: node.line, column: node.column)
    }

    mutating func error(_ message: String, at node: YAMLNode) {
        diagnostics.append(Diagnostic(.error, message, at: location(node)))
    }

    mutating func warning(_ message: String, at node: YAMLNode) {
        diagnostics.append(Diagnostic(.warning, message, at: location(node)))
    }

    /// The entries of a mapping with string keys, in file order; reports keys not in `known`.
    mutating func mapping(_ node: YAMLNode, known: Set<String>? = nil,
                          context: @autoclosure () -> String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let mapping = mappingPairs(node, context: context()) else { return [] }
        var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        entries.reserveCapacity(mapping.count)
        for pair in mapping {
            let key = pair.key.scalar ?? ""
            if let known, !known.contains(key) {
                unknownKey(key, at: pair.key, context: context())
                continue
            }
            entries.append((key, pair.key, pair.value))
        }
        return entries
    }

    /// The pairs of a mapping; reports a scalar or sequence where a mapping belongs (an empty
    /// value reads as an empty mapping).
    mutating func mappingPairs(_ node: YAMLNode, context: @autoclosure () -> String) -> [YAMLPair]? {
        guard let mapping = node.mapping else {
            if node.scalar?.isEmpty == false || node.sequence != nil {
                error("\(context()) muss eine Zuordnung (Schlüssel: Wert) sein", at: node)
            }
            return nil
        }
        return mapping
    }

    mutating func unknownKey(_ key: String, at node: YAMLNode, context: @autoclosure () -> String) {
        warning("Unbekannter Schlüssel „\(key)“ in \(context()) wird ignoriert", at: node)
    }

    /// A scalar as text (numbers and dates as written); reports sequences and mappings.
    mutating func string(_ node: YAMLNode, context: @autoclosure () -> String) -> String? {
        guard let scalar = node.scalar else {
            error("\(context()) muss ein einzelner Wert sein", at: node)
            return nil
        }
        return UnicodeText.trimmingWhitespaceAndNewlines(scalar)
    }

    /// A list of scalars; a single scalar counts as a one-element list.
    mutating func strings(_ node: YAMLNode, context: @autoclosure () -> String) -> [(value: String, node: YAMLNode)] {
        if let scalar = node.scalar {
            return scalar.isEmpty ? [] : [(scalar, node)]
        }
        guard let sequence = node.sequence else {
            error("\(context()) muss eine Liste sein", at: node)
            return []
        }
        return sequence.compactMap { item in
            string(item, context: context()).map { ($0, item) }
        }
    }

    /// A signed decimal number (percentages, rates) parsed from its text, never via Double.
    mutating func decimal(_ node: YAMLNode, context: String) -> Decimal? {
        guard let text = string(node, context: context) else { return nil }
        let withoutPercent = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = DecimalText.parseSigned(withoutPercent) else {
            error("\(context): „\(text)“ ist keine Zahl (erwartet z. B. 12 oder -7.5)", at: node)
            return nil
        }
        return value
    }
}

/// Trimming without Foundation's `NSString` round trip, which dominated loading 10,000 offers.
enum UnicodeText {
    /// Same result as `trimmingCharacters(in: .whitespacesAndNewlines)`.
    static func trimmingWhitespaceAndNewlines(_ text: String) -> String {
        // Most values need no trimming: then the string itself is the result, not a copy.
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
           !isASCIIBlank(Unicode.Scalar(first)), !isASCIIBlank(Unicode.Scalar(last)) {
            return text
        }
        return trimming(Substring(text), CharacterSet.whitespacesAndNewlines)
    }

    /// Same result as `trimmingCharacters(in: .whitespaces)`.
    static func trimmingWhitespace(_ text: Substring) -> String {
        trimming(text, CharacterSet.whitespaces)
    }

    private static func trimming(_ text: Substring, _ set: CharacterSet) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        // Most values need no trimming: check the two ends before walking anything.
        if first.isASCII, last.isASCII, !isASCIIBlank(first), !isASCIIBlank(last) { return String(text) }
        guard let start = scalars.firstIndex(where: { !set.contains($0) }),
              let end = scalars.lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(scalars[start...end])
    }

    /// ASCII members of `.whitespacesAndNewlines`: space, tab, LF, VT, FF, CR.
    private static func isASCIIBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || (0x09...0x0D).contains(scalar.value)
    }
}
