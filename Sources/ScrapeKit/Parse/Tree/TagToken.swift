/// A tag as the HTML5 tokenizer hands it to tree construction.
struct TagToken {
    /// Lower-case name (tree construction adjusts SVG and MathML case itself).
    let name: String
    /// The lists tree construction tests `name` against, looked up once here.
    let kind: ElementCategories.Kind
    /// Source order, the first of duplicates kept, references decoded.
    var attributes: [Attribute]
    /// Written `<name ... />`.
    var selfClosing: Bool

    init(name: String, attributes: [Attribute] = [], selfClosing: Bool = false) {
        self.name = name
        self.kind = ElementCategories.kind(of: name)
        self.attributes = attributes
        self.selfClosing = selfClosing
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The same tag under another name (`<image>` is read as `<img>`).
    func renamed(_ name: String) -> TagToken {
        TagToken(name: name, attributes: attributes, selfClosing: selfClosing)
    }
}

/// What the tokenizer reads after a start tag: tree construction decides, as in HTML5.
enum TokenizerState {
    case data, rcdata, rawText, scriptData, plaintext
}
