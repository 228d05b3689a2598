/// One extraction of a run: a CSS selector or an XPath expression, and the name its results go
/// under when a run has several.
public struct Selection: Sendable {
    /// What a selection asks each page.
    public enum Query: Sendable {
        case css(Selector)
        case xpath(XPathQuery)
    }

    /// The key of this selection's results in a record with several (`--select NAME=CSS`,
    /// `--xpath NAME=EXPR`); nil for the single query of a run.
    public var name: String?
    public var query: Query

    public init(name: String? = nil, _ selector: Selector) {
        self.name = name
        query = .css(selector)
    }

    public init(name: String? = nil, xpath: XPathQuery) {
        self.name = name
        query = .xpath(xpath)
    }

    var isXPath: Bool {
        if case .xpath = query { true } else { false }
    }

    /// The selector of a selection that gives elements; nil for values and XPath.
    var elementSelector: Selector? {
        if case .css(let selector) = query, !selector.givesValues { selector } else { nil }
    }

    /// The selector or expression as given.
    public var text: String {
        switch query {
        case .css(let selector): selector.description
        case .xpath(let expression): expression.description
        }
    }
}
