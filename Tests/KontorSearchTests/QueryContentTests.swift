import Foundation
import Testing
@testable import KontorSearch

/// The query table on the project's own guides (content/docs). The Markdown is turned into
/// search documents by a crude converter here (the real pipeline indexes rendered HTML; the
/// browser tests cover that path): front matter title, `##`/`###` sections, markup stripped.
@Suite struct QueryContentTests {
    static let table: [(query: String, typing: Bool, expected: String)] = [
        ("Kennwörter zurücksetzen", false, "reset-a-user-password"),
        ("Kennwoerter", false, "reset-a-user-password"),                  // ö typed as oe, plural
        ("Abonnement aussetzen", false, "suspend-a-subscription"),
        ("Abonement aussetzen", false, "suspend-a-subscription"),          // one typo
        ("Rechnungen herunterladen", false, "read-your-bill"),             // inflected
        ("Kundenliste exportieren", false, "see-your-customer-list"),
        ("Kunden Liste", false, "see-your-customer-list"),                 // split compound
        ("Kundenlitse", false, "see-your-customer-list"),                  // typo in a compound
        ("Lizenzen zuweisen", false, "assign-licenses-to-users"),
        ("Preisaenderungen", false, "see-offers-and-pricing"),             // ä typed as ae
        ("Abstimmungsdatei", false, "use-the-reconciliation-files"),
        ("Abstimmung Dateien", false, "use-the-reconciliation-files"),
        ("Dienstintegritaet", false, "check-service-health"),
        ("Service Anfrage", false, "report-problems-with-partner-center"), // split "Serviceanfrage"
        ("Benutzerkonto anlegen", false, "create-user-accounts-and-set-permissions"),
        ("Vertriebspartnerschaft", false, "request-a-relationship-with-a-customer"),
        ("Registirerung", false, "enrolling-in-the-csp-program"),          // one typo
        ("Betrug melden", false, "non-payment-fraud-or-misuse"),
        ("Kennw", true, "reset-a-user-password"),                          // prefix while typing
        ("Abstimmungsd", true, "use-the-reconciliation-files"),
    ]

    static func contentDirectory() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content/docs")
    }

    static func documents() throws -> [SearchDocument] {
        let directory = contentDirectory()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".md") && $0 != "TOC.md" }.sorted()
        return try names.map { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            return MarkdownToSearchDocument.convert(text, url: "hilfe/" + name.dropLast(3) + ".html")
        }
    }

    @Test func intendedGuideInTopThree() throws {
        let documents = try Self.documents()
        try #require(documents.count >= 10, "content/docs has too few guides yet")
        let evaluator = try SearchQueryEvaluator(files: SearchIndexBuilder.build(documents))
        let urls = Set(documents.map(\.url))
        for (query, typing, expected) in Self.table {
            let target = "hilfe/\(expected).html"
            guard urls.contains(target) else { continue }  // guide not written (yet)
            let hits = evaluator.search(query, typing: typing, limit: 3).map(\.url)
            #expect(hits.contains(target), "\(query) → \(hits)")
        }
    }
}

/// Just enough Markdown handling for the query table.
enum MarkdownToSearchDocument {
    static func convert(_ markdown: String, url: String) -> SearchDocument {
        var lines = markdown.components(separatedBy: "\n")
        var title = ""
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") {
            for line in lines[1..<end] where line.hasPrefix("title:") {
                title = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
            }
            lines = Array(lines[(end + 1)...])
        }
        var sections = [SearchSection(anchor: nil, heading: "", text: "")]
        for line in lines {
            if line.hasPrefix("# ") { continue }
            if line.hasPrefix("## ") || line.hasPrefix("### ") {
                let heading = strip(String(line.drop { $0 == "#" }))
                sections.append(SearchSection(anchor: heading.lowercased().replacingOccurrences(of: " ", with: "-"), heading: heading, text: ""))
            } else if !line.hasPrefix("[!INCLUDE") && !line.hasPrefix(":::") && !line.hasPrefix("| ---") {
                sections[sections.count - 1].text += " " + strip(line)
            }
        }
        return SearchDocument(url: url, title: title, kind: .help, sections: sections)
    }

    private static func strip(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "> [!NOTE]", with: "")
            .replacingOccurrences(of: "> [!TIP]", with: "").replacingOccurrences(of: "> [!IMPORTANT]", with: "")
        if let regex = try? NSRegularExpression(pattern: "\\]\\([^)]*\\)") {
            result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "")
        }
        return result.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "*", with: "")
            .replacingOccurrences(of: "|", with: " ").replacingOccurrences(of: ">", with: "")
            .trimmingCharacters(in: .whitespaces)
    }
}
