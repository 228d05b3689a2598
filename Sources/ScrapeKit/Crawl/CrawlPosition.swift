/// Where a crawl found a page: its row in the frontier, its depth and the page that linked to it.
struct CrawlPosition: Sendable, Equatable {
    /// The frontier's number for the page, in discovery order.
    var id: Int
    var depth: Int
    /// The URL of the page whose link gave this page its depth; nil for a seed.
    var parent: String?
    /// The host the page is fetched from, for the crawl's per-host count.
    var host: String
}
