/// Reading order, breadcrumbs and previous/next links derived from the table of contents.
/// A page listed several times takes its first place in the TOC for all of these, so
/// duplicates never create loops or self-links.
public struct Navigation: Sendable {
    /// One TOC entry, flattened. `parent` indexes into `nodes`.
    public struct Node: Sendable, Equatable {
        public var title: String
        public var href: String?
        public var fragment: String?
        public var parent: Int?
        public var depth: Int
        public var children: [Int]
    }

    public struct Link: Sendable, Equatable {
        public var title: String
        /// Content path of the page, nil for a group without a page.
        public var path: String?
    }

    public private(set) var nodes: [Node] = []
    /// Indexes of the top-level nodes.
    public private(set) var roots: [Int] = []
    /// Every guide once, in reading order: TOC order first, then unlisted guides by path.
    public private(set) var order: [String] = []
    private var firstNode: [String: Int] = [:]
    private var position: [String: Int] = [:]

    public init(toc: [TOCEntry], pages: [String]) {
        roots = toc.map { add($0, parent: nil, depth: 0) }
        let existing = Set(pages)
        for node in nodes {
            guard let href = node.href, existing.contains(href), position[href] == nil else { continue }
            position[href] = order.count
            order.append(href)
        }
        for page in pages where position[page] == nil {
            position[page] = order.count
            order.append(page)
        }
    }

    private mutating func add(_ entry: TOCEntry, parent: Int?, depth: Int) -> Int {
        let index = nodes.count
        nodes.append(Node(title: entry.title, href: entry.href, fragment: entry.fragment,
                          parent: parent, depth: depth, children: []))
        if let href = entry.href, firstNode[href] == nil { firstNode[href] = index }
        let children = entry.children.map { add($0, parent: index, depth: depth + 1) }
        nodes[index].children = children
        return index
    }

    /// The node that represents `page` (its first TOC entry), if listed.
    public func node(for page: String) -> Int? { firstNode[page] }

    /// The TOC title of a page, if listed.
    public func title(of page: String) -> String? { firstNode[page].map { nodes[$0].title } }

    public func previous(of page: String) -> String? {
        guard let index = position[page], index > 0 else { return nil }
        return order[index - 1]
    }

    public func next(of page: String) -> String? {
        guard let index = position[page], index + 1 < order.count else { return nil }
        return order[index + 1]
    }

    /// The chain of TOC entries from the top down to the page itself (inclusive).
    public func breadcrumbs(of page: String) -> [Link] {
        guard var index = firstNode[page] else { return [] }
        var chain: [Link] = []
        while true {
            let node = nodes[index]
            chain.append(Link(title: node.title, path: node.href))
            guard let parent = node.parent else { break }
            index = parent
        }
        return chain.reversed()
    }

    /// Node indexes from the root down to the page's node; used to expand the sidebar.
    public func ancestry(of page: String) -> [Int] {
        guard var index = firstNode[page] else { return [] }
        var chain = [index]
        while let parent = nodes[index].parent {
            chain.append(parent)
            index = parent
        }
        return chain.reversed()
    }
}
