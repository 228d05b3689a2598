/// Fetches pages and extracts elements from them: the library's entry point.
///
/// ```swift
/// var options = ScrapeOptions()
/// options.tag = "a"
/// let records = Scraper(options: options).records(for: ["https://example.com/"])
/// for await record in records {
///     print(record.url, record.elements.count)
/// }
/// ```
public struct Scraper: Sendable {
    public var options: ScrapeOptions

    public init(options: ScrapeOptions = ScrapeOptions()) {
        self.options = options
    }

    /// Starts the run at once; the stream yields exactly one record per URL of `source`.
    public func records(for source: URLSource) -> RecordStream {
        RecordStream(run: PipelineRun(options: options, source: source), ordered: options.ordered)
    }

    public func records(for urls: [String]) -> RecordStream {
        records(for: URLSource(lines: urls))
    }
}
