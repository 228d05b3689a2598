/// Fetches pages and extracts elements from them: the library's entry point.
///
/// ```swift
/// var options = ScrapeOptions()
/// options.selections = [Selection(try Selector("a[href]"))]
/// let records = Scraper(options: options).records(for: ["https://example.com/"])
/// for await record in records {
///     print(record.url, record.elements.count)
/// }
/// ```
public struct Scraper: Sendable {
    /// What to extract and how; read when a run starts.
    public var options: ScrapeOptions

    /// A scraper with these options (by default, those of the command line).
    public init(options: ScrapeOptions = ScrapeOptions()) {
        self.options = options
    }

    /// The run over `source`, which starts when the stream is first iterated and yields exactly
    /// one record per URL read; it stops when its iterator is dropped or its task cancelled.
    public func records(for source: URLSource) -> RecordStream {
        RecordStream(run: PipelineRun(options: options, source: source), ordered: options.ordered)
    }

    /// A crawl from `seeds`: their pages, and the pages their links lead to within `crawl`'s
    /// scope and depth, each fetched once, with one record each (in discovery order, `index`).
    /// Throws, before anything is fetched, when the crawl's state cannot be opened or its
    /// options cannot run.
    public func crawl(from seeds: URLSource, _ crawl: CrawlOptions = CrawlOptions()) throws -> RecordStream {
        try crawl.validate()
        let coordinator = try CrawlCoordinator(options: crawl, perHost: options.fetch.perHost)
        return RecordStream(run: PipelineRun(options: options, source: seeds, crawl: coordinator), ordered: options.ordered)
    }

    /// A run over URLs held in memory, trimmed and skipped as lines of a list would be.
    public func records(for urls: [String]) -> RecordStream {
        records(for: URLSource(lines: urls))
    }
}
