import Foundation
@testable import KontorRender

/// A throw-away `templates/` folder for one test, removed when the test ends.
final class TemplateFixture {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("kontor-render-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent("templates", isDirectory: true)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }
}

extension TemplateSet {
    /// `render` as text, for assertions.
    func renderText(_ template: String, context: [String: TemplateValue]) throws -> String {
        String(decoding: try render(template, context: context), as: UTF8.self)
    }
}
