/// Why a URL has no elements: the `error.kind` strings of the output contract.
///
/// A struct with a static member per kind rather than an enum, as swift-nio models such sets:
/// kinds are added as scrape learns new ways to fail (never renamed), and code that switches
/// over them keeps compiling when they are. A kind this version does not know (read back from a
/// newer scrape's records) keeps its string.
public struct ErrorKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The contract's name of the kind, e.g. `too_large`.
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static let invalidURL = ErrorKind(rawValue: "invalid_url")
    public static let unsupportedScheme = ErrorKind(rawValue: "unsupported_scheme")
    public static let dns = ErrorKind(rawValue: "dns")
    public static let connect = ErrorKind(rawValue: "connect")
    public static let tls = ErrorKind(rawValue: "tls")
    public static let timeout = ErrorKind(rawValue: "timeout")
    public static let tooLarge = ErrorKind(rawValue: "too_large")
    public static let tooManyRedirects = ErrorKind(rawValue: "too_many_redirects")
    public static let httpStatus = ErrorKind(rawValue: "http_status")
    public static let notHTML = ErrorKind(rawValue: "not_html")
    public static let decode = ErrorKind(rawValue: "decode")
    public static let interrupted = ErrorKind(rawValue: "interrupted")
    public static let io = ErrorKind(rawValue: "io")
    /// The site's robots.txt disallows the URL for our user agent (`--robots`).
    public static let robots = ErrorKind(rawValue: "robots")
    /// Building the page's tree, matching the selectors or evaluating an XPath took more than the
    /// per-page work budget.
    public static let tooComplex = ErrorKind(rawValue: "too_complex")
    /// An XPath expression failed on the page (an unknown function or namespace prefix that
    /// checking it over an empty document could not find).
    public static let query = ErrorKind(rawValue: "query")
    /// The server's reply is not HTTP: HTTP/0.9 (a body with no status line) or a garbage status line.
    public static let badResponse = ErrorKind(rawValue: "bad_response")
    /// With `--deny-private`, the URL or a redirect led to a loopback, private, link-local or
    /// metadata address.
    public static let privateAddress = ErrorKind(rawValue: "private_address")
    /// In a crawl, a redirect led outside the crawl's scope; it was not followed.
    public static let outOfScope = ErrorKind(rawValue: "out_of_scope")
    /// In a crawl, a redirect led to a page the crawl fetches, or fetched, as a page of its own
    /// (a redirect loop among them); it was not followed, so no page is fetched twice.
    public static let duplicate = ErrorKind(rawValue: "duplicate")

    /// Every kind this version of scrape gives.
    public static let known: [ErrorKind] = [
        .invalidURL, .unsupportedScheme, .dns, .connect, .tls, .timeout, .tooLarge, .tooManyRedirects,
        .httpStatus, .notHTML, .decode, .interrupted, .io, .robots, .tooComplex, .query, .badResponse,
        .privateAddress, .outOfScope, .duplicate,
    ]
}
