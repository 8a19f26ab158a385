import Yams

/// A YAML value with the line and column where it starts (1-based, columns in Unicode scalars,
/// as libyaml counts them). This is all the loaders need of a YAML tree; it comes either from
/// `BlockYAML` (fast path) or from Yams' node tree.
struct YAMLNode: Equatable {
    enum Content: Equatable {
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
        /// Anything else Yams may hand back (an unresolved alias); reads as neither kind.
        case other
    }

    var content: Content
    var line: Int
    var column: Int

    var scalar: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }
}

struct YAMLPair: Equatable {
    var key: YAMLNode
    var value: YAMLNode
}

extension YAMLNode {
    /// Converts Yams' tree; only the parts the loaders read (kind, text, position) survive.
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
