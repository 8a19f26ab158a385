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

    /// What a TOC entry shows and links to, worked out once instead of once per page: ranges
    /// of `pieces`, which holds every title, href, output path and fragment. Titles, hrefs and
    /// fragments are HTML-escaped already; output paths are escaped as part of each page's
    /// relative link. One buffer and plain ranges, because per-node arrays were retained and
    /// released for every label of every page (a tenth of the sidebar's time at 10,000 pages).
    private struct Entry: Sendable {
        enum Kind: UInt8 { case group, missing, external, page }
        var kind: Kind
        var hasChildren: Bool
        var title: Range<Int32>
        /// The href of an external link, the output path of a page; empty otherwise.
        var target: Range<Int32>
        /// The fragment of a page link (without '#'), nil without one.
        var fragment: Range<Int32>?
    }

    private let pieces: [UInt8]
    private let entries: [Entry]
    /// Nodes that list the same page share a number here (nil: no page), so marking every TOC
    /// place of the current page compares numbers, not hrefs.
    private let pageNumbers: [Int?]
    private let pageNumberOfHref: [String: Int]

    init(navigation: Navigation, outputPathOfPage: (String) -> String?) {
        self.navigation = navigation
        var pieces: [UInt8] = []
        func piece(_ text: String) -> Range<Int32> {
            let start = Int32(pieces.count)
            pieces.append(contentsOf: text.utf8)
            return start..<Int32(pieces.count)
        }
        entries = navigation.nodes.map { node in
            let title = piece(HTMLEscape.escape(node.title))
            let hasChildren = !node.children.isEmpty
            guard let href = node.href else { return Entry(kind: .group, hasChildren: hasChildren, title: title, target: 0..<0) }
            if ContentPath.isExternal(href) {
                return Entry(kind: .external, hasChildren: hasChildren, title: title, target: piece(HTMLEscape.escape(href)))
            }
            guard let outputPath = outputPathOfPage(href) else {
                return Entry(kind: .missing, hasChildren: hasChildren, title: title, target: 0..<0)
            }
            return Entry(kind: .page, hasChildren: hasChildren, title: title, target: piece(outputPath),
                         fragment: node.fragment.map { piece(HTMLEscape.escape($0)) })
        }
        self.pieces = pieces
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
        pieces.withUnsafeBufferPointer { pieces in
            entries.withUnsafeBufferPointer { entries in
                writer.appendList(navigation.roots, of: self, pieces: pieces, entries: entries)
            }
        }
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

        mutating func appendList(_ indexes: [Int], of sidebar: Sidebar, pieces: UnsafeBufferPointer<UInt8>,
                                 entries: UnsafeBufferPointer<Entry>) {
            bytes.append(contentsOf: "<ul>".utf8)
            for index in indexes {
                let hasChildren = entries[index].hasChildren
                let onPath = ancestry.contains(index)
                switch (hasChildren, onPath) {
                case (true, true): bytes.append(contentsOf: "<li class=\"nav-group nav-open nav-active\">".utf8)
                case (true, false): bytes.append(contentsOf: "<li class=\"nav-group\">".utf8)
                case (false, true): bytes.append(contentsOf: "<li class=\"nav-active\">".utf8)
                case (false, false): bytes.append(contentsOf: "<li>".utf8)
                }
                appendLabel(index, entries[index], of: sidebar, pieces: pieces)
                if hasChildren, expandAll || onPath {
                    appendList(sidebar.navigation.nodes[index].children, of: sidebar, pieces: pieces, entries: entries)
                }
                bytes.append(contentsOf: "</li>".utf8)
            }
            bytes.append(contentsOf: "</ul>".utf8)
        }

        private mutating func appendLabel(_ index: Int, _ entry: Entry, of sidebar: Sidebar, pieces: UnsafeBufferPointer<UInt8>) {
            let title = UnsafeBufferPointer(rebasing: pieces[Int(entry.title.lowerBound)..<Int(entry.title.upperBound)])
            let target = UnsafeBufferPointer(rebasing: pieces[Int(entry.target.lowerBound)..<Int(entry.target.upperBound)])
            switch entry.kind {
            case .group:
                append("<span class=\"nav-heading\">", title, "</span>")
            case .missing:
                append("<span class=\"nav-missing\">", title, "</span>")
            case .external:
                bytes.append(contentsOf: "<a href=\"".utf8)
                bytes.append(contentsOf: target)
                append("\" rel=\"noopener\">", title, "</a>")
            case .page:
                bytes.append(contentsOf: "<a href=\"".utf8)
                from.withUnsafeBufferPointer { RelativeURL.appendEscapedLink(from: $0, to: target, into: &bytes) }
                if let fragment = entry.fragment {
                    bytes.append(UInt8(ascii: "#"))
                    bytes.append(contentsOf: pieces[Int(fragment.lowerBound)..<Int(fragment.upperBound)])
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

        private mutating func append(_ open: StaticString, _ title: UnsafeBufferPointer<UInt8>, _ close: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: open.utf8Start, count: open.utf8CodeUnitCount))
            bytes.append(contentsOf: title)
            bytes.append(contentsOf: UnsafeBufferPointer(start: close.utf8Start, count: close.utf8CodeUnitCount))
        }
    }
}
