import Yams

/// Why a YAML text could not be read, with libyaml's position where it has one. Each consumer
/// words its own diagnostic from this.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A scanner, parser or composer error: libyaml's context (if any) and problem.
        case syntax(context: String?, problem: String)
        /// A mapping repeats these keys.
        case duplicateKeys([String])
        /// Anything else; only `description` tells what.
        case other
    }

    public var kind: Kind
    /// 1-based line and column where libyaml found the problem; 0 (unknown) for `.other`.
    public var line = 0
    public var column = 0
    /// The error as Yams (or Swift) describes it, i.e. what `"\(error)"` printed.
    public var description: String

    /// Sorts any error thrown by Yams into the kinds above.
    public init(_ error: any Error) {
        description = "\(error)"
        guard let yamlError = error as? YamlError else {
            kind = .other
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            kind = .syntax(context: context?.text, problem: problem)
            (line, column) = (mark.line, mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            kind = .duplicateKeys(duplicates)
            (line, column) = (context.mark.line, context.mark.column)
        default:
            kind = .other
        }
    }
}

/// The one way Kontor reads YAML: plain block YAML (nearly every front matter, TOC.yml, offer
/// file and reseller profile) goes through `BlockYAML`, which is many times faster than
/// building Yams' node tree; everything else, including every error, goes through Yams.
/// Both give the same tree, so callers cannot tell which path was taken.
public enum YAMLReader {
    /// The root node, nil for a document without content (only blank lines or comments).
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        if let document = BlockYAML.parse(text) { return document.root }
        return try yamsTree(text)
    }

    /// The tree as Yams composes it (also the reference `BlockYAML` is tested against).
    static func yamsTree(_ text: String) throws(YAMLError) -> YAMLNode? {
        do {
            return try Yams.compose(yaml: text).map(YAMLNode.init)
        } catch {
            throw YAMLError(error)
        }
    }
}
