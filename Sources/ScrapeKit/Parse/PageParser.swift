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
    /// `maximumTextBytes`, lower in tests.
    let textLimit: Int

    /// - Parameters:
    ///   - selections: what to extract, each matched against the whole page.
    ///   - absoluteURLs: rewrite URL-valued attributes (`href`, `src`, `srcset`, ...) to absolute
    ///     URLs, resolved as a browser resolves them.
    public init(selections: [Selection], absoluteURLs: Bool = false) {
        self.init(selections: selections, absoluteURLs: absoluteURLs, textLimit: Self.maximumTextBytes)
    }

    init(selections: [Selection], absoluteURLs: Bool = false, textLimit: Int) {
        self.selections = selections
        self.absoluteURLs = absoluteURLs
        self.textLimit = textLimit
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
        let decision = CharsetSniffer.sniff(body, httpCharset: ContentType(contentType).charset)
        let (document, nulls) = InputStream.preprocess(TextDecoder.decode(body, as: decision))
        let tree = SourceTokenizer.tree(of: document, nulls: nulls)
        let matcher = SelectorMatcher(tree)
        let links = absoluteURLs ? url.flatMap { LinkResolver(documentURL: $0, tree: tree) } : nil
        var textBytes = 0
        var results: [[Element]] = []
        for selection in selections {
            var elements: [Element] = []
            for node in matcher.select(selection.selector) {
                var attributes = tree.attributeValues(of: node)
                if let links, tree[node].namespace == .html { attributes = links.resolve(attributes, of: tree[node].name) }
                let text = tree.textContent(of: node)
                textBytes += text.utf8.count
                guard textBytes <= textLimit else {
                    return ParsedPage(charset: decision.charset.name, results: [], error: ScrapeError(
                        .tooLarge, "the matching elements hold more than \(textLimit >> 20) MiB of text"))
                }
                elements.append(Element(name: tree[node].name, attributes: attributes, text: text))
            }
            results.append(elements)
        }
        guard !matcher.exhausted else {
            return ParsedPage(charset: decision.charset.name, results: [], error: ScrapeError(
                .tooComplex, "matching gave up after \(SelectorMatcher.defaultBudget) steps on this page"))
        }
        return ParsedPage(charset: decision.charset.name, results: results)
    }

    /// The record of a fetched page; parsed unless `parsing` is false (fetch-only runs).
    func record(for page: FetchedPage, parsing: Bool = true) -> Record {
        var record = Record(index: page.input.index, url: page.input.url, finalURL: page.finalURL, status: page.status,
                            contentType: page.contentType, fetchMilliseconds: page.fetchMilliseconds,
                            tag: isSingleQuery ? selections[0].selector.description : "", error: page.error)
        record.httpVersion = page.httpVersion
        record.insecure = page.insecure
        record.selections = isSingleQuery ? [] : selections.map { selection in
            SelectionResult(name: selection.name ?? "", selector: selection.selector.description, elements: [])
        }
        guard page.error == nil else { return record }
        record.bytes = page.bytes
        guard parsing else { return record }
        let started = ContinuousClock.now
        let parsed = parse(page.body, contentType: page.contentType, url: page.finalURL ?? page.input.url)
        if let error = parsed.error {
            record.error = error
        } else if isSingleQuery {
            record.elements = parsed.elements
        } else {
            for (index, elements) in parsed.results.enumerated() { record.selections[index].elements = elements }
        }
        record.charset = parsed.charset
        record.parseMilliseconds = (ContinuousClock.now - started).seconds * 1000
        return record
    }

    /// A run of one unnamed selection writes today's record: `tag`, `count`, `elements`.
    private var isSingleQuery: Bool { selections.count == 1 && selections[0].name == nil }
}
