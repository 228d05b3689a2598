extension TreeBuilder {
    /// The customizable `<select>` of 2025: every `<selectedcontent>` in a select shows a copy
    /// of what the select's selected option holds (the last one written `selected`, or in a
    /// `multiple` select the first; else the first option not disabled), made when the tree is
    /// done. A marker inside that option itself is left alone. Copies are bounded by the size
    /// of the page, so a page of many markers cannot multiply its tree.
    mutating func projectSelectedContent() {
        var budget = max(131_072, tree.sourceCount)
        var selects: [Int] = []
        tree.forEachElement(under: DocumentTree.document, intoTemplates: true) { node in
            if isHTML(node, "select") { selects.append(node) }
            return true
        }
        for select in selects {
            var markers: [Int] = []
            var chosen: Int?
            var first: Int?
            let multiple = tree.hasAttribute("multiple", on: select)
            tree.forEachElement(under: select, intoTemplates: false) { node in
                if isHTML(node, "selectedcontent") {
                    markers.append(node)
                } else if isHTML(node, "option"), !tree.hasAncestor(of: node, below: select, where: { isHTML($0, "datalist") }) {
                    if first == nil, !tree.hasAttribute("disabled", on: node), !isInDisabledOptgroup(node) { first = node }
                    if tree.hasAttribute("selected", on: node), !(multiple && chosen != nil) { chosen = node }
                }
                return true
            }
            let option = chosen ?? first
            for marker in markers where option.map({ option in !tree.hasAncestor(of: marker) { $0 == option } }) ?? true {
                while tree[marker].firstChild >= 0 { tree.detach(tree[marker].firstChild) }
                if let option { budget -= tree.appendCopies(ofChildrenOf: option, to: marker, budget: budget) }
            }
        }
    }

    private func isInDisabledOptgroup(_ option: Int) -> Bool {
        let parent = tree[option].parent
        return parent >= 0 && isHTML(parent, "optgroup") && tree.hasAttribute("disabled", on: parent)
    }
}
