import Foundation

extension TemplateProgram {
    /// Renders one template of the program at the end of `output`.
    func render(_ template: Int32, root: TemplateValue, appendingTo output: inout [UInt8]) {
        instructions.withUnsafeBufferPointer { instructions in
            bytes.withUnsafeBufferPointer { bytes in
                var renderer = TemplateRenderer(program: self, instructions: instructions, bytes: bytes, root: root)
                swap(&renderer.output, &output)
                renderer.render(templates[Int(template)], TemplateRenderer.Frame())
                swap(&renderer.output, &output)
            }
        }
    }
}

/// Renders a `TemplateProgram` into one byte buffer.
///
/// Follows swift-mustache's rendering rules: names are searched from the innermost context
/// outwards, lists repeat a section once per item (with `first()`, `last()`, `index()`… for the
/// position), `true` shows a section without changing the context, any other value becomes the
/// innermost context, partials and blocks inherit the caller's context and indent their lines.
///
/// Everything a frame needs is a number, so entering a section or partial copies no arrays: the
/// indentation and block overrides of all open frames live in two stacks here, and a frame only
/// knows how much of each is its own.
struct TemplateRenderer {
    typealias Span = TemplateProgram.Span

    private let program: TemplateProgram
    /// The program's instructions and bytes, borrowed for the whole rendering so that reading
    /// them retains nothing.
    private let instructions: UnsafeBufferPointer<TemplateProgram.Instruction>
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The rendered page so far; templates append to it.
    var output: [UInt8] = []
    /// Context values, innermost last. Sections push and pop.
    private var stack: [TemplateValue]
    /// A frame's indentation is the first `Frame.indentation` bytes. Frames nest, and a frame only
    /// changes what lies beyond its own prefix, so every open frame's prefix stays intact.
    private var indentation: [UInt8] = []
    /// Override sets (indices into the program's `overrideSets`) of the enclosing `{{<parent}}`
    /// calls, outermost first; a frame sees the first `Frame.overrideDepth`, like `indentation`.
    private var overrideSets: [Int32] = []

    init(program: TemplateProgram, instructions: UnsafeBufferPointer<TemplateProgram.Instruction>,
         bytes: UnsafeBufferPointer<UInt8>, root: TemplateValue) {
        self.program = program
        self.instructions = instructions
        self.bytes = bytes
        self.stack = [root]
    }

    /// What a template's instructions render with besides the context stack.
    struct Frame {
        /// Position inside the list the innermost section iterates, if that section is a list.
        var listPosition: ListPosition?
        /// Length of this frame's indentation, added at the start of every line of a standalone
        /// partial or block.
        var indentation = 0
        /// How many of the enclosing `{{<parent}}` calls' overrides apply (outer wins).
        var overrideDepth = 0
        var escapesHTML = true
    }

    struct ListPosition {
        let index: Int
        let isLast: Bool
    }

    mutating func render(_ body: Span, _ frame: Frame) {
        var frame = frame
        var index = body.start
        let end = body.end
        guard frame.indentation > 0 else {
            while index < end {
                let instruction = instructions[Int(index)]
                guard instruction.operation == .text else {
                    index = execute(index, &frame)
                    continue
                }
                // Nothing to indent, so a run of lines is one copy.
                let runEnd = instructions[Int(instruction.index) - 1].operand.end
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(instruction.operand.start)..<Int(runEnd)]))
                index = instruction.index
            }
            return
        }
        // swift-mustache indents an instruction's output when this template's output so far ends
        // a line (LF, not CR LF), once per instruction rather than per line.
        let start = output.count
        while index < end {
            let before = output.count
            let atLineStart = before > start && output[before - 1] == UInt8(ascii: "\n")
                && !(before - 2 >= start && output[before - 2] == UInt8(ascii: "\r"))
            index = execute(index, &frame)
            if atLineStart, output.count > before {
                output.insert(contentsOf: indentation[0..<frame.indentation], at: before)
            }
        }
    }

    /// Renders the instruction at `index` and returns the index of its next sibling.
    private mutating func execute(_ index: Int32, _ frame: inout Frame) -> Int32 {
        let instruction = instructions[Int(index)]
        let body = Span(start: index + 1, count: instruction.next - index - 1)
        switch instruction.operation {
        case .text:
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(instruction.operand.start)..<Int(instruction.operand.end)]))
        case .variable:
            if let value = resolve(instruction.index, frame) {
                append(value, escaping: instruction.flag && frame.escapesHTML)
            }
        case .section:
            renderSection(instruction.index, body, frame)
        case .invertedSection:
            renderInvertedSection(instruction.index, body, frame)
        case .block:
            renderBlock(program.blocks[Int(instruction.index)], body, frame)
        case .partial:
            renderPartial(program.calls[Int(instruction.index)], frame)
        case .contentType:
            frame.escapesHTML = instruction.flag
        }
        return instruction.next
    }

    private mutating func renderSection(_ name: Int32, _ body: Span, _ frame: Frame) {
        switch resolve(name, frame) {
        case .list(let items)?:
            var inner = frame
            for (index, item) in items.enumerated() {
                inner.listPosition = ListPosition(index: index, isLast: index == items.count - 1)
                stack.append(item)
                render(body, inner)
                stack.removeLast()
            }
        case .bool(let flag)?:
            if flag { render(body, frame) }
        case let value?:
            renderPushing(value, body, frame)
        case nil:
            break
        }
    }

    private mutating func renderInvertedSection(_ name: Int32, _ body: Span, _ frame: Frame) {
        switch resolve(name, frame) {
        case .list(let items)?:
            if items.isEmpty { renderPushing(.list(items), body, frame) }
        case .bool(let flag)?:
            if !flag { render(body, frame) }
        case .some:
            break
        case nil:
            render(body, frame)
        }
    }

    /// A section over a value that is not a list or a bool: the value becomes the innermost context.
    private mutating func renderPushing(_ value: TemplateValue, _ body: Span, _ frame: Frame) {
        var inner = frame
        inner.listPosition = nil
        stack.append(value)
        render(body, inner)
        stack.removeLast()
    }

    /// `{{$name}}default{{/name}}`: the outermost caller's override, or the default.
    private mutating func renderBlock(_ block: TemplateProgram.Block, _ defaultBody: Span, _ frame: Frame) {
        var inner = frame
        inner.listPosition = nil
        inner.indentation = pushIndentation(block.indentation, after: frame.indentation)
        render(override(of: block.id, frame) ?? defaultBody, inner)
    }

    private mutating func renderPartial(_ call: TemplateProgram.Call, _ frame: Frame) {
        var template = call.template
        if call.dynamicName >= 0 {
            guard let name = resolve(call.dynamicName, frame)?.string, let found = program.templateIndex[name] else { return }
            template = found
        }
        guard template >= 0 else { return }
        var inner = Frame(listPosition: nil, indentation: pushIndentation(call.indentation, after: frame.indentation),
                          overrideDepth: frame.overrideDepth, escapesHTML: true)
        if call.overrideSet >= 0 {
            overrideSets.removeLast(overrideSets.count - frame.overrideDepth)
            overrideSets.append(call.overrideSet)
            inner.overrideDepth += 1
        }
        render(program.templates[Int(template)], inner)
    }

    /// The indentation length of a frame inside one of length `outer` that adds `added`.
    private mutating func pushIndentation(_ added: Span, after outer: Int) -> Int {
        guard added.count > 0 else { return outer }
        indentation.removeLast(indentation.count - outer)
        indentation.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(added.start)..<Int(added.end)]))
        return outer + Int(added.count)
    }

    private func override(of block: Int32, _ frame: Frame) -> Span? {
        for depth in 0..<frame.overrideDepth {
            let set = program.overrideSets[Int(overrideSets[depth])]
            for entry in set.start..<set.end where program.overrides[Int(entry)].block == block {
                return program.overrides[Int(entry)].body
            }
        }
        return nil
    }

    // MARK: - Values

    private mutating func append(_ value: TemplateValue, escaping: Bool) {
        switch value {
        case .string(let text):
            if escaping {
                HTMLEscaping.append(text, to: &output)
            } else {
                output.append(contentsOf: text.utf8)
            }
        case .text(let text):
            text.withUTF8 { bytes in
                if escaping {
                    HTMLEscaping.append(bytes, to: &output)
                } else {
                    output.append(contentsOf: bytes)
                }
            }
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number):
            output.append(contentsOf: String(number).utf8)
        case .list, .dictionary:
            // swift-mustache would print Swift's debug description; a page has no use for it.
            break
        }
    }

    /// The value a name stands for, or `nil` if it is absent (or an empty string).
    private func resolve(_ nameIndex: Int32, _ frame: Frame) -> TemplateValue? {
        let name = program.names[Int(nameIndex)]
        var transform = name.transforms.start
        var value: TemplateValue
        switch name.anchor {
        case .listPosition:
            guard let position = frame.listPosition, transform < name.transforms.end,
                  let result = position.apply(program.transforms[Int(transform)]) else { return nil }
            transform += 1
            value = result
        case .innermost:
            guard let innermost = stack.last, let found = descend(innermost, name.keys.start, name.keys.end) else { return nil }
            value = found
        case .stack:
            guard let found = lookUp(name.keys) else { return nil }
            value = found
        }
        if case .string(let text) = value, text.isEmpty { return nil }
        if case .text(let text) = value, text.isEmpty { return nil }
        while transform < name.transforms.end {
            guard let result = value.apply(program.transforms[Int(transform)]) else { return nil }
            value = result
            transform += 1
        }
        return value
    }

    /// The first key is searched from the innermost context outwards; the rest of the keys only
    /// inside what it found. A key whose value is "" still ends the search (and counts as absent).
    private func lookUp(_ keys: Span) -> TemplateValue? {
        guard keys.count > 0 else { return stack.last }
        let first = program.keys[Int(keys.start)]
        var index = stack.count - 1
        while index >= 0 {
            if case .dictionary(let values) = stack[index], let child = values[first] {
                return descend(child, keys.start + 1, keys.end)
            }
            index -= 1
        }
        return nil
    }

    /// Follows the keys `program.keys[start..<end]` down from `value`.
    private func descend(_ value: TemplateValue, _ start: Int32, _ end: Int32) -> TemplateValue? {
        var current = value
        var key = start
        while key < end {
            guard case .dictionary(let values) = current, let child = values[program.keys[Int(key)]] else { return nil }
            current = child
            key += 1
        }
        return current
    }
}

extension TemplateRenderer.ListPosition {
    func apply(_ transform: TemplateTransform) -> TemplateValue? {
        switch transform {
        case .first: .bool(index == 0)
        case .last: .bool(isLast)
        case .index: .int(index)
        case .even: .bool(index & 1 == 0)
        case .odd: .bool(index & 1 == 1)
        default: nil
        }
    }
}

extension TemplateValue {
    /// swift-mustache's transforms for strings, lists, dictionaries and integers.
    func apply(_ transform: TemplateTransform) -> TemplateValue? {
        switch (self, transform) {
        case (.text(let text), _): TemplateValue.string(text.string).apply(transform)
        case (.string(let text), .empty): .bool(text.isEmpty)
        case (.string(let text), .capitalized): .string(text.capitalized)
        case (.string(let text), .lowercased): .string(text.lowercased())
        case (.string(let text), .uppercased): .string(text.uppercased())
        case (.string(let text), .reversed): .string(String(text.reversed()))

        case (.list(let items), .first): items.first
        case (.list(let items), .last): items.last
        case (.list(let items), .reversed): .list(items.reversed())
        case (.list(let items), .count): .int(items.count)
        case (.list(let items), .empty): .bool(items.isEmpty)
        case (.list(let items), .sorted): Self.sorted(items)

        case (.dictionary(let values), .count): .int(values.count)
        case (.dictionary(let values), .empty): .bool(values.isEmpty)
        // swift-mustache enumerates in hash order; key order keeps pages reproducible.
        case (.dictionary(let values), .enumerated), (.dictionary(let values), .sorted):
            .list(values.keys.sorted().map { key in .dictionary(["key": .string(key), "value": values[key] ?? .string("")]) })

        case (.int(let number), .equalZero): .bool(number == 0)
        case (.int(let number), .plusOne): .int(number + 1)
        case (.int(let number), .minusOne): .int(number - 1)
        case (.int(let number), .even): .bool(number & 1 == 0)
        case (.int(let number), .odd): .bool(number & 1 == 1)

        default: nil
        }
    }

    /// Lists of strings or of integers sort; other lists have no order (as in swift-mustache,
    /// where only arrays of `Comparable` elements sort).
    private static func sorted(_ items: [TemplateValue]) -> TemplateValue? {
        let strings = items.compactMap(\.string)
        if strings.count == items.count { return .strings(strings.sorted()) }
        let numbers = items.compactMap { item -> Int? in
            guard case .int(let number) = item else { return nil }
            return number
        }
        if numbers.count == items.count { return .list(numbers.sorted().map(TemplateValue.int)) }
        return nil
    }
}
