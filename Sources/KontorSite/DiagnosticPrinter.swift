import KontorDiagnostics

/// Formats diagnostics for people (compiler style) and for GitHub Actions (workflow commands).
public struct DiagnosticPrinter: Sendable {
    /// Prefix for content paths so they are clickable from the working directory (`content/`).
    public var pathPrefix: String
    public var githubActions: Bool
    /// Paths starting with one of these folders are not content paths (e.g. `templates/…`).
    public var unprefixedFolders: [String]

    public init(pathPrefix: String, githubActions: Bool, unprefixedFolders: [String] = []) {
        self.pathPrefix = pathPrefix.isEmpty || pathPrefix.hasSuffix("/") ? pathPrefix : pathPrefix + "/"
        self.githubActions = githubActions
        self.unprefixedFolders = unprefixedFolders.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// One line per distinct diagnostic (a template error repeats for every page using it).
    public func lines(for diagnostics: [Diagnostic], strict: Bool) -> [String] {
        var lines: [String] = []
        var seen = Set<Diagnostic>()
        for diagnostic in diagnostics.sortedForDisplay() where seen.insert(diagnostic).inserted {
            var shown = diagnostic
            if strict, shown.severity == .warning { shown.severity = .error }
            if let path = shown.location?.path { shown.location?.path = prefixed(path) }
            lines.append(shown.description)
            if githubActions { lines.append(annotation(for: shown)) }
        }
        return lines
    }

    private func prefixed(_ path: String) -> String {
        if path.isEmpty || path.hasPrefix("/") || unprefixedFolders.contains(where: path.hasPrefix) { return path }
        return pathPrefix + path
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

    /// `3 errors, 2 warnings`, counting each distinct diagnostic once.
    public static func summary(_ diagnostics: [Diagnostic], strict: Bool) -> String {
        let diagnostics = Array(Set(diagnostics))
        let errors = diagnostics.errorCount + (strict ? diagnostics.warningCount : 0)
        let warnings = strict ? 0 : diagnostics.warningCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
