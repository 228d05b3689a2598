/// What one selection found in a page: elements, or (for `::text`, `::attr()` and XPath
/// values) strings.
public struct SelectionResult: Sendable, Hashable {
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

/// The contract's `{"selector":…,"count":…,"elements":[…],"values":[…]}`. The name is not in it:
/// it is the key the selection is stored under in the record's `selections`, and a selection
/// decoded on its own has the name "".
extension SelectionResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case selector, count, elements, values
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: "", selector: try container.decode(String.self, forKey: .selector),
                  elements: try container.decode([Element].self, forKey: .elements),
                  values: try container.decode([String].self, forKey: .values))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(selector, forKey: .selector)
        try container.encode(count, forKey: .count)
        try container.encode(elements, forKey: .elements)
        try container.encode(values, forKey: .values)
    }
}
