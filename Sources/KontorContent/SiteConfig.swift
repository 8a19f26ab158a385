import Foundation
import KontorDiagnostics
import KontorYAML
import Yams

/// Site-wide settings from `content/kontor.yml`. Every key is optional, so a plain folder of
/// DocFX Markdown builds with these defaults.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var description: String
    public var language: String
    public var theme: String
    /// Strip raw HTML and script URLs from guides (for content from untrusted authors).
    public var safe: Bool

    public init(
        title: String = "Hilfe und Katalog",
        description: String = "",
        language: String = "de-DE",
        theme: String = "default",
        safe: Bool = false
    ) {
        self.title = title
        self.description = description
        self.language = language
        self.theme = theme
        self.safe = safe
    }

    /// Reads `kontor.yml` from the content folder; a missing file gives the defaults.
    public static func load(contentRoot: URL) throws(DiagnosticError) -> SiteConfig {
        let path = "kontor.yml"
        let file = contentRoot.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: file.path) else { return SiteConfig() }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw DiagnosticError(.error("cannot read site configuration: \(error.localizedDescription)", path: path))
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(DiagnosticError) -> SiteConfig {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw DiagnosticError(YAMLError(error).diagnostic(path: path))
        }
        var config = SiteConfig()
        guard let mapping = node?.mapping else { return config }
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            let line = keyNode.mark.map { $0.line } ?? 0
            switch key {
            case "title": config.title = try string(valueNode, key: key, path: path, line: line)
            case "description": config.description = try string(valueNode, key: key, path: path, line: line)
            case "language": config.language = try string(valueNode, key: key, path: path, line: line)
            case "theme": config.theme = try string(valueNode, key: key, path: path, line: line)
            case "safe":
                guard let flag = valueNode.bool else {
                    throw DiagnosticError(.error("expected true or false for 'safe'", path: path, line: line))
                }
                config.safe = flag
            default:
                continue
            }
        }
        guard config.theme.isSafePathComponent else {
            throw DiagnosticError(.error("theme name '\(config.theme)' must be a plain folder name", path: path))
        }
        return config
    }

    private static func string(_ node: Node, key: String, path: String, line: Int) throws(DiagnosticError) -> String {
        guard let value = node.string else {
            throw DiagnosticError(.error("expected text for '\(key)'", path: path, line: line))
        }
        return value
    }
}

extension String {
    /// A single path component that cannot climb out of its folder (`..`, `/`, `\`, empty).
    public var isSafePathComponent: Bool {
        !isEmpty && self != "." && self != ".." && !contains("/") && !contains("\\") && !contains("\0")
    }
}
