/// Receives the tags libxml2's HTML parser reports for one document.
///
/// Positions are byte offsets into the UTF-8 document that was scanned, so a caller can go back
/// to the source where libxml2's pre-HTML5 tokenizer is known to differ from a browser.
public protocol HTMLEventDelegate: AnyObject {
    /// A start tag, read or implied by the parser; `name` is lower case and `offset` is where the
    /// parser stood once it had read the tag (at its closing `>`).
    func startTag(_ name: String, offset: Int)
    /// An end tag, read or implied; `offset` is just past the `>` of one that was read.
    func endTag(_ name: String, offset: Int)
}
