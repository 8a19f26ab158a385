import KontorContent
import Testing
@testable import KontorSite

/// The link check's byte fast path must agree with `ContentPath` wherever it gives an answer.
@Suite struct PlainLinkResolverTests {
    private let links = [
        "b.html", "./b.html", "../c.html", "../../x.html", "../../../x.html", "sub/./d.html#anker", "sub//d.html",
        "#oben", "?q=1#x", "b.html?x=1#frag", "b.html#", "https://example.com/a", "mailto:x@y.de", "//cdn.example/x.js",
        "a/b:c.html", "page.html#a:b", "C++:x", "/abs.html", "~/docs/a.html", "%C3%A4.html", "ä.html", "", ".", "..", "a/..",
    ]

    @Test func agreesWithContentPath() {
        for folder in ["hilfe/a", "hilfe", ""] {
            var resolver = PlainLinkResolver(folder: folder)
            for link in links {
                var bytes = link
                let target = bytes.withUTF8 { resolver.target(of: $0) }
                guard let target else { continue }
                if ContentPath.isExternal(link) {
                    #expect(target == .external, "\(folder) \(link)")
                    continue
                }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = String(parts[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
                let fragment = parts.count > 1 ? String(parts[1]) : nil
                let expected = path.isEmpty ? nil : ContentPath.join(folder, path)
                #expect(target == .page(path: expected, fragment: fragment), "\(folder) \(link)")
            }
        }
    }

    @Test func declinesWhatItDoesNotDecideForCertain() {
        var resolver = PlainLinkResolver(folder: "hilfe")
        for link in ["/abs.html", "~/docs/a.html", "%C3%A4.html", "ä.html", "", "../../x.html", "a\tb.html"] {
            var bytes = link
            #expect(bytes.withUTF8 { resolver.target(of: $0) } == nil, "\(link)")
        }
        var plain = "../index.html#start"
        #expect(plain.withUTF8 { resolver.target(of: $0) } == .page(path: "index.html", fragment: "start"))
    }
}
