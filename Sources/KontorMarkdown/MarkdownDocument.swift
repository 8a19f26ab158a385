import KontorDiagnostics
import KontorText

/// How Markdown is rendered.
public struct MarkdownOptions: Sendable, Hashable {
    /// Strip raw HTML and neutralise `javascript:`, `vbscript:` and non-image `data:` URLs,
    /// for content from untrusted authors.
    public var safe: Bool

    public init(safe: Bool = false) {
        self.safe = safe
    }
}

/// One heading of a page with its anchor id.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

/// The YAML block at the top of a page.
public struct FrontMatter: Sendable, Hashable {
    public var title: String?
    public var description: String?
    /// ISO `YYYY-MM-DD`, from `ms.date` (DocFX `MM/DD/YYYY`) or `date` (ISO).
    public var date: String?
    /// Every other scalar key, as written.
    public var metadata: [String: String]

    public init(title: String? = nil, description: String? = nil, date: String? = nil, metadata: [String: String] = [:]) {
        self.title = title
        self.description = description
        self.date = date
        self.metadata = metadata
    }

    /// `metadata` in key order, for deterministic output.
    public var sortedMetadata: [(key: String, value: String)] {
        metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }
}

/// A rendered page: body HTML plus everything later stages need (ids for the table of
/// contents and link checking, outgoing links, media to copy, included files).
public struct MarkdownDocument: Sendable {
    /// Content path of the page, e.g. `docs/billing.md`.
    public var path: String
    public var frontMatter: FrontMatter
    /// Front matter `title`, else the first H1, else derived from the file name.
    public var title: String
    /// Body HTML, as bytes: a page read back from the Markdown cache is only hashed unless it
    /// is rendered again (see `UTF8Text`).
    public var body: UTF8Text
    /// Body HTML as a `String` (decoded on every read when `body` holds bytes).
    public var html: String {
        get { body.string }
        set { body = UTF8Text(newValue) }
    }
    /// All headings in document order, with their ids.
    public var headings: [Heading]
    /// Every id defined in the page, in order: heading ids, legacy `<a name>` anchors,
    /// `id="…"` in raw HTML, generated ids (image descriptions).
    public var anchorIDs: [String]
    /// Outgoing hrefs after rewriting (`.md` → `.html`, includes rebased), first occurrence order.
    public var links: [String]
    /// Local media (image sources) relative to the page, first occurrence order.
    public var assets: [String]
    /// Content paths of included files (direct and nested).
    public var includes: [String]
    public var diagnostics: [Diagnostic]

    public init(
        path: String, frontMatter: FrontMatter = FrontMatter(), title: String = "", html: String = "",
        headings: [Heading] = [], anchorIDs: [String] = [], links: [String] = [], assets: [String] = [],
        includes: [String] = [], diagnostics: [Diagnostic] = []
    ) {
        self.init(path: path, frontMatter: frontMatter, title: title, body: UTF8Text(html), headings: headings,
                  anchorIDs: anchorIDs, links: links, assets: assets, includes: includes, diagnostics: diagnostics)
    }

    public init(
        path: String, frontMatter: FrontMatter = FrontMatter(), title: String = "", body: UTF8Text,
        headings: [Heading] = [], anchorIDs: [String] = [], links: [String] = [], assets: [String] = [],
        includes: [String] = [], diagnostics: [Diagnostic] = []
    ) {
        self.path = path
        self.frontMatter = frontMatter
        self.title = title
        self.body = body
        self.headings = headings
        self.anchorIDs = anchorIDs
        self.links = links
        self.assets = assets
        self.includes = includes
        self.diagnostics = diagnostics
    }
}
