/// One matching element: its name, its attributes in source order and its text.
///
/// `Codable` keeps the attributes as an array, so their order survives any encoder; the JSON
/// Lines contract (`attrs` as an object) is `JSONLineEncoder`'s.
public struct Element: Sendable, Hashable, Codable {
    /// The element's name as the HTML5 DOM spells it: lower case for HTML, `viewBox`-style case
    /// for SVG and MathML names.
    public var name: String
    /// Attribute name and value pairs in source order; a boolean attribute has the value "".
    /// Names are unique: like a browser, the first of duplicated attributes wins.
    public var attributes: [Attribute]
    /// The DOM's text content: all descendant text, comments excluded, character references
    /// decoded; for `script` and `style`, the raw source text.
    public var text: String

    /// An element with this name, these attributes (source order) and text.
    public init(name: String, attributes: [Attribute], text: String) {
        self.name = name
        self.attributes = attributes
        self.text = text
    }

    /// The value of attribute `name` (names are lower case, as the HTML parser gives them).
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}
