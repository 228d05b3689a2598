/// The HTML5 DOM of one page, as a browser builds it: elements and text, nothing else.
///
/// Nodes live in one array and refer to each other by index, so a page of thousands of elements
/// costs a few allocations rather than one per node. Comments, the doctype and processing
/// instructions are left out: nothing we extract or match can see them.
struct DocumentTree: Sendable {
    enum Namespace: UInt8, Sendable {
        case html, svg, mathml
    }

    struct Node: Sendable {
        /// The element's name as the DOM spells it (`viewBox`-style case in SVG); "" for text.
        var name: String
        var namespace: Namespace
        var kind: ElementCategories.Kind
        var attributes: [Attribute]
        /// UTF-8 of a text node; empty for elements.
        var text: [UInt8]
        var parent: Int
        var children: [Int]
        /// True for `<template>`, whose children are its contents: a DOM keeps them out of the
        /// tree, so selectors do not see them.
        var holdsTemplateContents: Bool

        var isText: Bool { name.isEmpty }
    }

    /// The document node is at index 0.
    static let document = 0

    private(set) var nodes: [Node] = [
        Node(name: "#document", namespace: .html, kind: [], attributes: [], text: [], parent: -1, children: [],
             holdsTemplateContents: false),
    ]

    /// Borrows the node rather than copying it: the tree builder reads a name or a namespace
    /// many times per tag, and a copy would retain and release every array the node holds.
    subscript(node: Int) -> Node {
        _read { yield nodes[node] }
    }

    /// Adds an element with no parent yet; `kind` is looked up unless the caller has it already.
    mutating func makeElement(_ name: String, _ namespace: Namespace, kind: ElementCategories.Kind? = nil,
                              attributes: [Attribute]) -> Int {
        nodes.append(Node(name: name, namespace: namespace, kind: kind ?? ElementCategories.kind(of: name, in: namespace),
                          attributes: attributes, text: [], parent: -1, children: [],
                          holdsTemplateContents: namespace == .html && name == "template"))
        return nodes.count - 1
    }

    /// Inserts `child` (detached) into `parent` before `sibling`, or at the end.
    mutating func insert(_ child: Int, into parent: Int, before sibling: Int? = nil) {
        nodes[child].parent = parent
        if let sibling, let position = nodes[parent].children.firstIndex(of: sibling) {
            nodes[parent].children.insert(child, at: position)
        } else {
            nodes[parent].children.append(child)
        }
    }

    /// Inserts text where `insert(_:into:before:)` would put a node, merged into a text node
    /// already there, as the DOM merges adjacent character data.
    mutating func insertText(_ text: ArraySlice<UInt8>, into parent: Int, before sibling: Int? = nil) {
        guard !text.isEmpty else { return }
        let children = nodes[parent].children
        let position = sibling.flatMap { children.firstIndex(of: $0) } ?? children.count
        if position > 0, nodes[children[position - 1]].isText {
            nodes[children[position - 1]].text.append(contentsOf: text)
            return
        }
        nodes.append(Node(name: "", namespace: .html, kind: [], attributes: [], text: Array(text), parent: parent, children: [],
                          holdsTemplateContents: false))
        nodes[parent].children.insert(nodes.count - 1, at: position)
    }

    /// Takes `child` out of its parent.
    mutating func detach(_ child: Int) {
        let parent = nodes[child].parent
        guard parent >= 0 else { return }
        nodes[parent].children.removeAll { $0 == child }
        nodes[child].parent = -1
    }

    /// Moves every child of `from` to the end of `to`.
    mutating func moveChildren(of from: Int, to: Int) {
        let moved = nodes[from].children
        nodes[from].children = []
        for child in moved { nodes[child].parent = to }
        nodes[to].children.append(contentsOf: moved)
    }

    /// Adds the attributes `node` does not have yet (a second `<html>` or `<body>` tag).
    mutating func addMissingAttributes(_ attributes: [Attribute], to node: Int) {
        for attribute in attributes where !nodes[node].attributes.contains(where: { $0.name == attribute.name }) {
            nodes[node].attributes.append(attribute)
        }
    }

    /// The DOM's `textContent`: the text of every descendant text node, in order.
    func textContent(of node: Int) -> String {
        var bytes: [UInt8] = []
        var pending = nodes[node].children.reversed() as [Int]
        while let next = pending.popLast() {
            if nodes[next].isText {
                bytes.append(contentsOf: nodes[next].text)
            } else {
                pending.append(contentsOf: nodes[next].children.reversed())
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every element in document order; `intoTemplates` decides whether template contents count.
    func elements(intoTemplates: Bool) -> [Int] {
        var order: [Int] = []
        forEachElement(under: Self.document, intoTemplates: intoTemplates) { order.append($0); return true }
        return order
    }

    /// Visits the elements below `root` in document order, without recursion, until `visit`
    /// returns false; template contents (also a template `root`'s) only if `intoTemplates`.
    func forEachElement(under root: Int, intoTemplates: Bool, _ visit: (Int) -> Bool) {
        guard intoTemplates || !nodes[root].holdsTemplateContents else { return }
        var pending = nodes[root].children.reversed() as [Int]
        while let next = pending.popLast() {
            guard !nodes[next].isText else { continue }
            guard visit(next) else { return }
            if intoTemplates || !nodes[next].holdsTemplateContents { pending.append(contentsOf: nodes[next].children.reversed()) }
        }
    }
}
