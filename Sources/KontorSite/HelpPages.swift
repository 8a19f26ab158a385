import Foundation
import KontorHashing
import KontorContent
import KontorDiagnostics
import KontorMarkdown
import KontorParallel
import KontorRender
import KontorSearch
import KontorText

/// Renders the guides of one site through the `page` template, in parallel.
struct HelpPages: Sendable {
    let guides: [MarkdownDocument]
    let navigation: Navigation
    let site: SiteContext
    let templates: TemplateSet
    /// Hash of everything every help page depends on besides its own guide: theme, brand,
    /// navigation and all titles.
    let siteFingerprint: UInt64
    /// Whether pages of the previous build may be reused (it was made by this binary).
    let reusePages: Bool

    /// Renders and writes every guide on all cores; returns per guide its manifest entry or the
    /// template's error. A page whose inputs are unchanged since the previous build is linked
    /// from it without rendering.
    func render(jobs: Int, writer: SiteWriter) -> [Result<ManifestEntry, DiagnosticError>] {
        let titles = Dictionary(guides.map { ($0.path, $0.title) }, uniquingKeysWith: { first, _ in first })
        let sidebar = Sidebar(navigation: navigation) { titles[$0] == nil ? nil : OutputPath.forGuide($0) }
        let pages = parallelMap(guides, jobs: jobs) { guide in
            (path: OutputPath.forGuide(guide.path), inputs: Self.inputs(of: guide, siteFingerprint: siteFingerprint))
        }
        // After an edit, the folders of unchanged guides move over whole: on ext4 linking
        // 10,000 pages one by one took a third of a second.
        let carried = reusePages ? writer.carryUnchangedFolders(pages, minimumFiles: Self.carriedFolderMinimum) : [:]
        return parallelMap(Array(zip(guides, pages)), jobs: jobs) { guide, page in
            let (outputPath, inputs) = page
            if let entry = carried[outputPath] { return .success(entry) }
            if reusePages, let reused = writer.reuse(outputPath, inputs: inputs) {
                return .success(reused)
            }
            let context = context(for: guide, outputPath: outputPath, sidebar: sidebar, titles: titles)
            do throws(DiagnosticError) {
                let html = try templates.render("page", context: context)
                return .success(try writer.write(html, to: outputPath, inputs: inputs))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Below this many pages, linking them costs less than listing their folder to check it.
    static let carriedFolderMinimum = 16

    /// Everything of a guide that its page shows.
    static func inputs(of guide: MarkdownDocument, siteFingerprint: UInt64) -> UInt64 {
        let frontMatter = guide.frontMatter
        let metadata = frontMatter.sortedMetadata.flatMap { [$0.key, $0.value] }
        let headings = guide.headings.flatMap { ["\($0.level)", $0.id, $0.text] }
        let beforeBody = ContentHash.combine([guide.path, guide.title], seed: siteFingerprint)
        let withBody = guide.body.withUTF8 { ContentHash.of($0, seed: beforeBody) }
        return ContentHash.combine([frontMatter.description ?? "", frontMatter.date ?? ""] + metadata + headings, seed: withBody)
    }

    /// The part of every page's inputs shared by all guides of one site.
    static func siteFingerprint(site: SiteContext, navigation: Navigation, guides: [MarkdownDocument],
                                themeFiles: [(name: String, url: URL)]) -> UInt64 {
        var parts = [site.siteTitle, site.language, "\(site.hasCatalog)", site.helpHome ?? ""] + site.profile.brandFingerprint
        for node in navigation.nodes {
            parts += [node.title, node.href ?? "", node.fragment ?? "", "\(node.parent ?? -1)"]
        }
        parts += navigation.order
        for guide in guides { parts += [guide.path, guide.title, guide.frontMatter.description ?? ""] }
        for file in themeFiles {
            parts.append(file.name)
            parts.append(FileManager.default.contents(atPath: file.url.path).map { ContentHash.hex(ContentHash.of($0)) } ?? "")
        }
        return ContentHash.combine(parts)
    }

    private func context(for guide: MarkdownDocument, outputPath: String, sidebar: Sidebar,
                         titles: [String: String]) -> [String: TemplateValue] {
        var context = site.base(outputPath: outputPath, title: guide.title,
                                description: guide.frontMatter.description ?? "", kind: "help")
        context["content"] = .text(guide.body)
        context["sidebar"] = .text(sidebar.bytes(forPage: guide.path, at: outputPath))
        context["breadcrumbs"] = .list(breadcrumbs(for: guide, outputPath: outputPath))
        context["headings"] = .list(guide.headings.filter { $0.level == 2 || $0.level == 3 }.map {
            ["id": .string($0.id), "text": .string($0.text), "level": .int($0.level)]
        })
        if let previous = navigation.previous(of: guide.path) {
            context["previous"] = link(to: previous, from: outputPath, titles: titles)
        }
        if let next = navigation.next(of: guide.path) {
            context["next"] = link(to: next, from: outputPath, titles: titles)
        }
        if let date = guide.frontMatter.date.flatMap(GermanFormat.date(frontMatterDate:)) {
            context["date"] = .string(date)
        }
        context["metadata"] = .dictionary(guide.frontMatter.metadata.mapValues(TemplateValue.string))
        return context
    }

    private func link(to page: String, from outputPath: String, titles: [String: String]) -> TemplateValue {
        ["title": .string(navigation.title(of: page) ?? titles[page] ?? page),
         "url": .string(RelativeURL.from(outputPath, to: OutputPath.forGuide(page)))]
    }

    /// "Start", then the TOC chain down to the page; groups without a page have no URL.
    private func breadcrumbs(for guide: MarkdownDocument, outputPath: String) -> [TemplateValue] {
        var crumbs: [TemplateValue] = [["title": "Start", "url": .string(RelativeURL.from(outputPath, to: "index.html"))]]
        let chain = navigation.breadcrumbs(of: guide.path)
        for link in chain.dropLast() {
            var crumb: [String: TemplateValue] = ["title": .string(link.title)]
            if let path = link.path, !ContentPath.isExternal(path) {
                crumb["url"] = .string(RelativeURL.from(outputPath, to: OutputPath.forGuide(path)))
            }
            crumbs.append(.dictionary(crumb))
        }
        let title = navigation.title(of: guide.path) ?? guide.title
        crumbs.append(["title": .string(title), "url": .string(RelativeURL.from(outputPath, to: outputPath)), "current": true])
        return crumbs
    }
}

extension HelpPages {
    /// A guide's search document, taken from its rendered body. The body is the same in every
    /// reseller's site, so this runs once per build (and not at all for a guide the Markdown
    /// cache still has).
    static func searchDocument(of guide: MarkdownDocument) -> SearchDocument {
        guide.body.withUTF8 {
            SearchDocument.fromHTML(url: OutputPath.forGuide(guide.path), title: guide.title, kind: .help, bodyHTML: $0)
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
            var resolver = PlainLinkResolver(folder: folder)
            return guide.links.compactMap { link in
                if isFine(link, from: outputPath, resolver: &resolver, anchors: anchors) { return nil }
                return problem(with: link, from: outputPath, folder: folder, anchors: anchors).map { .warning($0, path: guide.path) }
            }
        }
        return perGuide.flatMap { $0 }
    }

    /// Whether a link certainly has no problem, decided on its bytes. Every link of every guide
    /// passes here, so the common case (plain ASCII, no escapes, target and anchor exist) skips
    /// the `String` and Foundation work of `problem(with:…)`; anything else is left to it.
    private func isFine(_ link: String, from outputPath: String, resolver: inout PlainLinkResolver,
                        anchors: [String: Set<String>]) -> Bool {
        var link = link
        return link.withUTF8 { bytes -> Bool in
            guard let target = resolver.target(of: bytes) else { return false }
            switch target {
            case .external:
                return true
            case .page(let path, let fragment):
                let page = path ?? outputPath
                guard outputs.contains(page) else { return false }
                guard let fragment, !fragment.isEmpty, let ids = anchors[page] else { return true }
                return ids.contains(fragment)
            }
        }
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

/// Resolves plain links against a guide's output folder on their UTF-8 bytes, with
/// `ContentPath`'s rules. It declines (nil) whatever `LinkValidator.problem(with:…)` may judge
/// differently: non-ASCII, control bytes, `%` escapes, `/` and `~/` paths, climbing above the
/// root.
struct PlainLinkResolver {
    enum Target: Equatable {
        case external
        /// `path` nil is the page itself; `fragment` without '#', nil without one.
        case page(path: String?, fragment: String?)
    }

    private var joiner: ContentPath.FolderJoiner

    init(folder: String) {
        joiner = ContentPath.FolderJoiner(folder: folder)
    }

    mutating func target(of link: UnsafeBufferPointer<UInt8>) -> Target? {
        guard !link.isEmpty, link.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "%") }) else { return nil }
        if ContentPath.isExternal(link) { return .external }
        let hash = link.firstIndex(of: UInt8(ascii: "#"))
        let fragment = hash.map { String(decoding: UnsafeBufferPointer(rebasing: link[($0 + 1)...]), as: UTF8.self) }
        let beforeHash = link[..<(hash ?? link.count)]
        let path = beforeHash[..<(beforeHash.firstIndex(of: UInt8(ascii: "?")) ?? beforeHash.endIndex)]
        if path.isEmpty { return .page(path: nil, fragment: fragment) }
        if path.first == UInt8(ascii: "/") || (path.first == UInt8(ascii: "~") && path.dropFirst().first == UInt8(ascii: "/")) {
            return nil
        }
        guard let joined = joiner.join(UnsafeBufferPointer(rebasing: path)) else { return nil }
        return .page(path: joined, fragment: fragment)
    }
}
