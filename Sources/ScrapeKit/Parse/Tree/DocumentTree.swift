/// The HTML5 DOM of one page, as a browser builds it: elements and text, nothing else.
///
/// Nodes live in one array and refer to each other by index, children as a linked list of
/// siblings; attributes live in one array too, and text and attribute values are kept as ranges
/// of the page's own bytes (text that had character references decoded goes to one buffer): a
/// page of thousands of elements costs a handful of allocations rather than several per node,
/// and what nobody reads is never copied. Comments, the doctype and processing
/// instructions are left out: nothing we extract or match can see them.
struct DocumentTree: Sendable {
    enum Namespace: UInt8, Sendable {
        case html, svg, mathml
    }

    /// One node; `-1` stands for "none" in every link.
    struct Node: Sendable {
        /// The element's name as the DOM spells it (`viewBox`-style case in SVG); "" for text.
        var name: String
        var namespace: Namespace
        /// True for `<template>`, whose children are its contents: a DOM keeps them out of the
        /// tree, so selectors do not see them.
        var holdsTemplateContents: Bool
        var kind: ElementCategories.Kind
        /// A range of the tree's `attributes`.
        var attributes: Range<Int>
        var parent = -1
        var firstChild = -1
        var lastChild = -1
        var previousSibling = -1
        var nextSibling = -1
        /// A text node's pieces in `DocumentTree.segments`, first and last.
        fileprivate var firstSegment = -1
        fileprivate var lastSegment = -1
        /// A comment (not kept) follows this text node: text inserted after it is a node of its own.
        fileprivate var sealed = false

        var isText: Bool { name.isEmpty }
    }

    /// A run of a text node's bytes, in `source` or in `decoded`; text nodes grow as adjacent
    /// text is inserted.
    private struct Segment: Sendable {
        var range: Range<Int>
        var inSource: Bool
        var next = -1
    }

    /// The document node is at index 0.
    static let document = 0

    private(set) var nodes: [Node] = [
        Node(name: "#document", namespace: .html, holdsTemplateContents: false, kind: [], attributes: 0..<0),
    ]
    /// The attributes of every tag read, in source order; tags and elements hold ranges of it.
    private(set) var attributes: [SourceAttribute] = []
    private var segments: [Segment] = []
    /// The page the tree was built from.
    private let source: [UInt8]
    /// Text that is not in `source` as written.
    private var decoded: [UInt8] = []

    init(source: [UInt8]) {
        self.source = source
        // Pages average a node per 100 bytes or so and an attribute per 150: room for that up
        // front spares growing (and copying) the arrays a dozen times, capped so that a page of
        // one huge text costs no more than a small one.
        let expectedNodes = min(source.count / 100, 1 << 16)
        nodes.reserveCapacity(expectedNodes)
        segments.reserveCapacity(expectedNodes / 2)
        attributes.reserveCapacity(expectedNodes)
    }

    /// The page cost more to build than its `TreeBuilder.workBudget` allows, and was not read to its end.
    var isIncomplete = false

    var nodeCount: Int { nodes.count }

    /// The size of the page the tree was built from, in bytes.
    var sourceCount: Int { source.count }

    /// Borrows the node rather than copying it: the tree builder reads a name or a namespace
    /// many times per tag, and a copy would retain and release every reference the node holds.
    subscript(node: Int) -> Node {
        _read { yield nodes[node] }
    }

    /// Adds an element with no parent yet; `kind` is looked up unless the caller has it already.
    /// An HTML `<template>` holds its children as template contents unless `holdsTemplateContents`
    /// says otherwise (libxml2's trees have no template contents).
    mutating func makeElement(_ name: String, _ namespace: Namespace, kind: ElementCategories.Kind? = nil,
                              attributes: Range<Int>, holdsTemplateContents: Bool? = nil) -> Int {
        let holdsContents = holdsTemplateContents ?? (namespace == .html && name == "template")
        nodes.append(Node(name: name, namespace: namespace, holdsTemplateContents: holdsContents,
                          kind: kind ?? ElementCategories.kind(of: name, in: namespace), attributes: attributes))
        return nodes.count - 1
    }

    /// Inserts `child` (detached) into `parent` before `sibling`, or at the end.
    mutating func insert(_ child: Int, into parent: Int, before sibling: Int? = nil) {
        let next = sibling.flatMap { nodes[$0].parent == parent ? $0 : nil } ?? -1
        let previous = next >= 0 ? nodes[next].previousSibling : nodes[parent].lastChild
        nodes[child].parent = parent
        nodes[child].previousSibling = previous
        nodes[child].nextSibling = next
        if previous >= 0 { nodes[previous].nextSibling = child } else { nodes[parent].firstChild = child }
        if next >= 0 { nodes[next].previousSibling = child } else { nodes[parent].lastChild = child }
    }

    /// Inserts text where `insert(_:into:before:)` would put a node, merged into a text node
    /// already there, as the DOM merges adjacent character data. `bytes` is a slice of the
    /// source when `inSource`, and is then kept as a range of it rather than copied.
    mutating func insertText(_ bytes: ArraySlice<UInt8>, inSource: Bool, into parent: Int, before sibling: Int? = nil) {
        guard !bytes.isEmpty else { return }
        let next = sibling.flatMap { nodes[$0].parent == parent ? $0 : nil } ?? -1
        let previous = next >= 0 ? nodes[next].previousSibling : nodes[parent].lastChild
        let segment: Segment
        if inSource {
            segment = Segment(range: bytes.startIndex..<bytes.endIndex, inSource: true)
        } else {
            segment = Segment(range: decoded.count..<(decoded.count + bytes.count), inSource: false)
            decoded.append(contentsOf: bytes)
        }
        if previous >= 0, nodes[previous].isText, !nodes[previous].sealed {
            let last = nodes[previous].lastSegment
            if segments[last].inSource == inSource, segments[last].range.upperBound == segment.range.lowerBound {
                segments[last].range = segments[last].range.lowerBound..<segment.range.upperBound
            } else {
                segments.append(segment)
                segments[last].next = segments.count - 1
                nodes[previous].lastSegment = segments.count - 1
            }
            return
        }
        segments.append(segment)
        var node = Node(name: "", namespace: .html, holdsTemplateContents: false, kind: [], attributes: 0..<0)
        node.firstSegment = segments.count - 1
        node.lastSegment = segments.count - 1
        nodes.append(node)
        insert(nodes.count - 1, into: parent, before: next >= 0 ? next : nil)
    }

    /// Stands in for a comment inserted where `insert(_:into:before:)` would put a node: the
    /// tree keeps no comments, but the DOM keeps the text on either side of one as two nodes.
    mutating func separateText(into parent: Int, before sibling: Int? = nil) {
        let next = sibling.flatMap { nodes[$0].parent == parent ? $0 : nil } ?? -1
        let previous = next >= 0 ? nodes[next].previousSibling : nodes[parent].lastChild
        if previous >= 0, nodes[previous].isText { nodes[previous].sealed = true }
    }

    /// Appends copies of `source`'s children, and theirs, to `parent`: elements with the same
    /// name and attributes, text with the same text (shared, as the tree no longer changes). At
    /// most `budget` nodes are made; returns how many were.
    mutating func appendCopies(ofChildrenOf source: Int, to parent: Int, budget: Int) -> Int {
        var made = 0
        var pending: [(original: Int, parent: Int)] = []
        var child = nodes[source].lastChild
        while child >= 0 {
            pending.append((child, parent))
            child = nodes[child].previousSibling
        }
        while let (original, target) = pending.popLast(), made < budget {
            var copy = nodes[original]
            (copy.parent, copy.firstChild, copy.lastChild, copy.previousSibling, copy.nextSibling) = (-1, -1, -1, -1, -1)
            nodes.append(copy)
            made += 1
            let copied = nodes.count - 1
            insert(copied, into: target)
            var grandchild = nodes[original].lastChild
            while grandchild >= 0 {
                pending.append((grandchild, copied))
                grandchild = nodes[grandchild].previousSibling
            }
        }
        return made
    }

    /// Takes `child` out of its parent.
    mutating func detach(_ child: Int) {
        let parent = nodes[child].parent
        guard parent >= 0 else { return }
        let previous = nodes[child].previousSibling
        let next = nodes[child].nextSibling
        if previous >= 0 { nodes[previous].nextSibling = next } else { nodes[parent].firstChild = next }
        if next >= 0 { nodes[next].previousSibling = previous } else { nodes[parent].lastChild = previous }
        nodes[child].parent = -1
        nodes[child].previousSibling = -1
        nodes[child].nextSibling = -1
    }

    /// Moves every child of `from` to the end of `to`.
    mutating func moveChildren(of from: Int, to: Int) {
        var child = nodes[from].firstChild
        while child >= 0 {
            let next = nodes[child].nextSibling
            detach(child)
            insert(child, into: to)
            child = next
        }
    }

    // MARK: Attributes

    /// Reads the tag whose name starts at `nameStart` in the source, keeping its attributes
    /// (an end tag's are read past and dropped). Returns the tag and the offset after it; nil
    /// for a tag the end of the file cuts off, which HTML5 drops (`<di` is no element).
    mutating func readTag(nameStart: Int, name: String?, endTag: Bool) -> (tag: TagToken, end: Int)? {
        let (tag, end, closed) = TagReader.read(source, nameStart: nameStart, name: name, into: &attributes)
        guard closed else {
            attributes.removeSubrange(tag.attributes)
            return nil
        }
        guard endTag else { return (tag, end) }
        attributes.removeSubrange(tag.attributes)
        return (TagToken(name: tag.name, kind: tag.kind), end)
    }

    func attributes(in range: Range<Int>) -> ArraySlice<SourceAttribute> {
        attributes[range]
    }

    func attributes(of node: Int) -> ArraySlice<SourceAttribute> {
        attributes[nodes[node].attributes]
    }

    /// Whether `node` has the attribute `name` (as the tree spells names), whatever its value.
    func hasAttribute(_ name: String, on node: Int) -> Bool {
        attributes(of: node).contains { $0.name == name }
    }

    /// Adds attributes whose values are given decoded (libxml2's), kept in the decoded text.
    mutating func appendAttributes(_ added: [(name: String, value: [UInt8])]) -> Range<Int> {
        let first = attributes.count
        for (name, value) in added {
            attributes.append(SourceAttribute(name: name, value: decoded.count..<(decoded.count + value.count),
                                              hasReferences: false, isDecoded: true))
            decoded.append(contentsOf: value)
        }
        return first..<attributes.count
    }

    /// The value of an attribute, references decoded: a slice of the source unless it had any.
    func value(of attribute: SourceAttribute) -> ArraySlice<UInt8> {
        if attribute.isDecoded { return decoded[attribute.value] }
        guard attribute.hasReferences else { return source[attribute.value] }
        return CharacterReferences.decodedBytes(source[attribute.value], inAttribute: true)[...]
    }

    /// The value of the attribute called `name` in `range`, if there is one.
    func value(named name: String, in range: Range<Int>) -> String? {
        attributes[range].first { $0.name == name }.map { String(decoding: value(of: $0), as: UTF8.self) }
    }

    /// The attributes of `node` as the values a record holds.
    func attributeValues(of node: Int) -> [Attribute] {
        nodes[node].attributes.map(attributeValue(at:))
    }

    /// Whether two attribute lists hold the same names with the same values, in any order.
    func sameAttributes(_ lhs: Range<Int>, _ rhs: Range<Int>) -> Bool {
        lhs.count == rhs.count && attributes[lhs].allSatisfy { pair in
            attributes[rhs].contains { $0.name == pair.name && value(of: $0).elementsEqual(value(of: pair)) }
        }
    }

    /// Renames attributes in place: SVG and MathML spell some names with capitals.
    mutating func renameAttributes(in range: Range<Int>, _ rename: (String) -> String) {
        for index in range { attributes[index].name = rename(attributes[index].name) }
    }

    /// Adds the attributes `node` does not have yet (a second `<html>` or `<body>` tag); the
    /// node's list moves to the end of `attributes`, where it can grow.
    mutating func addMissingAttributes(_ added: Range<Int>, to node: Int) {
        let missing = attributes[added].filter { !hasAttribute($0.name, on: node) }
        guard !missing.isEmpty else { return }
        let existing = Array(attributes(of: node))
        let start = attributes.count
        attributes.append(contentsOf: existing)
        attributes.append(contentsOf: missing)
        nodes[node].attributes = start..<attributes.count
    }

    /// The bytes of a text node, piece by piece, until `visit` returns false.
    func forEachTextRun(of textNode: Int, _ visit: (ArraySlice<UInt8>) -> Bool) {
        var segment = nodes[textNode].firstSegment
        while segment >= 0 {
            let run = segments[segment]
            guard visit(run.inSource ? source[run.range] : decoded[run.range]) else { return }
            segment = run.next
        }
    }

    /// Whether an ancestor of `node` (up to the document, or to `stop` without it) passes `test`.
    func hasAncestor(of node: Int, below stop: Int = -1, where test: (Int) -> Bool) -> Bool {
        var ancestor = nodes[node].parent
        while ancestor >= 0, ancestor != stop {
            if test(ancestor) { return true }
            ancestor = nodes[ancestor].parent
        }
        return false
    }

    /// The element children of `parent`, in order.
    func elementChildren(of parent: Int) -> [Int] {
        var children: [Int] = []
        var child = nodes[parent].firstChild
        while child >= 0 {
            if !nodes[child].isText { children.append(child) }
            child = nodes[child].nextSibling
        }
        return children
    }

    /// The text of one text node.
    func text(ofTextNode node: Int) -> String {
        String(decoding: textBytes(ofTextNode: node), as: UTF8.self)
    }

    /// The UTF-8 of one text node: its one piece where it has one (most do), without a copy;
    /// else its pieces joined (split where the page had references or NULs).
    func textBytes(ofTextNode node: Int) -> ArraySlice<UInt8> {
        var pieces = 0
        var first: ArraySlice<UInt8> = []
        var joined: [UInt8] = []
        forEachTextRun(of: node) { run in
            pieces += 1
            if pieces == 1 {
                first = run
            } else {
                if pieces == 2 { joined = Array(first) }
                joined += run
            }
            return true
        }
        return pieces > 1 ? joined[...] : first
    }

    /// The attribute at `index` of the tree's attributes, as a record holds it.
    func attributeValue(at index: Int) -> Attribute {
        Attribute(name: attributes[index].name, value: String(decoding: value(of: attributes[index]), as: UTF8.self))
    }

    /// The DOM's `textContent`: the text of every descendant text node, in order.
    func textContent(of node: Int) -> String {
        var bytes: [UInt8] = []
        forEachNode(under: node, intoTemplates: true) { descendant in
            if nodes[descendant].isText {
                forEachTextRun(of: descendant) { run in
                    bytes.append(contentsOf: run)
                    return true
                }
            }
            return true
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Visits the elements below `root` in document order, without recursion, until `visit`
    /// returns false; template contents (also a template `root`'s) only if `intoTemplates`.
    func forEachElement(under root: Int, intoTemplates: Bool, _ visit: (Int) -> Bool) {
        forEachNode(under: root, intoTemplates: intoTemplates) { node in
            nodes[node].isText || visit(node)
        }
    }

    /// Visits every node below `root` in document order, text included, by following the
    /// sibling links: no recursion and no stack, however deep the page.
    func forEachNode(under root: Int, intoTemplates: Bool, _ visit: (Int) -> Bool) {
        func entersChildren(_ node: Int) -> Bool { intoTemplates || !nodes[node].holdsTemplateContents }
        guard entersChildren(root) else { return }
        var node = nodes[root].firstChild
        while node >= 0 {
            guard visit(node) else { return }
            if nodes[node].firstChild >= 0, entersChildren(node) {
                node = nodes[node].firstChild
                continue
            }
            while node != root, nodes[node].nextSibling < 0 { node = nodes[node].parent }
            guard node != root else { return }
            node = nodes[node].nextSibling
        }
    }
}
