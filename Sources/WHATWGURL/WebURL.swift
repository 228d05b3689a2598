/// A URL as the WHATWG URL Standard parses and serialises it: what a browser's `new URL(input, base)`
/// gives, and the one URL type of a run. Links are resolved with it (`--absolute`), the crawl tells
/// pages apart by it, and what libcurl is asked to fetch is its `href`, so a URL means the same
/// thing at every stage.
///
/// Every scheme is parsed (a `javascript:` link resolves to itself, a `data:` `<base>` makes
/// relative links fail), hosts are what a browser connects to (`0x7f.1` is `127.0.0.1`, `💩.la` is
/// `xn--ls8h.la`), and the tests run the web-platform-tests URL data against it.
public struct WebURL: Sendable, Hashable, CustomStringConvertible {
    /// Lower-case scheme without its colon, e.g. "https".
    public internal(set) var scheme: String
    /// Percent-encoded user name, or "".
    public internal(set) var username = ""
    /// Percent-encoded password, or "".
    public internal(set) var password = ""
    /// Nil for URLs without an authority (`mailto:`, `data:`).
    public internal(set) var host: URLHost?
    /// Nil when absent or the scheme's default.
    public internal(set) var port: Int?
    var path: Path = .segments([])
    /// Percent-encoded query without its `?`; nil when absent ("" for a bare `?`).
    public internal(set) var query: String?
    /// Percent-encoded fragment without its `#`; nil when absent.
    public internal(set) var fragment: String?

    /// A URL's path: segments, or one opaque string for URLs such as `mailto:x` that cannot
    /// have relative references resolved against them.
    enum Path: Hashable, Sendable {
        case segments([String])
        case opaque(String)
    }

    /// The schemes with hosts and default ports that the standard treats apart; `file` has no port.
    static let specialSchemes: [String: Int?] = ["ftp": 21, "file": nil, "http": 80, "https": 443, "ws": 80, "wss": 443]

    /// Parses `input`, relative to `base` when it is not absolute; nil where a browser's
    /// `new URL(input, base)` throws.
    public init?(_ input: String, base: WebURL? = nil) {
        if let url = CanonicalURL.parse(input, base: base) {
            self = url
            return
        }
        var parser = URLParser(input: input, base: base)
        guard let url = parser.parse() else { return nil }
        self = url
    }

    init(scheme: String) {
        self.scheme = scheme
    }

    /// The serialisation a browser's `href` gives.
    public var href: String { serialized(excludingFragment: false) }

    public var description: String { href }

    /// The URL without its fragment: two links to one page differ at most there.
    public var withoutFragment: WebURL {
        var url = self
        url.fragment = nil
        return url
    }

    /// Whether the scheme is one the standard treats as special (http, https, ws, wss, ftp, file).
    public var isSpecial: Bool { Self.specialSchemes[scheme] != nil }

    /// http or https: the only schemes scrape fetches.
    public var isHTTP: Bool { scheme == "http" || scheme == "https" }

    /// Whether the path is opaque (`mailto:a@b`, `javascript:…`, `data:…`).
    public var hasOpaquePath: Bool {
        if case .opaque = path { return true }
        return false
    }

    /// The serialised host (`example.com`, `127.0.0.1`, `[::1]`), or "" when there is none.
    public var hostname: String { host?.description ?? "" }

    /// The port to connect to: the explicit one, or the scheme's default.
    public var effectivePort: Int? { port ?? (Self.specialSchemes[scheme] ?? nil) }

    /// `scheme://host[:port]` for URLs with a host: the site a robots.txt speaks for.
    public var origin: String {
        scheme + "://" + hostname + (port.map { ":\($0)" } ?? "")
    }

    /// The serialised path (`/a/b`, or the opaque path).
    public var pathname: String {
        var text = ""
        appendPathname(to: &text)
        return text
    }

    /// Appends the serialised path, for `pathname` and `href` alike.
    private func appendPathname(to output: inout String) {
        switch path {
        case .opaque(let text):
            output += text
        case .segments(let segments):
            for segment in segments {
                output += "/"
                output += segment
            }
        }
    }

    /// Path and query as sent in a request line, e.g. `/a/b?c=1`.
    public var pathAndQuery: String {
        let path = pathname
        return (path.isEmpty ? "/" : path) + (query.map { "?" + $0 } ?? "")
    }

    /// Appended piece by piece to one string: a crawl serialises every link it finds.
    func serialized(excludingFragment: Bool) -> String {
        var output = scheme
        output += ":"
        if let host {
            output += "//"
            if !username.isEmpty || !password.isEmpty {
                output += username
                if !password.isEmpty {
                    output += ":"
                    output += password
                }
                output += "@"
            }
            output += host.description
            if let port {
                output += ":"
                output += String(port)
            }
        } else if case .segments(let segments) = path, segments.count > 1, segments[0].isEmpty {
            // Without this, a path starting `//` would read back as a host.
            output += "/."
        }
        appendPathname(to: &output)
        if let query {
            output += "?"
            output += query
        }
        if !excludingFragment, let fragment {
            output += "#"
            output += fragment
        }
        return output
    }
}
