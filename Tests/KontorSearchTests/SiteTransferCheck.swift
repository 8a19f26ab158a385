import Foundation
import Testing
@testable import KontorSearch

/// Size check on a built site, not a timed test: `KONTOR_SEARCH_SITE=<site folder> swift test
/// --filter SiteTransferCheck` prints what a first two-word query downloads from that
/// site's index (manifest, the term shards of the query's words, the result fragments of the
/// first six hits). Queries: `KONTOR_SEARCH_QUERIES` ("a b|c d"), or the first two words of the
/// titles of four help pages spread over the site.
@Suite struct SiteTransferCheck {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KONTOR_SEARCH_SITE"] != nil))
    func firstQueryOfABuiltSite() throws {
        let site = URL(fileURLWithPath: ProcessInfo.processInfo.environment["KONTOR_SEARCH_SITE"] ?? ".")
        let files = try Self.indexFiles(below: site)
        let size = Dictionary(files.map { ($0.path, $0.contents.count) }, uniquingKeysWith: { first, _ in first })
        let fragmentOfURL = Self.fragmentFiles(files)
        let evaluator = try SearchQueryEvaluator(files: files)
        let queries = ProcessInfo.processInfo.environment["KONTOR_SEARCH_QUERIES"].map { $0.split(separator: "|").map(String.init) }
            ?? Self.titleQueries(files)
        #expect(!queries.isEmpty)
        let manifest = size["search/manifest.js"] ?? 0
        for query in queries {
            let words = evaluator.queryWords(query, typing: false)
            let shards = Set(words.map { evaluator.shardIndex(for: GermanAnalyzer().stem($0.word)) })
            let shardBytes = shards.reduce(0) { $0 + (size[SearchIndexFormat.shardPath($1)] ?? 0) }
            let hits = evaluator.search(query, limit: 10)
            let fragments = Set(hits.prefix(6).compactMap { fragmentOfURL[$0.url] })
            let fragmentBytes = fragments.reduce(0) { $0 + (size[$1] ?? 0) }
            let total = manifest + shardBytes + fragmentBytes
            print("site-transfer: \"\(query)\": manifest \(manifest) B + \(shards.count) shards \(shardBytes) B + \(fragments.count) fragment files \(fragmentBytes) B = \(total / 1024) KB; \(hits.count) hits")
            #expect(!hits.isEmpty, "\(query)")
            #expect(total < 150 * 1024, "\(query)")
        }
    }

    private static func indexFiles(below site: URL) throws -> [(path: String, contents: [UInt8])] {
        let root = site.appendingPathComponent("search")
        var files: [(path: String, contents: [UInt8])] = []
        for folder in ["", "t", "d"] {
            let url = folder.isEmpty ? root : root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".js") {
                let path = "search/" + (folder.isEmpty ? "" : folder + "/") + name
                files.append((path, [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Page URL → the fragment file (single or packed) that describes it.
    private static func fragmentFiles(_ files: [(path: String, contents: [UInt8])]) -> [String: String] {
        var result: [String: String] = [:]
        for file in files where file.path.hasPrefix("search/d/") {
            let text = String(decoding: file.contents, as: UTF8.self)
            for part in text.components(separatedBy: "\"url\":\"").dropFirst() {
                if let end = part.firstIndex(of: "\"") { result[String(part[..<end])] = file.path }
            }
        }
        return result
    }

    /// "Abonnement ändern" style queries from help pages at four places of the index.
    private static func titleQueries(_ files: [(path: String, contents: [UInt8])]) -> [String] {
        let titles = files.filter { $0.path.hasPrefix("search/d/") && !$0.path.hasPrefix("search/d/p") }.compactMap { file -> String? in
            let text = String(decoding: file.contents, as: UTF8.self)
            guard text.contains("\"kind\":\"help\""), let start = text.range(of: "\"title\":\"")?.upperBound,
                  let end = text[start...].firstIndex(of: "\"") else { return nil }
            let words = text[start..<end].split(separator: " ").map(String.init).filter { $0.count >= 4 }
            return words.count >= 2 ? words.prefix(2).joined(separator: " ") : nil
        }
        guard titles.count >= 4 else { return titles }
        return (0..<4).map { titles[$0 * (titles.count - 1) / 3] }
    }
}
