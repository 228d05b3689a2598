/// A tag as the HTML5 tokenizer hands it to tree construction.
struct TagToken {
    /// Lower-case name (tree construction adjusts SVG and MathML case itself).
    let name: String
    /// The lists tree construction tests `name` against, looked up once here.
    let kind: ElementCategories.Kind
    /// Where the tag's attributes are in its tree's `attributes`: source order, the first of
    /// duplicates kept.
    let attributes: Range<Int>
    /// Written `<name ... />`.
    let selfClosing: Bool

    init(name: String, kind: ElementCategories.Kind? = nil, attributes: Range<Int> = 0..<0, selfClosing: Bool = false) {
        self.name = name
        self.kind = kind ?? ElementCategories.kind(of: name)
        self.attributes = attributes
        self.selfClosing = selfClosing
    }

    /// The same tag under another name (`<image>` is read as `<img>`).
    func renamed(_ name: String) -> TagToken {
        TagToken(name: name, attributes: attributes, selfClosing: selfClosing)
    }
}

/// An attribute as the tokenizer read it: its name, and where its value is in the source.
///
/// Values stay in the page's bytes until something reads them; most (every `class` and `href`
/// of a page when only its scripts are wanted) never are, and a `String` each would cost an
/// allocation and a copy.
struct SourceAttribute {
    /// Lower case, or as the DOM spells it on SVG and MathML elements.
    var name: String
    /// The value as written, without its quotes.
    let value: Range<Int>
    /// The value holds `&`, so its character references are decoded when it is read.
    let hasReferences: Bool
    /// The value is a range of the tree's decoded text, not of the source: it came from
    /// libxml2's tree, which hands values over decoded.
    var isDecoded = false
}

/// What the tokenizer reads after a start tag: tree construction decides, as in HTML5.
enum TokenizerState {
    case data, rcdata, rawText, scriptData, plaintext
}
