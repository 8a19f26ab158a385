import Foundation
import CMark
import KontorText

/// A non-owning handle to one cmark node. It never leaves this target: the public API only
/// hands out Swift values. Ownership stays with the tree the node is linked into; nodes that
/// are unlinked must be `free()`d (or linked elsewhere) by the caller.
struct CMarkNode: Hashable {
    let pointer: OpaquePointer

    /// For freshly allocated nodes: cmark's allocator aborts instead of returning NULL.
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    init?(optional pointer: OpaquePointer?) {
        guard let pointer else { return nil }
        self.pointer = pointer
    }

    // MARK: Creating and parsing

    /// Parses a whole document; positions (`startLine` …) are always recorded by cmark. Inside a
    /// `CMarkArena.scope` the tree lives in the thread's arena and must not outlive the scope.
    static func parseDocument(_ bytes: [UInt8]) -> CMarkNode? {
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, CMarkArena.allocator) else { return nil }
        defer { cmark_parser_free(parser) }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        return CMarkNode(optional: cmark_parser_finish(parser))
    }

    /// A new node, from the same allocator as the trees parsed now: cmark frees a whole subtree
    /// with its root's allocator, so one tree must never mix the arena's nodes and `malloc`'s.
    static func new(_ type: cmark_node_type) -> CMarkNode {
        CMarkNode(cmark_node_new_with_mem(type, CMarkArena.allocator))
    }

    static func customBlock(enter: String, exit: String = "") -> CMarkNode {
        custom(CMARK_NODE_CUSTOM_BLOCK, enter: enter, exit: exit)
    }

    static func customInline(enter: String, exit: String = "") -> CMarkNode {
        custom(CMARK_NODE_CUSTOM_INLINE, enter: enter, exit: exit)
    }

    static func text(_ literal: String) -> CMarkNode {
        let node = new(CMARK_NODE_TEXT)
        cmark_node_set_literal(node.pointer, literal)
        return node
    }

    private static func custom(_ type: cmark_node_type, enter: String, exit: String) -> CMarkNode {
        let node = new(type)
        cmark_node_set_on_enter(node.pointer, enter)
        cmark_node_set_on_exit(node.pointer, exit)
        return node
    }

    // MARK: Reading

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var parent: CMarkNode? { CMarkNode(optional: cmark_node_parent(pointer)) }
    var firstChild: CMarkNode? { CMarkNode(optional: cmark_node_first_child(pointer)) }
    var next: CMarkNode? { CMarkNode(optional: cmark_node_next(pointer)) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    var literal: String? {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } }
        nonmutating set { cmark_node_set_literal(pointer, newValue) }
    }

    /// The literal's bytes without copying them into a Swift string.
    func withLiteralBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let literal = cmark_node_get_literal(pointer) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return literal.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            body(UnsafeBufferPointer(start: start, count: strlen(literal)))
        }
    }

    var url: String {
        get { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_url(pointer, newValue) }
    }

    /// Marks a node as already handled, so that content spliced in from an include is not
    /// rewritten a second time when the including file's walk passes over it.
    var isProcessed: Bool {
        get { cmark_node_get_user_data(pointer) != nil }
        nonmutating set {
            cmark_node_set_user_data(pointer, newValue ? UnsafeMutableRawPointer(bitPattern: 1) : nil)
        }
    }

    var children: [CMarkNode] {
        var result: [CMarkNode] = []
        var child = firstChild
        while let current = child {
            result.append(current)
            child = current.next
        }
        return result
    }

    // MARK: Changing

    func insertBefore(_ sibling: CMarkNode) { cmark_node_insert_before(pointer, sibling.pointer) }
    func appendChild(_ child: CMarkNode) { cmark_node_append_child(pointer, child.pointer) }
    func unlink() { cmark_node_unlink(pointer) }
    /// Unlinks and frees the node with all its children.
    func delete() { cmark_node_free(pointer) }

    /// Moves every child of `self` to the end of `target`.
    func moveChildren(to target: CMarkNode) {
        while let child = firstChild {
            child.unlink()
            target.appendChild(child)
        }
    }

    /// Replaces `self` in its tree by `replacement` and frees `self`.
    func replace(with replacement: CMarkNode) {
        insertBefore(replacement)
        delete()
    }

    /// The HTML as bytes: cmark writes valid UTF-8 (Kontor repairs the source before parsing,
    /// and cmark replaces what is invalid), so it is not validated a second time here.
    func renderHTML(unsafe: Bool) -> UTF8Text {
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let html = cmark_render_html(pointer, options) else { return UTF8Text("") }
        defer { CMarkArena.freeResult(html) }
        return UTF8Text(utf8: UnsafeRawBufferPointer(start: html, count: strlen(html)))
    }
}
