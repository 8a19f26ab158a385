/// How bad a diagnostic is. Warnings let a build succeed unless `--strict` is given.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A position in an input file. `line` and `column` are 1-based; 0 means "unknown".
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }

    /// `path:line:col`, omitting the parts that are unknown, as compilers print it.
    public var formatted: String {
        var text = path
        if line > 0 {
            text += ":\(line)"
            if column > 0 { text += ":\(column)" }
        }
        return text
    }
}

/// One problem found in the input, printed like a compiler diagnostic:
/// `path:line:col: error: message`.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation?
    public var message: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public static func error(_ message: String, path: String, line: Int = 0, column: Int = 0) -> Diagnostic {
        Diagnostic(.error, message, at: SourceLocation(path: path, line: line, column: column))
    }

    public static func warning(_ message: String, path: String, line: Int = 0, column: Int = 0) -> Diagnostic {
        Diagnostic(.warning, message, at: SourceLocation(path: path, line: line, column: column))
    }

    public var description: String {
        let prefix = location.map { "\($0.formatted): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}

/// Several diagnostics thrown together, e.g. every row error of a price list.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }

    /// Stable order for printing: by file, line, column, then message.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { lhs, rhs in
            let l = lhs.location ?? SourceLocation(path: "")
            let r = rhs.location ?? SourceLocation(path: "")
            if l != r { return l < r }
            return (lhs.severity.rawValue, lhs.message) < (rhs.severity.rawValue, rhs.message)
        }
    }
}
