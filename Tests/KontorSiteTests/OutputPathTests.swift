import Testing
@testable import KontorSite

/// Output paths come from content (guide paths, offer slugs); none may leave the site's folder.
@Suite struct OutputPathTests {
    @Test(arguments: ["index.html", "hilfe/a/b.html", "katalog/angebot/x-1.html", "a/.hidden", "a/..b/c", "ä/ö.html", "a/.../b"])
    func acceptsPathsInsideTheOutput(_ path: String) {
        #expect(OutputPath.isSafe(path))
    }

    @Test(arguments: ["", "/etc/passwd", "..", ".", "../x.html", "a/../../x", "a/./b", "a//b", "a/", "a\\b", "a\0b", "a/..", "./a"])
    func refusesPathsThatCouldLeaveTheOutput(_ path: String) {
        #expect(!OutputPath.isSafe(path))
    }

    @Test func guidePathsMapIntoTheHelpFolder() {
        #expect(OutputPath.forGuide("docs/billing/invoice.md") == "hilfe/billing/invoice.html")
        #expect(OutputPath.forDocsFile("docs/media/a.svg") == "hilfe/media/a.svg")
    }
}
