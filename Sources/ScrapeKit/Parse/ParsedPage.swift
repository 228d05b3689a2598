import WHATWGURL

/// What the parse stage finds in one body: the encoding it was read in, and the elements.
public struct ParsedPage: Sendable, Equatable {
    /// The WHATWG name of the encoding the body was decoded from, e.g. `utf-8`, `windows-1252`.
    public var charset: String
    /// What each selection found, in the parser's order, each in document order.
    public var results: [SelectionResult]
    /// Set when the page's elements are more than a record may hold (`too_large`) or took more
    /// matching work than a page may cost (`too_complex`); `results` are then empty.
    public var error: ScrapeError?
    /// The links a crawl follows from this page (see `LinkFollowing`), absolute, without fragments.
    var links: [FrontierURL] = []
    /// The page's `<meta name="robots">` forbids following its links (under `--robots`).
    var nofollow = false

    /// The elements of the first (usually the only) selection.
    public var elements: [Element] { results.first?.elements ?? [] }

    /// The values of the first (usually the only) selection.
    public var values: [String] { results.first?.values ?? [] }
}
