import Testing
@testable import KontorRender
import KontorText

/// The Mustache engine on its own: cases from the Mustache spec (as swift-mustache, which Kontor
/// used before, renders them) plus Kontor's empty-string rule.
@Suite struct TemplateEngineTests {
    func render(_ template: String, _ context: [String: TemplateValue] = [:],
                partials: [String: String] = [:]) throws -> String {
        var library: [String: [TemplateNode]] = [:]
        for (name, text) in partials { library[name] = try TemplateParser.parse(Array(text.utf8)) }
        // A space cannot occur in a partial tag, so no partial can call the template under test.
        let mainName = "template under test"
        library[mainName] = try TemplateParser.parse(Array(template.utf8))
        let program = TemplateProgram(templates: library)
        var output: [UInt8] = []
        if let main = program.templateIndex[mainName] {
            program.render(main, root: .dictionary(context), appendingTo: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    func syntaxError(_ template: String) -> TemplateSyntaxError? {
        do {
            _ = try TemplateParser.parse(Array(template.utf8))
            return nil
        } catch {
            return error
        }
    }

    // MARK: Interpolation

    @Test func interpolation() throws {
        #expect(try render("Hello, {{subject}}!", ["subject": "world"]) == "Hello, world!")
        #expect(try render("{{missing}}|{{ subject }}", ["subject": "x"]) == "|x")
        #expect(try render("{{n}} {{flag}} {{off}}", ["n": 42, "flag": true, "off": false]) == "42 true false")
        #expect(try render("  {{x}}\n", ["x": "---"]) == "  ---\n")  // interpolation is never standalone
    }

    /// Text that is already bytes (a page body, the sidebar) renders exactly as the same
    /// `String` would, in every place a value can stand.
    @Test func textBytesRenderLikeTheirString() throws {
        let samples = ["", "Größe <b>&</b> \"zitiert\" 'einfach'", "abc"]
        let templates = ["{{v}}", "{{{v}}}", "{{&v}}", "{{#v}}[{{.}}]{{/v}}", "{{^v}}leer{{/v}}", "{{v.uppercased()}}",
                         "{{#v.empty()}}e{{/v.empty()}}", "{{#list.sorted()}}{{.}},{{/list.sorted()}}"]
        for sample in samples {
            let asText: [String: TemplateValue] = ["v": .text(UTF8Text(utf8: Array(sample.utf8))),
                                                   "list": .list([.text(UTF8Text("b")), .text(UTF8Text(sample))])]
            let asString: [String: TemplateValue] = ["v": .string(sample), "list": .list([.string("b"), .string(sample)])]
            for template in templates {
                #expect(try render(template, asText) == render(template, asString), "\(template) with \(sample.debugDescription)")
            }
        }
        #expect(try render("{{>*p}}", ["p": .text(UTF8Text("x"))], partials: ["x": "dynamisch"]) == "dynamisch")
    }

    @Test func escapesTheFiveHTMLCharactersOnly() throws {
        let value: TemplateValue = #"& " < > ' ü €"#
        #expect(try render("{{v}}", ["v": value]) == "&amp; &quot; &lt; &gt; &#39; ü €")
        #expect(try render("{{{v}}}|{{&v}}", ["v": value]) == #"& " < > ' ü €|& " < > ' ü €"#)
        #expect(try render("{{%CONTENT_TYPE:TEXT}}{{v}}", ["v": "<b>"]) == "<b>")
    }

    @Test func dottedNamesAndContextClimbing() throws {
        let context: [String: TemplateValue] = [
            "a": ["b": ["c": "deep"]],
            "person": ["name": "Joe"],
            "sec": ["b": "bar"], "b": "wrong", "c": ["d": "baz"], "top": "foo",
        ]
        #expect(try render("{{a.b.c}}|{{person.name}}|{{a.x.c}}|{{a.b.c.d}}", context) == "deep|Joe||")
        #expect(try render("{{#sec}}{{top}}, {{b}}, {{c.d}}{{/sec}}", context) == "foo, bar, baz")
        // The first key found ends the search: `b` inside `sec` has no `c`, so nothing is printed.
        #expect(try render("{{#outer}}{{b.c}}{{/outer}}", ["outer": ["b": [:]], "b": ["c": "ERROR"]]) == "")
        // A leading dot looks only at the innermost value.
        #expect(try render("{{#sec}}[{{.top}}]{{/sec}}", context) == "[]")
    }

    @Test func implicitIterator() throws {
        #expect(try render("{{#list}}({{.}}){{/list}}", ["list": .strings(["a", "<b>", "c"])]) == "(a)(&lt;b&gt;)(c)")
        #expect(try render("{{.}}", [:]) == "")
    }

    // MARK: Sections

    @Test func sectionsOverBoolsDictionariesAndLists() throws {
        #expect(try render("\"{{#b}}shown{{/b}}\"", ["b": true]) == "\"shown\"")
        #expect(try render("\"{{#b}}shown{{/b}}\"", ["b": false]) == "\"\"")
        #expect(try render("{{#context}}Hi {{name}}.{{/context}}", ["context": ["name": "Joe"]]) == "Hi Joe.")
        #expect(try render("{{#list}}{{item}}{{/list}}", ["list": [["item": 1], ["item": 2], ["item": 3]]]) == "123")
        #expect(try render("{{#list}}x{{/list}}", ["list": []]) == "")
        #expect(try render("{{#s}}[{{.}}]{{/s}}", ["s": "text"]) == "[text]")
        #expect(try render("{{#n}}zero is true{{/n}}", ["n": 0]) == "zero is true")
    }

    @Test func nestedLists() throws {
        let context: [String: TemplateValue] = [
            "groups": [
                ["name": "A", "items": .strings(["1", "2"])],
                ["name": "B", "items": []],
                ["name": "C", "items": .strings(["3"])],
            ],
        ]
        let template = "{{#groups}}{{name}}:{{#items}}{{.}}{{^last()}},{{/last()}}{{/items}}{{^items}}-{{/items}};{{/groups}}"
        #expect(try render(template, context) == "A:1,2;B:-;C:3;")
    }

    @Test func emptyStringsCountAsAbsent() throws {
        let context: [String: TemplateValue] = ["logo": "", "name": "Acme", "inner": ["logo": ""]]
        #expect(try render("{{#logo}}img{{/logo}}{{^logo}}{{name}}{{/logo}}|{{logo}}", context) == "Acme|")
        // An empty value still ends the search for the name: the outer `logo` is not used.
        #expect(try render("{{#inner}}{{^logo}}none{{/logo}}{{/inner}}", ["logo": "outer", "inner": ["logo": ""]]) == "none")
        #expect(try render("{{#list}}[{{.}}]{{#.}}x{{/.}}{{/list}}", ["list": .strings(["", "a"])]) == "[][a]x")
    }

    @Test func invertedSections() throws {
        #expect(try render("{{^b}}shown{{/b}}", ["b": false]) == "shown")
        #expect(try render("{{^b}}shown{{/b}}", ["b": true]) == "")
        #expect(try render("{{^list}}empty{{/list}}", ["list": []]) == "empty")
        #expect(try render("{{^list}}empty{{/list}}", ["list": ["x"]]) == "")
        #expect(try render("{{^missing}}absent{{/missing}}") == "absent")
        #expect(try render("{{^d}}x{{/d}}", ["d": [:]]) == "")
    }

    @Test func listPositionTransforms() throws {
        let context: [String: TemplateValue] = ["items": .strings(["a", "b", "c"])]
        let template = "{{#items}}{{#first()}}<ul>{{/first()}}<li>{{index()}}{{.}}{{#even()}}e{{/even()}}</li>{{#last()}}</ul>{{/last()}}{{/items}}"
        #expect(try render(template, context) == "<ul><li>0ae</li><li>1b</li><li>2ce</li></ul>")
        #expect(try render("{{#items}}{{plusone(index())}}{{#odd()}}o{{/odd()}}{{/items}}", context) == "12o3")
        // The position belongs to the list section itself; a dictionary section inside resets it,
        // a bool section keeps it.
        let nested: [String: TemplateValue] = ["items": [["d": ["x": 1], "t": true]]]
        #expect(try render("{{#items}}{{#d}}{{#first()}}no{{/first()}}{{/d}}{{#t}}{{#first()}}yes{{/first()}}{{/t}}{{/items}}", nested) == "yes")
        #expect(try render("{{#first()}}outside{{/first()}}") == "")
    }

    @Test func valueTransforms() throws {
        let context: [String: TemplateValue] = ["items": .strings(["b", "a"]), "word": "Grüße", "n": 2, "d": ["k": "v"]]
        #expect(try render("{{count(items)}} {{first(items)}} {{last(items)}} {{#reversed(items)}}{{.}}{{/reversed(items)}}", context)
            == "2 b a ab")
        #expect(try render("{{#sorted(items)}}{{.}}{{/sorted(items)}}", context) == "ab")
        #expect(try render("{{uppercased(word)}} {{lowercased(word)}}", context) == "GRÜSSE grüße")
        #expect(try render("{{plusone(n)}} {{minusone(n)}} {{#even(n)}}even{{/even(n)}} {{count(d)}}", context) == "3 1 even 1")
        #expect(try render("{{#empty(items)}}empty{{/empty(items)}}{{^empty(items)}}filled{{/empty(items)}}", context) == "filled")
        #expect(try render("{{#enumerated(d)}}{{key}}={{value}}{{/enumerated(d)}}", context) == "k=v")
        #expect(try render("{{unknown(items)}}", context) == "")
    }

    // MARK: Whitespace

    @Test func standaloneLines() throws {
        #expect(try render("| This Is\n{{#b}}\n|\n{{/b}}\n| A Line\n", ["b": true]) == "| This Is\n|\n| A Line\n")
        #expect(try render("| This Is\n  {{#b}}\n|\n  {{/b}}\n| A Line\n", ["b": true]) == "| This Is\n|\n| A Line\n")
        #expect(try render("|\r\n{{#b}}\r\n{{/b}}\r\n|", ["b": true]) == "|\r\n|")
        #expect(try render("  {{#b}}\n#{{/b}}\n/", ["b": true]) == "#\n/")
        #expect(try render("#{{#b}}\n/\n  {{/b}}", ["b": true]) == "#\n/\n")
        #expect(try render(" | {{#b}}\t|\t{{/b}} | \n", ["b": true]) == " | \t|\t | \n")
        #expect(try render(" {{#b}}YES{{/b}}\n {{#b}}GOOD{{/b}}\n", ["b": true]) == " YES\n GOOD\n")
        #expect(try render("| This Is\n{{^b}}\n|\n{{/b}}\n| A Line\n", ["b": false]) == "| This Is\n|\n| A Line\n")
    }

    /// swift-mustache decides whether the line after a section starts "fresh" by the section's
    /// opening tag, not its closing tag; the themes were written against that.
    @Test func lineStateAfterASectionFollowsItsOpeningTag() throws {
        #expect(try render("{{#a}}x\n{{/a}}\n  {{#b}}\ny\n{{/b}}\n", ["a": true, "b": true]) == "x\n  \ny\n")
    }

    @Test func comments() throws {
        #expect(try render("12345{{! Comment Block! }}67890") == "1234567890")
        #expect(try render("Begin.\n{{! Comment Block! }}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try render("Begin.\n  {{! Indented }}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try render("Begin.\n{{!\n  Something's going on here...\n}}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try render("  12 {{! 34 }}\n") == "  12 \n")
    }

    @Test func setDelimiters() throws {
        #expect(try render("{{=<% %>=}}(<%text%>)", ["text": "Hey!"]) == "(Hey!)")
        #expect(try render("({{=[ ]=}}[text])", ["text": "It worked!"]) == "(It worked!)")
        #expect(try render("Begin.\n{{=@ @=}}\nEnd.\n") == "Begin.\nEnd.\n")
        let template = "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n"
        #expect(try render(template, ["section": true, "data": "I got interpolated."])
            == "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n")
    }

    // MARK: Partials

    @Test func partials() throws {
        #expect(try render("\"{{>text}}\"", partials: ["text": "from partial"]) == "\"from partial\"")
        #expect(try render("\"{{>partial}}\"", ["text": "content"], partials: ["partial": "*{{text}}*"]) == "\"*content*\"")
        #expect(try render("|{{> partial }}|", partials: ["partial": "[]"]) == "|[]|")
        #expect(try render("|{{>missing}}|") == "||")
        #expect(try render("|\r\n{{>partial}}\r\n|", partials: ["partial": ">"]) == "|\r\n>|")
        let tree: [String: TemplateValue] = ["content": "X", "nodes": [["content": "Y", "nodes": []]]]
        #expect(try render("{{>node}}", tree, partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"]) == "X<Y<>>")
    }

    @Test func standalonePartialsIndentTheirLines() throws {
        #expect(try render("\\\n {{>partial}}\n/\n", ["content": "<\n->"], partials: ["partial": "|\n{{{content}}}\n|\n"])
            == "\\\n |\n <\n->\n |\n/\n")
        #expect(try render("  {{data}}  {{> partial}}\n", ["data": "|"], partials: ["partial": ">\n>"]) == "  |  >\n>\n")
        // Nested standalone partials add up their indentation.
        #expect(try render("a\n  {{>outer}}\nb\n", partials: ["outer": "o1\n  {{>inner}}\no2\n", "inner": "i1\ni2\n"])
            == "a\n  o1\n    i1\n    i2\n  o2\nb\n")
    }

    @Test func dynamicPartials() throws {
        #expect(try render("[{{>*which}}]", ["which": "p"], partials: ["p": "P"]) == "[P]")
        #expect(try render("[{{>*which}}]", ["which": "nope"], partials: ["p": "P"]) == "[]")
    }

    // MARK: Inheritance

    @Test func blocksRenderTheirDefaultWithoutParent() throws {
        #expect(try render("{{$title}}Default title{{/title}}\n") == "Default title\n")
        #expect(try render("{{$foo}}default {{bar}} content{{/foo}}\n", ["bar": "baz"]) == "default baz content\n")
        #expect(try render("{{$var}}var in template{{/var}}", ["var": "var in data"]) == "var in template")
    }

    @Test func parentsWithOverriddenAndDefaultBlocks() throws {
        let parent = "|{{$stuff}}...{{/stuff}}{{$default}} default{{/default}}|"
        #expect(try render("test {{<parent}}{{$stuff}}override1{{/stuff}}{{/parent}} {{<parent}}{{$stuff}}override2{{/stuff}}{{/parent}}\n",
                           partials: ["parent": parent]) == "test |override1 default| |override2 default|\n")
        #expect(try render("{{>parent}}|{{<parent}}{{/parent}}", partials: ["parent": "{{$foo}}default content{{/foo}}"])
            == "default content|default content")
        #expect(try render("{{<parent}}{{$ballmer}}\npeaked\n\n:(\n{{/ballmer}}{{/parent}}", partials: ["parent": "{{$ballmer}}peaking{{/ballmer}}"])
            == "peaked\n\n:(\n")
    }

    @Test func outermostOverrideWins() throws {
        let partials = [
            "parent": "{{<older}}{{$a}}p{{/a}}{{/older}}",
            "older": "{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}",
            "grandParent": "{{$a}}g{{/a}}",
        ]
        #expect(try render("{{<parent}}{{$a}}c{{/a}}{{/parent}}", partials: partials) == "c")
        #expect(try render("{{<parent}}{{/parent}}", partials: partials) == "p")
        let recursive = [
            "parent": "{{$foo}}default content{{/foo}} {{$bar}}{{<parent2}}{{/parent2}}{{/bar}}",
            "parent2": "{{$foo}}parent2 default content{{/foo}} {{<parent}}{{$bar}}don't recurse{{/bar}}{{/parent}}",
        ]
        #expect(try render("{{<parent}}{{$foo}}override{{/foo}}{{/parent}}", partials: recursive)
            == "override override override don't recurse")
    }

    @Test func standaloneParentsAndBlocksIndent() throws {
        #expect(try render("Hi,\n  {{<parent}}{{/parent}}\n", partials: ["parent": "one\ntwo\n"]) == "Hi,\n  one\n  two\n")
        #expect(try render("{{<parent}}{{$block}}\none\ntwo{{/block}}\n{{/parent}}", partials: ["parent": "Hi,\n  {{$block}}{{/block}}\n"])
            == "Hi,\n  one\n  two\n")
        #expect(try render("{{<parent}}{{$block}}\n    one\n    two\n{{/block}}\n{{/parent}}\n",
                           partials: ["parent": "Hi,\n  {{$block}}\n  {{/block}}\n"]) == "Hi,\n  one\n  two\n")
    }

    @Test func theLayoutPattern() throws {
        let layout = "<html>\n<title>{{page.title}}</title>\n{{$styles}}{{/styles}}\n<main>\n{{$main}}{{/main}}\n</main>\n</html>\n"
        let page = "{{<layout}}\n{{$main}}\n{{#items}}\n<p>{{.}}</p>\n{{/items}}\n{{/main}}\n{{/layout}}\n"
        let html = try render(page, ["page": ["title": "T"], "items": .strings(["a", "b"])], partials: ["layout": layout])
        // The line `{{$main}}{{/main}}` is not standalone, so its line break stays after the block.
        #expect(html == "<html>\n<title>T</title>\n\n<main>\n<p>a</p>\n<p>b</p>\n\n</main>\n</html>\n")
    }

    // MARK: Errors

    @Test func syntaxErrorsPointAtTheTag() throws {
        let mismatch = try #require(syntaxError("<ul>\n  {{#items}}<li>{{/itemz}}\n"))
        #expect(mismatch.message.contains("closing tag '{{/itemz}}' does not match the open section 'items'"))
        #expect(mismatch.offset == 21)
        let unclosed = try #require(syntaxError("a\n{{#first()}}\nb\n"))
        #expect(unclosed.message == "section 'first()' is never closed")
        #expect(unclosed.offset == 2)
        #expect(syntaxError("{{/x}}")?.message.contains("without an open section") == true)
        #expect(syntaxError("x {{name")?.message.hasPrefix("unfinished tag") == true)
        #expect(syntaxError("{{a b}}")?.message.hasPrefix("unfinished tag") == true)
        #expect(syntaxError("{{{a}}")?.message.hasPrefix("unfinished tag") == true)
        #expect(syntaxError("{{! never")?.message == "comment is never closed")
        #expect(syntaxError("{{=<%=}}")?.message == "invalid set-delimiter tag")
        #expect(syntaxError("{{%CONTENT_TYPE:XML}}")?.message.contains("unknown pragma") == true)
        #expect(syntaxError("{{<p}}text{{#x}}{{/x}}{{/p}}")?.message.contains("only blocks") == true)
        #expect(syntaxError("{{$b(x)}}{{/b(x)}}")?.message.contains("transform") == true)
        #expect(syntaxError("{{first(}}")?.message.hasPrefix("unfinished tag") == true)
    }

    @Test func lineAndColumnCountLinesAndScalars() {
        let source = Array("ab\r\nüx\rc\n{{".utf8)
        #expect(SourcePosition.lineAndColumn(of: 0, in: source) == (1, 1))
        #expect(SourcePosition.lineAndColumn(of: 4 + 2, in: source) == (2, 2))  // after "ü" (2 bytes)
        #expect(SourcePosition.lineAndColumn(of: 8, in: source) == (3, 1))
        #expect(SourcePosition.lineAndColumn(of: 10, in: source) == (4, 1))
    }
}
