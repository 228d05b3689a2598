/// Receives what libxml2's HTML parser reports about the watched elements of one document.
///
/// Positions are byte offsets into the UTF-8 document that was scanned, so a caller can go back
/// to the source where libxml2's pre-HTML5 tokenizer is known to differ from a browser.
public protocol HTMLEventDelegate: AnyObject {
    /// A start tag of the watched element `name` (an index into the scanner's names); `offset` is
    /// where the parser stood once it had read the tag, normally at the closing `>`.
    func startElement(_ name: Int, offset: Int)
    /// The end of a watched element, explicit or implied by the parser.
    func endElement(_ name: Int, offset: Int)
    /// Character data inside the element watched at index 0, entities already decoded.
    func characters(_ bytes: [UInt8])
}
