import Foundation
import KontorHashing
import KontorCatalog
import KontorContent
import KontorDiagnostics
import KontorMarkdown
import KontorParallel
import KontorRender
import KontorSearch

/// Builds the whole output: every reseller's site (or one unbranded site), written atomically.
///
/// The steps, in order: load content → render guides (once, in parallel) → load catalog and
/// profiles → per site: pages, catalog, assets, media, search index, link check → swap in.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    public func build() -> BuildResult {
        do {
            return try buildThrowing()
        } catch {
            return .failed(error.diagnostics)
        }
    }

    private func buildThrowing() throws(DiagnosticError) -> BuildResult {
        let clock = StepClock(log: options.log)
        let content = try ContentLoader(root: options.contentRoot).load()
        clock.step("loaded content: \(content.pages.count) guides")
        var diagnostics = content.diagnostics
        let targets = try siteTargets(content: content)
        // The catalog's loading and pricing are mostly serial; they run beside the Markdown
        // rendering, which keeps the other cores busy, instead of after it.
        let cacheLocation = MarkdownCache.location(forOutput: options.output)
        let cacheFingerprint = MarkdownCache.fingerprint(options: MarkdownOptions(safe: content.config.safe))
        let catalogWork = BackgroundWork {
            PreparedCatalog.prepare(content: content, targets: targets,
                                    cache: CatalogCache.load(from: cacheLocation, fingerprint: cacheFingerprint))
        }
        let rendered = renderGuides(content, cacheLocation: cacheLocation, fingerprint: cacheFingerprint)
        // Writing the cache (about 150 MB at 10,000 guides) overlaps with the page rendering; the
        // entries are guides that rendered without errors, so it is valid whatever happens next.
        let cache = rendered.cache
        let cacheSaved = BackgroundWork { cache.save(to: cacheLocation) }
        defer { cacheSaved.value() }
        let guides = rendered.documents
        let guideSearchDocuments = rendered.searchDocuments
        diagnostics += guides.flatMap(\.diagnostics)
        clock.step("rendered Markdown and search sections of \(rendered.renderedCount) guides, "
                   + "\(guides.count - rendered.renderedCount) unchanged from the cache")
        let catalog = try catalogWork.value().get()
        diagnostics += catalog.diagnostics
        clock.step("loaded and priced the catalog for \(targets.count == 1 ? "1 site" : "\(targets.count) sites")")
        if diagnostics.hasErrors { return .failed(diagnostics) }

        let staged = try StagedOutput(output: options.output)
        var pageCount = 0
        var fileCount = 0
        var catalogCache = CatalogCache(fingerprint: cacheFingerprint, data: catalog.data ?? 0, warnings: catalog.catalogWarnings)
        var analyses = SearchAnalysisFile.load(from: cacheLocation, fingerprint: cacheFingerprint)
        var analysesSaved: BackgroundWork<Void>?
        defer { analysesSaved?.value() }
        do throws(DiagnosticError) {
            for (target, variant) in zip(targets, catalog.variants) {
                let site = SiteRun(options: options, content: content, guides: guides,
                                   guideSearchDocuments: guideSearchDocuments, reusePages: rendered.cacheWasValid,
                                   variant: variant, target: target, staged: staged, analyses: analyses)
                let outcome = try site.build()
                analyses = outcome.analyses
                diagnostics += outcome.diagnostics
                pageCount += outcome.pageCount
                fileCount += outcome.fileCount
                catalogCache.sites[target.resellerID ?? ""] = outcome.catalogCache
                clock.step("wrote site \(target.resellerID ?? "(unbranded)"): \(outcome.pageCount) pages, \(outcome.fileCount) files")
            }
            // Valid whatever happens next: analyses depend on nothing but the documents' text.
            if analyses.hasNewAnalyses {
                let made = analyses
                analysesSaved = BackgroundWork { SearchAnalysisFile.save(made, to: cacheLocation, fingerprint: cacheFingerprint) }
            }
            if targets.count > 1 {
                try staged.write(SiteIndexPage.html(title: content.config.title, sites: targets), to: "index.html")
                fileCount += 1
            }
        } catch {
            staged.discard()
            return .failed(diagnostics + error.diagnostics)
        }
        let failing = diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
        guard !failing else {
            staged.discard()
            return BuildResult(diagnostics: diagnostics, sites: [], pageCount: pageCount, fileCount: fileCount, succeeded: false)
        }
        try staged.commit(jobs: options.jobs)
        catalogCache.save(to: cacheLocation)
        clock.step("replaced the output folder")
        return BuildResult(diagnostics: diagnostics, sites: targets.map { $0.folder },
                           pageCount: pageCount, fileCount: fileCount,
                           renderedGuideCount: rendered.renderedCount, succeeded: true)
    }

    struct RenderedGuides {
        var documents: [MarkdownDocument]
        /// The search document of each guide, in the same order.
        var searchDocuments: [SearchDocument]
        var renderedCount: Int
        /// The previous build's cache was made by this Kontor binary with these options.
        var cacheWasValid: Bool
        /// The cache for the next build: every guide of this one that rendered without errors.
        var cache: MarkdownCache
    }

    /// Markdown does not depend on the reseller, so every guide is rendered once for all sites,
    /// and its search sections are taken from its HTML right away; guides whose source and
    /// includes are unchanged since the last build come from the cache with their sections.
    private func renderGuides(_ content: ContentTree, cacheLocation: URL, fingerprint: UInt64) -> RenderedGuides {
        let renderer = MarkdownRenderer(contentRoot: content.root, options: MarkdownOptions(safe: content.config.safe))
        let previous = MarkdownCache.load(from: cacheLocation, fingerprint: fingerprint)
        let includeHashes = IncludeHashes(contentRoot: content.root)
        let rootFolder = content.root.path
        let results = parallelMap(content.pages, jobs: options.jobs) { path -> RenderedGuide in
            guard let bytes = FileBytes.read(atPath: rootFolder + "/" + path) else {
                let document = renderer.render(path: path)
                return RenderedGuide(document: document, searchDocument: HelpPages.searchDocument(of: document), rendered: true)
            }
            let hash = ContentHash.of(bytes)
            if let cached = previous.entry(for: path, sourceHash: hash, includeHashes: includeHashes) {
                return RenderedGuide(document: cached.document, searchDocument: cached.searchDocument, cacheEntry: cached,
                                     rendered: false)
            }
            let document = renderer.render(source: bytes, path: path)
            let searchDocument = HelpPages.searchDocument(of: document)
            guard !document.diagnostics.hasErrors else {
                return RenderedGuide(document: document, searchDocument: searchDocument, rendered: true)
            }
            let included = document.includes.compactMap { include in
                includeHashes.hash(of: include).map { (path: include, hash: $0) }
            }
            let entry = MarkdownCache.Entry(sourceHash: hash, includeHashes: included, document: document,
                                            searchDocument: searchDocument)
            return RenderedGuide(document: document, searchDocument: searchDocument, cacheEntry: entry, rendered: true)
        }
        var next = MarkdownCache(fingerprint: fingerprint)
        next.wholeChunks = previous.wholeChunks
        for result in results {
            if let entry = result.cacheEntry { next.entries[result.document.path] = entry }
        }
        return RenderedGuides(documents: results.map(\.document), searchDocuments: results.map(\.searchDocument),
                              renderedCount: results.count { $0.rendered }, cacheWasValid: previous.isValid, cache: next)
    }

    /// One guide as `renderGuides` made it or took it from the cache.
    private struct RenderedGuide: Sendable {
        var document: MarkdownDocument
        var searchDocument: SearchDocument
        /// What the next build's cache keeps of it; nil when the guide has errors.
        var cacheEntry: MarkdownCache.Entry?
        var rendered: Bool
    }

    /// One site per selected reseller profile; without profiles one unbranded site.
    private func siteTargets(content: ContentTree) throws(DiagnosticError) -> [SiteTarget] {
        for id in options.resellers where !content.resellerIDs.contains(id) {
            let known = content.resellerIDs.isEmpty ? "there are no profiles" : "known: \(content.resellerIDs.joined(separator: ", "))"
            throw DiagnosticError(.error("unknown reseller '\(id)' (\(known))", path: "resellers/\(id).yml"))
        }
        if content.resellerIDs.isEmpty {
            return [SiteTarget(resellerID: nil, folder: "")]
        }
        let selected = options.resellers.isEmpty ? content.resellerIDs : options.resellers.sorted()
        if selected.count == 1 {
            return [SiteTarget(resellerID: selected[0], folder: "")]
        }
        return selected.map { SiteTarget(resellerID: $0, folder: $0) }
    }
}

/// One site of the output: a reseller's, or the unbranded one.
struct SiteTarget: Sendable {
    var resellerID: String?
    /// Folder below the output (`""` for the output itself).
    var folder: String

    func outputPath(_ path: String) -> String {
        folder.isEmpty ? path : folder + "/" + path
    }
}

/// The small page at the output's root that lists the reseller sites of a multi-site build.
enum SiteIndexPage {
    static func html(title: String, sites: [SiteTarget]) -> String {
        let items = sites.map { site in
            "<li><a href=\"\(HTMLEscape.escape(site.folder))/index.html\">\(HTMLEscape.escape(site.folder))</a></li>"
        }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="de">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLEscape.escape(title)) – Übersicht der Sites</title></head>
        <body>
        <h1>\(HTMLEscape.escape(title))</h1>
        <p>Diese Ausgabe enthält eine Site pro Händler:</p>
        <ul>
        \(items)
        </ul>
        </body>
        </html>

        """
    }
}

/// Reports how long each build step took, for `--verbose`.
final class StepClock: @unchecked Sendable {
    private let log: (@Sendable (String) -> Void)?
    private var last = ContinuousClock.now
    private var lastCPU = ProcessTime.cpuSeconds()

    init(log: (@Sendable (String) -> Void)?) {
        self.log = log
    }

    /// Logs "message (T ms, CPU C s)": wall time since the last step, and the CPU time of the
    /// whole process meanwhile (work in the background included), which shows how well a step
    /// used the cores and varies far less than wall time on a busy machine.
    func step(_ message: String) {
        guard let log else { return }
        let now = ContinuousClock.now
        let cpu = ProcessTime.cpuSeconds()
        let milliseconds = (now - last).components.attoseconds / 1_000_000_000_000_000 + (now - last).components.seconds * 1000
        log("\(message) (\(milliseconds) ms, CPU \(String(format: "%.2f", cpu - lastCPU)) s)")
        last = now
        lastCPU = cpu
    }
}
