/// What the HTML5 tokenizer hands its tokens to: tree construction (`TreeBuilder`), or a test
/// that records them against the html5lib tokenizer suite. A tag's attributes are read into the
/// sink's tree, whose attribute table the tag's range points into.
protocol TokenSink {
    var tree: DocumentTree { get set }
    /// The state the tokenizer reads on in after the start tag just handed over: tree
    /// construction decides (a `<script>`'s content is script data).
    var tokenizerState: TokenizerState { get }
    /// Whether `<![CDATA[` opens a CDATA section here (in SVG and MathML), not a bogus comment.
    var inForeignContent: Bool { get }
    /// The sink wants no more tokens: the page has cost more than it may.
    var isOverBudget: Bool { get }

    mutating func doctype(_ doctype: DoctypeReader)
    mutating func startTag(_ tag: TagToken)
    mutating func endTag(_ tag: TagToken)
    /// Characters: a slice of the source when `inSource`, else decoded text.
    mutating func text(_ bytes: ArraySlice<UInt8>, inSource: Bool)
    /// A NUL in the data state (U+FFFD in the source by now), which tree construction treats apart.
    mutating func nullCharacter()
    mutating func comment(_ bytes: ArraySlice<UInt8>)
}
