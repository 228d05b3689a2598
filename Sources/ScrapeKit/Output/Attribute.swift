/// One attribute of an element: its name as the HTML5 DOM spells it (lower case on HTML
/// elements, `viewBox`-style on SVG and MathML ones) and its value, "" for a boolean attribute.
public struct Attribute: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
