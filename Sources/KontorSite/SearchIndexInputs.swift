import KontorParallel
import KontorSearch

/// What a site's search index is made from: its documents, whatever their order (the index
/// does not depend on it). A rebuild whose documents are all unchanged — after a template,
/// navigation or price edit — takes the previous build's index over instead of analysing
/// every page again (2 s at 10,000 pages and 10,000 offers). The Kontor binary and options are
/// checked apart from this, as for reused pages.
enum SearchIndexInputs {
    /// Where the index files are (`SearchIndexFormat`): nothing else is written there.
    static let folder = "search/"

    static func of(_ documents: [SearchDocument]) -> UInt64 {
        let hashes = Parallel.map(documents.count, minimumChunk: 256) { hash(of: documents[$0]) }.sorted()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 * hashes.count)
        for hash in hashes { withUnsafeBytes(of: hash.littleEndian) { bytes.append(contentsOf: $0) } }
        return ContentHash.of(bytes, seed: ContentHash.combine(["search index", "\(SearchIndexBuilder.formatVersion)"]))
    }

    private static func hash(of document: SearchDocument) -> UInt64 {
        var parts = [document.url, document.title, document.kind.rawValue, "\(document.sections.count)"]
        for section in document.sections {
            // An absent anchor and an empty one are told apart.
            parts += [section.anchor.map { "#" + $0 } ?? "", section.heading, section.text]
        }
        return ContentHash.combine(parts)
    }
}
