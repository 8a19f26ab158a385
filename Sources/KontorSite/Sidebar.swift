import KontorContent
import KontorMarkdown
import KontorRender
import KontorText

/// Renders the navigation tree for one page as HTML. Small tables of contents are shown
/// fully expanded; large ones (thousands of pages) only along the current page's path, so a
/// page's size does not grow with the size of the site.
///
/// Every page gets its own sidebar, a few hundred links at 10,000 pages, so it is written as
/// UTF-8 bytes from pieces escaped once: built from `String`s it took a tenth of the CPU of a
/// 10,000-page build.
struct Sidebar: Sendable {
    static let expandAllLimit = 250
    let navigation: Navigation

    /// What a TOC entry links to, worked out once instead of once per page. Hrefs and fragments
    /// are HTML-escaped already; output paths are escaped as part of each page's relative link.
    private enum Target: Sendable {
        case group
        case missing
        case external(href: [UInt8])
        case page(outputPath: [UInt8], fragment: [UInt8]?)
    }

    private let titles: [[UInt8]]
    private let targets: [Target]
    /// Nodes that list the same page share a number here (nil: no page), so marking every TOC
    /// place of the current page compares numbers, not hrefs.
    private let pageNumbers: [Int?]
    private let pageNumberOfHref: [String: Int]

    init(navigation: Navigation, outputPathOfPage: (String) -> String?) {
        self.navigation = navigation
        titles = navigation.nodes.map { Array(HTMLEscape.escape($0.title).utf8) }
        targets = navigation.nodes.map { node in
            guard let href = node.href else { return .group }
            if ContentPath.isExternal(href) { return .external(href: Array(HTMLEscape.escape(href).utf8)) }
            guard let outputPath = outputPathOfPage(href) else { return .missing }
            return .page(outputPath: Array(outputPath.utf8),
                         fragment: node.fragment.map { Array(HTMLEscape.escape($0).utf8) })
        }
        var numbers: [String: Int] = [:]
        pageNumbers = navigation.nodes.map { node in
            guard let href = node.href else { return nil }
            if let number = numbers[href] { return number }
            numbers[href] = numbers.count
            return numbers.count - 1
        }
        pageNumberOfHref = numbers
    }

    func html(forPage page: String?, at outputPath: String) -> String {
        bytes(forPage: page, at: outputPath).string
    }

    /// `html(forPage:at:)` as the bytes it is written from: a page takes them as they are
    /// (making a `String` of every page's sidebar validated 0.3 CPU-s of UTF-8 at 10,000 pages).
    func bytes(forPage page: String?, at outputPath: String) -> UTF8Text {
        var writer = Writer(
            expandAll: navigation.nodes.count <= Self.expandAllLimit,
            ancestry: page.map { navigation.ancestry(of: $0) } ?? [],
            current: page.flatMap { navigation.node(for: $0) },
            pageNumber: page.flatMap { pageNumberOfHref[$0] },
            from: Array(outputPath.utf8))
        writer.bytes.reserveCapacity(8192)
        writer.appendList(navigation.roots, of: self)
        return UTF8Text(utf8: writer.bytes)
    }

    /// One page's sidebar as it is written.
    private struct Writer {
        let expandAll: Bool
        /// The current page's node and its ancestors: a few entries, searched linearly.
        let ancestry: [Int]
        let current: Int?
        let pageNumber: Int?
        /// The page's output path.
        let from: [UInt8]
        var bytes: [UInt8] = []

        mutating func appendList(_ indexes: [Int], of sidebar: Sidebar) {
            bytes.append(contentsOf: "<ul>".utf8)
            for index in indexes {
                let hasChildren = !sidebar.navigation.nodes[index].children.isEmpty
                let onPath = ancestry.contains(index)
                switch (hasChildren, onPath) {
                case (true, true): bytes.append(contentsOf: "<li class=\"nav-group nav-open nav-active\">".utf8)
                case (true, false): bytes.append(contentsOf: "<li class=\"nav-group\">".utf8)
                case (false, true): bytes.append(contentsOf: "<li class=\"nav-active\">".utf8)
                case (false, false): bytes.append(contentsOf: "<li>".utf8)
                }
                appendLabel(index, of: sidebar)
                if hasChildren, expandAll || onPath {
                    appendList(sidebar.navigation.nodes[index].children, of: sidebar)
                }
                bytes.append(contentsOf: "</li>".utf8)
            }
            bytes.append(contentsOf: "</ul>".utf8)
        }

        private mutating func appendLabel(_ index: Int, of sidebar: Sidebar) {
            let title = sidebar.titles[index]
            switch sidebar.targets[index] {
            case .group:
                append("<span class=\"nav-heading\">", title, "</span>")
            case .missing:
                append("<span class=\"nav-missing\">", title, "</span>")
            case .external(let href):
                bytes.append(contentsOf: "<a href=\"".utf8)
                bytes.append(contentsOf: href)
                append("\" rel=\"noopener\">", title, "</a>")
            case .page(let target, let fragment):
                bytes.append(contentsOf: "<a href=\"".utf8)
                from.withUnsafeBufferPointer { from in
                    target.withUnsafeBufferPointer { RelativeURL.appendEscapedLink(from: from, to: $0, into: &bytes) }
                }
                if let fragment {
                    bytes.append(UInt8(ascii: "#"))
                    bytes.append(contentsOf: fragment)
                }
                if index == current {
                    append("\" aria-current=\"page\">", title, "</a>")
                } else if pageNumber != nil && sidebar.pageNumbers[index] == pageNumber {
                    // A second TOC place of the current page: marked, but only one is "the" current one.
                    append("\" class=\"nav-current-again\">", title, "</a>")
                } else {
                    append("\">", title, "</a>")
                }
            }
        }

        private mutating func append(_ open: StaticString, _ title: [UInt8], _ close: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: open.utf8Start, count: open.utf8CodeUnitCount))
            bytes.append(contentsOf: title)
            bytes.append(contentsOf: UnsafeBufferPointer(start: close.utf8Start, count: close.utf8CodeUnitCount))
        }
    }
}
