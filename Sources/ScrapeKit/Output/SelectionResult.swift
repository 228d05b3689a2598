/// What one selection found in a page: elements, or (for `::text`, `::attr()` and XPath
/// values) strings.
public struct SelectionResult: Sendable, Hashable, Codable {
    /// The selection's name, the key of its results in the record; "" for a run's single query.
    public var name: String
    /// The selector's text, as given.
    public var selector: String
    /// Every matching element, in document order; empty when the selection gives values.
    public var elements: [Element]
    /// The strings a value-giving selection found, in document order; empty when it gives elements.
    public var values: [String]

    public init(name: String, selector: String, elements: [Element] = [], values: [String] = []) {
        self.name = name
        self.selector = selector
        self.elements = elements
        self.values = values
    }

    /// How many elements or values the selection found.
    public var count: Int { elements.count + values.count }
}
