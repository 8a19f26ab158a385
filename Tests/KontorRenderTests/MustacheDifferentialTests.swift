import KontorTestSupport
import Mustache
import Testing
@testable import KontorRender

/// KontorRender's Mustache engine against swift-mustache, the implementation it replaced, on
/// thousands of random templates, partial libraries and contexts. Every case is generated from
/// its own seed, so a failure names the seed and the full case and can be replayed on its own
/// (`MustacheDifferentialTests.makeCase(seed:)`).
///
/// Only the intentional differences of the engine are left out (see `compare`):
/// printing a list or dictionary as a variable (swift-mustache prints Swift's debug
/// description, the engine nothing), a template ending in a lone start-delimiter character
/// (a syntax error in swift-mustache, text in the engine), `enumerated()` on dictionaries
/// (hash order in swift-mustache) and lambdas (the engine has none); the generator produces
/// neither of the last two.
///
/// The generator also steers around two bugs of swift-mustache that themes never meet: it
/// crashes on set delimiters that are not two characters long, and it misses the end of a
/// comment whose text ends with the first character of a custom end delimiter (`<%! %%>`).
@Suite struct MustacheDifferentialTests {
    static let chunks = 8
    static let casesPerChunk = 750

    @Test(arguments: 0..<chunks)
    func enginesAgree(chunk: Int) {
        let seeds = UInt64(chunk * Self.casesPerChunk)..<UInt64((chunk + 1) * Self.casesPerChunk)
        var tally = Tally()
        for seed in seeds {
            let testCase = Self.makeCase(seed: seed)
            let outcome = Self.compare(testCase)
            tally.count(outcome)
            if case .mismatch(let report) = outcome, tally.mismatches <= 3 {
                Issue.record(Comment(rawValue: report))
            }
        }
        #expect(tally.mismatches == 0, "\(tally)")
        // A generator that drifted into mostly broken or mostly skipped cases would prove nothing.
        #expect(tally.rendered * 10 >= seeds.count * 6, "too few cases rendered: \(tally)")
        #expect(tally.bothRejected * 20 >= seeds.count, "too few syntax errors generated: \(tally)")
    }

    /// The comparison itself must notice a wrong engine: here one that forgets to escape `<`.
    @Test func aBrokenEngineIsCaught() {
        var mismatches = 0
        for seed in UInt64(0)..<300 {
            let outcome = Self.compare(Self.makeCase(seed: seed)) { template, partials, context in
                let result = Self.renderWithKontor(template, partials: partials, context: context)
                return (result.accepted, result.output?.replacingOccurrences(of: "&lt;", with: "<"))
            }
            if case .mismatch = outcome { mismatches += 1 }
        }
        #expect(mismatches > 0)
    }

    @Test func casesAreReproducibleFromTheirSeed() {
        for seed: UInt64 in [0, 1, 42, 4_999] {
            let first = Self.makeCase(seed: seed)
            let again = Self.makeCase(seed: seed)
            #expect(first.template == again.template)
            #expect(first.partials.map(\.text) == again.partials.map(\.text))
            #expect(first.context == again.context)
        }
        #expect(Self.makeCase(seed: 1).template != Self.makeCase(seed: 2).template
            || Self.makeCase(seed: 1).context != Self.makeCase(seed: 2).context)
    }

    /// Every construct the comparison is meant to cover shows up in at least 2% of the cases.
    @Test func generatorCoversTheSyntax() {
        let features = [
            "\r\n", "\n\t", "{{#", "{{^", "{{/", "{{{", "{{&", "{{!", "{{=", "{{>", "{{>*", "{{<", "{{$",
            "{{%CONTENT_TYPE", "first()", "last()", "index()", "even()", "odd()", "<%",
        ]
        var seen = Dictionary(uniqueKeysWithValues: features.map { ($0, 0) })
        let count = 1_000
        for seed in UInt64(0)..<UInt64(count) {
            let testCase = Self.makeCase(seed: seed)
            let sources = [testCase.template] + testCase.partials.map(\.text)
            for feature in features where sources.contains(where: { $0.contains(feature) }) {
                seen[feature, default: 0] += 1
            }
        }
        for feature in features {
            #expect(seen[feature, default: 0] * 50 >= count, "\(feature.debugDescription) in only \(seen[feature, default: 0]) cases")
        }
    }
}

// MARK: - One case

extension MustacheDifferentialTests {
    struct Case {
        let seed: UInt64
        let template: String
        /// In call order: a partial may only call the ones after it, so nothing recurses forever.
        let partials: [(name: String, text: String)]
        let context: TemplateValue
    }

    enum Outcome {
        case rendered
        case bothRejected
        case knownDifference(String)
        case mismatch(String)
    }

    struct Tally: CustomStringConvertible {
        var rendered = 0, bothRejected = 0, mismatches = 0
        var knownDifferences: [String: Int] = [:]

        mutating func count(_ outcome: Outcome) {
            switch outcome {
            case .rendered: rendered += 1
            case .bothRejected: bothRejected += 1
            case .knownDifference(let reason): knownDifferences[reason, default: 0] += 1
            case .mismatch: mismatches += 1
            }
        }

        var description: String {
            let known = knownDifferences.keys.sorted().map { "\($0): \(knownDifferences[$0] ?? 0)" }
            return "rendered \(rendered), both rejected \(bothRejected), known differences [\(known.joined(separator: ", "))], "
                + "mismatches \(mismatches)"
        }
    }

    /// The engine under test: whether each template parses (main first, then the partials) and
    /// the output, `nil` unless all of them do.
    typealias Engine = (_ template: String, _ partials: [(name: String, text: String)], _ context: TemplateValue)
        -> (accepted: [Bool], output: String?)

    static func makeCase(seed: UInt64) -> Case {
        var generator = CaseGenerator(seed: seed)
        return generator.makeCase()
    }

    static func compare(_ testCase: Case, kontor: Engine = renderWithKontor) -> Outcome {
        let mine = kontor(testCase.template, testCase.partials, testCase.context)
        let theirs = renderWithSwiftMustache(testCase.template, partials: testCase.partials, context: testCase.context)
        if let reason = knownSyntaxDifference(testCase, mine: mine.accepted, theirs: theirs.accepted) {
            return .knownDifference(reason)
        }
        guard mine.accepted == theirs.accepted else {
            return .mismatch(report(testCase, problem: "the engines disagree on syntax errors "
                + "(accepted by KontorRender: \(mine.accepted), by swift-mustache: \(theirs.accepted); main first)",
                mine: mine.output, theirs: theirs.output))
        }
        guard let mineOutput = mine.output, let theirOutput = theirs.output else { return .bothRejected }
        // Neither the templates nor the context values contain brackets, so in swift-mustache's
        // output they can only come from a list or dictionary printed as a variable.
        if theirOutput.contains("[") {
            return .knownDifference("a list or dictionary printed as a variable")
        }
        guard mineOutput == theirOutput else {
            return .mismatch(report(testCase, problem: "the outputs differ", mine: mineOutput, theirs: theirOutput))
        }
        return .rendered
    }

    /// swift-mustache rejects a template that ends in the first character of the start
    /// delimiter (it reads past the end looking for the rest); the engine keeps it as text.
    static func knownSyntaxDifference(_ testCase: Case, mine: [Bool], theirs: [Bool]) -> String? {
        let sources = [testCase.template] + testCase.partials.map(\.text)
        for (index, source) in sources.enumerated() where mine[index] && !theirs[index] {
            if let last = source.last, "{<".contains(last), referenceParses(String(source.dropLast())) {
                return "a template ending in a lone start-delimiter character"
            }
        }
        return nil
    }

    static func report(_ testCase: Case, problem: String, mine: String?, theirs: String?) -> String {
        var lines = [
            "KontorRender and swift-mustache: \(problem). Case seed \(testCase.seed) "
                + "(MustacheDifferentialTests.makeCase(seed: \(testCase.seed)))",
            "template: \(testCase.template.debugDescription)",
        ]
        for partial in testCase.partials {
            lines.append("partial \(partial.name): \(partial.text.debugDescription)")
        }
        lines.append("context: \(literal(testCase.context))")
        lines.append("KontorRender:   \(mine?.debugDescription ?? "syntax error")")
        lines.append("swift-mustache: \(theirs?.debugDescription ?? "syntax error")")
        return lines.joined(separator: "\n")
    }

    /// The context as a Swift literal, ready to paste into a `TemplateEngineTests` case.
    static func literal(_ value: TemplateValue) -> String {
        switch value {
        case .string(let text): text.debugDescription
        case .text(let text): text.string.debugDescription
        case .bool(let flag): "\(flag)"
        case .int(let number): "\(number)"
        case .list(let items): "[" + items.map(literal).joined(separator: ", ") + "]"
        case .dictionary(let values) where values.isEmpty: "[:]"
        case .dictionary(let values):
            "[" + values.keys.sorted().map { "\($0.debugDescription): \(literal(values[$0] ?? ""))" }.joined(separator: ", ") + "]"
        }
    }
}

// MARK: - The two engines

extension MustacheDifferentialTests {
    static func renderWithKontor(_ template: String, partials: [(name: String, text: String)],
                                 context: TemplateValue) -> (accepted: [Bool], output: String?) {
        var library: [String: [TemplateNode]] = [:]
        var accepted: [Bool] = []
        let main = try? TemplateParser.parse(Array(template.utf8))
        accepted.append(main != nil)
        for partial in partials {
            let nodes = try? TemplateParser.parse(Array(partial.text.utf8))
            accepted.append(nodes != nil)
            library[partial.name] = nodes
        }
        guard let main, !accepted.contains(false) else { return (accepted, nil) }
        // Registered as `main`, as for swift-mustache below.
        library["main"] = main
        let program = TemplateProgram(templates: library)
        guard let mainIndex = program.templateIndex["main"] else { return (accepted, nil) }
        var output: [UInt8] = []
        program.render(mainIndex, root: context, appendingTo: &output)
        return (accepted, String(decoding: output, as: UTF8.self))
    }

    static func renderWithSwiftMustache(_ template: String, partials: [(name: String, text: String)],
                                        context: TemplateValue) -> (accepted: [Bool], output: String?) {
        var library = MustacheLibrary()
        var accepted: [Bool] = []
        // No generated template is called `main` or named by a context value, so it is never a partial.
        for (name, text) in [("main", template)] + partials.map({ ($0.name, $0.text) }) {
            do {
                try library.register(text, named: name)
                accepted.append(true)
            } catch {
                accepted.append(false)
            }
        }
        guard !accepted.contains(false) else { return (accepted, nil) }
        return (accepted, library.render(mustacheValue(context), withTemplate: "main"))
    }

    static func referenceParses(_ template: String) -> Bool {
        (try? MustacheTemplate(string: template)) != nil
    }

    /// The context as swift-mustache takes it. Lists of strings and of integers stay typed, as
    /// Kontor used to pass them, so `sorted()` works on them in both engines.
    static func mustacheValue(_ value: TemplateValue) -> Any {
        switch value {
        case .string(let text): return text
        case .text(let text): return text.string
        case .bool(let flag): return flag
        case .int(let number): return number
        case .list(let items):
            let strings = items.compactMap(\.string)
            if strings.count == items.count { return strings }
            let numbers = items.compactMap { item -> Int? in
                guard case .int(let number) = item else { return nil }
                return number
            }
            if numbers.count == items.count { return numbers }
            return items.map(mustacheValue)
        case .dictionary(let values): return values.mapValues(mustacheValue)
        }
    }
}

/// Kontor treats `""` as absent in sections and lookups (see `TemplateValue`); this gives
/// swift-mustache the same rule. It only exists in this test target.
extension String: @retroactive MustacheCustomRepresentation {
    public var representation: Any? { isEmpty ? nil : self }
}

// MARK: - Random cases

/// Generates one case: a main template, up to three partials and a context.
struct CaseGenerator {
    private var random: SeededRandom
    private let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        random = SeededRandom(seed: seed)
    }

    struct Delimiters {
        var open = "{{"
        var close = "}}"
    }

    /// What a template at this point may contain.
    struct Scope {
        var depth: Int
        /// Partials this template may call: only later ones, so calls never form a cycle.
        var callable: [String]
        /// `{{>*name}}` only in the main template: the names it resolves to are partials.
        var allowsDynamicPartials = false
        /// Block overrides may neither call templates nor contain blocks: an override that
        /// reaches its own block again would recurse forever (in both engines).
        var allowsBlocks = true
        /// Whether to mix in malformed tags, to compare the syntax errors (one template in a
        /// quarter of the cases).
        var allowsErrors = false
    }

    static let partialNames = ["p", "q", "r"]
    static let scalarKeys = ["x", "y", "s", "n", "b"]
    static let containerKeys = ["a", "d", "list", "items"]

    mutating func makeCase() -> MustacheDifferentialTests.Case {
        // Syntax errors in one template of a case are enough: any of them stops the rendering.
        let broken = random.chance(percent: 25) ? random.next(below: 1 + Self.partialNames.count) : nil
        // `missing` is never defined: calling it renders nothing in both engines.
        let template = template(Scope(depth: 3, callable: Self.partialNames + ["missing"], allowsDynamicPartials: true,
                                      allowsErrors: broken == 0))
        var partials: [(name: String, text: String)] = []
        for (index, name) in Self.partialNames.enumerated() where random.chance(percent: 85) {
            let later = Array(Self.partialNames.dropFirst(index + 1))
            partials.append((name, self.template(Scope(depth: 2, callable: later, allowsErrors: broken == index + 1))))
        }
        return MustacheDifferentialTests.Case(seed: seed, template: template, partials: partials, context: dictionary(depth: 3))
    }

    // MARK: Templates

    private mutating func template(_ scope: Scope) -> String {
        sequence(scope, Delimiters()).text
    }

    /// A run of template pieces; returns the delimiters in force at its end (a set-delimiter tag
    /// lasts until the end of the section it is in, so the closing tag needs them).
    private mutating func sequence(_ scope: Scope, _ start: Delimiters) -> (text: String, delimiters: Delimiters) {
        var out = ""
        var delimiters = start
        for _ in 0..<random.next(below: 7) {
            switch random.next(below: 40) {
            case 0..<6: out += random.pick(Self.texts)
            case 6..<12: out += blanks() + newline()
            case 12..<17: out += blanks() + tag("", random.pick(Self.variableNames), delimiters, padded: true)
            case 17..<19: out += tripleMustache(scope, delimiters)
            case 19..<21: out += tag("&", random.pick(Self.variableNames), delimiters, padded: true)
            case 21..<27: out += section(scope, delimiters)
            case 27..<29: out += comment(delimiters)
            case 29..<31: out += partial(scope, delimiters)
            case 31..<33: out += parent(scope, delimiters)
            case 33..<35: out += block(scope, delimiters)
            case 35..<37:
                let (text, next) = setDelimiters(scope, delimiters)
                out += text
                delimiters = next
            case 37: out += tag("%", random.pick(["CONTENT_TYPE:TEXT", "CONTENT_TYPE:HTML"]), delimiters) + optionalLineEnd()
            default: out += scope.allowsErrors ? brokenTag(delimiters) : random.pick(Self.texts)
            }
        }
        return (out, delimiters)
    }

    /// `{{#name}}`; padded tags sometimes get blanks around the name (`{{# name }}`).
    private mutating func tag(_ sigil: String, _ name: String, _ delimiters: Delimiters, padded: Bool = false) -> String {
        let pad = padded && random.chance(percent: 20) ? random.pick([" ", "  ", "\t"]) : ""
        return delimiters.open + sigil + pad + name + pad + delimiters.close
    }

    /// `{{{name}}}`. With other delimiters it is `<%{name}%>}` in both engines (the third brace
    /// follows the end delimiter), which is only worth a syntax-error comparison.
    private mutating func tripleMustache(_ scope: Scope, _ delimiters: Delimiters) -> String {
        guard delimiters.open == "{{" || scope.allowsErrors else { return tag("&", random.pick(Self.variableNames), delimiters) }
        return delimiters.open + "{" + random.pick(Self.variableNames) + "}" + delimiters.close
    }

    private mutating func section(_ scope: Scope, _ delimiters: Delimiters) -> String {
        guard scope.depth > 0 else { return random.pick(Self.texts) }
        let name = random.pick(Self.sectionNames)
        var inner = scope
        inner.depth -= 1
        var out = blanks() + tag(random.pick(["#", "#", "^"]), name, delimiters, padded: true) + optionalNewline()
        let body = sequence(inner, delimiters)
        out += body.text + (random.chance(percent: 50) ? newline() + blanks() : "")
        // Now and then close the wrong section, to compare the syntax errors.
        let closing = scope.allowsErrors && random.chance(percent: 10) ? random.pick(Self.sectionNames) : name
        return out + tag("/", closing, body.delimiters, padded: true) + optionalLineEnd()
    }

    private mutating func comment(_ delimiters: Delimiters) -> String {
        // Never ending in `%`: see the type's documentation.
        blanks() + tag("!", random.pick([" note ", "", "}", " a } b ", "\nmulti\r\nline\n", " % "]), delimiters) + optionalLineEnd()
    }

    private mutating func partial(_ scope: Scope, _ delimiters: Delimiters) -> String {
        let name: String
        if scope.allowsDynamicPartials, random.chance(percent: 30) {
            name = "*" + random.pick(["s", "x", "nope"])
        } else if !scope.callable.isEmpty {
            name = random.pick(scope.callable)
        } else {
            return ""
        }
        return blanks() + tag(">", name, delimiters, padded: true) + optionalLineEnd(percent: 60)
    }

    /// `{{<parent}}{{$block}}…{{/block}}{{/parent}}`.
    private mutating func parent(_ scope: Scope, _ delimiters: Delimiters) -> String {
        guard scope.depth > 0, !scope.callable.isEmpty, scope.allowsBlocks else { return "" }
        var name = random.pick(scope.callable)
        if scope.allowsDynamicPartials, random.chance(percent: 15) {
            name = "*" + random.pick(["s", "x"])
        }
        let override = Scope(depth: scope.depth - 1, callable: [], allowsBlocks: false, allowsErrors: scope.allowsErrors)
        var out = blanks() + tag("<", name, delimiters, padded: true) + optionalNewline()
        for _ in 0..<random.next(below: 3) {
            let block = random.pick(Self.blockNames)
            out += blanks() + optionalNewline() + blanks() + tag("$", block, delimiters) + optionalNewline()
            let body = sequence(override, delimiters)
            out += blanks() + body.text + optionalNewline() + blanks() + tag("/", block, body.delimiters) + optionalNewline()
        }
        // Anything but blocks inside a parent is an error; comments are fine.
        if scope.allowsErrors, random.chance(percent: 30) {
            out += random.pick(["z", tag("", "x", delimiters), tag("!", " c ", delimiters), tag("#", "b", delimiters) + tag("/", "b", delimiters)])
        }
        return out + tag("/", name, delimiters) + optionalLineEnd()
    }

    /// `{{$block}}default{{/block}}` outside a parent.
    private mutating func block(_ scope: Scope, _ delimiters: Delimiters) -> String {
        guard scope.depth > 0, scope.allowsBlocks else { return "" }
        let name = random.pick(Self.blockNames)
        var inner = scope
        inner.depth -= 1
        var out = blanks() + tag("$", name, delimiters) + optionalNewline()
        let body = sequence(inner, delimiters)
        out += body.text + (random.chance(percent: 50) ? newline() + blanks() : "")
        return out + tag("/", name, body.delimiters) + optionalLineEnd()
    }

    /// Only two-character delimiters: swift-mustache finds the end of a section's source text by
    /// stepping back two characters from its closing tag, and crashes on shorter delimiters.
    private mutating func setDelimiters(_ scope: Scope, _ delimiters: Delimiters) -> (String, Delimiters) {
        let next = random.pick([Delimiters(), Delimiters(open: "<%", close: "%>"), Delimiters(open: "<<", close: ">>"),
                                Delimiters(open: "{%", close: "%}")])
        let separator = scope.allowsErrors && random.chance(percent: 20) ? random.pick(["", "="]) : random.pick([" ", "  "])
        // Blanks may follow the `=` but not precede the closing `=`.
        let text = blanks() + tag("=", random.pick(["", " "]) + next.open + separator + next.close + "=", delimiters)
            + optionalLineEnd()
        return (text, next)
    }

    /// Tags both engines must reject (or accept) alike.
    private mutating func brokenTag(_ delimiters: Delimiters) -> String {
        let content = random.pick([
            "#x", "/y", "x y", "", "{x", "!", "first(", "first(x", "a)", "$b(x)", ">", "=<%=", "= =", "%FOO:BAR",
            "%CONTENT_TYPE", "^", "&", "{x}}",
        ])
        return delimiters.open + content + random.pick([delimiters.close, "", "}"]) + optionalNewline()
    }

    private mutating func blanks() -> String {
        random.pick(["", "", "", " ", "  ", "\t", " \t"])
    }

    private mutating func newline() -> String {
        random.pick(["\n", "\n", "\n", "\r\n", "\r"])
    }

    private mutating func optionalNewline() -> String {
        random.chance(percent: 50) ? newline() : ""
    }

    /// What may follow a tag that could be standalone.
    private mutating func optionalLineEnd(percent: Int = 50) -> String {
        random.chance(percent: percent) ? blanks() + newline() : ""
    }

    // No brackets anywhere: they mark a list printed by swift-mustache (see `compare`).
    static let texts = ["a", "bc", " ", "  ", "\t", "<&>\"'", "ü", "x y", "{", "}", "{x", "x}", "%", "<", ">", "€"]
    static let blockNames = ["b1", "b2"]
    static let variableNames = [
        "x", "y", "s", "n", "b", "nope", "x", "s", "n", "a.x", "d.s", "a.d.x", "d.a.n", ".", ".", ".x", "x.y",
        "key", "value", "list", "d",
        "first()", "last()", "index()", "even()", "odd()", "index()", "plusone(index())", "even(index())",
        "count(list)", "count(d)", "empty(list)", "first(list)", "last(items)", "uppercased(s)", "capitalized(s)",
        "lowercased(x)", "reversed(s)", "plusone(n)", "minusone(n)", "equalzero(n)", "even(n)", "unknown(x)",
    ]
    static let sectionNames = [
        "b", "s", "n", "x", "a", "d", "list", "items", "list", "items", "nope", ".", "a.d", "d.list", "a.items",
        "first()", "last()", "even()", "odd()", "first()", "last()", "first(list)", "reversed(items)", "sorted(list)",
        "sorted(d)", "empty(items)", "even(n)", "equalzero(n)", "count(list)",
    ]

    // MARK: Contexts

    private mutating func dictionary(depth: Int) -> TemplateValue {
        var values: [String: TemplateValue] = [:]
        for key in Self.scalarKeys where random.chance(percent: 60) {
            values[key] = scalar()
        }
        for key in Self.containerKeys where random.chance(percent: 50) {
            values[key] = depth > 0 && random.chance(percent: 85) ? container(depth: depth - 1) : scalar()
        }
        return .dictionary(values)
    }

    private mutating func container(depth: Int) -> TemplateValue {
        guard random.chance(percent: 60) else { return dictionary(depth: depth) }
        let count = random.next(below: 4)
        switch random.next(below: 3) {
        case 0: return .list((0..<count).map { _ in dictionary(depth: depth) })
        case 1: return .list((0..<count).map { _ in scalar() })
        default: return .list((0..<count).map { _ in random.chance(percent: 60) ? dictionary(depth: depth) : scalar() })
        }
    }

    private mutating func scalar() -> TemplateValue {
        switch random.next(below: 10) {
        case 0..<2: .string("")
        case 2..<6: .string(random.pick(["v", "<b>&amp;</b>", "\"q\" 'a'", "l1\nl2", "ü", "grüße wort", "p", "q", "  ", "0"]))
        case 6..<8: .bool(random.chance(percent: 50))
        default: .int(random.next(below: 5) - 1)
        }
    }
}
