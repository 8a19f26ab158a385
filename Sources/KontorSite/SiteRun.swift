import Foundation
import Synchronization
import KontorContent
import KontorDiagnostics
import KontorMarkdown
import KontorRender
import KontorSearch

/// Builds one site (one reseller's, or the unbranded one) into the staging folder.
struct SiteRun: Sendable {
    let options: BuildOptions
    let content: ContentTree
    let guides: [MarkdownDocument]
    let guideSearchDocuments: [SearchDocument]
    /// Whether pages of the previous build may be reused (same Kontor binary and options).
    let reusePages: Bool
    /// The site's brand and priced catalog, prepared while the guides were rendered.
    let variant: SiteVariant
    let target: SiteTarget
    let staged: StagedOutput
    /// Analysed search documents of the previous build and of the sites built before this one.
    let analyses: SearchAnalysisCache

    struct Outcome {
        var diagnostics: [Diagnostic] = []
        var pageCount = 0
        var fileCount = 0
        /// The catalog as the next build may reuse it.
        var catalogCache: CatalogCache.Site?
        /// `analyses`, with this site's documents.
        var analyses = SearchAnalysisCache()
    }

    func build() throws(DiagnosticError) -> Outcome {
        let templates = try TemplateSet(templatesRoot: options.templatesRoot, theme: content.config.theme,
                                        override: target.resellerID)
        let navigation = Navigation(toc: content.toc, pages: content.pages)
        let site = SiteContext(siteTitle: content.config.title, language: content.config.language, profile: variant.profile,
                               hasCatalog: variant.catalog != nil, helpHome: navigation.order.first.map(OutputPath.forGuide))
        let writer = SiteWriter(staged: staged, target: target)
        var outcome = Outcome()
        var manifest: [ManifestEntry] = []
        var searchDocuments = guideSearchDocuments
        let clock = StepClock(log: options.log)

        let fingerprint = HelpPages.siteFingerprint(site: site, navigation: navigation, guides: guides,
                                                    themeFiles: themeFiles())
        let helpPages = HelpPages(guides: guides, navigation: navigation, site: site, templates: templates,
                                  siteFingerprint: fingerprint, reusePages: reusePages)
        for result in helpPages.render(jobs: options.jobs, writer: writer) {
            switch result {
            case .success(let entry):
                manifest.append(entry)
            case .failure(let error):
                outcome.diagnostics += error.diagnostics
            }
        }
        outcome.pageCount += guides.count
        clock.step("  help pages")

        for page in try specialPages(navigation: navigation, site: site, templates: templates) {
            manifest.append(try writer.write(page.html, to: page.outputPath))
            outcome.pageCount += 1
        }

        let catalogOutput = variant.writeCatalog(site: site, siteFingerprint: fingerprint, templates: templates,
                                                 jobs: options.jobs, writer: writer)
        outcome.catalogCache = catalogOutput.cache
        manifest += catalogOutput.manifest
        outcome.pageCount += catalogOutput.pageCount
        outcome.diagnostics += catalogOutput.diagnostics
        searchDocuments += catalogOutput.searchDocuments
        for file in variant.brandFiles { manifest.append(try writer.write(Array(file.contents), to: file.outputPath)) }
        for asset in templates.assetFiles { manifest.append(try writer.copy(asset.source, to: asset.outputPath)) }
        outcome.diagnostics += try copyMedia(writer: writer, manifest: &manifest)
        clock.step(catalogOutput.reused ? "  catalog (linked from the previous build), special pages, assets and media"
                                        : "  catalog, special pages, assets and media")

        let indexInputs = SearchIndexInputs(searchDocuments)
        outcome.analyses = analyses
        if reusePages, let reused = writer.reuseAll(below: SearchIndexInputs.folder, whereInputsOf: SearchIndexInputs.manifestPath,
                                                    are: indexInputs.hash, jobs: options.jobs) {
            manifest += reused
            // Not analysed this time: the next build still needs the previous build's analyses.
            outcome.analyses.keepPrevious()
            clock.step("  search index of \(searchDocuments.count) documents (moved over: no document changed)")
        } else {
            let (entries, reused) = try writeSearchIndex(searchDocuments, inputs: indexInputs, analyses: &outcome.analyses, writer: writer)
            manifest += entries
            clock.step("  search index of \(searchDocuments.count) documents, \(reused) of them analysed before")
        }

        let written = Set(manifest.map(\.path))
        outcome.diagnostics += LinkValidator(guides: guides, outputs: written).validate(jobs: options.jobs)
        _ = try writer.write(OutputManifest.json(manifest), to: OutputManifest.path)
        outcome.fileCount = manifest.count + 1
        clock.step("  link check and manifest")
        return outcome
    }

    /// Writes the index files as the builder makes them (in parallel), never holding them all.
    /// Each file's inputs are recorded, so that the next build can take a result fragment over
    /// when its documents are the same, and the whole index when all are (see
    /// `SearchIndexInputs`).
    private func writeSearchIndex(_ documents: [SearchDocument], inputs: SearchIndexInputs, analyses: inout SearchAnalysisCache,
                                  writer: SiteWriter) throws(DiagnosticError) -> (entries: [ManifestEntry], reused: Int) {
        let written = Mutex<(entries: [ManifestEntry], errors: [Diagnostic])>(([], []))
        let reusePages = reusePages
        let reused = SearchIndexBuilder.build(documents, inputs: inputs, analyses: &analyses, reuse: { path, inputs in
            guard reusePages, let entry = writer.reuse(path, inputs: inputs) else { return false }
            written.withLock { $0.entries.append(entry) }
            return true
        }, emit: { path, contents, inputs in
            do throws(DiagnosticError) {
                let entry = try writer.write(contents, to: path, inputs: inputs)
                written.withLock { $0.entries.append(entry) }
            } catch {
                written.withLock { $0.errors += error.diagnostics }
            }
        })
        let result = written.withLock { $0 }
        if !result.errors.isEmpty { throw DiagnosticError(result.errors) }
        return (result.entries, reused)
    }

    // MARK: Pages that are not guides

    private struct RenderedPage {
        var outputPath: String
        var html: [UInt8]
    }

    private func specialPages(navigation: Navigation, site: SiteContext, templates: TemplateSet) throws(DiagnosticError) -> [RenderedPage] {
        var pages: [RenderedPage] = []
        var home = site.base(outputPath: "index.html", title: content.config.title,
                             description: content.config.description, kind: "home")
        home["sections"] = .list(homeSections(navigation: navigation))
        pages.append(RenderedPage(outputPath: "index.html", html: try templates.render("home", context: home)))

        let search = site.base(outputPath: "suche.html", title: "Suche", description: "", kind: "search")
        pages.append(RenderedPage(outputPath: "suche.html", html: try templates.render("search", context: search)))

        let notFound = site.base(outputPath: "404.html", title: "Seite nicht gefunden", description: "", kind: "notFound")
        pages.append(RenderedPage(outputPath: "404.html", html: try templates.render("404", context: notFound)))
        return pages
    }

    /// Cards for the home page: the TOC's top level, or the children of a single root entry.
    private func homeSections(navigation: Navigation) -> [TemplateValue] {
        var indexes = navigation.roots
        if indexes.count == 1 { indexes = navigation.nodes[indexes[0]].children }
        let descriptions = Dictionary(guides.map { ($0.path, $0.frontMatter.description ?? "") }, uniquingKeysWith: { a, _ in a })
        return indexes.compactMap { index in
            let node = navigation.nodes[index]
            guard let href = node.href, descriptions[href] != nil else { return nil }
            return [
                "title": .string(node.title),
                "url": .string(RelativeURL.from("index.html", to: OutputPath.forGuide(href))),
                "description": .string(descriptions[href] ?? ""),
            ]
        }
    }

    // MARK: Files

    /// Every file of the theme and of the reseller's override folder, named relative to the
    /// templates folder (so the fingerprint does not depend on where the checkout lives), sorted.
    private func themeFiles() -> [(name: String, url: URL)] {
        let root = options.templatesRoot.standardizedFileURL.path
        let folders = [content.config.theme, target.resellerID].compactMap { $0 }
        var files: [(name: String, url: URL)] = []
        for folder in folders {
            let base = options.templatesRoot.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator {
                files.append((String(url.standardizedFileURL.path.dropFirst(root.count)), url))
            }
        }
        return files.sorted { $0.name < $1.name }
    }

    /// Copies the images and other files that guides reference, mirrored beside the pages.
    private func copyMedia(writer: SiteWriter, manifest: inout [ManifestEntry]) throws(DiagnosticError) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var copied = Set<String>()
        for guide in guides {
            let folder = ContentPath.folder(of: guide.path)
            for asset in guide.assets where !ContentPath.isExternal(asset) {
                let path = asset.split(separator: "#", maxSplits: 1).first.map { String($0.split(separator: "?").first ?? $0) } ?? asset
                guard let source = ContentPath.join(folder, path.removingPercentEncoding ?? path) else {
                    diagnostics.append(.warning("media outside the content folder: \(asset)", path: guide.path))
                    continue
                }
                guard content.files.contains(source) else {
                    diagnostics.append(.warning("missing media file: \(asset)", path: guide.path))
                    continue
                }
                guard copied.insert(source).inserted else { continue }
                manifest.append(try writer.copy(content.root.appendingPathComponent(source), to: OutputPath.forDocsFile(source)))
            }
        }
        return diagnostics
    }
}

