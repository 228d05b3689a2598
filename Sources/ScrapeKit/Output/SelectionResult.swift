/// The elements one named selection found in a page.
public struct SelectionResult: Sendable, Hashable, Codable {
    /// The selection's name, the key of its results in the record.
    public var name: String
    /// The selector's text, as given.
    public var selector: String
    /// Every matching element, in document order.
    public var elements: [Element]

    public init(name: String, selector: String, elements: [Element]) {
        self.name = name
        self.selector = selector
        self.elements = elements
    }
}
