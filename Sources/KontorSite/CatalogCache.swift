import Foundation
import KontorHashing
import KontorCatalog
import KontorContent
import KontorDiagnostics
import KontorSearch

/// What the previous build made of its catalog, per site: the paths of the catalog's pages and
/// downloads and the offers' search documents. A rebuild whose catalog inputs are unchanged
/// takes those files over from the previous output (linked, or whole folders moved) and the
/// search documents from here instead of parsing, pricing and rendering thousands of offers
/// again, so editing a guide leaves the catalog alone. Kept in the Markdown cache's folder;
/// anything unreadable just means the catalog is built anew.
struct CatalogCache: Sendable {
    struct Site: Sendable {
        /// Hash of the catalog data and the reseller profile (`CatalogSourceKey.of`).
        var source: UInt64
        /// Hash of everything else the catalog pages show (`HelpPages.siteFingerprint`).
        var siteFingerprint: UInt64
        var pageCount: Int
        /// Site-relative paths of every catalog page and download, written with `pageInputs`.
        var paths: [String]
        var searchDocuments: [SearchDocument]

        /// What the manifest records as the inputs of each of the site's catalog files.
        var pageInputs: UInt64 { Self.pageInputs(source: source, siteFingerprint: siteFingerprint) }

        static func pageInputs(source: UInt64, siteFingerprint: UInt64) -> UInt64 {
            ContentHash.combine([ContentHash.hex(source)], seed: siteFingerprint)
        }
    }

    private static let magic: UInt64 = 0x4B4F_4E54_4F52_4354  // "KONTORCT"
    private static let formatVersion: UInt64 = 1
    private static let fileName = "catalog.bin"

    /// The Kontor binary and options the cache was made with (as for `MarkdownCache`).
    let fingerprint: UInt64
    /// Hash of the catalog data alone; `warnings` belong to it.
    var data: UInt64 = 0
    /// The catalog's warnings, reported again whenever it is reused.
    var warnings: [Diagnostic] = []
    /// By reseller id, "" for the unbranded site.
    var sites: [String: Site] = [:]

    /// The cached site if it was made from the same catalog data and profile.
    func site(resellerID: String?, data: UInt64, source: UInt64) -> Site? {
        guard self.data == data, let site = sites[resellerID ?? ""], site.source == source else { return nil }
        return site
    }

    static func load(from folder: URL, fingerprint: UInt64) -> CatalogCache {
        let empty = CatalogCache(fingerprint: fingerprint)
        guard let file = MappedFile(atPath: folder.appendingPathComponent(fileName).path) else { return empty }
        var reader = BinaryReader(file)
        guard reader.uint64() == magic, reader.uint64() == formatVersion, reader.uint64() == fingerprint,
              let data = reader.uint64(), let warnings = reader.diagnostics(), let count = reader.int() else { return empty }
        var cache = CatalogCache(fingerprint: fingerprint, data: data, warnings: warnings)
        for _ in 0..<max(0, count) {
            guard let resellerID = reader.string(), let site = readSite(&reader) else { return empty }
            cache.sites[resellerID] = site
        }
        return cache
    }

    /// Written whole (a few megabytes at 10,000 offers), replacing the previous file.
    func save(to folder: URL) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let file = FileBytes.Output(replacing: folder.appendingPathComponent(Self.fileName).path) else { return }
        var writer = BinaryWriter()
        writer.uint64(Self.magic)
        writer.uint64(Self.formatVersion)
        writer.uint64(fingerprint)
        writer.uint64(data)
        writer.diagnostics(warnings)
        writer.int(sites.count)
        for resellerID in sites.keys.sorted() {
            guard let site = sites[resellerID] else { continue }
            writer.string(resellerID)
            Self.writeSite(site, to: &writer)
        }
        file.write(writer.bytes)
        file.commit()
    }

    // MARK: Encoding

    private static func writeSite(_ site: Site, to writer: inout BinaryWriter) {
        writer.uint64(site.source)
        writer.uint64(site.siteFingerprint)
        writer.int(site.pageCount)
        writer.strings(site.paths)
        writer.searchDocuments(site.searchDocuments)
    }

    private static func readSite(_ reader: inout BinaryReader) -> Site? {
        guard let source = reader.uint64(), let siteFingerprint = reader.uint64(), let pageCount = reader.int(),
              let paths = reader.strings(), let documents = reader.searchDocuments() else { return nil }
        return Site(source: source, siteFingerprint: siteFingerprint, pageCount: pageCount, paths: paths,
                    searchDocuments: documents)
    }
}

/// Hashes of the files a site's catalog is made from, read without parsing them.
enum CatalogSourceKey {
    /// The price list, the offer texts and which guides exist (offers link to guides by name);
    /// nil when there is no price list, i.e. no catalog.
    static func data(content: ContentTree) -> UInt64? {
        let root = content.root.path
        guard let priceList = FileBytes.read(atPath: root + "/" + Catalog.priceListFile) else { return nil }
        let offers = FileBytes.read(atPath: root + "/" + Catalog.offersFile)
        let guides = content.files.filter { $0.hasPrefix("docs/") && $0.hasSuffix(".md") }.sorted()
        return ContentHash.combine([ContentHash.hex(ContentHash.of(priceList)),
                                    offers.map { ContentHash.hex(ContentHash.of($0)) } ?? "-"] + guides)
    }

    /// The catalog data together with one site's profile: its file and its brand files.
    static func of(data: UInt64, profile: ResellerProfile, content: ContentTree) -> UInt64 {
        let profileFile = profile.sourcePath.isEmpty ? nil : FileBytes.read(atPath: content.root.path + "/" + profile.sourcePath)
        var parts = [ContentHash.hex(data), profile.id, profile.sourcePath,
                     profileFile.map { ContentHash.hex(ContentHash.of($0)) } ?? "-"]
        for file in profile.brandFiles() { parts += [file.outputPath, ContentHash.hex(ContentHash.of(file.contents))] }
        return ContentHash.combine(parts)
    }
}
