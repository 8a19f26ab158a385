import KontorContent
import KontorRender

/// The keys every template gets (see ARCHITECTURE.md), for one page of one site.
struct SiteContext: Sendable {
    let siteTitle: String
    let language: String
    let brand: BrandInfo
    let hasCatalog: Bool
    let helpHome: String?

    func base(outputPath: String, title: String, description: String, kind: String) -> [String: Any] {
        let root = RelativeURL.rootPrefix(for: outputPath)
        var nav: [String: Any] = [
            "home": RelativeURL.from(outputPath, to: "index.html"),
            "search": RelativeURL.from(outputPath, to: "suche.html"),
        ]
        if let helpHome { nav["help"] = RelativeURL.from(outputPath, to: helpHome) }
        if hasCatalog { nav["catalog"] = RelativeURL.from(outputPath, to: "katalog/index.html") }
        return [
            "root": root,
            "site": ["title": siteTitle, "language": language],
            "brand": brand.context(root: root),
            "page": ["title": title, "description": description, "kind": kind, "url": outputPath],
            "hasCatalog": hasCatalog,
            "nav": nav,
        ]
    }
}

/// The branding shown on every page; the reseller profile's or the site's defaults.
struct BrandInfo: Sendable {
    var name: String
    var tagline: String = ""
    /// Output path of the logo, if any (`assets/logo.svg`).
    var logoPath: String?
    var email: String = ""
    var phone: String = ""
    var address: String = ""
    var imprint: String = ""

    /// All fields, for the fingerprint of incremental rebuilds.
    var fingerprint: String {
        [name, tagline, logoPath ?? "", email, phone, address, imprint].joined(separator: "\u{1F}")
    }

    func context(root: String) -> [String: Any] {
        [
            "name": name,
            "tagline": tagline,
            "logo": logoPath.map { root + $0 } ?? "",
            "contact": ["email": email, "phone": phone, "address": address],
            "imprint": imprint,
        ]
    }
}
