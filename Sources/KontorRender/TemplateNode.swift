/// One parsed piece of a template. A template is parsed once into a tree of nodes, which
/// `TemplateProgram` then flattens for rendering.
enum TemplateNode: Sendable {
    /// Literal text, one line (or the part of a line before a tag) at a time: partial indentation
    /// is decided per node, so lines are never merged.
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, body: [TemplateNode])
    case invertedSection(TemplateName, body: [TemplateNode])
    /// `{{$name}}default{{/name}}` outside an inheritance tag: the caller's override or the default.
    case block(String, body: [TemplateNode], indentation: [UInt8])
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}…{{/parent}}`. Only exists while parsing:
    /// the parser moves these into the `PartialCall`'s overrides.
    case blockDefinition(String, body: [TemplateNode])
    case partial(PartialCall)
    /// `{{%CONTENT_TYPE:TEXT}}` / `{{%CONTENT_TYPE:HTML}}`: whether `{{x}}` escapes HTML from here on.
    case contentType(escapesHTML: Bool)
}

/// `{{>name}}`, `{{>*name}}` (name looked up in the context) or `{{<parent}}…{{/parent}}`.
struct PartialCall: Sendable {
    let name: String
    /// For `{{>*name}}`: the context key that holds the template name.
    let dynamicName: TemplateName?
    /// Whitespace before a standalone partial tag; its lines are indented by it.
    let indentation: [UInt8]
    /// Block overrides of `{{<parent}}`; `nil` for a plain partial.
    let overrides: [String: [TemplateNode]]?
    /// Byte offset of the tag in the template, for diagnostics.
    let offset: Int
}

/// A name as written in a tag (`page.title`, `.`, `first()`, `reversed(items)`), split once.
struct TemplateName: Sendable, Equatable {
    enum Anchor: Sendable, Equatable {
        /// `name` or `a.b`: the first key is searched from the innermost context outwards.
        case stack
        /// `.`, `.a.b` or the empty name: starts at the innermost context only.
        case innermost
        /// `first()`, `index()`…: the position in the list the innermost section iterates.
        case listPosition
    }

    let anchor: Anchor
    let keys: [String]
    /// In the order they apply: `first(reversed(items))` is `[.reversed, .first]`.
    let transforms: [TemplateTransform]

    /// Splits a tag name the way swift-mustache does: `.` alone is the innermost value, a leading
    /// `.` pins the lookup to the innermost value, an empty name with transforms is the list position.
    init(_ name: String, transforms: [String]) {
        self.transforms = transforms.reversed().map(TemplateTransform.init(name:))
        keys = name.split(separator: ".").map(String.init)
        if name.isEmpty, !transforms.isEmpty {
            anchor = .listPosition
        } else if name.hasPrefix(".") || keys.isEmpty {
            anchor = .innermost
        } else {
            anchor = .stack
        }
    }
}

/// The transforms swift-mustache offers, applied like functions: `{{#first()}}`, `{{count(items)}}`.
/// An unknown name makes the whole lookup absent, as in swift-mustache.
enum TemplateTransform: Sendable, Equatable {
    // List position (inside `{{#list}}…{{/list}}`).
    case first, last, index, even, odd
    // Lists and dictionaries.
    case count, empty, reversed, sorted, enumerated
    // Strings.
    case capitalized, lowercased, uppercased
    // Integers.
    case equalZero, plusOne, minusOne
    case unknown

    init(name: String) {
        switch name {
        case "first": self = .first
        case "last": self = .last
        case "index": self = .index
        case "even": self = .even
        case "odd": self = .odd
        case "count": self = .count
        case "empty": self = .empty
        case "reversed": self = .reversed
        case "sorted": self = .sorted
        case "enumerated": self = .enumerated
        case "capitalized": self = .capitalized
        case "lowercased": self = .lowercased
        case "uppercased": self = .uppercased
        case "equalzero": self = .equalZero
        case "plusone": self = .plusOne
        case "minusone": self = .minusOne
        default: self = .unknown
        }
    }
}
