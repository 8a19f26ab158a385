import Foundation
import Testing
@testable import KontorSearch

/// Writes a tiny site (fixture pages + index + search assets) for the browser tests while the
/// real `kontor build` is not available: `KONTOR_SEARCH_FIXTURE_SITE=DIR swift test --filter
/// FixtureSiteWriter`, then `Tests/browser/run.sh DIR`.
@Suite struct FixtureSiteWriter {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KONTOR_SEARCH_FIXTURE_SITE"] != nil))
    func writeSite() throws {
        let output = URL(fileURLWithPath: ProcessInfo.processInfo.environment["KONTOR_SEARCH_FIXTURE_SITE"] ?? "")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files = SearchIndexBuilder.build(SearchFixture.documents)
        for page in SearchFixture.pages {
            files.append((page.url, Array(Self.page(title: page.title, body: page.html, depth: page.url.split(separator: "/").count - 1).utf8)))
        }
        files.append(("suche.html", Array(Self.page(title: "Suche", body: """
        <h1>Suche</h1><form role="search" action="suche.html"><input type="search" id="suche-eingabe" name="q"></form>
        <div id="suchergebnisse" aria-live="polite"></div>
        """, depth: 0).utf8)))
        for asset in ["search.js", "search.css"] {
            let data = try Data(contentsOf: repository.appendingPathComponent("templates/default/assets/\(asset)"))
            files.append(("assets/\(asset)", Array(data)))
        }
        for file in files {
            let url = output.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents).write(to: url)
        }
    }

    static func page(title: String, body: String, depth: Int) -> String {
        let root = String(repeating: "../", count: depth)
        return """
        <!DOCTYPE html>
        <html lang="de"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
        <title>\(title)</title>
        <script src="\(root)assets/search.js" defer data-root="\(root)"></script>
        </head><body>
        <header><form class="kopf-suche" role="search" action="\(root)suche.html" method="get">
        <input type="search" name="q" class="suchfeld" autocomplete="off" aria-label="Suchen">
        <button type="submit">Suchen</button></form></header>
        <main><h1>\(title)</h1>
        \(body)
        </main></body></html>
        """
    }
}
