import KontorDiagnostics

/// How one kind of file names its YAML problems. The site configuration, TOC and front matter
/// speak to the people who write guides, in English like every other build diagnostic; the
/// catalog speaks to the resellers who keep prices and profiles, in German like the rest of its
/// checks.
public struct YAMLErrorWording: Sendable {
    /// Put before libyaml's context and problem ("invalid YAML: ").
    public var syntax: String
    /// Put before the repeated keys.
    public var duplicateKeys: String
    /// Put before what Yams said about anything else.
    public var unreadable: String

    public init(syntax: String, duplicateKeys: String, unreadable: String) {
        self.syntax = syntax
        self.duplicateKeys = duplicateKeys
        self.unreadable = unreadable
    }

    public static let yaml = YAMLErrorWording(syntax: "invalid YAML: ", duplicateKeys: "invalid YAML: duplicate key ",
                                              unreadable: "invalid YAML: ")
}

extension YAMLError {
    /// The error as a diagnostic at the line and column libyaml reported. `firstLine` is the line
    /// of the file where the YAML text begins (front matter starts below its `---`); an error
    /// without a position points there.
    public func diagnostic(path: String, firstLine: Int = 1, wording: YAMLErrorWording = .yaml) -> Diagnostic {
        switch kind {
        case .syntax(let context, let problem):
            let detail = [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .error(wording.syntax + detail, path: path, line: line + firstLine - 1, column: column)
        case .duplicateKeys(let keys):
            return .error(wording.duplicateKeys + keys.joined(separator: ", "), path: path, line: line + firstLine - 1,
                          column: column)
        case .other:
            return .error(wording.unreadable + description, path: path, line: firstLine)
        }
    }
}
