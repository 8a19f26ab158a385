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

    /// A guide read back from the cache keeps its HTML and search text as bytes; its page must
    /// still count as unchanged (same inputs), or every rebuild would render every page again.
    @Test func aCachedGuideHasTheInputsOfTheRenderedOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        saveCache(of: 3, to: folder)
        let loaded = MarkdownCache.load(from: folder.url, fingerprint: 42)
        let rendered = document(1)
        let cached = try #require(loaded.entries[rendered.path]).document
        #expect(HelpPages.inputs(of: cached, siteFingerprint: 7) == HelpPages.inputs(of: rendered, siteFingerprint: 7))
        var edited = rendered
        edited.html += " "
        #expect(HelpPages.inputs(of: edited, siteFingerprint: 7) != HelpPages.inputs(of: rendered, siteFingerprint: 7))
    }

    private func chunkFiles(_ folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix("markdown-") }.sorted()
    }

    @Test func aDamagedFileMeansNoCache() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        saveCache(of: 300, to: folder)
        let index = folder.url.appendingPathComponent("markdown.bin")
        let intact = try Data(contentsOf: index)
        #expect(MarkdownCache.load(from: folder.url, fingerprint: 42).isValid)

        // A truncated index, an index with a chunk's size changed, an empty index.
        try intact.dropLast(5).write(to: index)
        #expect(!MarkdownCache.load(from: folder.url, fingerprint: 42).isValid)
        var sizeChanged = intact
        sizeChanged[sizeChanged.count - 1] ^= 0x40
        try sizeChanged.write(to: index)
        #expect(!MarkdownCache.load(from: folder.url, fingerprint: 42).isValid)
        try Data().write(to: index)
        #expect(!MarkdownCache.load(from: folder.url, fingerprint: 42).isValid)

        // A truncated chunk file, and a missing one.
        try intact.write(to: index)
        let chunk = folder.url.appendingPathComponent(try #require(try chunkFiles(folder).first))
        let chunkBytes = try Data(contentsOf: chunk)
        try chunkBytes.dropLast(100).write(to: chunk)
        let loaded = MarkdownCache.load(from: folder.url, fingerprint: 42)
        #expect(!loaded.isValid && loaded.entries.isEmpty)
        try FileManager.default.removeItem(at: chunk)
        #expect(!MarkdownCache.load(from: folder.url, fingerprint: 42).isValid)

        // The next save writes a damaged chunk anew: only files read whole are kept.
        try chunkBytes.dropLast(100).write(to: chunk)
        saveCache(of: 300, to: folder)
        #expect(MarkdownCache.load(from: folder.url, fingerprint: 42).isValid)
    }

    /// A rebuild after one edit writes one chunk file; the others stay as they were, and a
    /// chunk no entry needs any more is removed. Another binary's cache shares no file.
    @Test func onlyChangedChunksAreWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        saveCache(of: 600, to: folder)
        let before = try chunkFiles(folder)
        #expect(before.count == 3)

        var cache = MarkdownCache.load(from: folder.url, fingerprint: 42)
        #expect(cache.wholeChunks.count == 3)
        let edited = document(300)
        cache.entries[edited.path]?.sourceHash = 7_777
        cache.save(to: folder.url)
        let after = try chunkFiles(folder)
        #expect(after.count == 3 && Set(after).intersection(before).count == 2)
        let reloaded = MarkdownCache.load(from: folder.url, fingerprint: 42)
        #expect(reloaded.isValid && reloaded.entries[edited.path]?.sourceHash == 7_777)

        // Fewer entries: the last chunk's file goes.
        for number in 512..<600 { cache.entries[document(number).path] = nil }
        cache.save(to: folder.url)
        #expect(try chunkFiles(folder).count == 2)
        #expect(MarkdownCache.load(from: folder.url, fingerprint: 42).entries.count == 512)

        var other = MarkdownCache.load(from: folder.url, fingerprint: 42)
        other = MarkdownCache(fingerprint: 43, entries: other.entries)
        other.save(to: folder.url)
        #expect(Set(try chunkFiles(folder)).isDisjoint(with: after), "another binary rendered them anew")
    }
}
