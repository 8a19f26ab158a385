import Foundation
import KontorDiagnostics
import KontorParallel

/// A group of offers with its own catalog page.
public struct CatalogCategory: Sendable, Hashable {
    /// Slug, used in URLs (`katalog/kategorie/<id>.html`) and in profiles.
    public var id: String
    public var name: String
    public var description: String

    public init(id: String, name: String, description: String = "") {
        self.id = id
        self.name = name
        self.description = description
    }
}

/// A link to a help page `content/docs/<name>.md`, shown as `hilfe/<name>.html`.
public struct GuideLink: Sendable, Hashable {
    public var name: String
    public var title: String

    /// Output path relative to the site root.
    public var outputPath: String { "hilfe/\(name).html" }
}

/// One offer: its price list rows (one per term, billing frequency and customer type) and the
/// German texts from the catalog YAML.
///
/// The fields live in one shared, copy-on-write box: an offer is copied into the priced
/// catalog, its category lists and every page builder, and copying ten strings and arrays
/// meant ten reference count updates each time; now it is one.
@dynamicMemberLookup
public struct Offer: Sendable, Hashable {
    /// What an offer is; read and written as `offer.name`, `offer.rows`, … (dynamic members).
    public struct Fields: Sendable, Hashable {
        public var id: String
        /// `Slug.make(id)`, unique in the catalog.
        public var slug: String
        public var name: String
        public var purchaseUnit: String
        public var categoryID: String
        public var summary: String
        /// Paragraphs of the German description.
        public var description: [String]
        public var features: [String]
        public var guides: [GuideLink]
        /// Rows in display order (customer type, term, billing frequency).
        public var rows: [PriceListRow]
    }

    private final class Box: Sendable {
        let fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    private var box: Box

    init(id: String, slug: String, name: String, purchaseUnit: String, categoryID: String, summary: String,
         description: [String], features: [String], guides: [GuideLink], rows: [PriceListRow]) {
        box = Box(Fields(id: id, slug: slug, name: name, purchaseUnit: purchaseUnit, categoryID: categoryID,
                         summary: summary, description: description, features: features, guides: guides, rows: rows))
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            var fields = box.fields
            fields[keyPath: field] = newValue
            box = Box(fields)
        }
    }

    public static func == (lhs: Offer, rhs: Offer) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }
}

/// The catalog as loaded from `content/catalog/`: price list plus German offer texts.
public struct Catalog: Sendable {
    public static let priceListFile = "catalog/preisliste.csv"
    public static let offersFile = "catalog/angebote.yml"
    /// Category of offers that the YAML does not mention.
    public static let fallbackCategory = CatalogCategory(
        id: "weitere-angebote", name: "Weitere Angebote",
        description: "Angebote aus der Preisliste ohne eigene Katalogbeschreibung.")

    /// Categories in YAML order (only those with offers, plus empty ones from the YAML).
    public private(set) var categories: [CatalogCategory]
    /// All offers, ordered by category, then name, then id.
    public private(set) var offers: [Offer]
    /// Default "valid from" date (ISO) for rows without an Effective Start Date; may be empty.
    public var validFrom: String
    /// Warnings found while loading (errors are thrown instead).
    public var warnings: [Diagnostic]
    private var offerIndex: [String: Int]
    private var categoryIndex: [String: Int]

    public init(categories: [CatalogCategory], offers: [Offer], validFrom: String = "",
                warnings: [Diagnostic] = []) {
        let categoryOrder = Dictionary(categories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.categories = categories
        // Sort light keys, not the offers themselves: moving large structs costs more than comparing.
        let keys = offers.enumerated().map { index, offer in
            (category: categoryOrder[offer.categoryID] ?? Int.max, name: offer.name.lowercased(), id: offer.id,
             index: index)
        }.sorted { ($0.category, $0.name, $0.id) < ($1.category, $1.name, $1.id) }
        self.offers = keys.map { offers[$0.index] }
        self.validFrom = validFrom
        self.warnings = warnings
        var offerIndex: [String: Int] = Dictionary(minimumCapacity: self.offers.count)
        for (position, offer) in self.offers.enumerated() where offerIndex[offer.id] == nil {
            offerIndex[offer.id] = position
        }
        self.offerIndex = offerIndex
        self.categoryIndex = categoryOrder
    }

    public func offer(id: String) -> Offer? {
        offerIndex[id].map { offers[$0] }
    }

    public func category(id: String) -> CatalogCategory? {
        categoryIndex[id].map { categories[$0] }
    }

    /// Loads `catalog/preisliste.csv` and (optionally) `catalog/angebote.yml` under `contentRoot`.
    /// Returns `nil` when there is no price list, i.e. the site has no catalog.
    public static func load(contentRoot: URL) throws(DiagnosticError) -> Catalog? {
        let csvURL = contentRoot.appendingPathComponent(priceListFile)
        guard FileManager.default.fileExists(atPath: csvURL.path) else { return nil }
        let csv = try readText(csvURL, path: priceListFile)
        let yamlURL = contentRoot.appendingPathComponent(offersFile)
        let yaml = FileManager.default.fileExists(atPath: yamlURL.path)
            ? try readText(yamlURL, path: offersFile) : nil
        let docsPath = contentRoot.appendingPathComponent("docs").path
        // Offers share guides; ask the file system once per name.
        var guideExists: [String: Bool] = [:]
        return try parse(csv: csv, yaml: yaml, guideExists: { name in
            if let known = guideExists[name] { return known }
            let exists = FileManager.default.fileExists(atPath: docsPath + "/" + name + ".md")
            guideExists[name] = exists
            return exists
        })
    }

    /// Builds a catalog from file contents (paths in diagnostics are `catalog/preisliste.csv` and
    /// `catalog/angebote.yml`). Throws all errors at once; warnings end up in `warnings`.
    public static func parse(csv: String, yaml: String?, csvPath: String = priceListFile,
                             yamlPath: String = offersFile,
                             guideExists: (String) -> Bool = { _ in true }) throws(DiagnosticError) -> Catalog {
        // The two files are independent: read them at the same time.
        let ((rows, csvDiagnostics), parsedTexts) = Parallel.both {
            PriceList.parse(csv, path: csvPath)
        } and: {
            yaml.map { CatalogTexts.parse($0, path: yamlPath) }
        }
        var texts = CatalogTexts(categories: [], offers: [:], validFrom: "", guideTitles: [:])
        var diagnostics = csvDiagnostics
        if let parsedTexts {
            texts = parsedTexts.texts
            diagnostics += parsedTexts.diagnostics
        }
        let catalog = assemble(rows: rows, texts: texts, yamlPath: yamlPath, guideExists: guideExists,
                               diagnostics: &diagnostics)
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sortedForDisplay()) }
        var result = catalog
        result.warnings = diagnostics.sortedForDisplay()
        return result
    }

    private static func assemble(rows: [PriceListRow], texts: CatalogTexts, yamlPath: String,
                                 guideExists: (String) -> Bool, diagnostics: inout [Diagnostic]) -> Catalog {
        // Rows grouped by offer in order of first appearance; one hash of the id per row.
        var groupOfOffer: [String: Int] = Dictionary(minimumCapacity: rows.count)
        var groups: [[PriceListRow]] = []
        for row in rows {
            if let group = groupOfOffer[row.offerID] {
                groups[group].append(row)
            } else {
                groupOfOffer[row.offerID] = groups.count
                groups.append([row])
            }
        }
        var categories = texts.categories
        let knownCategories = Set(categories.map(\.id))
        var needsFallback = false
        var offerOfSlug: [String: String] = Dictionary(minimumCapacity: groups.count)
        var offers: [Offer] = []
        offers.reserveCapacity(groups.count)
        var textsUsed = 0
        for fileRows in groups {
            guard let first = fileRows.first else { continue }
            let id = first.offerID
            for row in fileRows where row.offerName != first.offerName {
                diagnostics.append(.warning("Offer ID „\(id)“ heißt hier „\(row.offerName)“, in Zeile \(first.line) aber "
                                                + "„\(first.offerName)“; angezeigt wird der erste Name",
                                            path: Catalog.priceListFile, line: row.line, column: 1))
            }
            let offerRows = fileRows.count > 1 ? fileRows.sorted(by: VariantLabels.precedes) : fileRows
            let text = texts.offers[id]
            if text != nil { textsUsed += 1 }
            var categoryID = Catalog.fallbackCategory.id
            if let text, knownCategories.contains(text.category) {
                categoryID = text.category
            } else if let text {
                diagnostics.append(Diagnostic(.error, "Angebot „\(id)“ nennt die unbekannte Kategorie „\(text.category)“",
                                              at: text.categoryLocation))
            } else {
                needsFallback = true
            }
            let slug = Slug.make(id)
            if let other = offerOfSlug.updateValue(id, forKey: slug) {
                diagnostics.append(.error("Offer IDs „\(other)“ und „\(id)“ ergeben dieselbe Seite „\(slug)“",
                                          path: Catalog.priceListFile, line: first.line, column: 1))
            }
            let guides = (text?.guides ?? []).map { guide in
                GuideLink(name: guide.name, title: texts.guideTitles[guide.name] ?? guide.name)
            }
            offers.append(Offer(id: id, slug: slug, name: first.offerName, purchaseUnit: first.purchaseUnit,
                                categoryID: categoryID, summary: text?.summary ?? "",
                                description: text?.description ?? [], features: text?.features ?? [],
                                guides: guides, rows: offerRows))
        }
        // Every text found an offer when the counts match; only otherwise look for the strays.
        if textsUsed < texts.offers.count {
            for (id, text) in texts.offers where groupOfOffer[id] == nil {
                diagnostics.append(Diagnostic(.warning, "Angebot „\(id)“ steht nicht in der Preisliste und wird nicht angezeigt",
                                              at: text.location))
            }
        }
        for text in texts.offers.values {
            for guide in text.guides where !guideExists(guide.name) {
                diagnostics.append(Diagnostic(.warning, "Anleitung „docs/\(guide.name).md“ gibt es nicht",
                                              at: guide.location))
            }
        }
        if needsFallback, !knownCategories.contains(Catalog.fallbackCategory.id) {
            categories.append(Catalog.fallbackCategory)
        }
        return Catalog(categories: categories, offers: offers, validFrom: texts.validFrom)
    }

    static func readText(_ url: URL, path: String) throws(DiagnosticError) -> String {
        do {
            let data = try Data(contentsOf: url)
            guard let text = String(data: data, encoding: .utf8) else {
                throw DiagnosticError(.error("Datei ist nicht in UTF-8 kodiert", path: path))
            }
            return text
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(.error("Datei kann nicht gelesen werden: \(error.localizedDescription)", path: path))
        }
    }
}
