import KontorDiagnostics

/// Formats diagnostics for people (compiler style) and for GitHub Actions (workflow commands).
public struct DiagnosticPrinter: Sendable {
    /// Prefix for content paths so they are clickable from the working directory (`content/`).
    public var pathPrefix: String
    public var githubActions: Bool

    public init(pathPrefix: String, githubActions: Bool) {
        self.pathPrefix = pathPrefix.isEmpty || pathPrefix.hasSuffix("/") ? pathPrefix : pathPrefix + "/"
        self.githubActions = githubActions
    }

    public func lines(for diagnostics: [Diagnostic], strict: Bool) -> [String] {
        var lines: [String] = []
        for diagnostic in diagnostics.sortedForDisplay() {
            var shown = diagnostic
            if strict, shown.severity == .warning { shown.severity = .error }
            shown.location?.path = prefixed(shown.location?.path ?? "")
            lines.append(shown.description)
            if githubActions { lines.append(annotation(for: shown)) }
        }
        return lines
    }

    private func prefixed(_ path: String) -> String {
        path.isEmpty || path.hasPrefix("/") ? path : pathPrefix + path
    }

    /// `::error file=…,line=…,col=…::message`, escaped as the workflow command syntax requires.
    func annotation(for diagnostic: Diagnostic) -> String {
        var properties: [String] = []
        if let location = diagnostic.location, !location.path.isEmpty {
            properties.append("file=\(escapeProperty(location.path))")
            if location.line > 0 { properties.append("line=\(location.line)") }
            if location.column > 0 { properties.append("col=\(location.column)") }
        }
        let command = diagnostic.severity == .error ? "error" : "warning"
        let head = properties.isEmpty ? "::\(command)" : "::\(command) \(properties.joined(separator: ","))"
        return "\(head)::\(escapeData(diagnostic.message))"
    }

    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// `3 Fehler, 2 Warnungen` style summary in English like the diagnostics themselves.
    public static func summary(_ diagnostics: [Diagnostic], strict: Bool) -> String {
        let errors = diagnostics.errorCount + (strict ? diagnostics.warningCount : 0)
        let warnings = strict ? 0 : diagnostics.warningCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
