import KontorText
import KontorHashing
import KontorParallel

/// What a site's search index is made from: its documents, whatever their order (the index does
/// not depend on it). A rebuild whose documents are all unchanged — after a template,
/// navigation or price edit — takes the previous build's index over instead of analysing every
/// page again (2 s at 10,000 pages and 10,000 offers). The Kontor binary and options are checked
/// apart from this, as for reused pages.
public struct SearchIndexInputs: Sendable {
    /// Where the index files are (`SearchIndexFormat`): nothing else is written there.
    public static let folder = "search/"
    /// The index's manifest: it is made from all documents, so its inputs are `hash`.
    public static let manifestPath = SearchIndexFormat.manifestPath

    /// A hash of every document: its URL, kind, anchors and text.
    public let hash: UInt64
    /// Per document, in the documents' order: a hash of exactly what the analysis reads (title,
    /// and heading and text of each section in order). Analysed documents are cached under it
    /// (see `SearchAnalysisCache`), so an unchanged page is found whatever its URL.
    let analysisKeys: [UInt64]
    /// Per document, in the documents' order: a hash of all of it (what `hash` is made of).
    let documentHashes: [UInt64]

    public init(_ documents: [SearchDocument]) {
        let perDocument = Parallel.map(documents.count, minimumChunk: 256) { index in
            let analysisKey = Self.analysisKey(of: documents[index])
            return (analysisKey, Self.hash(of: documents[index], analysisKey: analysisKey))
        }
        analysisKeys = perDocument.map(\.0)
        documentHashes = perDocument.map(\.1)
        hash = Self.hash(of: documentHashes.sorted(), seed: ContentHash.combine(["search index", "\(SearchIndexFormat.formatVersion)"]))
    }

    /// A hash of a list of document hashes.
    static func hash(of documentHashes: some Sequence<UInt64>, seed: UInt64) -> UInt64 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 * documentHashes.underestimatedCount)
        for hash in documentHashes { withUnsafeBytes(of: hash.littleEndian) { bytes.append(contentsOf: $0) } }
        return ContentHash.of(bytes, seed: seed)
    }

    /// Every text is hashed once here, and the document's hash builds on it. The sections are
    /// read in place: copying each one retained and released its three strings.
    static func analysisKey(of document: SearchDocument) -> UInt64 {
        var key = ContentHash.of(document.title.utf8, seed: ContentHash.combine(["analysis", "\(document.sections.count)"]))
        document.sections.withUnsafeBufferPointer { sections in
            for index in sections.indices {
                let headingKey = ContentHash.of(sections[index].heading.utf8, seed: key)
                key = sections[index].body.withUTF8 { ContentHash.of($0, seed: headingKey) }
            }
        }
        return key
    }

    /// URL, kind, analysis key and anchors, one after the other, with no string made on the
    /// way. An absent anchor is an empty part, a present one the part "#" and then its text, so
    /// an absent anchor and an empty one are told apart.
    private static func hash(of document: SearchDocument, analysisKey: UInt64) -> UInt64 {
        var hash = ContentHash.of(document.url.utf8, seed: ContentHash.seed)
        hash = ContentHash.of(document.kind.rawValue.utf8, seed: hash)
        hash = withUnsafeBytes(of: analysisKey.littleEndian) { ContentHash.of($0, seed: hash) }
        document.sections.withUnsafeBufferPointer { sections in
            for index in sections.indices {
                guard let anchor = sections[index].anchor else {
                    hash = ContentHash.of([UInt8](), seed: hash)
                    continue
                }
                hash = withUnsafeBytes(of: UInt8(ascii: "#")) { ContentHash.of($0, seed: hash) }
                hash = ContentHash.of(anchor.utf8, seed: hash)
            }
        }
        return hash
    }
}
