import Foundation

/// Which links of a page a crawl follows (`--follow`, and `nofollow` under `--robots`).
public struct LinkFollowing: Sendable {
    /// Elements whose `href` (or else `src`) is a link to follow: by default `a[href], area[href]`.
    /// One selector list, so that a page is searched once however many kinds of link it names.
    public var selector: Selector
    /// Follow no link of a page whose `<meta name="robots">` says `nofollow` or `none`.
    public var honoursNofollow: Bool

    public init(selector: Selector = LinkFollowing.defaultSelector, honoursNofollow: Bool = false) {
        self.selector = selector
        self.honoursNofollow = honoursNofollow
    }

    public static let defaultSelector = try! Selector("a[href], area[href]")

    /// Whether a robots directive (a `<meta name="robots">` content or an `X-Robots-Tag` value)
    /// forbids following links: `nofollow` or `none` among its comma-separated words. An
    /// `X-Robots-Tag` may name an agent first (`otherbot: nofollow`); only ours, or none, counts.
    static func forbidsFollowing(_ directives: String, agent: String = "scrape") -> Bool {
        var applies = true
        for part in directives.lowercased().split(separator: ",") {
            var words = part.trimmingCharacters(in: .whitespaces)[...]
            if let colon = words.firstIndex(of: ":"), !words[..<colon].contains(" ") {
                let name = words[..<colon].trimmingCharacters(in: .whitespaces)
                if !["noindex", "nofollow", "none", "unavailable_after", "max-snippet", "max-image-preview",
                     "max-video-preview", "noarchive", "nosnippet", "notranslate", "noimageindex", "all", "index", "follow"]
                    .contains(name) {
                    applies = name == agent
                    words = words[words.index(after: colon)...]
                }
            }
            for word in words.split(whereSeparator: { $0 == " " || $0 == "\t" }) where applies {
                if word == "nofollow" || word == "none" { return true }
            }
        }
        return false
    }
}
