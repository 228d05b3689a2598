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

    /// A run over URLs held in memory, trimmed and skipped as lines of a list would be.
    public func records(for urls: [String]) -> RecordStream {
        records(for: URLSource(lines: urls))
    }
}
