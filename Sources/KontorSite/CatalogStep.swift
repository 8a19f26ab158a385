import Foundation
import KontorCatalog
import KontorContent
import KontorDiagnostics
import KontorParallel
import KontorRender
import KontorSearch
import Synchronization

/// Every site's variant, or the diagnostics that stop the build.
struct PreparedCatalog: Sendable {
    var variants: [SiteVariant]
    /// Warnings of the catalog and the profiles.
    var diagnostics: [Diagnostic]
    /// Hash of the catalog data (nil without a catalog) and its warnings, for the next build's cache.
    var data: UInt64?
    var catalogWarnings: [Diagnostic]

    /// Loads the profiles, then per site either takes the catalog from the previous build's
    /// cache (same data, same profile) or parses and prices it — once for all sites that need it.
    static func prepare(content: ContentTree, targets: [SiteTarget], cache: CatalogCache) -> Result<PreparedCatalog, DiagnosticError> {
        var profileWarnings: [Diagnostic] = []
        var profileErrors: [Diagnostic] = []
        var catalogErrors: [Diagnostic] = []
        var profiles: [String: ResellerProfile] = [:]
        do {
            for profile in try ResellerProfile.loadAll(contentRoot: content.root) {
                profiles[profile.id] = profile
                profileWarnings += profile.warnings
            }
        } catch {
            profileErrors += error.diagnostics
        }
        // An unknown or absent reseller gets the unbranded profile.
        let siteProfiles = targets.map { target in
            target.resellerID.flatMap { profiles[$0] } ?? ResellerProfile.unbranded(siteTitle: content.config.title)
        }
        let data = CatalogSourceKey.data(content: content)
        let sources = siteProfiles.map { profile in data.map { CatalogSourceKey.of(data: $0, profile: profile, content: content) } }
        let cached = zip(targets, sources).map { target, source in
            data.flatMap { data in source.flatMap { cache.site(resellerID: target.resellerID, data: data, source: $0) } }
        }
        var loaded: Catalog?
        if data != nil && cached.contains(where: { $0 == nil }) {
            do {
                loaded = try Catalog.load(contentRoot: content.root)
            } catch {
                catalogErrors += error.diagnostics
            }
        }
        let catalogWarnings = data == nil ? [] : loaded?.warnings ?? cache.warnings
        let diagnostics = catalogWarnings + profileWarnings
        let errors = catalogErrors + profileErrors
        if !errors.isEmpty { return .failure(DiagnosticError(diagnostics + errors)) }

        // Loaded at most once however many sites find their cached files unfit.
        let lateCatalog = LateCatalog(contentRoot: content.root)
        var variants: [SiteVariant] = []
        for index in targets.indices {
            let profile = siteProfiles[index]
            guard let source = sources[index] else {
                variants.append(SiteVariant(profile: profile, catalog: nil))
                continue
            }
            do throws(DiagnosticError) {
                // A site with a cache entry is priced only if its cached files turn out not to fit.
                let built = cached[index] != nil ? nil
                    : try loaded.map { catalog throws(DiagnosticError) in try CatalogSite.build(catalog: catalog, profile: profile) }
                let catalog = SiteCatalog(source: source, built: built, cached: cached[index]) {
                    Result { () throws(DiagnosticError) in
                        try CatalogSite.build(catalog: lateCatalog.value().get(), profile: profile)
                    }
                }
                variants.append(SiteVariant(profile: profile, catalog: catalog))
            } catch {
                return .failure(DiagnosticError(diagnostics + error.diagnostics))
            }
        }
        return .success(PreparedCatalog(variants: variants, diagnostics: diagnostics, data: data, catalogWarnings: catalogWarnings))
    }
}

/// The catalog, loaded on first use: for sites whose cached catalog files turn out not to fit
/// once the rest of the site is known.
private final class LateCatalog: Sendable {
    private let contentRoot: URL
    private let loaded = Mutex<Result<Catalog, DiagnosticError>?>(nil)

    init(contentRoot: URL) {
        self.contentRoot = contentRoot
    }

    func value() -> Result<Catalog, DiagnosticError> {
        loaded.withLock { loaded in
            if let loaded { return loaded }
            let result = Result { () throws(DiagnosticError) in
                guard let catalog = try Catalog.load(contentRoot: contentRoot) else {
                    throw DiagnosticError(.error("the price list disappeared during the build", path: Catalog.priceListFile))
                }
                return catalog
            }
            loaded = result
            return result
        }
    }
}

/// One site's catalog: built from the data, or the previous build's files where they still fit.
struct SiteCatalog: Sendable {
    /// Hash of the catalog data and the site's profile (see `CatalogSourceKey`).
    let source: UInt64
    /// Parsed and priced in this build: no cache entry fitted when the catalog was prepared.
    let built: CatalogSite?
    /// What the previous build made of the same data and profile.
    let cached: CatalogCache.Site?
    /// Parses and prices the catalog after all, when the cached files turn out not to fit.
    let build: @Sendable () -> Result<CatalogSite, DiagnosticError>
}

/// What differs between the sites of one build: the brand and the priced catalog.
struct SiteVariant: Sendable {
    let profile: ResellerProfile
    let catalog: SiteCatalog?

    /// Brand stylesheet and logo; the catalog's downloads come with `writeCatalog`.
    var brandFiles: [CatalogFile] { profile.brandFiles() }

    struct CatalogOutput: Sendable {
        var manifest: [ManifestEntry] = []
        var pageCount = 0
        var searchDocuments: [SearchDocument] = []
        var diagnostics: [Diagnostic] = []
        /// What the next build may reuse; nil when the catalog failed.
        var cache: CatalogCache.Site?
        /// Linked from the previous build rather than rendered.
        var reused = false
    }

    /// The catalog's pages, downloads and search documents: linked from the previous build when
    /// nothing they show changed, otherwise rendered.
    func writeCatalog(site: SiteContext, siteFingerprint: UInt64, templates: TemplateSet, jobs: Int,
                      writer: SiteWriter) -> CatalogOutput {
        guard let catalog else { return CatalogOutput() }
        let inputs = CatalogCache.Site.pageInputs(source: catalog.source, siteFingerprint: siteFingerprint)
        if let cached = catalog.cached, cached.siteFingerprint == siteFingerprint,
           let manifest = writer.reuseAll(cached.paths, inputs: inputs, jobs: jobs) {
            return CatalogOutput(manifest: manifest, pageCount: cached.pageCount, searchDocuments: cached.searchDocuments,
                                 cache: cached, reused: true)
        }
        let built: CatalogSite
        switch catalog.built.map({ .success($0) }) ?? catalog.build() {
        case .success(let site): built = site
        case .failure(let error): return CatalogOutput(diagnostics: error.diagnostics)
        }
        var output = renderCatalog(built, site: site, inputs: inputs, templates: templates, jobs: jobs, writer: writer)
        if output.diagnostics.isEmpty {
            output.cache = CatalogCache.Site(source: catalog.source, siteFingerprint: siteFingerprint,
                                             pageCount: output.pageCount, paths: output.manifest.map(\.path),
                                             searchDocuments: output.searchDocuments)
        }
        return output
    }

    /// Renders and writes the catalog pages on all cores, writes the downloads (all with
    /// `inputs`, for the next build's reuse) and describes each offer for the search index.
    private func renderCatalog(_ catalogSite: CatalogSite, site: SiteContext, inputs: UInt64, templates: TemplateSet,
                               jobs: Int, writer: SiteWriter) -> CatalogOutput {
        var output = CatalogOutput()
        let results = parallelMap(catalogSite.pages, jobs: jobs) { page -> Result<ManifestEntry, DiagnosticError> in
            var context = site.base(outputPath: page.outputPath, title: page.title,
                                    description: page.description, kind: page.kind)
            for (key, value) in page.context { context[key] = value }
            do throws(DiagnosticError) {
                return .success(try writer.write(try templates.render(page.template, context: context), to: page.outputPath,
                                                 inputs: inputs))
            } catch {
                return .failure(error)
            }
        }
        for result in results {
            switch result {
            case .success(let entry): output.manifest.append(entry)
            case .failure(let error): output.diagnostics += error.diagnostics
            }
        }
        output.pageCount = output.manifest.count
        for file in catalogSite.files where !file.outputPath.hasPrefix("assets/") {
            do throws(DiagnosticError) {
                output.manifest.append(try writer.write(Array(file.contents), to: file.outputPath, inputs: inputs))
            } catch {
                output.diagnostics += error.diagnostics
            }
        }
        output.searchDocuments = searchDocuments(catalogSite.resellerCatalog)
        return output
    }

    /// One search document per visible offer: name, category, offer id, summary, description, features.
    private func searchDocuments(_ catalog: ResellerCatalog) -> [SearchDocument] {
        let categoryNames = Dictionary(catalog.categories.map { ($0.category.id, $0.category.name) },
                                       uniquingKeysWith: { first, _ in first })
        return catalog.offers.map { priced in
            let offer = priced.offer
            let text = ([categoryNames[offer.categoryID] ?? "", "Angebots-ID \(offer.id)", offer.summary]
                + offer.description + offer.features).filter { !$0.isEmpty }.joined(separator: " ")
            return SearchDocument(url: CatalogSite.offerPath(offer.slug), title: offer.name, kind: .catalog,
                                  sections: [SearchSection(anchor: nil, heading: "", text: text)])
        }
    }
}
