import Foundation
import KontorHashing
import KontorCatalog
import KontorContent
import KontorRender

/// The keys every template gets (see ARCHITECTURE.md), for one page of one site.
struct SiteContext: Sendable {
    let siteTitle: String
    let language: String
    /// Whose site this is: brand for every page (the unbranded profile without resellers).
    let profile: ResellerProfile
    let hasCatalog: Bool
    let helpHome: String?

    func base(outputPath: String, title: String, description: String, kind: String) -> [String: TemplateValue] {
        let root = RelativeURL.rootPrefix(for: outputPath)
        var nav: [String: TemplateValue] = [
            "home": .string(RelativeURL.from(outputPath, to: "index.html")),
            "search": .string(RelativeURL.from(outputPath, to: "suche.html")),
        ]
        if let helpHome { nav["help"] = .string(RelativeURL.from(outputPath, to: helpHome)) }
        if hasCatalog { nav["catalog"] = .string(RelativeURL.from(outputPath, to: "katalog/index.html")) }
        return [
            "root": .string(root),
            "site": ["title": .string(siteTitle), "language": .string(language)],
            "brand": profile.brandContext(forPageAt: outputPath),
            "page": ["title": .string(title), "description": .string(description), "kind": .string(kind), "url": .string(outputPath)],
            "hasCatalog": .bool(hasCatalog),
            "nav": .dictionary(nav),
        ]
    }
}

extension ResellerProfile {
    /// Everything of the profile that help pages show, for the fingerprint of incremental rebuilds.
    var brandFingerprint: [String] {
        [name, tagline, primaryColor, accentColor, contact.email, contact.phone,
         logoSVG.map { ContentHash.hex(ContentHash.of($0)) } ?? ""]
            + contact.addressLines + imprint
    }
}
