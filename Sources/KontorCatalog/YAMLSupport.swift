import Foundation
import KontorDiagnostics
import Yams

/// Reads YAML through Yams' node tree so every value keeps its line and column for diagnostics.
struct YAMLFile {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    /// Parses the text; a syntax error becomes a diagnostic with Yams' position.
    mutating func root(of text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diagnostics.append(syntaxDiagnostic(error))
        } catch {
            diagnostics.append(.error("YAML kann nicht gelesen werden: \(error)", path: path, line: 1))
        }
        return nil
    }

    private func syntaxDiagnostic(_ error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return .error("YAML-Syntaxfehler: \(problem)", path: path, line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("Doppelter Schlüssel: \(duplicates.joined(separator: ", "))", path: path,
                          line: context.mark.line, column: context.mark.column)
        default:
            return .error("YAML kann nicht gelesen werden: \(error)", path: path, line: 1)
        }
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(path: path, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    mutating func error(_ message: String, at node: Node) {
        diagnostics.append(Diagnostic(.error, message, at: location(node)))
    }

    mutating func warning(_ message: String, at node: Node) {
        diagnostics.append(Diagnostic(.warning, message, at: location(node)))
    }

    /// The entries of a mapping with string keys, in file order; reports keys not in `known`.
    mutating func mapping(_ node: Node, known: Set<String>? = nil, context: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let mapping = node.mapping else {
            if node.scalar?.string.isEmpty == false || node.sequence != nil {
                error("\(context) muss eine Zuordnung (Schlüssel: Wert) sein", at: node)
            }
            return []
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            if let known, !known.contains(key) {
                warning("Unbekannter Schlüssel „\(key)“ in \(context) wird ignoriert", at: keyNode)
                continue
            }
            entries.append((key, keyNode, value))
        }
        return entries
    }

    /// A scalar as text (numbers and dates as written); reports sequences and mappings.
    mutating func string(_ node: Node, context: String) -> String? {
        guard let scalar = node.scalar else {
            error("\(context) muss ein einzelner Wert sein", at: node)
            return nil
        }
        return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A list of scalars; a single scalar counts as a one-element list.
    mutating func strings(_ node: Node, context: String) -> [(value: String, node: Node)] {
        if let scalar = node.scalar {
            return scalar.string.isEmpty ? [] : [(scalar.string, node)]
        }
        guard let sequence = node.sequence else {
            error("\(context) muss eine Liste sein", at: node)
            return []
        }
        return sequence.compactMap { item in
            string(item, context: context).map { ($0, item) }
        }
    }

    /// A signed decimal number (percentages, rates) parsed from its text, never via Double.
    mutating func decimal(_ node: Node, context: String) -> Decimal? {
        guard let text = string(node, context: context) else { return nil }
        let withoutPercent = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = DecimalText.parseSigned(withoutPercent) else {
            error("\(context): „\(text)“ ist keine Zahl (erwartet z. B. 12 oder -7.5)", at: node)
            return nil
        }
        return value
    }
}
