import ArgumentParser
import ScrapeKit

/// The options of a crawl (`--crawl`): the URLs of `--urls` are its seeds.
struct CrawlArguments: ParsableArguments {
    @Flag(help: "Crawl: the --urls are seeds, and the links of every page fetched are followed, within --scope and --max-depth, each page once.")
    var crawl = false

    @Option(help: ArgumentHelp("CSS selector of the elements whose href (or src) a crawl follows; repeatable, replacing the default a[href] and area[href].", valueName: "css"))
    var follow: [String] = []

    @Option(help: "Where a crawl may go: host (the seeds' hosts), domain (their registrable domains and subdomains, by the Public Suffix List), any.")
    var scope = CrawlOptions.Scope.host

    @Option(help: ArgumentHelp("Follow only URLs this regular expression finds a match in; repeatable (any one must match).", valueName: "regex"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Do not follow URLs this regular expression finds a match in; repeatable.", valueName: "regex"))
    var exclude: [String] = []

    @Option(name: .customLong("max-depth"), help: "Crawl pages at most this many links from a seed (seeds are depth 0).")
    var maxDepth = 5

    @Option(name: .customLong("max-pages"), help: ArgumentHelp("End the crawl after this many records, keeping the frontier for a later run with the same --state.", valueName: "n"))
    var maxPages: Int?

    @Flag(help: "Also seed the crawl from the seed sites' sitemaps (robots.txt Sitemap: lines, else /sitemap.xml; indexes and .gz files too), within --scope.")
    var sitemaps = false

    @Option(help: ArgumentHelp("SQLite database holding the crawl's frontier and seen set: run again with the same file to carry on a crawl that stopped or was killed (default: a temporary one).", valueName: "path"))
    var state: String?

    mutating func validate() throws {
        guard crawl else {
            let given = [("--follow", !follow.isEmpty), ("--include", !include.isEmpty), ("--exclude", !exclude.isEmpty),
                         ("--max-pages", maxPages != nil), ("--state", state != nil), ("--sitemaps", sitemaps)].filter(\.1).map(\.0)
            if let first = given.first { throw ValidationError("\(first) is an option of --crawl") }
            return
        }
        guard (0...1_000).contains(maxDepth) else { throw ValidationError("--max-depth must be from 0 to 1000") }
        if let maxPages, maxPages < 1 { throw ValidationError("--max-pages must be at least 1") }
        do { try options().validate() } catch { throw ValidationError("\(error)") }
    }

    /// The library's crawl options, or nil without `--crawl`.
    func options(robots: Bool = false) throws -> CrawlOptions {
        var options = CrawlOptions()
        if !follow.isEmpty {
            // Each is checked alone, so an error names the one at fault; then they are one list.
            for css in follow {
                do { _ = try Selector(css) } catch { throw ValidationError("--follow '\(css)': \(error)") }
            }
            options.following.selector = try Selector(follow.joined(separator: ", "))
        }
        options.following.honoursNofollow = robots
        options.scope = scope
        options.include = include
        options.exclude = exclude
        options.maxDepth = maxDepth
        options.maxPages = maxPages
        options.statePath = state
        options.sitemaps = sitemaps
        return options
    }
}

extension CrawlOptions.Scope: ExpressibleByArgument {}
