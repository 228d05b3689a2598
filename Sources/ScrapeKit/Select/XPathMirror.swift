import LibXML

/// Copies a page's `DocumentTree` into a libxml2 document for XPath, each element numbered with
/// its node index, so that the elements a result holds are the tree's own.
///
/// Template contents are the children of their `<template>`, text nodes are copied as the tree
/// merged them, and SVG and MathML elements sit in their namespaces, as in a browser's
/// `document.evaluate`.
enum XPathMirror {
    /// The mirror of `tree`; nil when libxml2 ran out of memory building it.
    static func document(of tree: DocumentTree) -> XPathDocument? {
        guard let document = XPathDocument() else { return nil }
        let root = DocumentTree.document
        var node = tree[root].firstChild
        while node >= 0 {
            if tree[node].isText {
                document.text(tree.textBytes(ofTextNode: node))
            } else {
                document.open(tree[node].name, namespace: namespace(of: tree[node].namespace), number: node)
                for attribute in tree.attributes(of: node) { document.attribute(attribute.name, value: tree.value(of: attribute)) }
                if tree[node].firstChild >= 0 {
                    node = tree[node].firstChild
                    continue
                }
                document.close()
            }
            while node != root, tree[node].nextSibling < 0 {
                node = tree[node].parent
                if node != root { document.close() }
            }
            guard node != root else { break }
            node = tree[node].nextSibling
        }
        return document.failed ? nil : document
    }

    private static func namespace(of namespace: DocumentTree.Namespace) -> XPathDocument.Namespace {
        switch namespace {
        case .html: .none
        case .svg: .svg
        case .mathml: .mathml
        }
    }
}
