/// Matches selectors against one page's `DocumentTree`, as soupsieve and browsers do for an HTML
/// document: names and attribute names without case, template contents outside the document.
///
/// Compounds are tested right to left, walking up to ancestors and back to earlier siblings.
/// Sibling positions are indexed once per page, the first time a selector asks for one, so
/// `:nth-child` over a list of 100,000 items stays linear. Every compound tested spends one unit
/// of `budget`; a page that exhausts it (a pathological selector on a pathological page) stops
/// matching and reports itself `exhausted`, instead of holding a parse thread for minutes.
final class SelectorMatcher {
    typealias Syntax = SelectorSyntax

    /// Compound tests allowed per page, across every selection: about a second of work.
    static let defaultBudget = 50_000_000

    private let tree: DocumentTree
    private var budget: Int
    /// Form, language and direction states, worked out when a pseudo-class first asks.
    private lazy var states = ElementStates(tree)
    private(set) var exhausted = false
    /// Per node: its position among its parent's element children from the front and from the
    /// back (1-based); empty until first needed.
    private var elementPosition: [Int32] = []
    private var elementPositionFromEnd: [Int32] = []
    /// Per node: position among same-named element siblings, filled one parent at a time.
    private var typePosition: [Int32] = []
    private var typePositionFromEnd: [Int32] = []
    /// What `prepare(_:)` found, by selector.
    private var prepared: [PreparedKey: [Int]] = [:]

    /// A selector as `prepare(_:)` files it: the text it was parsed from and the template rule
    /// (`--tag`'s and a CSS selector's of the same text differ there).
    private struct PreparedKey: Hashable {
        let text: String
        let intoTemplates: Bool

        init(_ selector: Selector) {
            text = selector.description
            intoTemplates = selector.searchesTemplateContents
        }
    }

    init(_ tree: DocumentTree, budget: Int = SelectorMatcher.defaultBudget) {
        self.tree = tree
        self.budget = budget
    }

    /// Every element `selector` matches, in document order.
    func select(_ selector: Selector) -> [Int] {
        prepared[PreparedKey(selector)] ?? select(SelectorBatch([selector]).groups[0])[0]
    }

    /// Matches the selectors of `batch` together and keeps what each finds for the `select(_:)`
    /// calls that follow: a page asked for five selections and its links is walked once (twice
    /// when some look inside template contents and some do not), not seven times. They share
    /// the page's budget: a page that exhausts it fails whichever selection asks first.
    func prepare(_ batch: SelectorBatch) {
        for group in batch.groups {
            for (selector, selected) in zip(group.selectors, select(group)) {
                prepared[PreparedKey(selector)] = selected
            }
        }
    }

    /// The elements each selector of `group` matches, in document order, from one walk of the tree.
    private func select(_ group: SelectorBatch.Group) -> [[Int]] {
        var selected = Array(repeating: [Int](), count: group.selectors.count)
        tree.forEachElement(under: DocumentTree.document, intoTemplates: group.intoTemplates) { node in
            // Selectors hold names in lower case; SVG's and MathML's keep their capitals (and a
            // name outside ASCII meets every alternative whatever its case).
            let name = tree[node].namespace == .html ? tree[node].name : tree[node].name.lowercased()
            group.index.forEachCandidate(named: name) { candidate in
                guard selected[candidate.list].last != node,
                      matches(candidate.complex, at: candidate.complex.compounds.count - 1, node, anchor: -1)
                else { return }
                selected[candidate.list].append(node)
            }
            return !exhausted
        }
        return selected
    }

    /// A value that a `::text` or `::attr()` selector gives.
    enum Value {
        /// A text node.
        case text(Int)
        /// An attribute of an element, by its index in the tree's attributes.
        case attribute(element: Int, index: Int)
    }

    /// The values a value-giving selector list finds, in document order: for each element
    /// matched, the attributes its selectors name (in the element's own attribute order), and each
    /// text node directly under an element that a `::text` selector matched (or anywhere inside
    /// one that an `E ::text` matched), where it stands.
    func values(_ selector: Selector) -> [Value] {
        var values: [Value] = []
        var textParents: Set<Int> = []
        var textAncestors: Set<Int> = []
        tree.forEachNode(under: DocumentTree.document, intoTemplates: false) { node in
            if tree[node].isText {
                if textParents.contains(tree[node].parent) || hasAncestor(node, in: textAncestors) { values.append(.text(node)) }
                return true
            }
            var names: [String] = []
            for complex in selector.alternatives where matches(complex, at: complex.compounds.count - 1, node, anchor: -1) {
                switch complex.extraction {
                case .text: textParents.insert(node)
                case .descendantText: textAncestors.insert(node)
                case .attribute(let name): names.append(name)
                case .elements: break
                }
            }
            if !names.isEmpty {
                let foreign = tree[node].namespace != .html
                let attributes = tree.attributes(of: node)
                for index in attributes.indices where names.contains(where: { Self.equalIgnoringASCIICase(attributes[index].name, $0, foreign: foreign) }) {
                    values.append(.attribute(element: node, index: index))
                }
            }
            return !exhausted
        }
        return values
    }

    private func hasAncestor(_ node: Int, in elements: Set<Int>) -> Bool {
        guard !elements.isEmpty else { return false }
        var ancestor = parentElement(node)
        while ancestor >= 0 {
            if elements.contains(ancestor) { return true }
            ancestor = parentElement(ancestor)
        }
        return false
    }

    // MARK: Complex selectors

    private func matches(_ list: [Syntax.Complex], _ node: Int, anchor: Int = -1) -> Bool {
        list.contains { matches($0, at: $0.compounds.count - 1, node, anchor: anchor) }
    }

    /// Whether `compounds[0...index]` of `complex` match with `compounds[index]` on `node`; in
    /// `:has()`, `anchor` is the element the relative selector hangs from.
    private func matches(_ complex: Syntax.Complex, at index: Int, _ node: Int, anchor: Int) -> Bool {
        guard matches(complex.compounds[index], node) else { return false }
        guard index > 0 else {
            guard anchor >= 0, let leading = complex.leading else { return true }
            return isRelated(node, to: anchor, by: leading)
        }
        let (step, repeats) = walk(for: complex.combinators[index - 1])
        var candidate = step(node)
        while candidate >= 0 {
            if matches(complex, at: index - 1, candidate, anchor: anchor) { return true }
            guard repeats else { return false }
            candidate = step(candidate)
        }
        return false
    }

    /// How a combinator is walked from its right-hand element: one step for `>` and `+`; for
    /// ` ` and `~`, every ancestor or earlier sibling in turn.
    private func walk(for combinator: Syntax.Combinator) -> (step: (Int) -> Int, repeats: Bool) {
        switch combinator {
        case .child: (parentElement, false)
        case .descendant: (parentElement, true)
        case .nextSibling: (previousElementSibling, false)
        case .subsequentSibling: (previousElementSibling, true)
        }
    }

    private func isRelated(_ node: Int, to anchor: Int, by combinator: Syntax.Combinator) -> Bool {
        let (step, repeats) = walk(for: combinator)
        var candidate = step(node)
        while candidate >= 0 {
            if candidate == anchor { return true }
            guard repeats else { return false }
            candidate = step(candidate)
        }
        return false
    }

    /// `:has(list)` on `anchor`: some element in reach of the relative selectors matches one.
    private func has(_ list: [Syntax.Complex], _ anchor: Int) -> Bool {
        list.contains { complex in
            var found = false
            let searchesSiblings = complex.leading == .nextSibling || complex.leading == .subsequentSibling
            var roots = searchesSiblings ? [] : [anchor]
            if searchesSiblings {
                var sibling = nextElementSibling(anchor)
                while sibling >= 0 {
                    roots.append(sibling)
                    sibling = nextElementSibling(sibling)
                }
            }
            for root in roots where !found {
                if searchesSiblings, matches(complex, at: complex.compounds.count - 1, root, anchor: anchor) {
                    found = true
                    break
                }
                tree.forEachElement(under: root, intoTemplates: false) { candidate in
                    found = matches(complex, at: complex.compounds.count - 1, candidate, anchor: anchor)
                    return !found && !exhausted
                }
            }
            return found
        }
    }

    // MARK: Compounds

    private func matches(_ compound: Syntax.Compound, _ node: Int) -> Bool {
        guard budget > 0 else {
            exhausted = true
            return false
        }
        budget -= 1
        if let type = compound.type,
           !Self.equalIgnoringASCIICase(tree[node].name, type, foreign: tree[node].namespace != .html) {
            return false
        }
        return compound.conditions.allSatisfy { matches($0, node) }
    }

    private func matches(_ condition: Syntax.Condition, _ node: Int) -> Bool {
        switch condition {
        case .id(let id):
            return value(of: "id", in: node)?.elementsEqual(id.utf8) ?? false
        case .className(let name):
            guard let classes = value(of: "class", in: node) else { return false }
            return Self.containsWord(classes, name.utf8, by: ==)
        case .attribute(let attribute):
            return matches(attribute, node)
        case .not(let list):
            return !matches(list, node)
        case .isAny(let list):
            return matches(list, node)
        case .has(let list):
            return has(list, node)
        case .root:
            return tree[node].parent == DocumentTree.document
        case .empty:
            return tree[node].holdsTemplateContents || isEmpty(node)
        case .nth(let nth):
            return matches(nth, node)
        case .state(let state):
            return states.matches(state, node)
        case .lang(let ranges):
            return states.matchesLanguage(ranges, node)
        case .dir(let direction):
            return states.direction(of: node) == direction
        }
    }

    private func matches(_ attribute: Syntax.Attribute, _ node: Int) -> Bool {
        guard let actual = value(of: attribute.name, in: node, anyNamespace: attribute.anyNamespace) else { return false }
        let ignoresCase = switch attribute.valueCase {
        case .sensitive: false
        case .insensitive: true
        case .insensitiveInHTML: tree[node].namespace == .html
        }
        let wanted = attribute.value.utf8
        let value = actual
        func same(_ left: UInt8, _ right: UInt8) -> Bool {
            ignoresCase ? left.asciiLowercased == right.asciiLowercased : left == right
        }
        switch attribute.operation {
        case .exists:
            return true
        case .equals:
            return value.elementsEqual(wanted, by: same)
        case .includes:
            guard !wanted.isEmpty, !wanted.contains(where: \.isHTMLSpace) else { return false }
            return Self.containsWord(value, wanted, by: same)
        case .dashMatch:
            return value.starts(with: wanted, by: same)
                && (value.count == wanted.count || value.dropFirst(wanted.count).first == UInt8(ascii: "-"))
        case .prefix:
            return !wanted.isEmpty && value.starts(with: wanted, by: same)
        case .suffix:
            return !wanted.isEmpty && value.reversed().starts(with: wanted.reversed(), by: same)
        case .substring:
            guard !wanted.isEmpty else { return false }
            let bytes = Array(value)
            let pattern = Array(wanted)
            guard bytes.count >= pattern.count else { return false }
            return (0...(bytes.count - pattern.count)).contains { start in
                bytes[start..<(start + pattern.count)].elementsEqual(pattern, by: same)
            }
        }
    }

    private func matches(_ nth: Syntax.Nth, _ node: Int) -> Bool {
        if let of = nth.of {
            guard matches(of, node) else { return false }
            var position = 1
            var sibling = nth.fromEnd ? nextElementSibling(node) : previousElementSibling(node)
            while sibling >= 0 {
                if matches(of, sibling) { position += 1 }
                sibling = nth.fromEnd ? nextElementSibling(sibling) : previousElementSibling(sibling)
            }
            return nth.matches(position)
        }
        if nth.ofType {
            indexTypes(around: node)
            return nth.matches(Int(nth.fromEnd ? typePositionFromEnd[node] : typePosition[node]))
        }
        indexSiblings()
        return nth.matches(Int(nth.fromEnd ? elementPositionFromEnd[node] : elementPosition[node]))
    }

    /// `:empty`: no element children and no text but whitespace.
    private func isEmpty(_ node: Int) -> Bool {
        var child = tree[node].firstChild
        while child >= 0 {
            guard tree[child].isText else { return false }
            var blank = true
            tree.forEachTextRun(of: child) { run in
                blank = run.allSatisfy(\.isHTMLSpace)
                return blank
            }
            guard blank else { return false }
            child = tree[child].nextSibling
        }
        return true
    }

    // MARK: Navigation

    /// The parent, unless it is the document or a template (whose contents are a world apart).
    private func parentElement(_ node: Int) -> Int {
        let parent = tree[node].parent
        guard parent > DocumentTree.document, !tree[parent].holdsTemplateContents else { return -1 }
        return parent
    }

    private func previousElementSibling(_ node: Int) -> Int {
        var sibling = tree[node].previousSibling
        while sibling >= 0, tree[sibling].isText { sibling = tree[sibling].previousSibling }
        return sibling
    }

    private func nextElementSibling(_ node: Int) -> Int {
        var sibling = tree[node].nextSibling
        while sibling >= 0, tree[sibling].isText { sibling = tree[sibling].nextSibling }
        return sibling
    }

    private func indexSiblings() {
        guard elementPosition.isEmpty else { return }
        let count = tree.nodes.count
        elementPosition = Array(repeating: 0, count: count)
        elementPositionFromEnd = Array(repeating: 0, count: count)
        for parent in tree.nodes.indices where tree[parent].firstChild >= 0 {
            let children = tree.elementChildren(of: parent)
            for (index, child) in children.enumerated() {
                elementPosition[child] = Int32(index + 1)
                elementPositionFromEnd[child] = Int32(children.count - index)
            }
        }
    }

    /// Fills the of-type positions of `node` and all its siblings, unless done already.
    private func indexTypes(around node: Int) {
        if typePosition.isEmpty {
            typePosition = Array(repeating: 0, count: tree.nodes.count)
            typePositionFromEnd = Array(repeating: 0, count: tree.nodes.count)
        }
        guard typePosition[node] == 0 else { return }
        let children = tree.elementChildren(of: tree[node].parent)
        var seen: [String: Int32] = [:]
        for child in children {
            let position = seen[tree[child].name, default: 0] + 1
            seen[tree[child].name] = position
            typePosition[child] = position
        }
        for child in children {
            typePositionFromEnd[child] = seen[tree[child].name, default: 0] - typePosition[child] + 1
        }
    }

    // MARK: Names and values

    /// The value of the attribute called `name` (lower case), compared without case; with
    /// `anyNamespace`, also of `xlink:name`, `xml:name` or `xmlns:name` on an SVG or MathML element.
    private func value(of name: String, in node: Int, anyNamespace: Bool = false) -> ArraySlice<UInt8>? {
        let foreign = tree[node].namespace != .html
        return tree.attributes(of: node).first { attribute in
            if Self.equalIgnoringASCIICase(attribute.name, name, foreign: foreign) { return true }
            guard anyNamespace, foreign, let colon = attribute.name.firstIndex(of: ":"),
                  ["xlink", "xml", "xmlns"].contains(attribute.name[..<colon])
            else { return false }
            return Self.equalIgnoringASCIICase(String(attribute.name[attribute.name.index(after: colon)...]), name, foreign: true)
        }.map { tree.value(of: $0) }
    }

    /// Whether one of the words of `list` (split at HTML spaces) is `word`: `class` and `~=`,
    /// read in place, since splitting allocated an array for every element tested.
    private static func containsWord(_ list: ArraySlice<UInt8>, _ word: String.UTF8View, by same: (UInt8, UInt8) -> Bool) -> Bool {
        var start = list.startIndex
        while start < list.endIndex {
            guard !list[start].isHTMLSpace else {
                start += 1
                continue
            }
            let end = list[start...].firstIndex(where: \.isHTMLSpace) ?? list.endIndex
            if list[start..<end].elementsEqual(word, by: same) { return true }
            start = end
        }
        return false
    }

    /// `name == lowercased` for HTML names, which the parser already lower-cases; SVG and MathML
    /// names keep their capitals (`clipPath`) and are compared byte by byte without case.
    private static func equalIgnoringASCIICase(_ name: String, _ lowercased: String, foreign: Bool) -> Bool {
        guard foreign else { return name == lowercased }
        return name.utf8.elementsEqual(lowercased.utf8) { $0.asciiLowercased == $1 }
    }
}
