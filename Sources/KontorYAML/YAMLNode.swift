import Yams

/// A YAML value with the line and column where it starts (1-based, columns in Unicode scalars,
/// as libyaml counts them). This is all Kontor reads of a YAML tree: scalars keep the text as
/// written (no tag resolution), so `~`, `true` and `2025-01-01` are text like any other.
// The accessors are inlinable: the catalog calls them for every field of 10,000 offers.
public struct YAMLNode: Equatable, Sendable {
    public enum Content: Equatable, Sendable {
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
        /// Anything else Yams may hand back (an unresolved alias); reads as neither kind.
        case other
    }

    public var content: Content
    public var line: Int
    public var column: Int

    @inlinable
    public init(content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

    @inlinable
    public var scalar: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }

    @inlinable
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    @inlinable
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value of the last pair whose key is the scalar `key`, as Yams' `mapping[key]` finds
    /// it (duplicate keys never get this far: Yams rejects them).
    @inlinable
    public subscript(key: String) -> YAMLNode? {
        mapping?.last { $0.key.scalar == key }?.value
    }
}

public struct YAMLPair: Equatable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

extension YAMLNode {
    /// Converts Yams' tree; only the parts Kontor reads (kind, text, position) survive.
    init(_ node: Node) {
        line = node.mark?.line ?? 0
        column = node.mark?.column ?? 0
        switch node {
        case .scalar(let scalar): content = .scalar(scalar.string)
        case .sequence(let sequence): content = .sequence(sequence.map(YAMLNode.init))
        case .mapping(let mapping): content = .mapping(mapping.map { YAMLPair(key: YAMLNode($0.key), value: YAMLNode($0.value)) })
        case .alias: content = .other
        }
    }
}
