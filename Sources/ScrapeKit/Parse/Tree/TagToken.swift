/// A start tag as the HTML5 tokenizer hands it to tree construction.
struct TagToken {
    /// Lower-case name (tree construction adjusts SVG and MathML case itself).
    var name: String
    /// Source order, the first of duplicates kept, references decoded.
    var attributes: [Attribute]
    /// Written `<name ... />`.
    var selfClosing: Bool

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// What the tokenizer reads after a start tag: tree construction decides, as in HTML5.
enum TokenizerState {
    case data, rcdata, rawText, scriptData, plaintext
}
