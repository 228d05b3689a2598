/// One matching element: its attributes in source order and its text.
public struct Element: Sendable, Equatable {
    /// Attribute name and value pairs in source order; a boolean attribute has the value "".
    /// Names are unique: like a browser, the first of duplicated attributes wins.
    public var attributes: [(name: String, value: String)]
    /// Text content; for `script` and `style`, the raw source text.
    public var text: String

    /// An element with these attributes (source order) and text.
    public init(attributes: [(name: String, value: String)], text: String) {
        self.attributes = attributes
        self.text = text
    }

    /// The value of attribute `name` (names are lower case, as the HTML parser gives them).
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Same text and same attributes in the same order.
    public static func == (lhs: Element, rhs: Element) -> Bool {
        lhs.text == rhs.text && lhs.attributes.elementsEqual(rhs.attributes) { $0 == $1 }
    }
}
