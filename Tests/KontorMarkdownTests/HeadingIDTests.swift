import Testing
@testable import KontorMarkdown

struct HeadingIDTests {
    @Test func slugsAreGermanFriendly() {
        #expect(Slug.make("Übersicht der Größen") == "uebersicht-der-groessen")
        #expect(Slug.make("Ärger, Öl & Straße!") == "aerger-oel-strasse")
        #expect(Slug.make("  --Mehrere   Leerzeichen--  ") == "mehrere-leerzeichen")
        #expect(Slug.make("Version 2.1 (Beta)") == "version-2-1-beta")
        #expect(Slug.make("Café Ñandú") == "café-ñandú")
        #expect(Slug.make("!!!") == "")
    }

    @Test func duplicateHeadingsGetSuffixes() {
        let document = TestSupport.render("# Preise\n\n## Preise\n\n## Preise\n\n## Preise 1\n")
        #expect(document.headings.map(\.id) == ["preise", "preise-1", "preise-2", "preise-1-1"])
        #expect(document.html.contains("<h2 id=\"preise-2\">Preise</h2>"))
    }

    @Test func headingsKeepLevelTextAndOrder() {
        let document = TestSupport.render("# Eins\n\nText\n\nZwei *kursiv*\n---\n\n### `Code` drei\n")
        #expect(document.headings == [
            Heading(level: 1, text: "Eins", id: "eins"),
            Heading(level: 2, text: "Zwei kursiv", id: "zwei-kursiv"),
            Heading(level: 3, text: "Code drei", id: "code-drei"),
        ])
    }

    @Test func legacyAnchorsAreKeptAndReported() {
        let document = TestSupport.render("""
            # <a name="customize-the-catalog"></a>Anpassen des Katalogs

            ## <a href="" id="upgradesubscription"></a>Upgrade

            ####<a name="roles"></a>Rollen
            """)
        #expect(document.html.contains(#"<h1 id="anpassen-des-katalogs"><a name="customize-the-catalog"></a>Anpassen des Katalogs</h1>"#))
        #expect(document.html.contains(#"<a name="roles"></a>"#))
        #expect(document.anchorIDs == ["customize-the-catalog", "anpassen-des-katalogs", "upgradesubscription", "upgrade", "roles"])
        #expect(document.title == "Anpassen des Katalogs")
    }

    @Test func generatedIDsAvoidLegacyAnchorNames() {
        let document = TestSupport.render("# <a name=\"preise\"></a>Preise\n")
        #expect(document.headings.first?.id == "preise-1")
        #expect(document.anchorIDs == ["preise", "preise-1"])
    }

    @Test func emptyHeadingGetsFallbackID() {
        #expect(TestSupport.render("## !!!\n").headings.first?.id == "abschnitt")
    }
}
