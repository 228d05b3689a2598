/// The element lists HTML5 tree construction is written in terms of.
///
/// Each list is a bit of `Kind`, and every name's bits are looked up once, when its tag is read
/// or its element made: tree construction tests a name against a dozen lists per tag and walks
/// the stack of open elements for most of them, and a bit test is what keeps a page of 10,000
/// nested elements linear.
enum ElementCategories {
    struct Kind: OptionSet, Sendable {
        let rawValue: UInt32

        /// "Special" elements: an end tag looking for its element stops at one of these.
        static let special = Kind(rawValue: 1 << 0)
        /// Bounds the standard scope, and with a name or two more the list-item and button scopes.
        static let scopeBoundary = Kind(rawValue: 1 << 1)
        static let tableScopeBoundary = Kind(rawValue: 1 << 2)
        /// Start tags that close an open `<p>` and open a block.
        static let closesParagraph = Kind(rawValue: 1 << 3)
        /// End tags that close their element when it is in scope, after implied end tags.
        static let blockEnd = Kind(rawValue: 1 << 4)
        static let heading = Kind(rawValue: 1 << 5)
        static let formatting = Kind(rawValue: 1 << 6)
        static let impliedEnd = Kind(rawValue: 1 << 7)
        static let headContent = Kind(rawValue: 1 << 8)
        static let voidInBody = Kind(rawValue: 1 << 9)
        static let ignoredInBody = Kind(rawValue: 1 << 10)
        /// What "clear the stack back to a table, table body or row context" stops at.
        static let tableContext = Kind(rawValue: 1 << 12)
        static let tableBodyContext = Kind(rawValue: 1 << 13)
        static let rowContext = Kind(rawValue: 1 << 14)
        static let tableStructure = Kind(rawValue: 1 << 15)
        /// Where text in a table is moved out of it (foster parented) unless it is whitespace.
        static let fosterTarget = Kind(rawValue: 1 << 16)
        /// HTML start tags that end SVG or MathML content.
        static let breaksOutOfForeign = Kind(rawValue: 1 << 17)
        /// MathML elements whose content is text as in HTML.
        static let mathMLTextIntegrationPoint = Kind(rawValue: 1 << 18)
        /// SVG elements whose content is HTML again.
        static let svgIntegrationPoint = Kind(rawValue: 1 << 19)
        static let listItemScopeBoundary = Kind(rawValue: 1 << 20)
        static let buttonScopeBoundary = Kind(rawValue: 1 << 21)
        /// `<p>`, which a dozen rules look for in button scope.
        static let paragraph = Kind(rawValue: 1 << 22)
        /// Start tags the "in body" rules name; any other takes the rule for ordinary elements.
        static let hasBodyStartRule = Kind(rawValue: 1 << 23)
        /// The same for end tags.
        static let hasBodyEndRule = Kind(rawValue: 1 << 24)
        /// `<select>`, inside which end tags follow rules of their own (2025).
        static let select = Kind(rawValue: 1 << 25)
        /// End tags that keep their usual rules inside a select.
        static let endTagInSelect = Kind(rawValue: 1 << 26)
        /// End tags that close a select opened inside a table.
        static let tableEnd = Kind(rawValue: 1 << 27)
    }

    /// The lists an HTML name is on; empty for names on none (most of them).
    static func kind(of name: String) -> Kind {
        html[name] ?? []
    }

    /// The lists an element of `namespace` is on, as tree construction sees it on the stack.
    static func kind(of name: String, in namespace: DocumentTree.Namespace) -> Kind {
        switch namespace {
        case .html: return kind(of: name)
        case .mathml: return mathML[name] ?? []
        case .svg: return svg[name] ?? []
        }
    }

    private static let html = table([
        .special: [
            "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body",
            "br", "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt",
            "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
            "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li",
            "link", "listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript",
            "object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section", "select", "source", "style",
            "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr",
            "track", "ul", "wbr", "xmp",
        ],
        .scopeBoundary: ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"],
        .listItemScopeBoundary: ["ol", "ul"],
        .buttonScopeBoundary: ["button"],
        .paragraph: ["p"],
        .tableScopeBoundary: ["html", "table", "template"],
        .closesParagraph: paragraphClosers,
        .blockEnd: paragraphClosers.filter { $0 != "p" } + ["button", "listing", "pre"],
        .heading: ["h1", "h2", "h3", "h4", "h5", "h6"],
        .formatting: ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"],
        .impliedEnd: ["dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc"],
        .headContent: ["base", "basefont", "bgsound", "link", "meta", "noframes", "script", "style", "template", "title"],
        .voidInBody: ["area", "br", "embed", "img", "input", "keygen", "wbr"],
        .ignoredInBody: ["caption", "col", "colgroup", "frame", "head", "tbody", "td", "tfoot", "th", "thead", "tr"],
        .tableContext: ["table", "template", "html"],
        .tableBodyContext: ["tbody", "tfoot", "thead", "template", "html"],
        .rowContext: ["tr", "template", "html"],
        .tableStructure: ["caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"],
        .fosterTarget: ["table", "tbody", "tfoot", "thead", "tr"],
        .breaksOutOfForeign: [
            "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1",
            "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol",
            "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul",
            "var",
        ],
        // Besides the lists the rules test: keep in step with `TreeBuilder.bodyStartTag` and
        // `bodyEndTag`.
        .hasBodyStartRule: [
            "a", "applet", "body", "button", "dd", "dt", "form", "frameset", "hr", "html", "iframe", "image", "li",
            "listing", "marquee", "math", "nobr", "noembed", "object", "optgroup", "option", "param", "plaintext",
            "pre", "rb", "rp", "rt", "rtc", "select", "source", "svg", "table", "textarea", "track", "xmp",
        ],
        .hasBodyEndRule: [
            "applet", "body", "br", "dd", "dt", "form", "html", "li", "marquee", "object", "p", "select", "template",
        ],
        .select: ["select"],
        .endTagInSelect: ["optgroup", "option", "select", "selectedcontent", "template", "form"],
        .tableEnd: ["caption", "table", "tbody", "td", "tfoot", "th", "thead", "tr"],
    ])

    private static let paragraphClosers = [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
        "summary", "ul",
    ]

    private static let mathML = table([
        [.special, .scopeBoundary]: ["mi", "mo", "mn", "ms", "mtext", "annotation-xml"],
        .mathMLTextIntegrationPoint: ["mi", "mo", "mn", "ms", "mtext"],
    ])

    private static let svg = table([
        [.special, .scopeBoundary, .svgIntegrationPoint]: ["foreignObject", "desc", "title"],
    ])

    private static func table(_ lists: KeyValuePairs<Kind, [String]>) -> NameTable<Kind> {
        var kinds: [String: Kind] = [:]
        for (kind, names) in lists {
            for name in names { kinds[name, default: []].formUnion(kind) }
        }
        let bodyStartLists: Kind = [.headContent, .closesParagraph, .heading, .formatting, .voidInBody, .ignoredInBody]
        let bodyEndLists: Kind = [.blockEnd, .heading, .formatting]
        for (name, kind) in kinds {
            if kind.contains(.scopeBoundary) { kinds[name]?.formUnion([.listItemScopeBoundary, .buttonScopeBoundary]) }
            if !kind.isDisjoint(with: bodyStartLists) { kinds[name]?.insert(.hasBodyStartRule) }
            if !kind.isDisjoint(with: bodyEndLists) { kinds[name]?.insert(.hasBodyEndRule) }
        }
        return NameTable(kinds)
    }
}
