import Foundation
import KontorDiagnostics
import KontorYAML

/// An id from a profile together with where it was written, so validation can point at it.
public struct LocatedID: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation?

    public init(_ id: String, location: SourceLocation? = nil) {
        self.id = id
        self.location = location
    }
}

public struct ResellerContact: Sendable, Hashable {
    public var email: String = ""
    public var phone: String = ""
    /// Lines of the postal address.
    public var addressLines: [String] = []

    public init(email: String = "", phone: String = "", addressLines: [String] = []) {
        self.email = email
        self.phone = phone
        self.addressLines = addressLines
    }
}

/// A reseller's branding and catalog customization, from `content/resellers/<id>.yml`:
///
/// ```yaml
/// name: Nordlicht Cloud GmbH
/// tagline: Microsoft-Cloud aus einer Hand
/// logo: nordlicht.svg            # SVG beside the profile (content/resellers/), → assets/logo.svg
/// colors: { primary: "#0b4f8a", accent: "#2fb3e0" }   # #rgb or #rrggbb
/// contact:
///   email: vertrieb@example.cn
///   phone: +86 10 1234 5678
///   address: |                   # one line per address line
///     Straße 1
///     Beijing
/// imprint: |                     # paragraphs separated by blank lines
///   …
/// featured: [<Offer ID>, …]      # at most five, shown first in the catalog
/// hidden:
///   offers: [<Offer ID>, …]
///   categories: [<category id>, …]
/// pricing:
///   base: erp                    # erp (default) | list
///   markup:                      # percent, negative = discount; never below the list price
///     default: 12
///     categories: { bildung: -5 }
///     offers: { <Offer ID>: 8 }
///   rounding: "0.01"             # see `Rounding`: 0.01 (default), 0.10, 1, any step, x.99
///   vat: 6                       # percent (China VAT on these services)
///   display: gross               # net (zzgl. MwSt., default) | gross (inkl. MwSt.)
/// ```
public struct ResellerProfile: Sendable {
    public static let folder = "resellers"

    /// File name without `.yml`; empty for the unbranded default profile.
    public var id: String
    public var name: String
    public var tagline: String
    /// SVG bytes of the logo (written to `assets/logo.svg`), if any.
    public var logoSVG: Data?
    public var primaryColor: String
    public var accentColor: String
    public var contact: ResellerContact
    /// Paragraphs of the imprint.
    public var imprint: [String]
    public var featured: [LocatedID]
    public var hiddenOffers: [LocatedID]
    public var hiddenCategories: [LocatedID]
    public var pricing: PricingRules
    /// Content path of the profile (`resellers/nordlicht.yml`), empty for the default profile.
    public var sourcePath: String
    /// Where `featured:` was written (for the "more than five" diagnostic).
    public var featuredLocation: SourceLocation?
    /// Warnings found while loading.
    public var warnings: [Diagnostic] = []

    public static let defaultPrimaryColor = "#1f4e79"
    public static let defaultAccentColor = "#2e8bc0"

    public init(id: String, name: String, tagline: String = "", logoSVG: Data? = nil,
                primaryColor: String = defaultPrimaryColor, accentColor: String = defaultAccentColor,
                contact: ResellerContact = ResellerContact(), imprint: [String] = [],
                featured: [LocatedID] = [], hiddenOffers: [LocatedID] = [], hiddenCategories: [LocatedID] = [],
                pricing: PricingRules = PricingRules(), sourcePath: String = "") {
        self.id = id
        self.name = name
        self.tagline = tagline
        self.logoSVG = logoSVG
        self.primaryColor = primaryColor
        self.accentColor = accentColor
        self.contact = contact
        self.imprint = imprint
        self.featured = featured
        self.hiddenOffers = hiddenOffers
        self.hiddenCategories = hiddenCategories
        self.pricing = pricing
        self.sourcePath = sourcePath
    }

    /// The profile of a site without `content/resellers/`: the site title as name, no logo,
    /// ERP prices without markup, shown net.
    public static func unbranded(siteTitle: String) -> ResellerProfile {
        ResellerProfile(id: "", name: siteTitle)
    }

    /// All profiles in `content/resellers/*.yml`, sorted by id; empty when the folder is missing.
    /// Throws every error of every profile at once.
    public static func loadAll(contentRoot: URL) throws(DiagnosticError) -> [ResellerProfile] {
        let folderURL = contentRoot.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderURL.path) else { return [] }
        var profiles: [ResellerProfile] = []
        var diagnostics: [Diagnostic] = []
        for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            do {
                profiles.append(try load(file: "\(folder)/\(name)", contentRoot: contentRoot))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if diagnostics.hasErrors { throw DiagnosticError(diagnostics.sortedForDisplay()) }
        return profiles
    }

    /// Loads one profile; `file` is a content path such as `resellers/nordlicht.yml`.
    public static func load(file: String, contentRoot: URL) throws(DiagnosticError) -> ResellerProfile {
        let text = try Catalog.readText(contentRoot.appendingPathComponent(file), path: file)
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        let id = String(fileName.prefix { $0 != "." })
        return try parse(yaml: text, id: id, path: file) { logo throws(DiagnosticError) in
            try readLogo(logo, profileFolder: folder, contentRoot: contentRoot)
        }
    }

    /// Parses a profile. `loadLogo` receives the `logo:` value (with its location) and returns the
    /// SVG bytes; tests pass a closure instead of touching the file system.
    public static func parse(yaml: String, id: String, path: String,
                             loadLogo: (LocatedID) throws(DiagnosticError) -> Data? = { _ in nil })
        throws(DiagnosticError) -> ResellerProfile {
        var file = YAMLFile(path: path)
        var profile = ResellerProfile(id: id, name: id, sourcePath: path)
        if !Slug.isValid(id) {
            file.diagnostics.append(.error("Händler-id „\(id)“ (Dateiname) muss aus Kleinbuchstaben, Ziffern und "
                                               + "Bindestrichen bestehen", path: path, line: 1, column: 1))
        }
        var logo: LocatedID?
        if let root = file.root(of: yaml) {
            let known: Set<String> = ["name", "tagline", "logo", "colors", "contact", "imprint", "featured",
                                      "hidden", "pricing"]
            for entry in file.mapping(root, known: known, context: path) {
                profile.apply(entry.key, entry.value, file: &file, logo: &logo)
            }
        }
        if let logo {
            do {
                profile.logoSVG = try loadLogo(logo)
            } catch {
                file.diagnostics += error.diagnostics
            }
        }
        if file.diagnostics.hasErrors { throw DiagnosticError(file.diagnostics.sortedForDisplay()) }
        profile.warnings = file.diagnostics.sortedForDisplay()
        return profile
    }

    private mutating func apply(_ key: String, _ value: YAMLNode, file: inout YAMLFile, logo: inout LocatedID?) {
        switch key {
        case "name": name = file.string(value, context: "name") ?? name
        case "tagline": tagline = file.string(value, context: "tagline") ?? ""
        case "logo":
            if let path = file.string(value, context: "logo"), !path.isEmpty {
                logo = LocatedID(path, location: file.location(value))
            }
        case "colors": applyColors(value, file: &file)
        case "contact": applyContact(value, file: &file)
        case "imprint": imprint = CatalogTexts.paragraphs(file.string(value, context: "imprint") ?? "")
        case "featured":
            featured = located(file.strings(value, context: "featured"), file: file)
            featuredLocation = file.location(value)
        case "hidden":
            for entry in file.mapping(value, known: ["offers", "categories"], context: "hidden") {
                let ids = located(file.strings(entry.value, context: "hidden.\(entry.key)"), file: file)
                if entry.key == "offers" { hiddenOffers = ids } else { hiddenCategories = ids }
            }
        default: pricing = Self.parsePricing(value, file: &file)
        }
    }

    private func located(_ values: [(value: String, node: YAMLNode)], file: YAMLFile) -> [LocatedID] {
        values.map { LocatedID($0.value, location: file.location($0.node)) }
    }

    private mutating func applyColors(_ node: YAMLNode, file: inout YAMLFile) {
        for entry in file.mapping(node, known: ["primary", "accent"], context: "colors") {
            guard let color = file.string(entry.value, context: "colors.\(entry.key)") else { continue }
            guard Self.isHexColor(color) else {
                file.error("Farbe „\(color)“ muss als #rgb oder #rrggbb angegeben werden", at: entry.value)
                continue
            }
            if entry.key == "primary" { primaryColor = color.lowercased() } else { accentColor = color.lowercased() }
        }
    }

    private mutating func applyContact(_ node: YAMLNode, file: inout YAMLFile) {
        for entry in file.mapping(node, known: ["email", "phone", "address"], context: "contact") {
            let value = file.string(entry.value, context: "contact.\(entry.key)") ?? ""
            switch entry.key {
            case "email": contact.email = value
            case "phone": contact.phone = value
            default:
                contact.addressLines = value.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            }
        }
    }

    static func isHexColor(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "#"), bytes.count == 4 || bytes.count == 7 else { return false }
        return bytes.dropFirst().allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
        }
    }

    private static func parsePricing(_ node: YAMLNode, file: inout YAMLFile) -> PricingRules {
        var rules = PricingRules()
        for entry in file.mapping(node, known: ["base", "markup", "rounding", "vat", "display"], context: "pricing") {
            switch entry.key {
            case "base":
                let text = file.string(entry.value, context: "pricing.base") ?? ""
                if let base = PriceBase(rawValue: text.lowercased()) { rules.base = base } else {
                    file.error("pricing.base „\(text)“: erlaubt sind erp und list", at: entry.value)
                }
            case "markup": parseMarkup(entry.value, into: &rules, file: &file)
            case "rounding":
                let text = file.string(entry.value, context: "pricing.rounding") ?? ""
                if let rounding = Rounding(yaml: text) { rules.rounding = rounding } else {
                    file.error("pricing.rounding „\(text)“: erlaubt sind eine positive Schrittweite wie 0.01, 0.10, 1 "
                                   + "oder x.99", at: entry.value)
                }
            case "vat":
                if let rate = file.decimal(entry.value, context: "pricing.vat") {
                    if rate < 0 || rate > 100 {
                        file.error("pricing.vat muss zwischen 0 und 100 Prozent liegen", at: entry.value)
                    } else {
                        rules.vatRate = rate
                    }
                }
            default:
                let text = file.string(entry.value, context: "pricing.display") ?? ""
                if let display = PriceDisplay(rawValue: text.lowercased()) { rules.display = display } else {
                    file.error("pricing.display „\(text)“: erlaubt sind net und gross", at: entry.value)
                }
            }
        }
        return rules
    }

    private static func parseMarkup(_ node: YAMLNode, into rules: inout PricingRules, file: inout YAMLFile) {
        if node.scalar != nil {
            // `markup: 12` is shorthand for `markup: { default: 12 }`.
            if let percent = file.decimal(node, context: "pricing.markup") {
                rules.defaultMarkup = MarkupRule(percent, location: file.location(node))
            }
            return
        }
        for entry in file.mapping(node, known: ["default", "categories", "offers"], context: "pricing.markup") {
            if entry.key == "default" {
                if let percent = file.decimal(entry.value, context: "pricing.markup.default") {
                    rules.defaultMarkup = MarkupRule(percent, location: file.location(entry.value))
                }
                continue
            }
            var markups: [String: MarkupRule] = [:]
            for item in file.mapping(entry.value, context: "pricing.markup.\(entry.key)") {
                if let percent = file.decimal(item.value, context: "pricing.markup.\(entry.key).\(item.key)") {
                    markups[item.key] = MarkupRule(percent, location: file.location(item.keyNode))
                }
            }
            if entry.key == "categories" { rules.categoryMarkups = markups } else { rules.offerMarkups = markups }
        }
    }

    /// Reads the logo SVG, confined to the content folder.
    static func readLogo(_ logo: LocatedID, profileFolder: String,
                         contentRoot: URL) throws(DiagnosticError) -> Data {
        let location = logo.location ?? SourceLocation(path: profileFolder)
        func failure(_ message: String) -> DiagnosticError { DiagnosticError(Diagnostic(.error, message, at: location)) }
        guard logo.id.lowercased().hasSuffix(".svg") else { throw failure("Das Logo „\(logo.id)“ muss eine SVG-Datei sein") }
        let segments = logo.id.split(separator: "/")
        guard !logo.id.hasPrefix("/"), !segments.contains("..") else {
            throw failure("Das Logo „\(logo.id)“ muss innerhalb von content/\(profileFolder)/ liegen")
        }
        let url = contentRoot.appendingPathComponent(profileFolder).appendingPathComponent(logo.id)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw failure("Die Logodatei „\(profileFolder)/\(logo.id)“ gibt es nicht")
        }
        return data
    }
}
