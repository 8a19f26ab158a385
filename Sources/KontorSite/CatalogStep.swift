import Foundation
import KontorCatalog
import KontorContent
import KontorDiagnostics
import KontorRender
import KontorSearch

/// The catalog and reseller profiles of a content folder, loaded once for all sites.
struct CatalogInput: Sendable {
    let catalog: Catalog?
    let profiles: [String: ResellerProfile]
    let siteTitle: String

    static func load(content: ContentTree, diagnostics: inout [Diagnostic]) throws(DiagnosticError) -> CatalogInput {
        var errors: [Diagnostic] = []
        var catalog: Catalog?
        do {
            catalog = try Catalog.load(contentRoot: content.root)
            diagnostics += catalog?.warnings ?? []
        } catch {
            errors += error.diagnostics
        }
        var profiles: [String: ResellerProfile] = [:]
        do {
            for profile in try ResellerProfile.loadAll(contentRoot: content.root) {
                profiles[profile.id] = profile
                diagnostics += profile.warnings
            }
        } catch {
            errors += error.diagnostics
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        return CatalogInput(catalog: catalog, profiles: profiles, siteTitle: content.config.title)
    }

    /// The branding and catalog of one site; an unknown or absent reseller gets the unbranded profile.
    func variant(for resellerID: String?) throws(DiagnosticError) -> SiteVariant {
        let profile = resellerID.flatMap { profiles[$0] } ?? ResellerProfile.unbranded(siteTitle: siteTitle)
        let catalogSite = try catalog.map { catalog throws(DiagnosticError) in
            try CatalogSite.build(catalog: catalog, profile: profile)
        }
        return SiteVariant(profile: profile, catalogSite: catalogSite)
    }
}

/// The catalog input and every site's variant, or the diagnostics that stop the build.
struct PreparedCatalog: Sendable {
    var variants: [SiteVariant]
    /// Warnings of the catalog and the profiles.
    var diagnostics: [Diagnostic]

    static func prepare(content: ContentTree, targets: [SiteTarget]) -> Result<PreparedCatalog, DiagnosticError> {
        var diagnostics: [Diagnostic] = []
        do throws(DiagnosticError) {
            let input = try CatalogInput.load(content: content, diagnostics: &diagnostics)
            var variants: [SiteVariant] = []
            for target in targets { variants.append(try input.variant(for: target.resellerID)) }
            return .success(PreparedCatalog(variants: variants, diagnostics: diagnostics))
        } catch {
            return .failure(DiagnosticError(diagnostics + error.diagnostics))
        }
    }
}

/// What differs between the sites of one build: the brand and the priced catalog.
struct SiteVariant: Sendable {
    let profile: ResellerProfile
    let catalogSite: CatalogSite?

    /// Brand stylesheet and logo; the catalog's downloads come with `renderCatalog`.
    var brandFiles: [CatalogFile] { profile.brandFiles() }

    struct CatalogOutput: Sendable {
        var manifest: [ManifestEntry] = []
        var pageCount = 0
        var searchDocuments: [SearchDocument] = []
        var diagnostics: [Diagnostic] = []
    }

    /// Renders and writes the catalog pages on all cores, writes the downloads and describes
    /// each offer for the search index.
    func renderCatalog(site: SiteContext, templates: TemplateSet, jobs: Int, writer: SiteWriter) -> CatalogOutput {
        guard let catalogSite else { return CatalogOutput() }
        var output = CatalogOutput()
        let results = parallelMap(catalogSite.pages, jobs: jobs) { page -> Result<ManifestEntry, DiagnosticError> in
            var context = site.base(outputPath: page.outputPath, title: page.title,
                                    description: page.description, kind: page.kind)
            for (key, value) in page.context { context[key] = value }
            do throws(DiagnosticError) {
                return .success(try writer.write(try templates.render(page.template, context: context), to: page.outputPath))
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
                output.manifest.append(try writer.write(Array(file.contents), to: file.outputPath))
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
