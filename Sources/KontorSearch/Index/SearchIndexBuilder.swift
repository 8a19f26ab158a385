import Foundation
import KontorParallel
import Synchronization

/// Tunables of the index; the defaults are what `SearchIndexBuilder.build` uses.
struct SearchIndexOptions: Sendable {
    /// A term shard is closed once it reaches this size (a single huge posting list may exceed it).
    var shardTargetBytes = 24_000
    /// A term whose posting list alone is this large gets a shard of its own.
    var isolatedTermBytes = 6_000
    /// Fragment text per section is capped so a result costs a few kilobytes to display: a
    /// first query loads six to ten of them.
    var fragmentBytesPerDocument = 3_000
    var fragmentSectionBytes = 200...600
}

extension SearchDocument {
    /// UTF-8 bytes of the text that is analyzed.
    var textSize: Int {
        sections.reduce(title.utf8.count) { $0 + $1.heading.utf8.count + $1.text.utf8.count }
    }
}

/// Builds the sharded search index (see `SearchIndexFormat`) from rendered pages and offers.
public struct SearchIndexBuilder {
    /// The `format` the manifest names; readers refuse any other.
    public static let formatVersion = SearchIndexFormat.formatVersion

    /// Returns the index files, paths relative to the site root ("search/manifest.js", …), sorted
    /// by path. Deterministic: the same documents (in any order) give the same bytes.
    public static func build(_ documents: [SearchDocument]) -> [(path: String, contents: [UInt8])] {
        build(documents, options: SearchIndexOptions())
    }

    /// Hands every index file to `emit` as soon as it is made, from several threads at once, so
    /// the files (about as large as the indexed text) never sit in memory together.
    public static func build(_ documents: [SearchDocument], emit: @Sendable (_ path: String, _ contents: [UInt8]) -> Void) {
        build(documents, options: SearchIndexOptions(), emit: emit)
    }

    static func build(_ documents: [SearchDocument], options: SearchIndexOptions) -> [(path: String, contents: [UInt8])] {
        let files = Mutex<[(path: String, contents: [UInt8])]>([])
        build(documents, options: options) { path, contents in files.withLock { $0.append((path, contents)) } }
        return files.withLock { $0 }.sorted { $0.path < $1.path }
    }

    static func build(_ documents: [SearchDocument], options: SearchIndexOptions,
                      emit: @Sendable (_ path: String, _ contents: [UInt8]) -> Void) {
        // Offers last: their small fragments are packed several to a file (see SearchIndexFormat).
        let sorted = documents.sorted {
            ($0.kind == .catalog ? 1 : 0, $0.url, $0.kind.rawValue, $0.title) < ($1.kind == .catalog ? 1 : 0, $1.url, $1.kind.rawValue, $1.title)
        }
        let packedFrom = sorted.firstIndex { $0.kind == .catalog }
        let layout = PostingLayout(documentCount: sorted.count, singleSectionFrom: singleSectionStart(sorted, packedFrom: packedFrom))
        withoutActuallyEscaping(emit) { emit in
            // The analysis has every core to itself first: begun beside it, the result fragments
            // held back one of its two chunks by a third of a second (measured at 10k + 10k).
            // Written afterwards, they fill the gaps of the term merge, which runs on one thread
            // in places.
            let analyzed = analyze(sorted)
            let fragments = DispatchGroup()
            DispatchQueue.global().async(group: fragments) {
                writeFragments(of: sorted, packedFrom: packedFrom, options: options, emit: emit)
            }
            let (terms, encoded) = encodedPostings(of: consume analyzed, layout: layout)
            let shards = ShardCutter.cut(terms: terms, encodedPostings: encoded, targetBytes: options.shardTargetBytes,
                                         isolatedBytes: options.isolatedTermBytes)

            emit(SearchIndexFormat.manifestPath,
                 SearchIndexFormat.manifest(layout: layout, packedFrom: packedFrom, shards: shards, terms: terms))
            Parallel.forEach(shards.count, minimumChunk: 8) { index in
                emit(SearchIndexFormat.shardPath(index), SearchIndexFormat.shard(index, shards[index], terms: terms, encoded: encoded))
            }
            fragments.wait()
        }
    }

    /// Where the documents of one section begin: the offers, when every one of them has a single
    /// section (their postings then carry no section number).
    private static func singleSectionStart(_ sorted: [SearchDocument], packedFrom: Int?) -> Int {
        guard let packedFrom, sorted[packedFrom...].allSatisfy({ $0.sections.count <= 1 }) else { return sorted.count }
        return packedFrom
    }

    /// The result fragments: one file per help page, offers packed several to a file.
    private static func writeFragments(of sorted: [SearchDocument], packedFrom: Int?, options: SearchIndexOptions,
                                       emit: @Sendable (_ path: String, _ contents: [UInt8]) -> Void) {
        Parallel.forEach(packedFrom ?? sorted.count, minimumChunk: 64) { index in
            emit(SearchIndexFormat.documentPath(index), SearchIndexFormat.fragment(index, sorted[index], options: options))
        }
        if let packedFrom {
            let perPack = SearchIndexFormat.documentsPerPack
            let packCount = (sorted.count - packedFrom + perPack - 1) / perPack
            Parallel.forEach(packCount, minimumChunk: 16) { pack in
                let first = packedFrom + pack * perPack
                let documents = sorted[first..<min(sorted.count, first + perPack)]
                emit(SearchIndexFormat.packPath(pack), SearchIndexFormat.pack(pack, first: first, documents, options: options))
            }
        }
    }

    /// The documents analyzed in one chunk per core, cut by text size (help pages are many times
    /// longer than offers). Each chunk interns its words in tables of its own that are merged
    /// afterwards, so more chunks would mean more table work.
    private static func analyze(_ sorted: [SearchDocument]) -> [ChunkAnalysis] {
        let ranges = Parallel.balancedRanges(weights: sorted.map(\.textSize), parts: Parallel.coreCount, minimumCount: 16)
        return Parallel.mapRanges(ranges) { range in
            DocumentAnalysis.analyze(sorted[range])
        }
    }

    /// The terms and each term's encoded posting list. The analysis tables, several times the
    /// size of the result, end with this function instead of living on while shards are written.
    private static func encodedPostings(of chunks: consuming [ChunkAnalysis], layout: PostingLayout) -> (terms: [String], encoded: [[UInt8]]) {
        let postings = PostingTable.build(chunks, expansions: TermExpansion.build(chunks))
        return (postings.terms, postings.encodeAll(layout: layout))
    }
}
