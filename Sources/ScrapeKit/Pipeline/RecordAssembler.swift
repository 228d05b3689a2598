/// Makes each page's record: the facts of its fetch, then what the parse found in it.
///
/// The one place a `Record` is put together, whichever stage failed, so every record of a run has
/// the same fields whatever happened to its URL.
struct RecordAssembler: Sendable {
    let parser: PageParser
    /// False for fetch-only runs: bodies are not kept, so there is nothing to parse.
    let parses: Bool
    /// A crawl's `--max-depth`: the links of pages this deep are not read.
    let maxDepth: Int

    /// The record of `page`, and what its parse found (nil when it was not parsed).
    func assemble(_ page: FetchedPage) -> (record: Record, parsed: ParsedPage?) {
        let selections = parser.selections
        var record = Record(index: page.input.index, url: page.input.url, finalURL: page.finalURL, status: page.status,
                            contentType: page.contentType, fetchMilliseconds: page.fetchMilliseconds,
                            tag: isSingleQuery ? selections[0].text : "", error: page.error)
        record.depth = page.input.crawl?.depth
        record.parent = page.input.crawl?.parent
        record.httpVersion = page.httpVersion
        record.insecure = page.insecure
        record.selections = isSingleQuery ? [] : selections.map { selection in
            SelectionResult(name: selection.name ?? "", selector: selection.text)
        }
        guard page.error == nil else { return (record, nil) }
        record.bytes = page.bytes
        guard parses else { return (record, nil) }
        let started = ContinuousClock.now
        let parsed = parser.parse(page.body, contentType: page.contentType, url: page.finalURL ?? page.input.url,
                                  readsLinks: page.input.crawl.map { $0.depth < maxDepth } ?? false)
        if let error = parsed.error {
            record.error = error
        } else if isSingleQuery {
            record.elements = parsed.elements
            record.values = parsed.values
        } else {
            record.selections = parsed.results
        }
        record.charset = parsed.charset
        record.parseMilliseconds = (ContinuousClock.now - started).seconds * 1000
        return (record, parsed)
    }

    /// A run of one unnamed selection writes today's record: `tag`, `count`, `elements`.
    private var isSingleQuery: Bool { parser.selections.count == 1 && parser.selections[0].name == nil }
}
