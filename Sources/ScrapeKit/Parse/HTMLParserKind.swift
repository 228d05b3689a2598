/// Which parser builds a page's tree (`--parser`).
public enum HTMLParserKind: String, Sendable, CaseIterable {
    /// scrape's own HTML5 tokenizer and tree construction: the tree a browser builds, the one
    /// html5lib (BeautifulSoup's `'html5lib'`) gives. The default.
    case html5
    /// libxml2's own HTML parser and tree: the one lxml (BeautifulSoup's `'lxml'`, Scrapy's
    /// parsel) gives, with libxml2's HTML 4 rules where they differ from HTML5's.
    case libxml2
}
