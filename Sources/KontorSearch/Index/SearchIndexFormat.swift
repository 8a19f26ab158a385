/// The files of the search index. Every file is a script that calls
/// `window.KontorSuche.register(key, data)`, so it loads through a `<script>` element over http
/// and from `file://` alike. `assets/search.js` reads exactly this format.
///
/// - `search/manifest.js`, key `"manifest"`:
///   `{"format":3,"documents":N,"weightScale":40,"singleSectionFrom":S,"packed":{…},"shards":["","abon",…]}` — `shards[i]` is the
///   shortest start of shard i's first term that sorts after shard i−1's last term (terms are
///   sorted by code point, shard 0 starts at ""); a term is in the last shard whose name is ≤ it.
/// - `search/t/<i>.js`, key `"t/<i>"`: `{"terms":[…],"postings":[…]}` — sorted terms and, for
///   each, its posting list (`ShardEncoding.appendPostings`): sparse, per document ascending
///   (document-id delta, weight, section index), or dense, a bitmap of the documents and then
///   (weight, section index) per document. Documents from `"singleSectionFrom"` (manifest) on
///   have no section index. The weight is the BM25 score × weightScale, title and heading boosts
///   included, so a query only adds weights.
/// - `search/d/<id>.js`, key `"d/<id>"`: `{"url":…,"title":…,"kind":"help"|"catalog",
///   "sections":[[anchor,heading,text],…]}` — what a result shows; text is capped.
/// - Catalog offers come last in document order and their fragments are small, so they are
///   packed: with `"packed":{"from":F,"per":P}` in the manifest, document `id ≥ F` is in
///   `search/d/p<k>.js`, k = (id − F) / P, key `"d/p<k>"`: `{"first":id0,"documents":[fragment,…]}`.
///   10,000 offers are 625 files instead of 10,000, and a first query still loads a few KB.
enum SearchIndexFormat {
    /// 2: offers' fragments are packed (`"packed"` in the manifest). 3: dense posting lists as
    /// bitmaps, no section numbers for single-section documents (`"singleSectionFrom"`).
    static let formatVersion = 3
    static let weightScale = 40.0
    static let maximumWeight = 1023
    static let manifestPath = "search/manifest.js"

    static func shardKey(_ index: Int) -> String { "t/\(index)" }
    static func shardPath(_ index: Int) -> String { "search/\(shardKey(index)).js" }
    static func documentKey(_ index: Int) -> String { "d/\(index)" }
    static func documentPath(_ index: Int) -> String { "search/\(documentKey(index)).js" }
    static let documentsPerPack = 16
    static func packKey(_ index: Int) -> String { "d/p\(index)" }
    static func packPath(_ index: Int) -> String { "search/\(packKey(index)).js" }

    /// `packedFrom`: the first document stored in packs, nil when every document has its own file.
    static func manifest(layout: PostingLayout, packedFrom: Int?, shards: [Range<Int>], terms: ByteStrings) -> [UInt8] {
        var json = JSONWriter(registering: "manifest")
        json.raw("{\"format\":\(formatVersion),\"documents\":\(layout.documentCount),\"weightScale\":\(Int(weightScale)),")
        if layout.singleSectionFrom < layout.documentCount {
            json.raw("\"singleSectionFrom\":\(layout.singleSectionFrom),")
        }
        if let packedFrom {
            json.raw("\"packed\":{\"from\":\(packedFrom),\"per\":\(documentsPerPack)},")
        }
        json.raw("\"shards\":")
        json.stringArray(ShardCutter.boundaries(of: shards, terms: terms))
        json.raw("}")
        return json.finishRegistration()
    }

    /// Pack `index` holding the fragments of `documents`, the first of which has id `first`.
    static func pack(_ index: Int, first: Int, _ documents: ArraySlice<SearchDocument>, options: SearchIndexOptions) -> [UInt8] {
        var json = JSONWriter(registering: packKey(index))
        json.raw("{\"first\":\(first),\"documents\":[")
        for (offset, document) in documents.enumerated() {
            if offset > 0 { json.raw(",") }
            appendFragment(document, options: options, to: &json)
        }
        json.raw("]}")
        return json.finishRegistration()
    }

    static func shard(_ index: Int, _ range: Range<Int>, terms: ByteStrings, encoded: EncodedPostings) -> [UInt8] {
        var json = JSONWriter(registering: shardKey(index))
        json.raw("{\"terms\":[")
        terms.withBuffers { terms in
            for term in range {
                if term > range.lowerBound { json.raw(",") }
                json.string(terms[term])
            }
        }
        json.raw("],\"postings\":[")
        var first = true
        encoded.forEachList(in: range) { list in
            if !first { json.raw(",") }
            first = false
            json.asciiString(list)
        }
        json.raw("]}")
        return json.finishRegistration()
    }

    static func fragment(_ index: Int, _ document: SearchDocument, options: SearchIndexOptions) -> [UInt8] {
        var json = JSONWriter(registering: documentKey(index), reservingCapacity: options.fragmentBytes + 1_024)
        appendFragment(document, options: options, to: &json)
        return json.finishRegistration()
    }

    private static func appendFragment(_ document: SearchDocument, options: SearchIndexOptions, to json: inout JSONWriter) {
        let perSection = sectionTextBytes(document, options: options)
        json.literal("{\"url\":")
        json.string(document.url)
        json.literal(",\"title\":")
        json.string(document.title)
        json.literal(",\"kind\":")
        json.string(document.kind.rawValue)
        json.literal(",\"sections\":[")
        // Sections are read in place: copying each one retained and released its three texts
        // (20,000 documents, a dozen sections each).
        document.sections.withUnsafeBufferPointer { sections in
            for index in sections.indices {
                if index > 0 { json.literal(",") }
                json.literal("[")
                json.string(sections[index].anchor ?? "")
                json.literal(",")
                json.string(sections[index].heading)
                json.literal(",")
                sections[index].body.withUTF8 { appendTruncated($0, maximumBytes: perSection, to: &json) }
                json.literal("]")
            }
        }
        json.literal("]}")
    }

    /// The text each section of `document` keeps: an equal share of what the fragment's fixed
    /// parts leave of `options.fragmentBytes`, within `options.fragmentSectionBytes`.
    static func sectionTextBytes(_ document: SearchDocument, options: SearchIndexOptions) -> Int {
        // Registration call, keys and punctuation: about 110 bytes, and 8 per section.
        var fixed = 110 + document.url.utf8.count + document.title.utf8.count
        document.sections.withUnsafeBufferPointer { sections in
            for index in sections.indices {
                fixed += 8 + (sections[index].anchor?.utf8.count ?? 0) + sections[index].heading.utf8.count
            }
        }
        let share = max(0, options.fragmentBytes - fixed) / max(1, document.sections.count)
        return min(options.fragmentSectionBytes.upperBound, max(options.fragmentSectionBytes.lowerBound, share))
    }


    /// Writes `truncate(text, maximumBytes:)` of the text's UTF-8 bytes as a JSON string
    /// without copying them.
    static func appendTruncated(_ bytes: UnsafeBufferPointer<UInt8>, maximumBytes: Int, to json: inout JSONWriter) {
        guard bytes.count > maximumBytes else { return json.string(bytes) }
        json.string(UnsafeBufferPointer(rebasing: bytes[..<truncationEnd(bytes, maximumBytes: maximumBytes)]), suffix: "…")
    }

    /// Cuts text to at most `maximumBytes` at a word boundary, ending in "…" when cut.
    static func truncate(_ text: String, maximumBytes: Int) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > maximumBytes else { return String(decoding: bytes, as: UTF8.self) }
            return String(decoding: bytes[..<truncationEnd(bytes, maximumBytes: maximumBytes)], as: UTF8.self) + "…"
        }
    }

    /// Where `truncate` cuts: never inside a scalar, at the last space if it is past the middle.
    private static func truncationEnd(_ bytes: UnsafeBufferPointer<UInt8>, maximumBytes: Int) -> Int {
        var end = maximumBytes
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }  // never split a scalar
        if let space = bytes[..<end].lastIndex(of: 0x20), space > maximumBytes / 2 { end = space }
        return end
    }
}
