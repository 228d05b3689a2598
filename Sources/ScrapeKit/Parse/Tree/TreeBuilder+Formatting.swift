/// The list of active formatting elements and the adoption agency algorithm: how `<b>`, `<a>`
/// and friends that are closed out of order get split and reopened, as browsers do.
extension TreeBuilder {
    /// The last formatting element named `name` after the last marker.
    func formattingElement(named name: String) -> Int? {
        for entry in formatting.reversed() {
            guard let node = entry.node else { return nil }
            if tree[node].name == name { return node }
        }
        return nil
    }

    mutating func removeFromFormatting(_ node: Int) {
        if let index = formatting.lastIndex(where: { $0.node == node }) { formatting.remove(at: index) }
    }

    mutating func clearFormattingToMarker() {
        while let entry = formatting.popLast(), entry.node != nil {}
    }

    /// Adds a formatting element, keeping at most three identical ones after the last marker.
    mutating func pushFormatting(_ node: Int, _ tag: TagToken) {
        var same: [Int] = []
        for (index, entry) in formatting.enumerated().reversed() {
            guard case .element(let other, let otherTag) = entry else { break }
            if otherTag.name == tag.name, tree[other].namespace == tree[node].namespace,
               tree.sameAttributes(otherTag.attributes, tag.attributes) {
                same.append(index)
            }
        }
        if same.count >= 3 { formatting.remove(at: same.last!) }
        formatting.append(.element(node, tag))
    }

    /// Reopens formatting elements that were closed implicitly (by a `</p>`, say) but are still
    /// in effect, so the text that follows is inside them again.
    mutating func reconstructFormatting() {
        guard let last = formatting.last, let lastNode = last.node, !stack.contains(lastNode) else { return }
        var index = formatting.count - 1
        while index > 0 {
            let before = formatting[index - 1]
            guard let node = before.node, !stack.contains(node) else { break }
            index -= 1
        }
        for position in index..<formatting.count {
            guard case .element(_, let tag) = formatting[position] else { continue }
            let clone = insertHTML(tag)
            formatting[position] = .element(clone, tag)
        }
    }

    /// The adoption agency algorithm for the end tag `subject`; false when the end tag is to be
    /// handled as "any other end tag".
    @discardableResult
    mutating func adoptionAgency(_ subject: String) -> Bool {
        if isHTML(current, subject), !formatting.contains(where: { $0.node == current }) {
            stack.removeLast()
            return true
        }
        for _ in 0..<8 {
            guard let formattingNode = formattingElement(named: subject) else { return false }
            guard let formattingIndex = stack.lastIndex(of: formattingNode) else {
                removeFromFormatting(formattingNode)
                return true
            }
            guard inScope(.standard, where: { $0 == formattingNode }) else { return true }
            guard let blockIndex = stack[(formattingIndex + 1)...].firstIndex(where: isSpecial) else {
                stack.removeSubrange(formattingIndex...)
                removeFromFormatting(formattingNode)
                return true
            }
            let furthestBlock = stack[blockIndex]
            let commonAncestor = stack[formattingIndex - 1]
            var bookmark = formatting.lastIndex { $0.node == formattingNode }!
            var nodeIndex = blockIndex
            var lastNode = furthestBlock
            var counter = 0
            while true {
                counter += 1
                nodeIndex -= 1
                var node = stack[nodeIndex]
                if node == formattingNode { break }
                var entryIndex = formatting.lastIndex { $0.node == node }
                if counter > 3, let index = entryIndex {
                    formatting.remove(at: index)
                    if index < bookmark { bookmark -= 1 }
                    entryIndex = nil
                }
                guard let entry = entryIndex, case .element(_, let tag) = formatting[entry] else {
                    stack.remove(at: nodeIndex)
                    continue
                }
                let clone = tree.makeElement(tag.name, .html, kind: tag.kind, attributes: tag.attributes)
                formatting[entry] = .element(clone, tag)
                stack[nodeIndex] = clone
                node = clone
                if lastNode == furthestBlock { bookmark = entry + 1 }
                tree.detach(lastNode)
                tree.insert(lastNode, into: node)
                lastNode = node
            }
            tree.detach(lastNode)
            let place = insertionPlace(target: commonAncestor)
            tree.insert(lastNode, into: place.parent, before: place.before)

            guard let formattingEntry = formatting.lastIndex(where: { $0.node == formattingNode }),
                  case .element(_, let tag) = formatting[formattingEntry] else { return true }
            let replacement = tree.makeElement(tag.name, .html, kind: tag.kind, attributes: tag.attributes)
            tree.moveChildren(of: furthestBlock, to: replacement)
            tree.insert(replacement, into: furthestBlock)
            formatting.remove(at: formattingEntry)
            if formattingEntry < bookmark { bookmark -= 1 }
            formatting.insert(.element(replacement, tag), at: min(bookmark, formatting.count))
            removeFromStack(formattingNode)
            let blockPosition = stack.lastIndex(of: furthestBlock)!
            stack.insert(replacement, at: blockPosition + 1)
        }
        return true
    }
}
