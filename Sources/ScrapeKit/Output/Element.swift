/// One matching element: its name, its attributes in source order and its text.
///
/// `Codable` as the contract has it: `{"name":…,"attrs":{…},"text":…}`.
public struct Element: Sendable, Hashable {
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

extension Element: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, attrs, text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let attrs = try container.nestedContainer(keyedBy: JSONKey.self, forKey: .attrs)
        self.init(name: try container.decode(String.self, forKey: .name),
                  attributes: try attrs.allKeys.map { Attribute(name: $0.stringValue, value: try attrs.decode(String.self, forKey: $0)) },
                  text: try container.decode(String.self, forKey: .text))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        var attrs = container.nestedContainer(keyedBy: JSONKey.self, forKey: .attrs)
        for attribute in attributes {
            try attrs.encode(attribute.value, forKey: JSONKey(attribute.name))
        }
        try container.encode(text, forKey: .text)
    }
}
