/// Why a URL has no elements. The raw values are the `error.kind` strings of the output contract:
/// kinds may be added, never renamed.
public enum ErrorKind: String, Sendable, Codable, CaseIterable {
    case invalidURL = "invalid_url"
    case unsupportedScheme = "unsupported_scheme"
    case dns
    case connect
    case tls
    case timeout
    case tooLarge = "too_large"
    case tooManyRedirects = "too_many_redirects"
    case httpStatus = "http_status"
    case notHTML = "not_html"
    case decode
    case interrupted
    case io
    /// The site's robots.txt disallows the URL for our user agent (`--robots`).
    case robots
    /// Building the page's tree, matching the selectors or evaluating an XPath took more than the
    /// per-page work budget.
    case tooComplex = "too_complex"
    /// An XPath expression failed on the page (an unknown function or namespace prefix that
    /// checking it over an empty document could not find).
    case query
    /// The server's reply is not HTTP: HTTP/0.9 (a body with no status line) or a garbage status line.
    case badResponse = "bad_response"
    /// With `--deny-private`, the URL or a redirect led to a loopback, private, link-local or
    /// metadata address.
    case privateAddress = "private_address"
    /// In a crawl, a redirect led outside the crawl's scope; it was not followed.
    case outOfScope = "out_of_scope"
    /// In a crawl, a redirect led to a page the crawl fetches, or fetched, as a page of its own
    /// (a redirect loop among them); it was not followed, so no page is fetched twice.
    case duplicate
}
