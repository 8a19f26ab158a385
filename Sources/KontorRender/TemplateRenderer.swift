import Foundation

/// Renders compiled templates into one byte buffer.
///
/// Follows swift-mustache's rendering rules: names are searched from the innermost context
/// outwards, lists repeat a section once per item (with `first()`, `last()`, `index()`… for the
/// position), `true` shows a section without changing the context, any other value becomes the
/// innermost context, partials and blocks inherit the caller's context and indent their lines.
struct TemplateRenderer {
    let templates: [String: [TemplateNode]]
    /// The rendered page so far; templates append to it.
    var output: [UInt8]
    /// Context values, innermost last. Sections push and pop.
    private var stack: [TemplateValue]

    init(templates: [String: [TemplateNode]], root: TemplateValue, output: [UInt8]) {
        self.templates = templates
        self.output = output
        self.stack = [root]
    }

    /// What a template's nodes render with besides the context stack.
    struct Frame {
        /// Position inside the list the innermost section iterates, if that section is a list.
        var listPosition: ListPosition?
        /// Added at the start of every line of a standalone partial or block.
        var indentation: [UInt8] = []
        /// Block overrides of the enclosing `{{<parent}}` calls, outermost first (outer wins).
        var overrides: [[String: [TemplateNode]]] = []
        var escapesHTML = true
    }

    struct ListPosition {
        let index: Int
        let isLast: Bool
    }

    mutating func render(_ nodes: [TemplateNode], _ frame: Frame) {
        var frame = frame
        guard !frame.indentation.isEmpty else {
            for node in nodes { render(node, &frame) }
            return
        }
        // swift-mustache indents a node's output when this template's output so far ends a line
        // (LF, not CR LF), once per node rather than per line.
        let start = output.count
        for node in nodes {
            let before = output.count
            let atLineStart = before > start && output[before - 1] == UInt8(ascii: "\n")
                && !(before - 2 >= start && output[before - 2] == UInt8(ascii: "\r"))
            render(node, &frame)
            if atLineStart, output.count > before {
                output.insert(contentsOf: frame.indentation, at: before)
            }
        }
    }

    private mutating func render(_ node: TemplateNode, _ frame: inout Frame) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)

        case .variable(let name, let escaped):
            guard let value = resolve(name, frame) else { return }
            append(value, escaping: escaped && frame.escapesHTML)

        case .section(let name, let body):
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

        case .invertedSection(let name, let body):
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

        case .block(let name, let body, let indentation):
            let override = frame.overrides.lazy.compactMap { $0[name] }.first
            var inner = frame
            inner.listPosition = nil
            inner.indentation += indentation
            render(override ?? body, inner)

        case .partial(let call):
            renderPartial(call, frame)

        case .contentType(let escapesHTML):
            frame.escapesHTML = escapesHTML

        case .blockDefinition:
            // Moved into the partial call's overrides by the parser; never rendered.
            break
        }
    }

    /// A section over a value that is not a list or a bool: the value becomes the innermost context.
    private mutating func renderPushing(_ value: TemplateValue, _ body: [TemplateNode], _ frame: Frame) {
        var inner = frame
        inner.listPosition = nil
        stack.append(value)
        render(body, inner)
        stack.removeLast()
    }

    private mutating func renderPartial(_ call: PartialCall, _ frame: Frame) {
        var name = call.name
        if let dynamicName = call.dynamicName {
            guard case .string(let resolved)? = resolve(dynamicName, frame) else { return }
            name = resolved
        }
        guard let nodes = templates[name] else { return }
        var inner = Frame(listPosition: nil, indentation: frame.indentation + call.indentation,
                          overrides: frame.overrides, escapesHTML: true)
        if let overrides = call.overrides { inner.overrides.append(overrides) }
        render(nodes, inner)
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
    private func resolve(_ name: TemplateName, _ frame: Frame) -> TemplateValue? {
        var transforms = name.transforms[...]
        var value: TemplateValue
        switch name.anchor {
        case .listPosition:
            guard let position = frame.listPosition, let transform = transforms.popFirst(),
                  let result = position.apply(transform) else { return nil }
            value = result
        case .innermost:
            guard let innermost = stack.last, let found = Self.descend(innermost, name.keys[...]) else { return nil }
            value = found
        case .stack:
            guard let found = lookUp(name.keys) else { return nil }
            value = found
        }
        if case .string(let text) = value, text.isEmpty { return nil }
        for transform in transforms {
            guard let result = value.apply(transform) else { return nil }
            value = result
        }
        return value
    }

    /// The first key is searched from the innermost context outwards; the rest of the keys only
    /// inside what it found. A key whose value is "" still ends the search (and counts as absent).
    private func lookUp(_ keys: [String]) -> TemplateValue? {
        guard let first = keys.first else { return stack.last }
        var index = stack.count - 1
        while index >= 0 {
            if case .dictionary(let values) = stack[index], let child = values[first] {
                return Self.descend(child, keys.dropFirst())
            }
            index -= 1
        }
        return nil
    }

    private static func descend(_ value: TemplateValue, _ keys: ArraySlice<String>) -> TemplateValue? {
        var current = value
        for key in keys {
            guard case .dictionary(let values) = current, let child = values[key] else { return nil }
            current = child
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
