import Foundation
import WHATWGURL

/// Where a crawl may go: the seeds' hosts or domains, narrowed by `--include` and `--exclude`.
/// Judged for every link and for every redirect hop.
struct CrawlScope: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable once made and documented as thread-safe.
    let kind: CrawlOptions.Scope
    private let include: [NSRegularExpression]
    private let exclude: [NSRegularExpression]
    private let suffixes: PublicSuffixList?
    /// The seeds' host names (`--scope host`) or registrable domains (`--scope domain`).
    private var sites: Set<String> = []

    init(options: CrawlOptions) throws {
        kind = options.scope
        include = try options.include.map(Self.regex)
        exclude = try options.exclude.map(Self.regex)
        suffixes = options.scope == .domain ? try PublicSuffixList() : nil
    }

    static func regex(_ pattern: String) throws -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw CrawlOptionsError(description: "not a regular expression: \(pattern)")
        }
    }

    /// Widens the scope to a seed's site.
    mutating func add(seed: WebURL) {
        guard let site = site(of: seed.hostname) else { return }
        sites.insert(site)
    }

    /// Whether the crawl may fetch `page`, an http(s) URL.
    func contains(_ page: FrontierURL) -> Bool {
        if kind != .any {
            guard let site = site(of: page.host), sites.contains(site) else { return false }
        }
        guard !include.isEmpty || !exclude.isEmpty else { return true }
        let text = page.url
        let range = NSRange(text.startIndex..., in: text)
        if !include.isEmpty && !include.contains(where: { $0.firstMatch(in: text, range: range) != nil }) { return false }
        return !exclude.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// The site a host belongs to in this scope: the host itself, or its registrable domain (an
    /// address, or a name with no registrable domain, stands for itself).
    private func site(of host: String) -> String? {
        guard !host.isEmpty else { return nil }
        guard kind == .domain, let suffixes, !host.hasPrefix("["), !host.allSatisfy({ $0.isNumber || $0 == "." }) else { return host }
        return suffixes.registrableDomain(of: host) ?? host
    }
}

/// Crawl options that cannot run, told before any work starts.
public struct CrawlOptionsError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
