import Foundation
import Testing
import KontorDiagnostics
import KontorSite

/// Determinism and atomicity of the output.
@Suite(.serialized) struct OutputGuaranteeTests {
    @Test func twoBuildsAreByteIdentical() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = SiteBuilder(options: .test(content: Repository.content, output: folder.url.appendingPathComponent("a"))).build()
        let second = SiteBuilder(options: .test(content: Repository.content, output: folder.url.appendingPathComponent("b"))).build()
        try #require(first.succeeded && second.succeeded)
        let a = try folder.snapshot("a")
        let b = try folder.snapshot("b")
        #expect(a.count > 100)
        #expect(a.keys.sorted() == b.keys.sorted())
        let different = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(different.isEmpty, "files differ between two builds: \(different.prefix(5))")
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("# [Start](index.md)\n## [Zwei](zwei.md)\n", to: "content/docs/TOC.md")
        try folder.write("# Start\n\nSiehe [Zwei](zwei.md).\n", to: "content/docs/index.md")
        try folder.write("---\ntitle: Zwei\n---\n# Zwei\n", to: "content/docs/zwei.md")
        let options = BuildOptions.test(content: folder.url.appendingPathComponent("content"), output: folder.url.appendingPathComponent("out"))
        try #require(SiteBuilder(options: options).build().succeeded)
        let before = try folder.snapshot("out")

        try folder.write("---\ntitle: [kaputt\n---\n# Zwei\n", to: "content/docs/zwei.md")
        let failed = SiteBuilder(options: options).build()
        #expect(!failed.succeeded)
        #expect(try folder.snapshot("out") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains("kontor-staging") || $0.contains("kontor-previous") }
        #expect(leftovers.isEmpty, "no staging folder may be left behind: \(leftovers)")
    }
}
