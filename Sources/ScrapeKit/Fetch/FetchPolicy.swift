import Curl
import WHATWGURL

/// How pages are fetched: limits, timeouts, retries. The defaults are the safe ones a user can
/// rely on without reading anything: http and https only (also after redirects), ten redirects,
/// bounded time and size.
public struct FetchPolicy: Sendable {
    /// Transfers in flight (for the `threads` runner, the number of threads).
    public var concurrency = 64
    /// Transfers in flight to one host.
    public var perHost = 8
    /// Requests per second to one host, retries included; nil for as fast as `perHost` allows.
    public var ratePerHost: Double?
    /// Skip URLs that the site's robots.txt disallows for our User-Agent (`robots` records).
    public var obeysRobots = false
    /// Time for one attempt, connecting included.
    public var timeout: Duration = .seconds(30)
    /// Time to establish a connection (TLS included), within `timeout`.
    public var connectTimeout: Duration = .seconds(10)
    /// Further attempts after a timeout, a failed connection, 408, 429 or 5xx.
    public var retries = 2
    /// First retry delay; it doubles with each attempt (plus jitter).
    public var retryBackoff: Duration = .milliseconds(500)
    /// A `Retry-After` longer than this is not waited for: the URL fails with its status.
    public var maxRetryAfter: Duration = .seconds(30)
    /// Redirects followed before a URL fails with `too_many_redirects`.
    public var maxRedirects = 10
    /// Cap on the decoded body; larger pages are `too_large` errors.
    public var maxBytes = 10 * 1024 * 1024
    /// Sent with every request; its first word (`scrape`) is the agent robots.txt rules name.
    public var userAgent = "scrape/\(ScrapeVersion.current) (libcurl)"
    /// Refuse loopback, private, link-local and metadata addresses (as connected to, so after
    /// DNS and on every redirect hop): for running lists nobody vetted, where a URL or a redirect
    /// could otherwise reach the machine's own services or a cloud metadata endpoint. Through a
    /// proxy, which resolves names itself, the URL's host is checked instead (see `CurlRequest`).
    public var deniesPrivateAddresses = false
    /// Headers, cookies, proxy, TLS trust, HTTP version and `--resolve` entries of every request.
    public var request = RequestOptions()
    /// False for fetch-only runs: bodies are counted, not kept (set from `ScrapeOptions.fetchOnly`).
    var keepsBodies = true
    /// A crawl's judge of redirect hops (set by the pipeline for `ScrapeOptions.crawl`).
    var redirectGuard: (any RedirectGuard)?

    /// The safe defaults described above.
    public init() {}

    /// The target of `url` if it may be fetched, or the record-ready reason it may not.
    static func validate(_ url: String) -> Result<WebURL, ScrapeError> {
        // libcurl reads C strings: a NUL would silently cut the URL short.
        if let control = url.utf8.first(where: { $0 < 0x20 || $0 == 0x7F }) {
            return .failure(ScrapeError(.invalidURL, "the URL contains the control character 0x\(Hex.string(control, digits: 2, uppercase: true))"))
        }
        guard let scheme = Self.scheme(of: url) else {
            return .failure(ScrapeError(.invalidURL, "not an absolute URL: expected http:// or https://"))
        }
        guard scheme == "http" || scheme == "https" else {
            return .failure(ScrapeError(.unsupportedScheme, "scheme \(scheme) is not allowed (only http and https)"))
        }
        guard let parsed = WebURL(url) else {
            return .failure(ScrapeError(.invalidURL, "malformed URL"))
        }
        return .success(parsed)
    }

    /// The lower-cased scheme if `url` starts with one (RFC 3986: a letter, then letters, digits, + - .).
    static func scheme(of url: String) -> String? {
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = url.utf8[..<colon]
        guard let first = scheme.first, first.isASCIILetter,
              scheme.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        return String(decoding: scheme, as: UTF8.self).lowercased()
    }

    func curlRequest(for url: WebURL) -> CurlRequest {
        var curlRequest = CurlRequest(url: url.withoutFragment.href, timeout: timeout, connectTimeout: connectTimeout,
                                      maxRedirects: maxRedirects, userAgent: userAgent, maxBodyBytes: maxBytes)
        curlRequest.keepsBody = keepsBodies
        curlRequest.deniesPrivateAddresses = deniesPrivateAddresses
        request.apply(to: &curlRequest)
        return curlRequest
    }

    /// The request of `attempt`: its target, the redirects it has left, and no `headers` once a
    /// redirect has led it off the first host (`RequestOptions.headersFollowRedirects`).
    func curlRequest(for attempt: Attempt) -> CurlRequest {
        var curlRequest = curlRequest(for: attempt.target)
        curlRequest.maxRedirects = max(0, maxRedirects - attempt.redirectsFollowed)
        if attempt.leftFirstHost { curlRequest.headers = [] }
        return curlRequest
    }

    /// A request for a file a site keeps for crawlers (robots.txt, a sitemap): the run's request
    /// options, a few redirects, its body kept (in fetch-only runs too) and capped at `maxBytes`.
    func siteFileRequest(for url: WebURL, maxBytes: Int) -> CurlRequest {
        var request = curlRequest(for: url)
        request.maxRedirects = 5
        request.maxBodyBytes = maxBytes
        request.keepsBody = true
        return request
    }

    /// Seconds to wait before attempt number `attempt + 1`, or nil when the failure is final.
    func retryDelay(after failure: ScrapeError, status: Int?, retryAfter: Double?, attempt: Int) -> Double? {
        guard attempt < retries else { return nil }
        switch failure.kind {
        case .timeout, .connect, .dns:
            break
        case .httpStatus:
            guard let status, status == 408 || status == 429 || (500...599).contains(status) else { return nil }
        default:
            return nil
        }
        if let retryAfter {
            return retryAfter <= maxRetryAfter.seconds ? retryAfter : nil
        }
        let base = retryBackoff.seconds * Double(1 << min(attempt, 16))
        return base * Double.random(in: 0.8...1.2)
    }
}
