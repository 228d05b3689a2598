import WHATWGURL

/// One URL taken from the input, with its position among the non-skipped lines.
public struct InputURL: Sendable, Equatable {
    /// Position among the non-skipped lines of the list, from 0; records carry it as `index`.
    public var index: Int
    /// The line, trimmed.
    public var url: String
    /// Position among the URLs this run fetches, which `--ordered` follows. It differs from
    /// `index` when URLs are skipped (another shard's, or already done).
    var sequence: Int
    /// Where a crawl found this URL; nil for a URL of a list.
    var crawl: CrawlPosition?
    /// The URL parsed and checked for fetching by the stage that read it (the list's reader, the
    /// crawl's frontier): the fetch loop's one thread is the busiest of a fast run, and parsing
    /// every URL there took a tenth of its time.
    var checked: Result<WebURL, ScrapeError>?

    /// `checked`, or the check made now, for a URL handed to a runner directly.
    var target: Result<WebURL, ScrapeError> { checked ?? FetchPolicy.validate(url) }

    /// A URL at list position `index`.
    public init(index: Int, url: String) {
        self.index = index
        self.url = url
        sequence = index
    }

    /// `checked` is left out: it follows from `url`, and only says which stage computed it.
    public static func == (lhs: InputURL, rhs: InputURL) -> Bool {
        lhs.index == rhs.index && lhs.url == rhs.url && lhs.sequence == rhs.sequence && lhs.crawl == rhs.crawl
    }
}
