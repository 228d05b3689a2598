import WHATWGURL

/// The pages a crawl knows: the seen set, and the queue of pages waiting to be fetched.
///
/// Behind a protocol so that a frontier shared by several machines (a network store in place of
/// the local database) can take its place; `CrawlCoordinator` serialises every call.
protocol Frontier: AnyObject {
    /// Pages waiting to be fetched, by host and depth: for a crawl that carries on, those of
    /// earlier runs.
    func waiting() throws -> [String: [Int: Int]]
    /// Applies `changes` together (one transaction), in order; for each, what its offer did
    /// (nothing for a completion).
    func apply(_ changes: [FrontierChange]) throws -> [[FrontierOffer]]
    /// Takes up to `limit` waiting pages of `host`, shallowest first, no deeper than `maxDepth`.
    func take(_ limit: Int, of host: String, maxDepth: Int) throws -> [FrontierPage]
    /// Whether the frontier knows `url`: waiting, taken or done.
    func contains(_ url: String) throws -> Bool
}

/// A change to the frontier; several are applied in one transaction.
enum FrontierChange: Sendable {
    /// Adds each URL the frontier does not know, at `depth`, linked from the page `parent` (nil
    /// for seeds); a waiting page found again at a smaller depth moves to it.
    case offer([FrontierURL], depth: Int, parent: Int?)
    /// The page's record is written: it is done for good, and so are the URLs its redirects
    /// reached (`redirects`), which the crawl must not fetch again.
    case complete(Int, redirects: [FrontierURL])
}

/// A URL as the frontier keeps it: its serialisation (the identity of a page) and its host.
struct FrontierURL: Sendable, Hashable {
    var url: String
    var host: String

    init(url: String, host: String) {
        self.url = url
        self.host = host
    }

    /// The page `url` names: its fragment dropped, as two links that differ only there are one page.
    init(_ url: WebURL) {
        self.init(url: url.withoutFragment.href, host: url.hostname)
    }
}

/// What `Frontier.offer` did with one URL.
enum FrontierOffer: Sendable, Equatable {
    case added
    /// It was waiting deeper; it now waits at the offered depth.
    case moved(from: Int)
    /// Known already, at this depth or a smaller one, or taken or done.
    case known
}

/// A page handed out to be fetched.
struct FrontierPage: Sendable {
    var position: CrawlPosition
    var url: String
}
