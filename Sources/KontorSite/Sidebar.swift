import KontorContent
import KontorMarkdown
import KontorRender

/// Renders the navigation tree for one page as HTML. Small tables of contents are shown
/// fully expanded; large ones (thousands of pages) only along the current page's path, so a
/// page's size does not grow with the size of the site.
struct Sidebar: Sendable {
    static let expandAllLimit = 250
    let navigation: Navigation

    /// What a TOC entry links to, worked out once instead of once per page.
    private enum Target: Sendable {
        case group
        case missing
        case external(href: String)
        case page(outputPath: String, fragment: String?)
    }

    private let titles: [String]
    private let targets: [Target]

    init(navigation: Navigation, outputPathOfPage: (String) -> String?) {
        self.navigation = navigation
        titles = navigation.nodes.map { HTMLEscape.escape($0.title) }
        targets = navigation.nodes.map { node in
            guard let href = node.href else { return .group }
            if ContentPath.isExternal(href) { return .external(href: HTMLEscape.escape(href)) }
            guard let outputPath = outputPathOfPage(href) else { return .missing }
            return .page(outputPath: outputPath, fragment: node.fragment)
        }
    }

    func html(forPage page: String?, at outputPath: String) -> String {
        let expandAll = navigation.nodes.count <= Self.expandAllLimit
        let ancestry = page.map { Set(navigation.ancestry(of: $0)) } ?? []
        let current = page.flatMap { navigation.node(for: $0) }
        var html = ""
        html.reserveCapacity(4096)
        appendList(navigation.roots, into: &html, expandAll: expandAll, ancestry: ancestry,
                   current: current, page: page, from: outputPath)
        return html
    }

    private func appendList(_ indexes: [Int], into html: inout String, expandAll: Bool, ancestry: Set<Int>,
                            current: Int?, page: String?, from outputPath: String) {
        html += "<ul>"
        for index in indexes {
            let node = navigation.nodes[index]
            let onPath = ancestry.contains(index)
            var classes: [String] = []
            if !node.children.isEmpty { classes.append(onPath ? "nav-group nav-open" : "nav-group") }
            if onPath { classes.append("nav-active") }
            html += classes.isEmpty ? "<li>" : "<li class=\"\(classes.joined(separator: " "))\">"
            appendLabel(node, index: index, into: &html, current: current, page: page, from: outputPath)
            if !node.children.isEmpty, expandAll || onPath {
                appendList(node.children, into: &html, expandAll: expandAll, ancestry: ancestry,
                           current: current, page: page, from: outputPath)
            }
            html += "</li>"
        }
        html += "</ul>"
    }

    private func appendLabel(_ node: Navigation.Node, index: Int, into html: inout String,
                             current: Int?, page: String?, from outputPath: String) {
        let title = titles[index]
        switch targets[index] {
        case .group:
            html += "<span class=\"nav-heading\">\(title)</span>"
        case .missing:
            html += "<span class=\"nav-missing\">\(title)</span>"
        case .external(let href):
            html += "<a href=\"\(href)\" rel=\"noopener\">\(title)</a>"
        case .page(let target, let fragment):
            var url = HTMLEscape.escape(RelativeURL.from(outputPath, to: target))
            if let fragment { url += "#" + HTMLEscape.escape(fragment) }
            if index == current {
                html += "<a href=\"\(url)\" aria-current=\"page\">\(title)</a>"
            } else if node.href == page {
                // A second TOC place of the current page: marked, but only one is "the" current one.
                html += "<a href=\"\(url)\" class=\"nav-current-again\">\(title)</a>"
            } else {
                html += "<a href=\"\(url)\">\(title)</a>"
            }
        }
    }
}
