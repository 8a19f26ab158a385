import Foundation
import Testing
import KontorRender

@Suite struct RelativeURLTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let from: String, to: String, expected: String
        var testDescription: String { "\(from) → \(to)" }
    }

    static let cases: [Case] = [
        Case(from: "hilfe/a/b.html", to: "assets/kontor.css", expected: "../../assets/kontor.css"),
        Case(from: "hilfe/a/b.html", to: "hilfe/a/b.html", expected: "b.html"),
        Case(from: "hilfe/a/b.html", to: "hilfe/a/b.html#abschnitt", expected: "b.html#abschnitt"),
        Case(from: "hilfe/a/b.html", to: "hilfe/a/c.html", expected: "c.html"),
        Case(from: "hilfe/a/b.html", to: "hilfe/c.html", expected: "../c.html"),
        Case(from: "hilfe/a/b.html", to: "hilfe/a/d/e.html", expected: "d/e.html"),
        Case(from: "hilfe/a/b.html", to: "hilfe/ab/c.html", expected: "../ab/c.html"),
        Case(from: "hilfe/ab/b.html", to: "hilfe/a/c.html", expected: "../a/c.html"),
        Case(from: "hilfe/a.html", to: "hilfe/a.html.bak/x.html", expected: "a.html.bak/x.html"),
        Case(from: "index.html", to: "x.html", expected: "x.html"),
        Case(from: "index.html", to: "hilfe/a.html", expected: "hilfe/a.html"),
        Case(from: "index.html", to: "index.html", expected: "index.html"),
        Case(from: "404.html", to: "suche.html?q=rechnung", expected: "suche.html?q=rechnung"),
        Case(from: "katalog/angebot/o365.html", to: "index.html", expected: "../../index.html"),
        Case(from: "katalog/angebot/o365.html", to: "katalog/kategorie/office.html", expected: "../kategorie/office.html"),
        Case(from: "hilfe/a.html", to: "hilfe/b.html#teil/mit/schrägstrich", expected: "b.html#teil/mit/schrägstrich"),
        Case(from: "hilfe/a.html", to: "#oben", expected: "#oben"),
        Case(from: "hilfe/a.html", to: "hilfe/", expected: "./"),
        Case(from: "hilfe/übersicht/ä.html", to: "hilfe/übersicht/ö.html", expected: "ö.html"),
        Case(from: "hilfe/übersicht/ä.html", to: "hilfe/überblick/ö.html", expected: "../überblick/ö.html"),
        Case(from: "hilfe/it's/a.html", to: "hilfe/it's/b&c.html", expected: "b&c.html"),
        Case(from: "hilfe/it's/a.html", to: "hilfe/its/<b>.html", expected: "../its/<b>.html"),
    ]

    @Test(arguments: cases) func relativeLink(_ testCase: Case) {
        #expect(RelativeURL.from(testCase.from, to: testCase.to) == testCase.expected)
    }

    /// The byte variant the sidebar uses escapes exactly what `from` returns.
    @Test(arguments: cases) func escapedLinkOnBytes(_ testCase: Case) {
        var output = Array("href=".utf8)
        var from = testCase.from
        var to = testCase.to
        from.withUTF8 { from in to.withUTF8 { RelativeURL.appendEscapedLink(from: from, to: $0, into: &output) } }
        #expect(String(decoding: output, as: UTF8.self) == "href=" + Self.escaped(testCase.expected))
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test func rootPrefix() {
        #expect(RelativeURL.rootPrefix(for: "index.html") == "")
        #expect(RelativeURL.rootPrefix(for: "404.html") == "")
        #expect(RelativeURL.rootPrefix(for: "hilfe/a.html") == "../")
        #expect(RelativeURL.rootPrefix(for: "hilfe/a/b.html") == "../../")
    }
}
