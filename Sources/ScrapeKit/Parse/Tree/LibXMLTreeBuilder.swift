import LibXML

/// Copies the tree libxml2's HTML parser builds into a `DocumentTree` (`--parser libxml2`), so
/// that extraction, selectors and `--absolute` work the same over either parser.
///
/// It is libxml2's tree as lxml has it: every element in the HTML namespace (an `<svg>` too,
/// with lower-case names), `<template>` an element like any other, and text merged as libxml2
/// merges it.
final class LibXMLTreeBuilder: HTMLTreeVisitor {
    private var tree: DocumentTree
    /// The elements opened and not yet closed, the document first.
    private var open = [DocumentTree.document]

    private init(source: [UInt8]) {
        tree = DocumentTree(source: source)
    }

    /// libxml2's tree of a UTF-8 document, and with `keepingDocument` libxml2's document itself,
    /// for XPath, its elements numbered with their indices in the tree.
    static func tree(of document: [UInt8], keepingDocument: Bool = false) -> (tree: DocumentTree, document: XPathDocument?) {
        let builder = LibXMLTreeBuilder(source: document)
        guard keepingDocument else {
            HTMLTreeReader.read(document, into: builder)
            return (builder.tree, nil)
        }
        let kept = HTMLTreeReader.readKeepingDocument(document, into: builder)
        return (builder.tree, kept)
    }

    func open(_ name: String, attributes: [(name: String, value: [UInt8])]) -> Int {
        let element = tree.makeElement(name, .html, attributes: tree.appendAttributes(attributes), holdsTemplateContents: false)
        tree.insert(element, into: open[open.count - 1])
        open.append(element)
        return element
    }

    /// Each of libxml2's text nodes is one of ours (a comment it keeps may stand between two).
    func text(_ bytes: [UInt8]) {
        tree.separateText(into: open[open.count - 1])
        tree.insertText(bytes[...], inSource: false, into: open[open.count - 1])
    }

    func close() {
        if open.count > 1 { open.removeLast() }
    }
}
