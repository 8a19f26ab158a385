import Foundation
import KontorDiagnostics
import Testing
@testable import KontorRender

@Suite struct TemplateSetTests {
    static let baseTheme: [String: String] = [
        "default/layout.mustache": "<title>{{page.title}}</title>{{>partials/header}}<main>{{$main}}Standard{{/main}}</main>",
        "default/page.mustache": "{{<layout}}{{$main}}<article>{{{content}}}</article>{{/main}}{{/layout}}",
        "default/partials/header.mustache": "<header>{{brand.name}}</header>",
        "default/assets/kontor.css": "body{}",
        "default/assets/img/a.svg": "<svg/>",
        "default/assets/.DS_Store": "x",
        "default/README.md": "not a template",
    ]

    @Test func registersTemplatesByPathWithoutExtension() throws {
        let fixture = try TemplateFixture(Self.baseTheme)
        let set = try TemplateSet(templatesRoot: fixture.root)
        #expect(set.templateNames == ["layout", "page", "partials/header"])
        #expect(set.has("partials/header"))
        #expect(!set.has("README"))
        #expect(set.displayPath(of: "page") == "templates/default/page.mustache")
    }

    @Test func rendersPartialsAndInheritance() throws {
        let fixture = try TemplateFixture(Self.baseTheme)
        let set = try TemplateSet(templatesRoot: fixture.root)
        let html = try set.renderText("page", context: [
            "page": ["title": "Rechnung"], "brand": ["name": "Acme"], "content": "<p>Hallo</p>",
        ])
        #expect(html == "<title>Rechnung</title><header>Acme</header><main><article><p>Hallo</p></article></main>")
        // Without an override the parent's block default shows.
        let layoutOnly = try set.renderText("layout", context: ["page": ["title": "X"], "brand": ["name": "Y"]])
        #expect(layoutOnly.contains("<main>Standard</main>"))
    }

    @Test func escapesHTMLInDoubleMustaches() throws {
        let fixture = try TemplateFixture(Self.baseTheme)
        let set = try TemplateSet(templatesRoot: fixture.root)
        let html = try set.renderText("page", context: [
            "page": ["title": #"<b>"Tom" & 'Jerry'</b>"#], "brand": ["name": "A&B"], "content": "<em>ok</em>",
        ])
        #expect(html.contains("<title>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</title>"))
        #expect(html.contains("<header>A&amp;B</header>"))
        #expect(html.contains("<article><em>ok</em></article>"))
    }

    @Test func overrideShadowsTemplatesAndAssetsFileByFile() throws {
        var files = Self.baseTheme
        files["acme/partials/header.mustache"] = "<header class=\"acme\">{{brand.name}}</header>"
        files["acme/assets/kontor.css"] = "body{color:red}"
        files["acme/assets/acme-logo.svg"] = "<svg/>"
        let fixture = try TemplateFixture(files)
        let set = try TemplateSet(templatesRoot: fixture.root, override: "acme")

        let html = try set.renderText("page", context: ["page": ["title": "T"], "brand": ["name": "Acme"], "content": ""])
        #expect(html.contains(#"<header class="acme">Acme</header>"#))
        #expect(html.contains("<article></article>"))  // page itself still from the theme
        #expect(set.displayPath(of: "partials/header") == "templates/acme/partials/header.mustache")
        #expect(set.displayPath(of: "layout") == "templates/default/layout.mustache")

        #expect(set.assetFiles.map(\.outputPath) == ["assets/acme-logo.svg", "assets/img/a.svg", "assets/kontor.css"])
        let css = try #require(set.assetFiles.first { $0.outputPath == "assets/kontor.css" })
        #expect(css.source.path.hasSuffix("templates/acme/assets/kontor.css"))
        #expect(try String(contentsOf: css.source, encoding: .utf8) == "body{color:red}")
    }

    @Test func missingOverrideFolderUsesTheTheme() throws {
        let fixture = try TemplateFixture(Self.baseTheme)
        let set = try TemplateSet(templatesRoot: fixture.root, override: "ohne-anpassung")
        #expect(set.assetFiles.map(\.outputPath) == ["assets/img/a.svg", "assets/kontor.css"])
    }

    @Test func missingThemeIsADiagnostic() throws {
        let fixture = try TemplateFixture(["default/page.mustache": "x"])
        #expect {
            try TemplateSet(templatesRoot: fixture.root, theme: "gibt-es-nicht")
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.location?.path == "templates/gibt-es-nicht"
        }
    }

    @Test func unknownTemplateIsAnError() throws {
        let fixture = try TemplateFixture(Self.baseTheme)
        let set = try TemplateSet(templatesRoot: fixture.root)
        #expect(throws: DiagnosticError.self) { try set.render("katalog", context: [:]) }
    }

    @Test func syntaxErrorsNameFileAndLine() throws {
        var files = Self.baseTheme
        files["acme/page.mustache"] = "<h1>{{page.title}}</h1>\n<ul>\n{{#items}}<li>{{name}}</li>{{/itemz}}\n</ul>\n"
        files["default/partials/footer.mustache"] = "{{#a}}\nnever closed\n"
        let fixture = try TemplateFixture(files)
        do {
            _ = try TemplateSet(templatesRoot: fixture.root, override: "acme")
            Issue.record("expected syntax errors")
        } catch {
            let byPath = Dictionary(uniqueKeysWithValues: error.diagnostics.compactMap { d in d.location.map { ($0.path, d) } })
            let page = try #require(byPath["templates/acme/page.mustache"])
            #expect(page.severity == .error)
            #expect(page.location?.line == 3)
            #expect(page.location?.column == 28)
            #expect(page.message.contains("closing tag '{{/itemz}}' does not match the open section 'items'"))
            let footer = try #require(byPath["templates/default/partials/footer.mustache"])
            #expect(footer.message.contains("never closed"))
            #expect(footer.location?.line == 1)  // the opening tag, not the end of the file
            #expect(footer.description.hasPrefix("templates/default/partials/footer.mustache:"))
        }
    }

    @Test func unknownPartialIsAnError() throws {
        var files = Self.baseTheme
        files["default/home.mustache"] = "{{<layout}}{{/layout}}\n  {{> partials/gibtsnicht }}{{>*dynamisch}}"
        let fixture = try TemplateFixture(files)
        do {
            _ = try TemplateSet(templatesRoot: fixture.root)
            Issue.record("expected an unknown-partial error")
        } catch {
            #expect(error.diagnostics.count == 1)
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.message.contains("partials/gibtsnicht"))
            #expect(diagnostic.location == SourceLocation(path: "templates/default/home.mustache", line: 2, column: 3))
        }
    }

    @Test func emptyStringsCountAsAbsentInSections() throws {
        let fixture = try TemplateFixture([
            "default/logo.mustache": "{{#brand.logo}}<img src=\"{{brand.logo}}\">{{/brand.logo}}{{^brand.logo}}{{brand.name}}{{/brand.logo}}",
        ])
        let set = try TemplateSet(templatesRoot: fixture.root)
        #expect(try set.renderText("logo", context: ["brand": ["name": "Acme", "logo": ""]]) == "Acme")
        #expect(try set.renderText("logo", context: ["brand": ["name": "Acme"]]) == "Acme")
        #expect(try set.renderText("logo", context: ["brand": ["name": "Acme", "logo": "l.svg"]]) == #"<img src="l.svg">"#)
    }

    @Test func rendersConcurrently() async throws {
        let fixture = try TemplateFixture(Self.baseTheme)
        let set = try TemplateSet(templatesRoot: fixture.root)
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let html = (try? set.renderText("page", context: [
                        "page": ["title": "Seite \(index)"], "brand": ["name": "B"], "content": "<p>\(index)</p>",
                    ])) ?? ""
                    return (index, html)
                }
            }
            var collected: [Int: String] = [:]
            for await (index, html) in group { collected[index] = html }
            return collected
        }
        #expect(results.count == 200)
        for (index, html) in results {
            #expect(html == "<title>Seite \(index)</title><header>B</header><main><article><p>\(index)</p></article></main>")
        }
    }
}
