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

    /// A URL at list position `index`.
    public init(index: Int, url: String) {
        self.index = index
        self.url = url
        sequence = index
    }
}
