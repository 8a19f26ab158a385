import KontorContent
import KontorDiagnostics
import KontorMarkdown
import KontorRender
import KontorSearch

/// Renders the guides of one site through the `page` template, in parallel.
struct HelpPages: Sendable {
    let guides: [MarkdownDocument]
    let navigation: Navigation
    let site: SiteContext
    let templates: TemplateSet

    /// Renders and writes every guide on all cores; returns per guide its manifest entry or the
    /// template's error.
    func render(jobs: Int, writer: SiteWriter) -> [Result<ManifestEntry, DiagnosticError>] {
        let titles = Dictionary(guides.map { ($0.path, $0.title) }, uniquingKeysWith: { first, _ in first })
        let sidebar = Sidebar(navigation: navigation) { titles[$0] == nil ? nil : OutputPath.forGuide($0) }
        return parallelMap(guides, jobs: jobs) { guide in
            let outputPath = OutputPath.forGuide(guide.path)
            let context = context(for: guide, outputPath: outputPath, sidebar: sidebar, titles: titles)
            do throws(DiagnosticError) {
                return .success(try writer.write(try templates.render("page", context: context), to: outputPath))
            } catch {
                return .failure(error)
            }
        }
    }

    private func context(for guide: MarkdownDocument, outputPath: String, sidebar: Sidebar,
                         titles: [String: String]) -> [String: Any] {
        var context = site.base(outputPath: outputPath, title: guide.title,
                                description: guide.frontMatter.description ?? "", kind: "help")
        context["content"] = guide.html
        context["sidebar"] = sidebar.html(forPage: guide.path, at: outputPath)
        context["breadcrumbs"] = breadcrumbs(for: guide, outputPath: outputPath)
        context["headings"] = guide.headings.filter { $0.level == 2 || $0.level == 3 }.map {
            ["id": $0.id, "text": $0.text, "level": $0.level] as [String: Any]
        }
        if let previous = navigation.previous(of: guide.path) {
            context["previous"] = link(to: previous, from: outputPath, titles: titles)
        }
        if let next = navigation.next(of: guide.path) {
            context["next"] = link(to: next, from: outputPath, titles: titles)
        }
        if let date = guide.frontMatter.date.flatMap(GermanFormat.date(frontMatterDate:)) {
            context["date"] = date
        }
        context["metadata"] = guide.frontMatter.metadata
        return context
    }

    private func link(to page: String, from outputPath: String, titles: [String: String]) -> [String: Any] {
        ["title": navigation.title(of: page) ?? titles[page] ?? page,
         "url": RelativeURL.from(outputPath, to: OutputPath.forGuide(page))]
    }

    /// "Start", then the TOC chain down to the page; groups without a page have no URL.
    private func breadcrumbs(for guide: MarkdownDocument, outputPath: String) -> [[String: Any]] {
        var crumbs: [[String: Any]] = [["title": "Start", "url": RelativeURL.from(outputPath, to: "index.html")]]
        let chain = navigation.breadcrumbs(of: guide.path)
        for link in chain.dropLast() {
            var crumb: [String: Any] = ["title": link.title]
            if let path = link.path, !ContentPath.isExternal(path) {
                crumb["url"] = RelativeURL.from(outputPath, to: OutputPath.forGuide(path))
            }
            crumbs.append(crumb)
        }
        let title = navigation.title(of: guide.path) ?? guide.title
        crumbs.append(["title": title, "url": RelativeURL.from(outputPath, to: outputPath), "current": true])
        return crumbs
    }
}

extension HelpPages {
    /// The guides' search documents, taken from their rendered bodies. The body is the same in
    /// every reseller's site, so this runs once per build.
    static func searchDocuments(_ guides: [MarkdownDocument], jobs: Int) -> [SearchDocument] {
        parallelMap(guides, jobs: jobs) { guide in
            SearchDocument.fromHTML(url: OutputPath.forGuide(guide.path), title: guide.title, kind: .help, bodyHTML: guide.html)
        }
    }
}

/// Checks the links of every guide against the files of the built site and the ids of the
/// target pages. Broken links are warnings (errors with `--strict`).
struct LinkValidator: Sendable {
    let guides: [MarkdownDocument]
    let outputs: Set<String>

    func validate(jobs: Int) -> [Diagnostic] {
        let anchors = Dictionary(guides.map { (OutputPath.forGuide($0.path), Set($0.anchorIDs)) },
                                 uniquingKeysWith: { first, _ in first })
        let perGuide = parallelMap(guides, jobs: jobs) { guide -> [Diagnostic] in
            let outputPath = OutputPath.forGuide(guide.path)
            let folder = ContentPath.folder(of: outputPath)
            return guide.links.compactMap { link in
                problem(with: link, from: outputPath, folder: folder, anchors: anchors).map { .warning($0, path: guide.path) }
            }
        }
        return perGuide.flatMap { $0 }
    }

    private func problem(with link: String, from outputPath: String, folder: String,
                         anchors: [String: Set<String>]) -> String? {
        guard !link.isEmpty, !ContentPath.isExternal(link) else { return nil }
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        var path = String(parts[0])
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        let target: String
        if path.isEmpty {
            target = outputPath
        } else {
            let decoded = path.contains("%") ? (path.removingPercentEncoding ?? path) : path
            guard let joined = ContentPath.join(folder, decoded), !decoded.hasPrefix("/") else {
                return "link leaves the site: \(link)"
            }
            target = joined
        }
        guard outputs.contains(target) else { return "broken link: \(link) (no file \(target) in the site)" }
        if let fragment, !fragment.isEmpty, let ids = anchors[target] {
            let decoded = fragment.contains("%") ? (fragment.removingPercentEncoding ?? fragment) : fragment
            if !ids.contains(decoded) { return "broken anchor: \(link) (no id '\(decoded)' in \(target))" }
        }
        return nil
    }
}
