import Foundation

/// What to extract and how to run: everything a `Scraper` needs besides the URLs.
public struct ScrapeOptions: Sendable {
    /// What to extract from each page: by default every `<script>`. One selection without a
    /// name gives records with `tag` and `elements`; named ones fill `Record.selections`.
    public var selections = [Selection(Selector(tag: "script"))]
    /// Rewrite URL-valued attributes of the elements found (`href`, `src`, `srcset`, `action`,
    /// ...) to absolute URLs, against the page's final URL and its `<base href>`.
    public var absoluteURLs = false
    /// Which parser builds each page's tree: HTML5's (a browser's, html5lib's) or libxml2's (lxml's).
    public var parser = HTMLParserKind.html5
    /// How pages are fetched: one event loop (the default), a thread pool, or one at a time.
    public var runner = RunnerKind.async
    /// Limits, timeouts, retries and politeness for the fetch stage.
    public var fetch = FetchPolicy()
    /// Hand out records in input order instead of as they complete.
    public var ordered = false
    /// Threads decoding and parsing pages, off the fetch loop.
    public var parsers = ProcessInfo.processInfo.activeProcessorCount
    /// Fetch and report each URL without keeping or parsing its body: records have the status,
    /// type and size, but no charset and no elements. For link checks, and for measuring the
    /// fetch stage alone.
    public var fetchOnly = false
    /// Fetch only the URLs of this shard; the others get no record (another machine has them).
    public var shard: Shard?
    /// URLs an earlier run finished: skipped, without a record.
    public var completed = CompletedURLs()

    /// The defaults of the command line.
    public init() {}

    /// URLs admitted into the pipeline at once: enough to keep every transfer slot busy while
    /// pages wait for a parser or for their host, small enough that memory stays flat.
    var window: Int { fetch.concurrency * 4 + parsers * 2 + 16 }

    /// Fetched pages that may wait for a parser. Pages finish in bursts (a round of pages held
    /// alike by their server ends together), and the fetch loop starts a transfer only while the
    /// pages in flight and waiting stay within the concurrency plus this: with room for half the
    /// concurrency, a burst waits here while its slots fetch the next pages, where a queue of a
    /// few pages left most of the burst's slots idle until the parsers caught up (2,000 corpus
    /// pages held 50 ms at concurrency 64: 1.70 s against 1.75 s, with 1.58 s the latency
    /// alone). Bodies held stay bounded: the concurrency plus this capacity.
    var parseQueueCapacity: Int { max(parsers * 2, fetch.concurrency / 2) }

    /// Whether the run takes this URL: it is in the shard, and not already done.
    public func selects(_ input: InputURL) -> Bool {
        guard shard != nil || completed.count > 0 else { return true }
        let hash = FNV1a.hash64(input.url)
        return (shard?.contains(hash: hash) ?? true) && !completed.contains(hash: hash)
    }
}
