import Foundation
import KontorHashing
import KontorParallel
import Synchronization

/// Tunables of the index; the defaults are what `SearchIndexBuilder.build` uses.
struct SearchIndexOptions: Sendable {
    /// A term shard is closed once it reaches this size (a single huge posting list may exceed it).
    var shardTargetBytes = 24_000
    /// A term whose posting list alone is this large gets a shard of its own.
    var isolatedTermBytes = 6_000
    /// A help page's result fragment is kept to one 4 KiB page where it can be: a first query
    /// loads six to ten of them, and the build writes 10,000 at 10,000 pages, where every page of
    /// file data costs kernel time (two pages a fragment were a quarter of the index step).
    /// The section texts share what url, title, anchors and headings leave of it.
    var fragmentBytes = 3_800
    /// Each section keeps at least a sentence for its snippet (search.js shows up to 180
    /// characters around the first matched word).
    var fragmentSectionBytes = 120...600
}

extension SearchDocument {
    /// UTF-8 bytes of the text that is analyzed.
    var textSize: Int {
        sections.reduce(title.utf8.count) { $0 + $1.heading.utf8.count + $1.body.utf8Count }
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
    /// the files (about as large as the indexed text) never sit in memory together, with a hash
    /// of what the file is made from (`inputs`). `emit` is kept by the fragment writer's thread,
    /// but never called after `build` returns.
    ///
    /// A result fragment depends only on its documents and their place in the index. Before one
    /// is made, `reuse(path, inputs)` may take the previous build's file made from the same
    /// inputs (true: it did, and the fragment is neither made nor emitted). After an edit, all
    /// but the edited page's fragments are taken over.
    ///
    /// `inputs` are those of `documents`. Documents that `analyses` holds are not analysed again;
    /// every document's analysis is added to it for the next build (see `SearchAnalysisCache`).
    /// Returns how many documents were taken from `analyses`.
    @discardableResult
    public static func build(_ documents: [SearchDocument], inputs: SearchIndexInputs, analyses: inout SearchAnalysisCache,
                             reuse: @escaping @Sendable (_ path: String, _ inputs: UInt64) -> Bool = { _, _ in false },
                             emit: @escaping @Sendable (_ path: String, _ contents: [UInt8], _ inputs: UInt64) -> Void) -> Int {
        build(documents, inputs: inputs, analyses: &analyses, options: SearchIndexOptions(), reuse: reuse, emit: emit)
    }

    static func build(_ documents: [SearchDocument], options: SearchIndexOptions) -> [(path: String, contents: [UInt8])] {
        var analyses = SearchAnalysisCache()
        return build(documents, analyses: &analyses, options: options).files
    }

    /// The index files sorted by path, and how many documents `analyses` gave (as in the public
    /// `build`).
    static func build(_ documents: [SearchDocument], analyses: inout SearchAnalysisCache,
                      options: SearchIndexOptions = SearchIndexOptions()) -> (files: [(path: String, contents: [UInt8])], reused: Int) {
        let files = Mutex<[(path: String, contents: [UInt8])]>([])
        let reused = build(documents, inputs: SearchIndexInputs(documents), analyses: &analyses, options: options,
                           reuse: { _, _ in false }) { path, contents, _ in
            files.withLock { $0.append((path, contents)) }
        }
        return (files.withLock { $0 }.sorted { $0.path < $1.path }, reused)
    }

    @discardableResult
    static func build(_ documents: [SearchDocument], inputs: SearchIndexInputs, analyses: inout SearchAnalysisCache,
                      options: SearchIndexOptions, reuse: @escaping @Sendable (_ path: String, _ inputs: UInt64) -> Bool,
                      emit: @escaping @Sendable (_ path: String, _ contents: [UInt8], _ inputs: UInt64) -> Void) -> Int {
        precondition(inputs.analysisKeys.count == documents.count, "inputs of other documents")
        let order = documentOrder(documents)
        let sorted = order.map { documents[$0] }
        let keys = order.map { inputs.analysisKeys[$0] }
        let hashes = order.map { inputs.documentHashes[$0] }
        // Read on all cores: each size visits every section of every document.
        let textSizes = Parallel.map(sorted.count, minimumChunk: 256) { sorted[$0].textSize }
        let packedFrom = sorted.firstIndex { $0.kind == .catalog }
        let layout = PostingLayout(documentCount: sorted.count, singleSectionFrom: singleSectionStart(sorted, packedFrom: packedFrom))
        let fragments = FragmentJobs(documents: sorted, hashes: hashes, packedFrom: packedFrom, options: options, reuse: reuse, emit: emit)
        // The analysis has every core to itself first: begun beside it, the result fragments
        // held back one of its two chunks by a third of a second (measured at 10k + 10k).
        // A core whose chunk is done writes fragments until the last chunk is; the rest are
        // written afterwards, beside the term merge, which runs on one thread in places.
        let (chunks, images) = analyze(sorted, textSizes: textSizes, keys: keys, cache: analyses, fragmentsMeanwhile: fragments)
        let reused = chunks.reduce(0) { $0 + $1.reusedDocuments }
        for image in images {
            switch image {
            case .encoded(let encoded): analyses.addAnalysed(encoded)
            case .kept(let index): analyses.keepAnalysed(index)
            }
        }
        // One thread writes the rest of the fragments beside the term merge: it fills the core
        // that the merge's serial parts leave idle, and shares the cores with its parallel ones.
        // With a writer per core, the merge's parallel parts had one core until the fragments
        // were done, and its serial parts then left the other core idle (10k + 10k).
        let written = DispatchGroup()
        DispatchQueue.global().async(group: written) { fragments.writeAll() }
        let (terms, encoded, stems) = encodedPostings(of: consume chunks, knownStems: analyses.stemLists, layout: layout)
        analyses.addStems(stems)
        let shards = ShardCutter.cut(terms: terms, encodedSizes: encoded.sizes, targetBytes: options.shardTargetBytes,
                                     isolatedBytes: options.isolatedTermBytes)

        emit(SearchIndexFormat.manifestPath,
             SearchIndexFormat.manifest(layout: layout, packedFrom: packedFrom, shards: shards, terms: terms), inputs.hash)
        // Written by this thread alone, each as soon as another has made it: creating files in
        // one folder from two threads at once makes them wait for each other in the kernel,
        // where ext4 spins (the fragment writer has a folder of its own).
        Parallel.handOff(shards.count) { index in
            SearchIndexFormat.shard(index, shards[index], terms: terms, encoded: encoded)
        } use: { index, contents in
            emit(SearchIndexFormat.shardPath(index), contents, inputs.hash)
        }
        // Fragments still left are written on this thread too.
        fragments.writeAll()
        written.wait()
        return reused
    }

    /// The indices of `documents` in index order: help pages, then offers (their small fragments
    /// are packed several to a file, see SearchIndexFormat), each by URL. Sorting indices moves
    /// integers instead of documents, whose strings were retained and released at every move;
    /// ASCII URLs (all of them, as a rule) are compared as bytes, which is the order `<` gives
    /// them, without a copy of each document per comparison (30 ms on one thread at 10k + 10k).
    static func documentOrder(_ documents: [SearchDocument]) -> [Int] {
        let urls = ByteStrings(documents.map(\.url))
        guard urls.isASCII else { return stringOrder(documents) }
        return urls.withBuffers { urls in
            documents.withUnsafeBufferPointer { documents in
                documents.indices.sorted { left, right in
                    let (aIsOffer, bIsOffer) = (documents[left].kind == .catalog, documents[right].kind == .catalog)
                    if aIsOffer != bIsOffer { return bIsOffer }
                    let order = compareBytes(urls[left], urls[right])
                    if order != 0 { return order < 0 }
                    if documents[left].kind != documents[right].kind { return documents[left].kind.rawValue < documents[right].kind.rawValue }
                    return documents[left].title < documents[right].title
                }
            }
        }
    }

    /// Negative, zero or positive as `left` sorts before, with or after `right` byte by byte.
    private static func compareBytes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
            let order = memcmp(leftBase, rightBase, common)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }

    /// `documentOrder` by `String` comparison, for URLs beyond ASCII.
    static func stringOrder(_ documents: [SearchDocument]) -> [Int] {
        documents.withUnsafeBufferPointer { documents in
            documents.indices.sorted { left, right in
                let (a, b) = (documents[left], documents[right])
                let (aIsOffer, bIsOffer) = (a.kind == .catalog, b.kind == .catalog)
                if aIsOffer != bIsOffer { return bIsOffer }
                if a.url != b.url { return a.url < b.url }
                if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
                return a.title < b.title
            }
        }
    }

    /// Where the documents of one section begin: the offers, when every one of them has a single
    /// section (their postings then carry no section number).
    private static func singleSectionStart(_ sorted: [SearchDocument], packedFrom: Int?) -> Int {
        guard let packedFrom, sorted[packedFrom...].allSatisfy({ $0.sections.count <= 1 }) else { return sorted.count }
        return packedFrom
    }

    /// A chunk's image for the next build's cache: made by this build, or one read from the
    /// previous build's cache that holds exactly the chunk's documents.
    private enum ChunkImage: Sendable {
        case encoded((bytes: [UInt8], checksum: UInt64))
        case kept(Int)
    }

    /// The chunks of `sorted` to analyse side by side, each with the cache image that holds
    /// exactly its documents, if one does. A clean build cuts the documents into one chunk per
    /// core by text size (help pages are many times longer than offers); a rebuild keeps the
    /// previous build's chunks, so that all but the edited ones are decoded whole. Each chunk
    /// interns its words in tables of its own that are merged afterwards, so more chunks would
    /// mean more table work.
    private static func chunks(of sorted: [SearchDocument], textSizes: [Int], keys: [UInt64],
                               cache: SearchAnalysisCache) -> [(range: Range<Int>, image: Int?)] {
        var chunks: [(range: Range<Int>, image: Int?)] = []
        var start = 0
        func cutUpTo(_ end: Int) {
            guard start < end else { return }
            let ranges = Parallel.balancedRanges(weights: Array(textSizes[start..<end]), parts: Parallel.coreCount, minimumCount: 16)
            chunks += ranges.map { ((start + $0.lowerBound)..<(start + $0.upperBound), nil) }
        }
        for run in cache.imageRuns(in: keys) {
            cutUpTo(run.range.lowerBound)
            chunks.append((run.range, run.image))
            start = run.range.upperBound
        }
        cutUpTo(sorted.count)
        return chunks
    }

    private static func analyze(_ sorted: [SearchDocument], textSizes: [Int], keys: [UInt64], cache: SearchAnalysisCache,
                                fragmentsMeanwhile fragments: FragmentJobs) -> (chunks: [ChunkAnalysis], images: [ChunkImage]) {
        let chunks = chunks(of: sorted, textSizes: textSizes, keys: keys, cache: cache)
        let started = Atomic(0)
        let running = Atomic(chunks.count)
        let analyzed = Parallel.map(chunks.count, minimumChunk: 1) { index -> (analysis: ChunkAnalysis, image: ChunkImage?) in
            started.add(1, ordering: .relaxed)
            let (range, image) = chunks[index]
            let analysis: (analysis: ChunkAnalysis, image: ChunkImage?)
            if let image, let decoded = DocumentAnalysis.decode(cache.image(image)) {
                analysis = (decoded, .kept(image))
            } else {
                let analyzed = DocumentAnalysis.analyze(sorted[range], textBytes: textSizes[range].reduce(0, +), keys: keys[range],
                                                        cache: cache)
                analysis = (analyzed.analysis, analyzed.image.map(ChunkImage.encoded))
            }
            // Only once every chunk has a thread: with fewer threads than chunks, this one is
            // needed for the next chunk.
            if running.subtract(1, ordering: .acquiringAndReleasing).newValue > 0 && started.load(ordering: .relaxed) == chunks.count {
                while running.load(ordering: .relaxed) > 0 && fragments.writeNext() {}
            }
            return analysis
        }
        return (analyzed.map(\.analysis), analyzed.compactMap(\.image))
    }

    /// The terms and each term's encoded posting list. The analysis tables, several times the
    /// size of the result, end with this function instead of living on while shards are written.
    private static func encodedPostings(of chunks: consuming [ChunkAnalysis], knownStems: [StemList],
                                        layout: PostingLayout) -> (terms: ByteStrings, encoded: EncodedPostings, stems: StemList) {
        var chunks = chunks
        let expansion = TermExpansion.build(&chunks, known: knownStems)
        let postings = PostingTable.build(chunks, expansions: expansion)
        return (postings.terms, postings.encodeAll(layout: layout), expansion.stemList)
    }
}

/// The result fragments (see `SearchIndexFormat`): one file per help page, offers packed several
/// to a file. Any thread may take the next one, so fragments fill whatever core is idle.
private final class FragmentJobs: Sendable {
    private let documents: [SearchDocument]
    /// `SearchIndexInputs.documentHashes` in the order of `documents`.
    private let hashes: [UInt64]
    private let options: SearchIndexOptions
    private let reuse: @Sendable (_ path: String, _ inputs: UInt64) -> Bool
    private let emit: @Sendable (_ path: String, _ contents: [UInt8], _ inputs: UInt64) -> Void
    /// What every fragment depends on besides its documents and place: format and sizes.
    private let salt: UInt64
    /// Help pages' fragments are jobs 0..<pageCount, then come the packs of the offers from
    /// `packedFrom` on.
    private let pageCount: Int
    private let jobCount: Int
    private let next = Atomic(0)

    init(documents: [SearchDocument], hashes: [UInt64], packedFrom: Int?, options: SearchIndexOptions,
         reuse: @escaping @Sendable (_ path: String, _ inputs: UInt64) -> Bool,
         emit: @escaping @Sendable (_ path: String, _ contents: [UInt8], _ inputs: UInt64) -> Void) {
        self.documents = documents
        self.hashes = hashes
        self.options = options
        self.reuse = reuse
        self.emit = emit
        salt = ContentHash.combine(["search fragment", "\(SearchIndexFormat.formatVersion)", "\(options.fragmentBytes)",
                                    "\(options.fragmentSectionBytes)", "\(SearchIndexFormat.documentsPerPack)"])
        pageCount = packedFrom ?? documents.count
        let perPack = SearchIndexFormat.documentsPerPack
        jobCount = pageCount + (documents.count - pageCount + perPack - 1) / perPack
    }

    /// Writes (or takes over) the next fragment file; false when none is left.
    func writeNext() -> Bool {
        let job = next.add(1, ordering: .relaxed).oldValue
        guard job < jobCount else { return false }
        if job < pageCount {
            let path = SearchIndexFormat.documentPath(job)
            let inputs = SearchIndexInputs.hash(of: [UInt64(job), hashes[job]], seed: salt)
            if !reuse(path, inputs) {
                emit(path, SearchIndexFormat.fragment(job, documents[job], options: options), inputs)
            }
        } else {
            let pack = job - pageCount
            let first = pageCount + pack * SearchIndexFormat.documentsPerPack
            let range = first..<min(documents.count, first + SearchIndexFormat.documentsPerPack)
            let path = SearchIndexFormat.packPath(pack)
            let inputs = SearchIndexInputs.hash(of: [UInt64(pack), UInt64(first)] + hashes[range], seed: salt)
            if !reuse(path, inputs) {
                emit(path, SearchIndexFormat.pack(pack, first: first, documents[range], options: options), inputs)
            }
        }
        return true
    }

    func writeAll() {
        while writeNext() {}
    }
}
