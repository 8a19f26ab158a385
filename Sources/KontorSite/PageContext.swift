import Foundation
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
            "brand": profile.brandContext(forPageAt: outputPath),
            "page": ["title": title, "description": description, "kind": kind, "url": outputPath],
            "hasCatalog": hasCatalog,
            "nav": nav,
        ]
    }
}

extension ResellerProfile {
    /// Everything of the profile that help pages show, for the fingerprint of incremental rebuilds.
    var brandFingerprint: [String] {
        [name, tagline, primaryColor, accentColor, contact.email, contact.phone,
         logoSVG.map { ContentHash.hex(ContentHash.fnv1a64($0)) } ?? ""]
            + contact.addressLines + imprint
    }
}
