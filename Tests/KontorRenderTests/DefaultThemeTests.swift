import Foundation
import Testing
@testable import KontorRender

/// Renders the real default theme (`templates/default`) with sample contexts as the site builder
/// passes them (see ARCHITECTURE.md, "Context keys every template gets").
@Suite struct DefaultThemeTests {
    static let templatesRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates", isDirectory: true)

    static func baseContext(outputPath: String, kind: String, title: String, hasCatalog: Bool = true) -> [String: TemplateValue] {
        let link = { (target: String) in TemplateValue.string(RelativeURL.from(outputPath, to: target)) }
        return [
            "root": .string(RelativeURL.rootPrefix(for: outputPath)),
            "site": ["title": "Hilfe-Center", "language": "de-DE"],
            "brand": [
                "name": "Wolkenhandel & Co.", "logo": "", "tagline": "Cloud-Dienste aus einer Hand",
                "contact": ["email": "hilfe@example.com", "phone": "+86 10 1234 5678", "address": "Musterstraße 1\n100000 Peking"],
                "imprint": "Wolkenhandel GmbH",
            ],
            "page": ["title": .string(title), "description": "Beschreibung <kurz>", "kind": .string(kind),
                     "url": .string(outputPath.split(separator: "/").last.map(String.init) ?? "")],
            "hasCatalog": .bool(hasCatalog),
            "nav": [
                "home": link("index.html"), "help": link("hilfe/index.html"),
                "catalog": link("katalog/index.html"), "search": link("suche.html"),
            ],
        ]
    }

    static func helpContext() -> [String: TemplateValue] {
        var context = baseContext(outputPath: "hilfe/konto/rechnung.html", kind: "help", title: "Rechnung lesen")
        context["content"] = "<h1 id=\"rechnung-lesen\">Rechnung lesen</h1>\n<p>Text</p>\n<h2 id=\"posten\">Posten</h2>"
        context["sidebar"] = "<ul><li><a href=\"rechnung.html\" aria-current=\"page\">Rechnung lesen</a></li></ul>"
        context["breadcrumbs"] = [
            ["title": "Hilfe", "url": "../index.html"],
            ["title": "Konto", "url": "index.html"],
            ["title": "Rechnung lesen", "url": "rechnung.html"],
        ]
        context["headings"] = [
            ["id": "posten", "text": "Posten & Preise", "level": 2],
            ["id": "steuern", "text": "Steuern", "level": 3],
        ]
        context["previous"] = ["title": "Konto", "url": "index.html"]
        context["next"] = ["title": "Zahlung", "url": "zahlung.html"]
        context["date"] = "20. November 2026"
        return context
    }

    @Test func helpPageStructure() throws {
        let theme = try TemplateSet(templatesRoot: Self.templatesRoot)
        let html = try theme.renderText("page", context: Self.helpContext())

        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">"))
        #expect(html.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
        #expect(html.contains("<title>Rechnung lesen – Wolkenhandel &amp; Co.</title>"))
        #expect(html.contains(#"<meta name="description" content="Beschreibung &lt;kurz&gt;">"#))
        #expect(html.contains(#"<link rel="stylesheet" href="../../assets/kontor.css">"#))
        #expect(html.contains(#"<link rel="stylesheet" href="../../assets/brand.css">"#))
        #expect(html.contains(#"<link rel="stylesheet" href="../../assets/kontor-print.css" media="print">"#))
        #expect(html.contains(#"<script src="../../assets/kontor.js" defer></script>"#))
        #expect(html.contains(##"<a class="sprunglink" href="#inhalt">Zum Inhalt springen</a>"##))
        #expect(html.contains(#"<main id="inhalt""#))

        // Header: brand name as text because the logo is empty, main navigation, search form.
        #expect(html.contains(#"<span class="marke-name">Wolkenhandel &amp; Co.</span>"#))
        #expect(!html.contains("<img class=\"marke-logo\""))
        #expect(html.contains(#"<a class="nav-help" href="../index.html">Hilfe</a>"#))
        #expect(html.contains(#"<a class="nav-catalog" href="../../katalog/index.html">Katalog</a>"#))
        #expect(html.contains(#"<form class="kopf-suche" role="search" action="../../suche.html" method="get">"#))
        #expect(html.contains(#"<input type="search" name="q" class="suchfeld" autocomplete="off" aria-label="Hilfe und Katalog durchsuchen""#))

        // Sidebar, breadcrumbs (last one current), article, "Auf dieser Seite", date, previous/next.
        #expect(html.contains(#"<nav id="seitenleiste" class="seitenleiste" aria-label="Inhaltsverzeichnis">"#))
        #expect(html.contains(#"<a href="rechnung.html" aria-current="page">Rechnung lesen</a></li></ul>"#))
        #expect(html.contains(#"<nav class="brotkrumen" aria-label="Brotkrumen">"#))
        #expect(html.contains(#"<li><a href="../index.html">Hilfe</a></li>"#))
        #expect(html.contains(#"<li><a href="rechnung.html" aria-current="page">Rechnung lesen</a></li>"#))
        #expect(html.components(separatedBy: "<nav class=\"brotkrumen\"").count == 2)
        #expect(html.contains("<h1 id=\"rechnung-lesen\">Rechnung lesen</h1>"))
        #expect(html.contains("Auf dieser Seite"))
        #expect(html.contains(##"<li class="ebene-2"><a href="#posten">Posten &amp; Preise</a></li>"##))
        #expect(html.contains(##"<li class="ebene-3"><a href="#steuern">Steuern</a></li>"##))
        #expect(html.contains("Zuletzt aktualisiert am 20. November 2026"))
        #expect(html.contains(#"<span class="blaettern-richtung">Zurück:</span> <span class="blaettern-titel">Konto</span>"#))
        #expect(html.contains(#"<span class="blaettern-richtung">Weiter:</span> <span class="blaettern-titel">Zahlung</span>"#))
        #expect(html.components(separatedBy: "<nav class=\"blaettern\"").count == 2)
        #expect(html.components(separatedBy: "</nav>").count == html.components(separatedBy: "<nav ").count)

        // Footer.
        #expect(html.contains(#"<a href="mailto:hilfe@example.com">hilfe@example.com</a>"#))
        #expect(html.contains("Erstellt mit Kontor"))
        #expect(html.contains("Impressum"))
    }

    @Test func helpPageWithoutOptionalParts() throws {
        let theme = try TemplateSet(templatesRoot: Self.templatesRoot)
        var context = Self.helpContext()
        context["breadcrumbs"] = []
        context["headings"] = nil
        context["previous"] = nil
        context["date"] = nil
        context["hasCatalog"] = false
        context["brand"] = ["name": "Acme", "logo": "../../assets/acme.svg"]
        let html = try theme.renderText("page", context: context)
        #expect(!html.contains("brotkrumen"))
        #expect(!html.contains("Auf dieser Seite"))
        #expect(!html.contains("Zuletzt aktualisiert"))
        #expect(!html.contains("Zurück:"))
        #expect(html.contains("Weiter:"))
        #expect(html.components(separatedBy: "</nav>").count == html.components(separatedBy: "<nav ").count)
        #expect(!html.contains("nav-catalog"))
        #expect(html.contains(#"<img class="marke-logo" src="../../assets/acme.svg" alt="Acme">"#))
        #expect(!html.contains("Impressum"))
        #expect(!html.contains("<address>"))

        context["next"] = nil
        let single = try theme.renderText("page", context: context)
        #expect(!single.contains("blaettern"))
    }

    @Test func homePage() throws {
        let theme = try TemplateSet(templatesRoot: Self.templatesRoot)
        var context = Self.baseContext(outputPath: "index.html", kind: "home", title: "Start")
        context["sections"] = [
            ["title": "Konto", "url": "hilfe/konto/index.html", "description": "Konto einrichten"],
            ["title": "Abrechnung", "url": "hilfe/abrechnung.html", "description": ""],
        ]
        let html = try theme.renderText("home", context: context)
        #expect(html.contains(#"<link rel="stylesheet" href="assets/kontor.css">"#))
        #expect(html.contains("Cloud-Dienste aus einer Hand"))
        #expect(html.contains(#"<form class="suchbox" role="search" action="suche.html" method="get">"#))
        #expect(html.contains(#"<a href="hilfe/konto/index.html">Konto</a>"#))
        #expect(html.contains("<p class=\"karte-text\">Konto einrichten</p>"))
        #expect(html.components(separatedBy: "class=\"karte-text\"").count == 2)
        #expect(html.contains(#"<a class="knopf" href="katalog/index.html">Zum Katalog</a>"#))

        context["hasCatalog"] = false
        #expect(try !theme.renderText("home", context: context).contains("katalog-teaser"))
    }

    @Test func notFoundPageLinksFromTheRoot() throws {
        let theme = try TemplateSet(templatesRoot: Self.templatesRoot)
        let html = try theme.renderText("404", context: Self.baseContext(outputPath: "404.html", kind: "notFound", title: "Seite nicht gefunden"))
        #expect(html.contains("<h1 id=\"fehlerseite-titel\">Seite nicht gefunden</h1>"))
        #expect(html.contains(#"<a href="index.html">Zur Startseite</a>"#))
        #expect(html.contains(#"action="suche.html""#))
        #expect(html.contains(#"href="assets/kontor.css""#))
    }

    @Test func searchPageKeepsItsIds() throws {
        let theme = try TemplateSet(templatesRoot: Self.templatesRoot)
        let html = try theme.renderText("search", context: Self.baseContext(outputPath: "suche.html", kind: "search", title: "Suche"))
        #expect(html.contains(#"id="suche-eingabe" name="q""#))
        #expect(html.contains(#"<div id="suchergebnisse" class="suchergebnisse" aria-live="polite"></div>"#))
        #expect(html.contains("<noscript>"))
    }

    /// CSP `default-src 'self'`: no inline scripts, styles or handlers, nothing from other hosts.
    @Test func themeHasNoInlineCodeOrThirdPartyURLs() throws {
        let folder = Self.templatesRoot.appendingPathComponent("default")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
        #expect(files.contains("layout.mustache"))
        for file in files where file.hasSuffix(".mustache") || file.hasSuffix(".css") || file.hasSuffix(".js") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("style=\""), "\(file) has an inline style")
            #expect(!text.contains("http://") && !text.contains("https://"), "\(file) names another host")
            #expect(!text.contains("@import"), "\(file) imports a stylesheet")
            if file.hasSuffix(".mustache") {
                #expect(text.range(of: #"<script(?![^>]*\bsrc=)"#, options: .regularExpression) == nil, "\(file) has an inline script")
                #expect(text.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "\(file) has an inline handler")
            }
        }
    }
}
