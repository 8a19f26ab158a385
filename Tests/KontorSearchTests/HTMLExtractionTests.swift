import Testing
@testable import KontorSearch

@Suite struct HTMLExtractionTests {
    @Test func splitsAtHeadingsWithAnchors() {
        let html = """
        <h1>Titel</h1><p>Einleitung zum <strong>Thema</strong>.</p>
        <h2 id="rechnung-lesen">Rechnung <em>lesen</em></h2><p>Erster Absatz.</p><p>Zweiter</p>
        <h3 id="details">Details</h3><ul><li>eins</li><li>zwei</li></ul>
        """
        let document = SearchDocument.fromHTML(url: "hilfe/a.html", title: "Titel", kind: .help, bodyHTML: html)
        #expect(document.sections == [
            SearchSection(anchor: nil, heading: "", text: "Einleitung zum Thema."),
            SearchSection(anchor: "rechnung-lesen", heading: "Rechnung lesen", text: "Erster Absatz. Zweiter"),
            SearchSection(anchor: "details", heading: "Details", text: "eins zwei"),
        ])
    }

    @Test func decodesEntities() {
        let html = "<p>Preis&nbsp;&amp; Geb&uuml;hr &#8222;neu&#x201C; &lt;b&gt; &unknown; AT&T</p>"
        let sections = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: html).sections
        #expect(sections.map(\.text) == ["Preis & Gebühr „neu“ <b> &unknown; AT&T"])
    }

    @Test func skipsScriptStyleCommentsAndHiddenParts() {
        let html = """
        <style>p { color: red }</style><script>var x = "<h2>nein</h2>";</script><!-- <h2>auch nicht</h2> -->
        <p>sichtbar</p><h2 id="a">Kopf<a class="anchor" href="#a" aria-hidden="true"><span>#</span></a></h2>
        <p>Text <span aria-hidden="true">versteckt <span>tief</span></span>da</p>
        """
        let sections = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: html).sections
        #expect(sections == [
            SearchSection(anchor: nil, heading: "", text: "sichtbar"),
            SearchSection(anchor: "a", heading: "Kopf", text: "Text da"),
        ])
    }

    @Test func headingWithoutIDAndAttributesInQuotes() {
        let html = "<h2 class='x' title=\"a > b\">Ohne Anker</h2><p data-x=\"<p>\">Inhalt</p><h3 id=\"k&amp;v\">K</h3>"
        let sections = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: html).sections
        #expect(sections == [
            SearchSection(anchor: nil, heading: "Ohne Anker", text: "Inhalt"),
            SearchSection(anchor: "k&v", heading: "K", text: ""),
        ])
    }

    @Test func tablesAndBreaksSeparateWords() {
        let html = "<table><tr><td>Offer</td><td>ID</td></tr></table>Zeile<br>zwei"
        let sections = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: html).sections
        #expect(sections.map(\.text) == ["Offer ID Zeile zwei"])
    }
}

@Suite struct HTMLExtractionTagNameTests {
    @Test func tagNamesIgnoreCase() {
        let html = "<P>Vorher</P><SCRIPT>nein()</Script><H2 ID=\"kopf\">Kopf</h2><P>Text</P>"
        let sections = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: html).sections
        #expect(sections == [
            SearchSection(anchor: nil, heading: "", text: "Vorher"),
            SearchSection(anchor: "kopf", heading: "Kopf", text: "Text"),
        ])
    }

    /// Names longer than eight bytes are compared on their bytes, nested ones counted.
    @Test func hiddenElementsWithLongNamesSkipTheirNestedContent() {
        let html = """
        <blockquote aria-hidden="true">weg<blockquote>tief</BLOCKQUOTE>auch weg</blockquote>da \
        <custom-element aria-hidden="true">x<custom-elements>y</custom-elements>z</Custom-Element>bleibt
        """
        let sections = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: html).sections
        #expect(sections.map(\.text) == ["da bleibt"])
    }

    @Test func markupEscapesAndOtherEntitiesDecode() {
        let html = "<p>&quot;A&amp;B&quot; &lt;c&gt; &ampx; &quo; &auml;</p>"
        let sections = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: html).sections
        #expect(sections.map(\.text) == ["\"A&B\" <c> &ampx; &quo; ä"])
    }

    @Test func bytesAndStringInputAgree() {
        let html = "<h2 id=\"a\">Ü<em>ber</em></h2><p>Gebühr&nbsp;&amp; mehr</p>"
        let fromString = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: html)
        let fromBytes = SearchDocument.fromHTML(url: "a.html", title: "", kind: .help, bodyHTML: Array(html.utf8))
        #expect(fromString == fromBytes)
        #expect(fromString.sections == [SearchSection(anchor: "a", heading: "Über", text: "Gebühr & mehr")])
    }
}
