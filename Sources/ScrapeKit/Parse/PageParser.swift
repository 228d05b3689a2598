import LibXML
import WHATWGURL

/// The parse stage: charset detection, decoding to UTF-8 and element extraction.
///
/// Usable on its own for bodies fetched some other way; it gives the same answer the pipeline
/// gives for the same bytes and `Content-Type`.
public struct PageParser: Sendable {
    /// The most text the elements of one page may carry, all selections together: a page of
    /// 300 nested `<div>`s around 1 MB of text would otherwise make a 300 MB record.
    public static let maximumTextBytes = 64 << 20

    let selections: [Selection]
    let absoluteURLs: Bool
    /// Which parser builds each page's tree.
    let parser: HTMLParserKind
    /// The links to collect for a crawl; nil outside one.
    let following: LinkFollowing?
    /// `maximumTextBytes`, lower in tests.
    let textLimit: Int
    /// `TreeBuilder.defaultWorkBudget`, lower in tests.
    var treeWorkBudget = TreeBuilder.defaultWorkBudget
    /// The selectors each page's tree is walked for, together: those of the selections that
    /// give elements, `<base>` when links are resolved, and for a page whose links a crawl reads,
    /// the links and `<meta name=robots>`.
    private let batch: SelectorBatch
    private let batchReadingLinks: SelectorBatch

    /// - Parameters:
    ///   - selections: what to extract, each matched against the whole page.
    ///   - absoluteURLs: rewrite URL-valued attributes (`href`, `src`, `srcset`, ...) to absolute
    ///     URLs, resolved as a browser resolves them.
    ///   - parser: HTML5's tree (the default) or libxml2's.
    public init(selections: [Selection], absoluteURLs: Bool = false, parser: HTMLParserKind = .html5) {
        self.init(selections: selections, absoluteURLs: absoluteURLs, parser: parser, textLimit: Self.maximumTextBytes)
    }

    init(selections: [Selection], absoluteURLs: Bool = false, parser: HTMLParserKind = .html5, following: LinkFollowing? = nil,
         textLimit: Int = Self.maximumTextBytes) {
        self.selections = selections
        self.absoluteURLs = absoluteURLs
        self.parser = parser
        self.following = following
        self.textLimit = textLimit
        let selectors = selections.compactMap(\.elementSelector)
        batch = SelectorBatch(selectors + (absoluteURLs ? [LinkResolver.baseSelector] : []))
        let linkSelectors = following.map { [$0.selector] + ($0.honoursNofollow ? [Self.robotsMeta] : []) } ?? []
        batchReadingLinks = SelectorBatch(selectors + [LinkResolver.baseSelector] + linkSelectors)
    }

    /// - Parameter tag: the element name to extract, matched case-insensitively.
    public init(tag: String = "script") {
        self.init(selections: [Selection(Selector(tag: tag))])
    }

    /// Finds the elements of every selection in `body`.
    /// - Parameters:
    ///   - body: the page as it arrived, decompressed but not decoded.
    ///   - contentType: the HTTP `Content-Type`, whose charset (if any) is one of the clues for
    ///     the encoding, after a byte-order mark and valid UTF-8.
    ///   - url: where the page came from (after redirects), which relative links are resolved
    ///     against when the parser makes URLs absolute.
    public func parse(_ body: [UInt8], contentType: String? = nil, url: String? = nil) -> ParsedPage {
        parse(body, contentType: contentType, url: url, readsLinks: true)
    }

    /// `readsLinks` false, for a crawl's pages at `--max-depth`, leaves their links alone: none
    /// of them can be followed, and reading every link of the crawl's widest level would be most
    /// of its own cost.
    func parse(_ body: [UInt8], contentType: String?, url: String?, readsLinks: Bool) -> ParsedPage {
        let decision = CharsetSniffer.sniff(body, httpCharset: ContentType(contentType).charset)
        let (document, nulls) = InputStream.preprocess(TextDecoder.decode(body, as: decision))
        let tree: DocumentTree
        var xpathDocument: XPathDocument?
        switch parser {
        case .html5:
            tree = SourceTokenizer<TreeBuilder>.tree(of: document, nulls: nulls, workBudget: treeWorkBudget)
        case .libxml2:
            (tree, xpathDocument) = LibXMLTreeBuilder.tree(of: document, keepingDocument: selections.contains(where: \.isXPath))
        }
        guard !tree.isIncomplete else {
            return ParsedPage(charset: decision.charset.name, results: [], error: ScrapeError(
                .tooComplex, "building this page's tree took more work than a page may cost (elements nested or misnested thousands deep)"))
        }
        let readingLinks = following != nil && readsLinks
        let matcher = SelectorMatcher(tree)
        matcher.prepare(readingLinks ? batchReadingLinks : batch)
        let resolver = absoluteURLs || readingLinks ? url.flatMap { url in
            LinkResolver(documentURL: url, baseHref: LinkResolver.baseHref(among: matcher.select(LinkResolver.baseSelector), of: tree))
        } : nil
        let extractor = Extractor(tree: tree, matcher: matcher, absolute: absoluteURLs ? resolver : nil, textLimit: textLimit,
                                  xpathDocument: xpathDocument)
        var results: [SelectionResult] = []
        for selection in selections {
            switch extractor.run(selection) {
            case .success(let result): results.append(result)
            case .failure(let error): return ParsedPage(charset: decision.charset.name, results: [], error: error)
            }
        }
        var page = ParsedPage(charset: decision.charset.name, results: results)
        if readingLinks, let following, let resolver {
            page.nofollow = following.honoursNofollow && forbidsFollowing(tree, matcher: matcher)
            if !page.nofollow { page.links = links(following, in: tree, matcher: matcher, resolver: resolver) }
        }
        return page
    }

    /// Whether a `<meta name="robots">` (or `name="scrape"`) of the page says `nofollow` or `none`.
    private func forbidsFollowing(_ tree: DocumentTree, matcher: SelectorMatcher) -> Bool {
        matcher.select(Self.robotsMeta).contains { node in
            tree.value(named: "content", in: tree[node].attributes).map { LinkFollowing.forbidsFollowing($0) } ?? false
        }
    }

    /// The http(s) links `following` names, resolved, without fragments, each once, in document
    /// order.
    private func links(_ following: LinkFollowing, in tree: DocumentTree, matcher: SelectorMatcher, resolver: LinkResolver) -> [FrontierURL] {
        var seen: Set<String> = []
        var links: [FrontierURL] = []
        for node in matcher.select(following.selector) {
            let attributes = tree[node].attributes
            guard let value = tree.value(named: "href", in: attributes) ?? tree.value(named: "src", in: attributes),
                  let url = resolver.url(value), url.isHTTP
            else { continue }
            let link = FrontierURL(url)
            if seen.insert(link.url).inserted { links.append(link) }
        }
        return links
    }

    private static let robotsMeta = try! Selector("meta[name=robots i], meta[name=scrape i]")
}
