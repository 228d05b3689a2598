/// The element lists HTML5 tree construction is written in terms of.
enum ElementCategories {
    /// "Special" HTML elements: an end tag looking for its element stops at one of these.
    static let special: Set<String> = [
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br",
        "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
        "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
        "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param",
        "plaintext", "pre", "script", "section", "select", "source", "style", "summary", "table", "tbody", "td",
        "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
    ]
    static let specialMathML: Set<String> = ["mi", "mo", "mn", "ms", "mtext", "annotation-xml"]
    /// Also the SVG elements that are HTML integration points (their content is HTML again).
    static let specialSVG: Set<String> = ["foreignObject", "desc", "title"]

    /// Start tags that close an open `<p>` and open a block.
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "section", "summary",
        "ul",
    ]
    /// End tags that close their element when it is in scope, after implied end tags.
    static let blockEnds: Set<String> = closesParagraph.subtracting(["p"]).union(["button", "listing", "pre"])
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    static let formatting: Set<String> = [
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    ]
    static let impliedEnd: Set<String> = ["dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc"]
    static let headContent: Set<String> = [
        "base", "basefont", "bgsound", "link", "meta", "noframes", "script", "style", "template", "title",
    ]
    static let voidInBody: Set<String> = ["area", "br", "embed", "img", "input", "keygen", "wbr"]
    static let ignoredInBody: Set<String> = [
        "caption", "col", "colgroup", "frame", "head", "tbody", "td", "tfoot", "th", "thead", "tr",
    ]
    static let tableSections: Set<String> = ["tbody", "tfoot", "thead"]
    /// Table tags that end a `<select>` inside a table.
    static let closesSelectInTable: Set<String> = ["caption", "table", "tbody", "tfoot", "thead", "tr", "td", "th"]
    /// What "clear the stack back to a table, table body or row context" stops at.
    static let tableContext: Set<String> = ["table", "template", "html"]
    static let tableBodyContext: Set<String> = ["tbody", "tfoot", "thead", "template", "html"]
    static let rowContext: Set<String> = ["tr", "template", "html"]
    /// HTML elements that bound every scope; list item and button scope add `ol`/`ul` and `button`.
    static let scopeBoundaries: Set<String> = [
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
    ]
    static let tableScopeBoundaries: Set<String> = ["html", "table", "template"]
    /// MathML elements whose content is text as in HTML.
    static let mathMLTextIntegrationPoints: Set<String> = ["mi", "mo", "mn", "ms", "mtext"]
    static let tableStructure: Set<String> = ["caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"]
    /// Where text in a table is moved out of it (foster parented) unless it is whitespace.
    static let fosterTargets: Set<String> = ["table", "tbody", "tfoot", "thead", "tr"]

    /// HTML start tags that end SVG or MathML content.
    static let breaksOutOfForeign: Set<String> = [
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre",
        "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
    ]

    /// The categories tree construction tests while walking the stack of open elements, worked
    /// out once per element so that a walk costs a bit test per level, not a set lookup: a page
    /// of 10,000 nested elements walks that stack for every tag.
    struct Kind: OptionSet, Sendable {
        let rawValue: UInt8
        static let special = Kind(rawValue: 1)
        /// Bounds the standard, list-item and button scopes.
        static let scopeBoundary = Kind(rawValue: 2)
        static let tableScopeBoundary = Kind(rawValue: 4)
    }

    static func kind(of name: String, in namespace: DocumentTree.Namespace) -> Kind {
        var kind: Kind = []
        switch namespace {
        case .html:
            if special.contains(name) { kind.insert(.special) }
            if scopeBoundaries.contains(name) { kind.insert(.scopeBoundary) }
            if tableScopeBoundaries.contains(name) { kind.insert(.tableScopeBoundary) }
        case .mathml:
            if specialMathML.contains(name) { kind.formUnion([.special, .scopeBoundary]) }
        case .svg:
            if specialSVG.contains(name) { kind.formUnion([.special, .scopeBoundary]) }
        }
        return kind
    }
}
