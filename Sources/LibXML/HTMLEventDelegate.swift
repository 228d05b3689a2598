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
    /// Where libxml2 should stop reading for a moment, after `offset`: a place past which the
    /// delegate may read on its own, once libxml2 has reported what comes before it.
    func pause(after offset: Int) -> Int
    /// Where libxml2 reads on from after stopping at `offset`: past it when the delegate has read
    /// the bytes in between itself, which libxml2 then never sees.
    func resumption(at offset: Int) -> Int
}
