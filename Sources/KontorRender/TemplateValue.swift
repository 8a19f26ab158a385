import KontorText

/// A value in a template context: what `{{name}}`, `{{#name}}` and `{{^name}}` look up.
///
/// Contexts are trees of these values instead of `[String: Any]`, so a lookup is a dictionary
/// access and a `switch`, never a dynamic cast.
///
/// Site contexts use `""` for "not set" (as Hugo and DocFX templates do), so an empty string is
/// treated as absent: `{{#x}}` skips it, `{{^x}}` shows its fallback and `{{x}}` prints nothing.
/// Plain Mustache would treat `""` as true, and `{{#brand.logo}}<img …>{{/brand.logo}}` would
/// print an empty image for a reseller without a logo.
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    /// Text that is already UTF-8 bytes (a page body, the sidebar): written into the page as it
    /// is, without becoming a `String` first. It behaves like `.string` everywhere else.
    case text(UTF8Text)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case dictionary([String: TemplateValue])

    /// A list of strings, e.g. the paragraphs of a description for `{{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}`.
    public static func strings(_ values: [String]) -> TemplateValue {
        .list(values.map(TemplateValue.string))
    }

    public subscript(key: String) -> TemplateValue? {
        guard case .dictionary(let values) = self else { return nil }
        return values[key]
    }

    public var string: String? {
        switch self {
        case .string(let text): text
        case .text(let text): text.string
        default: nil
        }
    }

    public var bool: Bool? {
        guard case .bool(let flag) = self else { return nil }
        return flag
    }

    public var list: [TemplateValue]? {
        guard case .list(let items) = self else { return nil }
        return items
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self = .int(value)
    }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) {
        self = .list(elements)
    }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        // Sized once and filled in order (a repeated key keeps its last value): the uniquing
        // initializer grows the table step by step, which showed up on every catalog page.
        var dictionary = [String: TemplateValue](minimumCapacity: elements.count)
        for (key, value) in elements { dictionary[key] = value }
        self = .dictionary(dictionary)
    }
}
