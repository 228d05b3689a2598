/// SVG and MathML inside HTML: where their content starts and ends, and how it is named.
extension TreeBuilder {
    mutating func insertForeign(_ tag: TagToken, _ namespace: DocumentTree.Namespace) {
        tree.renameAttributes(in: tag.attributes) { ForeignNames.attribute($0, namespace) }
        insertElement(ForeignNames.element(tag.name, namespace), namespace, attributes: tag.attributes)
        if tag.selfClosing { stack.removeLast() }
    }

    /// Whether a start tag is handled by the rules for foreign content rather than the mode's.
    func usesForeignRules(forStart tag: TagToken) -> Bool {
        guard let node = stack.last, tree[node].namespace != .html else { return false }
        if isMathMLTextIntegrationPoint(node), tag.name != "mglyph", tag.name != "malignmark" { return false }
        if tree[node].namespace == .mathml, tree[node].name == "annotation-xml", tag.name == "svg" { return false }
        return !isHTMLIntegrationPoint(node)
    }

    func isMathMLTextIntegrationPoint(_ node: Int) -> Bool {
        tree[node].kind.contains(.mathMLTextIntegrationPoint)
    }

    func isHTMLIntegrationPoint(_ node: Int) -> Bool {
        switch tree[node].namespace {
        case .svg: return tree[node].kind.contains(.svgIntegrationPoint)
        case .mathml:
            guard tree[node].name == "annotation-xml",
                  let encoding = tree.value(named: "encoding", in: tree[node].attributes)?.lowercased() else { return false }
            return encoding == "text/html" || encoding == "application/xhtml+xml"
        case .html: return false
        }
    }

    mutating func foreignStartTag(_ tag: TagToken) {
        let breaksOut = tag.kind.contains(.breaksOutOfForeign)
            || (tag.name == "font" && tree.attributes(in: tag.attributes).contains { ["color", "face", "size"].contains($0.name) })
        guard breaksOut else { return insertForeign(tag, tree[current].namespace) }
        while let node = stack.last, tree[node].namespace != .html, !isMathMLTextIntegrationPoint(node),
              !isHTMLIntegrationPoint(node) {
            stack.removeLast()
        }
        startTag(tag, in: mode)
    }

    mutating func foreignEndTag(_ tag: TagToken) {
        let name = tag.name
        // `</br>` and `</p>` leave foreign content, as the start tags that break out of it do.
        if name == "br" || name == "p" {
            while let node = stack.last, tree[node].namespace != .html, !isMathMLTextIntegrationPoint(node),
                  !isHTMLIntegrationPoint(node) {
                stack.removeLast()
            }
            return endTag(tag, in: mode)
        }
        var index = stack.count - 1
        while index > 0 {
            let node = stack[index]
            if tree[node].name.lowercased() == name {
                stack.removeSubrange(index...)
                return
            }
            index -= 1
            if tree[stack[index]].namespace == .html { return endTag(tag, in: mode) }
        }
    }
}
