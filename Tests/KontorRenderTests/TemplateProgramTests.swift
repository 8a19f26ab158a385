import Testing
@testable import KontorRender

/// The linked program and the renderer's shared indentation and override stacks, on the shapes
/// where frames reuse what a sibling left behind; each case is checked against swift-mustache.
@Suite struct TemplateProgramTests {
    func expectSameAsSwiftMustache(_ template: String, _ partials: [(name: String, text: String)],
                                   _ context: TemplateValue = [:], sourceLocation: SourceLocation = #_sourceLocation) {
        let testCase = MustacheDifferentialTests.Case(seed: 0, template: template, partials: partials, context: context)
        let outcome = MustacheDifferentialTests.compare(testCase)
        guard case .rendered = outcome else {
            Issue.record("\(outcome)", sourceLocation: sourceLocation)
            return
        }
    }

    @Test func siblingPartialsWithDifferentIndentation() {
        let partials = [("a", "a1\n {{>c}}\nA\n"), ("b", "b1\n\t{{>c}}\nB\n"), ("c", "c1\n{{x}}\nc2\n")]
        expectSameAsSwiftMustache("  {{>a}}\n    {{>b}}\n{{>c}}\n  {{>a}}\n", partials, ["x": "x1\nx2"])
        expectSameAsSwiftMustache("{{#items}}\n  {{>a}}\n   {{>b}}\n{{/items}}\n", partials,
                                  ["items": [["x": "1"], ["x": "2"]]])
    }

    @Test func indentedBlocksInsideIndentedPartials() {
        let partials = [("p", "p1\n  {{$b}}\n  default\n  {{/b}}\np2\n"), ("q", "  {{>p}}\n")]
        expectSameAsSwiftMustache("  {{>q}}\n {{<p}}{{$b}}\nover\nride\n{{/b}}{{/p}}\n  {{>p}}\n", partials)
    }

    @Test func overridesApplyOnlyInsideTheirParent() {
        let partials = [("p", "<{{$x}}px{{/x}}{{>q}}>"), ("q", "({{$x}}qx{{/x}}{{<r}}{{$y}}qy{{/y}}{{/r}})"),
                        ("r", "/{{$x}}rx{{/x}}{{$y}}ry{{/y}}/")]
        expectSameAsSwiftMustache("{{<p}}{{$x}}X{{/x}}{{/p}}|{{<p}}{{/p}}|{{>q}}|{{<q}}{{$y}}Y{{/y}}{{/q}}|{{>r}}", partials)
    }

    @Test func overrideBodiesCallingPartialsAndParents() {
        let partials = [("layout", "<{{$main}}m{{/main}}|{{$side}}s{{/side}}>"), ("box", "({{$inner}}b{{/inner}})"), ("plain", "p")]
        expectSameAsSwiftMustache("{{<layout}}{{$main}}{{>plain}}{{<box}}{{$inner}}{{>plain}}B{{/inner}}{{/box}}{{/main}}"
                                  + "{{$side}}S{{>plain}}{{/side}}{{/layout}}", partials)
    }

    @Test func contentTypeStaysInsideItsSection() {
        expectSameAsSwiftMustache("{{#s}}{{%CONTENT_TYPE:TEXT}}{{v}}{{/s}}{{v}}{{>p}}{{v}}", [("p", "{{%CONTENT_TYPE:TEXT}}{{v}}")],
                                  ["s": true, "v": "<&>"])
    }

    @Test func consecutiveLinesFormOneTextRun() throws {
        let program = TemplateProgram(templates: ["main": try TemplateParser.parse(Array("a\nb\n{{x}}c\n{{#s}}d\n{{/s}}".utf8))])
        let operations = program.instructions.map(\.operation)
        #expect(operations == [.text, .text, .variable, .text, .section, .text])
        // `a\n` runs up to the variable, `b\n` too; a run never leaves its section.
        #expect(program.instructions.map(\.index)[0...3] == [2, 2, 0, 4])
        #expect(program.instructions[5].index == 6)
    }

    @Test func staticPartialsAreLinkedToTheirTemplates() throws {
        let library = try ["main": "{{>known}}{{>missing}}{{>*dynamic}}", "known": "k"]
            .mapValues { try TemplateParser.parse(Array($0.utf8)) }
        let program = TemplateProgram(templates: library)
        let known = try #require(program.templateIndex["known"])
        #expect(program.calls.map(\.template) == [known, -1, -1])
        #expect(program.calls.map { $0.dynamicName >= 0 } == [false, false, true])
    }
}
