/// All templates of a set, linked into one flat program that rendering walks without reference
/// counting.
///
/// `TemplateNode` trees are convenient to parse into, but every copy of a node retains its
/// payload; walking them per page cost more CPU than producing the bytes. A program holds only
/// trivial values: instructions with integer operands, text as ranges of one byte buffer, names,
/// blocks and partial calls as indices into side tables, and a section's body as the instructions
/// between the section and its `next`. Static partial names are resolved to templates once, here.
final class TemplateProgram: Sendable {
    let instructions: ContiguousArray<Instruction>
    /// Text and indentation bytes of every template, back to back.
    let bytes: ContiguousArray<UInt8>
    let names: ContiguousArray<Name>
    /// Keys of all names (`page.title` is `page`, `title`).
    let keys: ContiguousArray<String>
    let transforms: ContiguousArray<TemplateTransform>
    let blocks: ContiguousArray<Block>
    let calls: ContiguousArray<Call>
    /// Overrides of each `{{<parent}}` call, as ranges of `overrides`.
    let overrideSets: ContiguousArray<Span>
    let overrides: ContiguousArray<Override>
    /// Instruction range of each template.
    let templates: ContiguousArray<Span>
    /// Template index by name, for entry points and dynamic partials.
    let templateIndex: [String: Int32]

    /// A range `start..<start + count` of one of the tables.
    struct Span {
        var start: Int32
        var count: Int32
        var end: Int32 { start + count }
        static let empty = Span(start: 0, count: 0)
    }

    struct Instruction {
        enum Operation: UInt8 {
            /// `operand`: the text in `bytes`; `index`: the end of the run of text instructions
            /// from this one on (their bytes follow each other).
            case text
            /// `index`: the name; `flag`: escaped.
            case variable
            /// `index`: the name; body: the instructions up to `next`.
            case section, invertedSection
            /// `index`: the block; default body: the instructions up to `next`.
            case block
            /// `index`: the call. The instructions up to `next` are its override bodies.
            case partial
            /// `flag`: whether `{{x}}` escapes HTML from here on.
            case contentType
        }

        var operation: Operation
        var flag = false
        /// The instruction after this one and its body: siblings are visited by following `next`.
        var next: Int32 = 0
        var index: Int32 = 0
        var operand = Span.empty
    }

    struct Name {
        var anchor: TemplateName.Anchor
        var keys: Span
        /// In the order they apply.
        var transforms: Span
    }

    struct Block {
        var id: Int32
        /// Whitespace before a standalone block tag; the block's lines are indented by it.
        var indentation: Span
    }

    struct Call {
        /// The template of a static partial; `-1` if it is dynamic or no template has that name.
        var template: Int32
        /// For `{{>*name}}`: the name whose value names the template; `-1` otherwise.
        var dynamicName: Int32
        var indentation: Span
        /// Index into `overrideSets` for `{{<parent}}`; `-1` for a plain partial.
        var overrideSet: Int32
    }

    struct Override {
        var block: Int32
        var body: Span
    }

    /// Links named templates; partials name them by these names.
    init(templates named: [String: [TemplateNode]]) {
        var linker = Linker()
        let order = named.keys.sorted()
        for (index, name) in order.enumerated() {
            linker.templateIndex[name] = Int32(index)
        }
        var spans: ContiguousArray<Span> = []
        for name in order {
            let start = Int32(linker.instructions.count)
            linker.emit(named[name] ?? [])
            spans.append(Span(start: start, count: Int32(linker.instructions.count) - start))
        }
        instructions = linker.instructions
        bytes = linker.bytes
        names = linker.names
        keys = linker.keys
        transforms = linker.transforms
        blocks = linker.blocks
        calls = linker.calls
        overrideSets = linker.overrideSets
        overrides = linker.overrides
        templates = spans
        templateIndex = linker.templateIndex
    }
}

/// Flattens `TemplateNode` trees into the tables of a `TemplateProgram`.
private struct Linker {
    typealias Program = TemplateProgram
    var instructions: ContiguousArray<Program.Instruction> = []
    var bytes: ContiguousArray<UInt8> = []
    var names: ContiguousArray<Program.Name> = []
    var keys: ContiguousArray<String> = []
    var transforms: ContiguousArray<TemplateTransform> = []
    var blocks: ContiguousArray<Program.Block> = []
    var calls: ContiguousArray<Program.Call> = []
    var overrideSets: ContiguousArray<Program.Span> = []
    var overrides: ContiguousArray<Program.Override> = []
    var templateIndex: [String: Int32] = [:]
    /// Block names are compared as numbers while rendering.
    var blockIDs: [String: Int32] = [:]

    mutating func emit(_ nodes: [TemplateNode]) {
        var siblings: [Int] = []
        for node in nodes {
            let position = instructions.count
            emit(node)
            if instructions.count > position { siblings.append(position) }
        }
        linkTextRuns(siblings)
    }

    /// The parser keeps one text node per line because partial indentation is decided per node;
    /// without indentation, consecutive lines can be copied at once. Each text instruction's
    /// `index` is the end of the run of text siblings from it on whose bytes follow each other.
    private mutating func linkTextRuns(_ siblings: [Int]) {
        var following: Int?
        for position in siblings.reversed() {
            guard instructions[position].operation == .text else {
                following = nil
                continue
            }
            if let following, instructions[following].operand.start == instructions[position].operand.end {
                instructions[position].index = instructions[following].index
            } else {
                instructions[position].index = instructions[position].next
            }
            following = position
        }
    }

    private mutating func emit(_ node: TemplateNode) {
        switch node {
        case .text(let text):
            append(.init(operation: .text, operand: store(text)))
        case .variable(let name, let escaped):
            append(.init(operation: .variable, flag: escaped, index: store(name)))
        case .section(let name, let body):
            emitWithBody(.init(operation: .section, index: store(name)), body)
        case .invertedSection(let name, let body):
            emitWithBody(.init(operation: .invertedSection, index: store(name)), body)
        case .block(let name, let body, let indentation):
            blocks.append(Program.Block(id: blockID(name), indentation: store(indentation)))
            emitWithBody(.init(operation: .block, index: Int32(blocks.count - 1)), body)
        case .partial(let call):
            emitPartial(call)
        case .contentType(let escapesHTML):
            append(.init(operation: .contentType, flag: escapesHTML))
        case .blockDefinition:
            // The parser moves these into the partial call's overrides; never rendered.
            break
        }
    }

    private mutating func append(_ instruction: Program.Instruction) {
        var instruction = instruction
        instruction.next = Int32(instructions.count + 1)
        instructions.append(instruction)
    }

    /// The body follows its instruction, whose `next` points past it.
    private mutating func emitWithBody(_ instruction: Program.Instruction, _ body: [TemplateNode]) {
        let position = instructions.count
        instructions.append(instruction)
        emit(body)
        instructions[position].next = Int32(instructions.count)
    }

    private mutating func emitPartial(_ call: PartialCall) {
        var overrideSet: Int32 = -1
        var dynamicName: Int32 = -1
        if let name = call.dynamicName { dynamicName = store(name) }
        let position = instructions.count
        let callIndex = calls.count
        instructions.append(.init(operation: .partial, index: Int32(callIndex)))
        calls.append(Program.Call(
            template: call.dynamicName == nil ? templateIndex[call.name] ?? -1 : -1,
            dynamicName: dynamicName, indentation: store(call.indentation), overrideSet: -1))
        if let callOverrides = call.overrides {
            // The bodies follow the partial instruction, skipped by its `next`. Sorted only so that
            // programs come out the same every time; a block name occurs once per set.
            var entries: [Program.Override] = []
            for blockName in callOverrides.keys.sorted() {
                let start = Int32(instructions.count)
                emit(callOverrides[blockName] ?? [])
                entries.append(Program.Override(block: blockID(blockName),
                                                body: Program.Span(start: start, count: Int32(instructions.count) - start)))
            }
            overrideSets.append(Program.Span(start: Int32(overrides.count), count: Int32(entries.count)))
            overrides.append(contentsOf: entries)
            overrideSet = Int32(overrideSets.count - 1)
        }
        // The bodies may hold calls of their own, so this call is no longer the last one.
        calls[callIndex].overrideSet = overrideSet
        instructions[position].next = Int32(instructions.count)
    }

    private mutating func store(_ text: [UInt8]) -> Program.Span {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: text)
        return Program.Span(start: start, count: Int32(text.count))
    }

    private mutating func store(_ name: TemplateName) -> Int32 {
        let keyStart = Int32(keys.count)
        keys.append(contentsOf: name.keys)
        let transformStart = Int32(transforms.count)
        transforms.append(contentsOf: name.transforms)
        names.append(Program.Name(anchor: name.anchor,
                                  keys: Program.Span(start: keyStart, count: Int32(name.keys.count)),
                                  transforms: Program.Span(start: transformStart, count: Int32(name.transforms.count))))
        return Int32(names.count - 1)
    }

    private mutating func blockID(_ name: String) -> Int32 {
        if let id = blockIDs[name] { return id }
        let id = Int32(blockIDs.count)
        blockIDs[name] = id
        return id
    }
}
