import Foundation

/// How a crawl spreads from its seeds (`ScrapeOptions.crawl`): which links it follows, how far,
/// where it may go, and where it keeps what it has seen.
public struct CrawlOptions: Sendable {
    /// Where a crawl may go, judged by host name (without the port).
    public enum Scope: String, Sendable, CaseIterable {
        /// The seeds' hosts, exactly: `www.example.com` and `example.com` are two sites.
        case host
        /// A seed's registrable domain and every subdomain of it, by the Public Suffix List.
        case domain
        /// Anywhere.
        case any
    }

    /// Which links of a page are followed.
    public var following = LinkFollowing()
    public var scope = Scope.host
    /// Regular expressions (ICU syntax) a URL must match one of, anywhere in it, to be followed.
    public var include: [String] = []
    /// Regular expressions a URL must match none of to be followed.
    public var exclude: [String] = []
    /// Pages at most this many links from a seed are crawled; seeds are at depth 0.
    public var maxDepth = 5
    /// The run ends after this many records, keeping the frontier for a later run.
    public var maxPages: Int?
    /// The database holding the frontier and the seen set; a crawl run again with the same one
    /// carries on where it stopped. Nil: a temporary one, removed when the run ends.
    public var statePath: String?
    /// Also seed the crawl from the sitemaps of the seeds' sites (robots.txt `Sitemap:` lines, or
    /// `/sitemap.xml`): their pages are seeds, within the scope.
    public var sitemaps = false
    /// Links longer than this are not followed (nor stored).
    public var maxURLBytes = 8192

    /// A crawl of the seeds' hosts, five links deep.
    public init() {}

    /// Why the options cannot run (a pattern that does not compile), before any work starts.
    public func validate() throws {
        for pattern in include + exclude { _ = try CrawlScope.regex(pattern) }
    }
}
