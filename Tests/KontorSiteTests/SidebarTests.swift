import KontorContent
import KontorDiagnostics
import Testing
@testable import KontorSite

@Suite struct SidebarTests {
    private let here = SourceLocation(path: "docs/TOC.yml", line: 1, column: 1)

    private func sidebar(_ toc: [TOCEntry], pages: [String]) -> Sidebar {
        let navigation = Navigation(toc: toc, pages: pages)
        let known = Set(pages)
        return Sidebar(navigation: navigation) { known.contains($0) ? OutputPath.forGuide($0) : nil }
    }

    @Test func writesEveryKindOfEntryEscapedAndRelativeToThePage() {
        let toc = [
            TOCEntry(title: "Start", href: "index.md", location: here),
            TOCEntry(title: "Konto & Rechnung", children: [
                TOCEntry(title: "Rechnung", href: "konto/rechnung.md", fragment: "a&b", location: here),
                TOCEntry(title: "Partner's Seite", href: "it's/seite.md", location: here),
                TOCEntry(title: "Fehlt", href: "konto/fehlt.md", location: here),
                TOCEntry(title: "Extern", href: "https://example.com/?a=1&b=2", location: here),
            ], location: here),
            TOCEntry(title: "Noch einmal Rechnung", href: "konto/rechnung.md", location: here),
        ]
        let pages = ["index.md", "konto/rechnung.md", "it's/seite.md"]
        let html = sidebar(toc, pages: pages).html(forPage: "konto/rechnung.md", at: OutputPath.forGuide("konto/rechnung.md"))
        let expected = "<ul><li><a href=\"../index.html\">Start</a></li>"
            + "<li class=\"nav-group nav-open nav-active\"><span class=\"nav-heading\">Konto &amp; Rechnung</span><ul>"
            + "<li class=\"nav-active\"><a href=\"rechnung.html#a&amp;b\" aria-current=\"page\">Rechnung</a></li>"
            + "<li><a href=\"../it&#39;s/seite.html\">Partner&#39;s Seite</a></li>"
            + "<li><span class=\"nav-missing\">Fehlt</span></li>"
            + "<li><a href=\"https://example.com/?a=1&amp;b=2\" rel=\"noopener\">Extern</a></li></ul></li>"
            + "<li><a href=\"rechnung.html\" class=\"nav-current-again\">Noch einmal Rechnung</a></li></ul>"
        #expect(html == expected)
        let fromOtherFolder = sidebar(toc, pages: pages).html(forPage: "it's/seite.md", at: OutputPath.forGuide("it's/seite.md"))
        #expect(fromOtherFolder.contains("<a href=\"seite.html\" aria-current=\"page\">Partner&#39;s Seite</a>"))
        #expect(fromOtherFolder.contains("<a href=\"../konto/rechnung.html#a&amp;b\">Rechnung</a>"))
    }

    @Test func largeTablesOfContentsOpenOnlyThePathOfThePage() {
        let groups = (0..<30).map { group in
            TOCEntry(title: "Gruppe \(group)", children: (0..<10).map { page in
                TOCEntry(title: "Seite \(group)-\(page)", href: "g\(group)/s\(page).md", location: here)
            }, location: here)
        }
        let pages = (0..<30).flatMap { group in (0..<10).map { "g\(group)/s\($0).md" } }
        let html = sidebar(groups, pages: pages).html(forPage: "g7/s3.md", at: OutputPath.forGuide("g7/s3.md"))
        #expect(html.components(separatedBy: "<li class=\"nav-group\">").count - 1 == 29)
        #expect(html.components(separatedBy: "<a href=").count - 1 == 10)
        #expect(html.contains("<a href=\"s3.html\" aria-current=\"page\">Seite 7-3</a>"))
        #expect(!html.contains("Seite 8-0"))
    }
}
