import Foundation
import KontorDiagnostics
import Testing
@testable import KontorMarkdown

/// Paths and helpers shared by the Markdown tests.
enum TestSupport {
    /// The golden fixtures, copied as a resource folder.
    static var fixtures: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        }
    }

    /// `…/main` — the checkout this test file lives in.
    static func repositoryRoot(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // KontorMarkdownTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // main
    }

    /// `../shared` beside the checkout (conformance data and the test corpus).
    static var shared: URL {
        repositoryRoot().deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// Renders `source` as `docs/page.md` in an empty content root.
    static func render(_ source: String, path: String = "docs/page.md", safe: Bool = false) -> MarkdownDocument {
        MarkdownRenderer(contentRoot: URL(fileURLWithPath: "/nonexistent-kontor-root"), options: MarkdownOptions(safe: safe))
            .render(source: source, path: path)
    }

    /// A fresh content folder with the given files; removed when `body` returns.
    static func withContent<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-md-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return try body(root)
    }

    /// Collapses whitespace between tags and runs of whitespace, as the GFM spec tests do.
    static func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: #">\s+<"#, with: "><", options: .regularExpression)
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension MarkdownDocument {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
