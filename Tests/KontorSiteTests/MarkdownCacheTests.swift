import Foundation
import KontorMarkdown
import KontorSearch
import Testing
@testable import KontorSite

@Suite struct MarkdownCacheTests {
    private func document(_ number: Int) -> MarkdownDocument {
        MarkdownDocument(
            path: "docs/g\(number % 7)/seite-\(number).md",
            frontMatter: FrontMatter(title: number % 2 == 0 ? "Übersicht \(number)" : nil, metadata: ["ms.topic": "article"]),
            title: "Übersicht \(number)", html: "<h1>Übersicht \(number)</h1>\n<p>Text &amp; mehr</p>\n",
            headings: [Heading(level: 2, text: "Größe", id: "groesse-\(number)")], anchorIDs: ["groesse-\(number)"],
            links: ["a.md#b"], includes: number % 3 == 0 ? ["docs/includes/teil.md"] : [])
    }

    private func searchDocument(_ number: Int) -> SearchDocument {
        SearchDocument(url: "hilfe/g\(number % 7)/seite-\(number).html", title: "Übersicht \(number)", kind: .help, sections: [
            SearchSection(anchor: nil, heading: "", text: "Text & mehr \(number)"),
            SearchSection(anchor: "groesse-\(number)", heading: "Größe", text: ""),
        ])
    }

    /// A cache of `count` generated guides saved into `folder`.
    private func saveCache(of count: Int, to folder: TemporaryFolder) {
        var cache = MarkdownCache(fingerprint: 42)
        for number in 0..<count {
            let document = document(number)
            cache.entries[document.path] = MarkdownCache.Entry(
                sourceHash: UInt64(number), includeHashes: document.includes.map { ($0, 9) }, document: document,
                searchDocument: searchDocument(number))
        }
        cache.save(to: folder.url)
    }

    /// More entries than fit one chunk, so the parallel decoding of several chunks is covered.
    @Test func entriesComeBackFromSeveralChunks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        saveCache(of: 600, to: folder)

        let loaded = MarkdownCache.load(from: folder.url, fingerprint: 42)
        #expect(loaded.isValid)
        #expect(loaded.entries.count == 600)
        for number in [0, 255, 256, 257, 511, 599] {
            let expected = document(number)
            let entry = try #require(loaded.entries[expected.path])
            #expect(entry.sourceHash == UInt64(number))
            #expect(entry.document.title == expected.title && entry.document.html == expected.html)
            #expect(entry.document.frontMatter == expected.frontMatter && entry.document.headings == expected.headings)
            #expect(entry.document.anchorIDs == expected.anchorIDs && entry.document.links == expected.links)
            #expect(entry.includeHashes.map(\.path) == expected.includes)
            #expect(entry.searchDocument == searchDocument(number))
        }
        #expect(!MarkdownCache.load(from: folder.url, fingerprint: 43).isValid, "another binary's cache is not used")
    }

    @Test func aDamagedFileMeansNoCache() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        saveCache(of: 300, to: folder)
        let file = folder.url.appendingPathComponent("markdown.bin")
        var bytes = try Data(contentsOf: file)
        bytes.removeLast(100)
        try bytes.write(to: file)
        let loaded = MarkdownCache.load(from: folder.url, fingerprint: 42)
        #expect(!loaded.isValid && loaded.entries.isEmpty)

        // A chunk length that points far past the end, and an empty file.
        var header = try Data(contentsOf: file).prefix(32)
        header.append(contentsOf: [UInt8](repeating: 0x7F, count: 8) + [UInt8](repeating: 0xAB, count: 64))
        try header.write(to: file)
        #expect(!MarkdownCache.load(from: folder.url, fingerprint: 42).isValid)
        try Data().write(to: file)
        #expect(!MarkdownCache.load(from: folder.url, fingerprint: 42).isValid)
    }
}
