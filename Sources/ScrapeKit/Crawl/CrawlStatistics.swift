/// What a crawl did with the links it found, for the end-of-run summary. Links that are not
/// followed are not records; these say how many there were, and why.
public struct CrawlStatistics: Sendable, Equatable {
    /// Pages added to the frontier: seeds and links seen for the first time.
    public var discovered = 0
    /// Links to pages the crawl already knew.
    public var alreadySeen = 0
    /// Links outside the crawl's scope (`--scope`, `--include`, `--exclude`), or not http(s).
    public var outOfScope = 0
    /// Pages at `--max-depth`, whose links would lead deeper: they are not read at all.
    public var pagesAtMaxDepth = 0
    /// Links longer than `CrawlOptions.maxURLBytes`.
    public var tooLong = 0
    /// Pages whose links were not followed (`nofollow` under `--robots`).
    public var nofollowPages = 0
    /// Pages waiting in the frontier (left for a later run when the crawl stopped early).
    public var waiting = 0

    /// Counts the links `refused` holds, sorted by reason (one page's links, or one sitemap's).
    mutating func countRefused(_ refused: CrawlStatistics) {
        tooLong += refused.tooLong
        outOfScope += refused.outOfScope
    }
}
