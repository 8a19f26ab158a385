import KontorText

/// What a search hit is: a help page or a catalog offer ("Hilfe" / "Katalog" in the UI).
public enum SearchDocumentKind: String, Sendable, Hashable {
    case help
    case catalog
}

/// A part of a page below one heading. The first section of a page has no heading (the text
/// before the first `<h2>`/`<h3>`), so `anchor` is nil and `heading` empty.
public struct SearchSection: Sendable, Hashable {
    public var anchor: String?
    public var heading: String
    /// The section's text as bytes: the index hashes, analyses and copies it as such, and a
    /// section read back from a cache is never decoded (see `UTF8Text`).
    public var body: UTF8Text
    /// The section's text as a `String` (decoded on every read when `body` holds bytes).
    public var text: String {
        get { body.string }
        set { body = UTF8Text(newValue) }
    }

    public init(anchor: String?, heading: String, text: String) {
        self.init(anchor: anchor, heading: heading, body: UTF8Text(text))
    }

    public init(anchor: String?, heading: String, body: UTF8Text) {
        self.anchor = anchor
        self.heading = heading
        self.body = body
    }
}

/// One searchable page: a rendered help page or a catalog offer page.
public struct SearchDocument: Sendable, Hashable {
    /// Output path relative to the site root, e.g. "hilfe/billing.html".
    public var url: String
    public var title: String
    public var kind: SearchDocumentKind
    public var sections: [SearchSection]

    public init(url: String, title: String, kind: SearchDocumentKind, sections: [SearchSection]) {
        self.url = url
        self.title = title
        self.kind = kind
        self.sections = sections
    }

    /// Extracts the sections of a rendered page body: splits at `<h2>`/`<h3>` (their `id` becomes
    /// the anchor), strips tags, decodes entities, skips `<script>`, `<style>`, `<h1>` (the
    /// title is indexed on its own) and `aria-hidden="true"` elements.
    public static func fromHTML(url: String, title: String, kind: SearchDocumentKind, bodyHTML: [UInt8]) -> SearchDocument {
        SearchDocument(url: url, title: title, kind: kind, sections: HTMLSectionExtractor.sections(bodyHTML))
    }

    public static func fromHTML(url: String, title: String, kind: SearchDocumentKind,
                                bodyHTML: UnsafeBufferPointer<UInt8>) -> SearchDocument {
        SearchDocument(url: url, title: title, kind: kind, sections: HTMLSectionExtractor.sections(bodyHTML))
    }

    public static func fromHTML(url: String, title: String, kind: SearchDocumentKind, bodyHTML: String) -> SearchDocument {
        // Scans the string's own UTF-8 storage: a rendered page is copied nowhere.
        var html = bodyHTML
        let sections = html.withUTF8 { HTMLSectionExtractor.sections($0) }
        return SearchDocument(url: url, title: title, kind: kind, sections: sections)
    }
}
