import Testing
import KontorContent
import KontorDiagnostics

@Suite struct NavigationTests {
    private func entry(_ title: String, _ href: String?, _ children: [TOCEntry] = []) -> TOCEntry {
        TOCEntry(title: title, href: href, children: children, location: SourceLocation(path: "TOC.md"))
    }

    /// The seed TOC lists one page twice; order, neighbours and breadcrumbs use its first place.
    @Test func pageListedTwiceUsesFirstPlace() {
        let toc = [entry("Start", "index.md", [
            entry("Preise", "prices.md"),
            entry("Konto", "account.md", [entry("Preise nochmal", "prices.md"), entry("Katalog", "catalog.md")]),
        ])]
        let pages = ["account.md", "catalog.md", "index.md", "prices.md", "orphan.md"]
        let navigation = Navigation(toc: toc, pages: pages)
        #expect(navigation.order == ["index.md", "prices.md", "account.md", "catalog.md", "orphan.md"])
        #expect(navigation.previous(of: "index.md") == nil)
        #expect(navigation.next(of: "prices.md") == "account.md")
        #expect(navigation.previous(of: "catalog.md") == "account.md")
        #expect(navigation.next(of: "orphan.md") == nil)
        #expect(navigation.breadcrumbs(of: "prices.md").map(\.title) == ["Start", "Preise"])
        #expect(navigation.breadcrumbs(of: "catalog.md").map(\.title) == ["Start", "Konto", "Katalog"])
        #expect(navigation.breadcrumbs(of: "orphan.md").isEmpty)
        #expect(navigation.title(of: "prices.md") == "Preise")
    }

    @Test func entriesForMissingPagesAreNotInReadingOrder() {
        let navigation = Navigation(toc: [entry("A", "a.md"), entry("Weg", "gone.md"), entry("Gruppe", nil)], pages: ["a.md"])
        #expect(navigation.order == ["a.md"])
        #expect(navigation.nodes.count == 3)
    }
}
