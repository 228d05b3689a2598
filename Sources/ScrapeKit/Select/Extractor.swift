import LibXML

/// Runs a page's selections over its tree and turns what they find into a record's elements and
/// values, holding the whole page to one text bound and one matching budget.
final class Extractor {
    /// Steps of libxml2's XPath engine allowed per expression and page: about a second of work.
    static let xpathStepLimit = 50_000_000
    /// Bytes libxml2 may allocate per expression and page, strings included, which also bounds
    /// the time spent copying them.
    static let xpathByteLimit = 256 << 20

    private let tree: DocumentTree
    private let matcher: SelectorMatcher
    /// Rewrites URL-valued attributes (`--absolute`); nil to leave them as written.
    private let absolute: LinkResolver?
    private let textLimit: Int
    private var textBytes = 0
    /// The libxml2 document XPath runs over: libxml2's own with `--parser libxml2`, otherwise
    /// a mirror of `tree`, made when the first expression asks for it.
    private var xpathDocument: XPathDocument?

    init(tree: DocumentTree, matcher: SelectorMatcher, absolute: LinkResolver?, textLimit: Int, xpathDocument: XPathDocument?) {
        self.tree = tree
        self.matcher = matcher
        self.absolute = absolute
        self.textLimit = textLimit
        self.xpathDocument = xpathDocument
    }

    /// What `selection` finds, or why the page gets no results.
    func run(_ selection: Selection) -> Result<SelectionResult, ScrapeError> {
        var result = SelectionResult(name: selection.name ?? "", selector: selection.text)
        switch selection.query {
        case .css(let selector) where selector.givesValues:
            for value in matcher.values(selector) where textBytes <= textLimit {
                switch value {
                case .text(let node): keep(tree.text(ofTextNode: node), in: &result)
                case .attribute(let element, let index): keep(attributeValue(tree.attributeValue(at: index), of: element), in: &result)
                }
            }
        case .css(let selector):
            for node in matcher.select(selector) where textBytes <= textLimit {
                result.elements.append(element(node))
            }
        case .xpath(let expression):
            if let failure = evaluate(expression, into: &result) { return .failure(failure) }
        }
        guard textBytes <= textLimit else {
            return .failure(ScrapeError(.tooLarge, "the matching elements hold more than \(textLimit >> 20) MiB of text"))
        }
        guard !matcher.exhausted else {
            return .failure(ScrapeError(.tooComplex, "matching gave up after \(SelectorMatcher.defaultBudget) steps on this page"))
        }
        return .success(result)
    }

    private func evaluate(_ expression: XPathQuery, into result: inout SelectionResult) -> ScrapeError? {
        if xpathDocument == nil { xpathDocument = XPathMirror.document(of: tree) }
        guard let document = xpathDocument else {
            return ScrapeError(.tooLarge, "libxml2 ran out of memory copying the page for XPath")
        }
        switch XPath.evaluate(expression.description, in: document, stepLimit: Self.xpathStepLimit, byteLimit: Self.xpathByteLimit) {
        case .success(let items):
            // A node-set of elements and other nodes (`//p/node()`) comes as values throughout,
            // each element as its string value, so that document order survives in one list.
            let elementsOnly = items.allSatisfy { if case .element = $0 { true } else { false } }
            for item in items where textBytes <= textLimit {
                switch item {
                case .element(let node) where !elementsOnly: keep(tree.textContent(of: node), in: &result)
                case .element(let node): result.elements.append(element(node))
                case .attribute(let node, let name, let value): keep(attributeValue(Attribute(name: name, value: value), of: node), in: &result)
                case .value(let value): keep(value, in: &result)
                }
            }
            return nil
        case .failure(.limit):
            return ScrapeError(.tooComplex, "the XPath '\(expression)' gave up after \(Self.xpathStepLimit) steps or \(Self.xpathByteLimit >> 20) MiB on this page")
        case .failure(.error(let message)):
            return ScrapeError(.query, "the XPath '\(expression)' failed on this page: \(message)")
        }
    }

    /// Adds a value to `result`, counted toward the page's text bound.
    private func keep(_ value: String, in result: inout SelectionResult) {
        textBytes += value.utf8.count
        result.values.append(value)
    }

    /// The record's form of `node`: name, attributes (made absolute if asked) and text.
    private func element(_ node: Int) -> Element {
        var attributes = tree.attributeValues(of: node)
        if let absolute, tree[node].namespace == .html { attributes = absolute.resolve(attributes, of: tree[node].name) }
        let text = tree.textContent(of: node)
        textBytes += text.utf8.count
        return Element(name: tree[node].name, attributes: attributes, text: text)
    }

    /// The value of `attribute`, made absolute if asked and `element` gives it a URL.
    private func attributeValue(_ attribute: Attribute, of element: Int) -> String {
        guard let absolute, tree[element].namespace == .html else { return attribute.value }
        return absolute.resolve(attribute, of: tree[element].name).value
    }
}
