import Curl

/// What every request of a run carries besides its URL: headers, cookies, the proxy, whom TLS
/// trusts, the HTTP version, and names resolved by hand. robots.txt requests carry them too.
/// Each has curl's name for it on the command line.
public struct RequestOptions: Sendable {
    /// Where a run's first cookies come from. Either way the cookies sites set are kept, per
    /// host, for the rest of the run, and shared by every transfer of it.
    public enum Cookies: Sendable, Equatable {
        /// `name=value; other=value`, sent as the `Cookie` header to every host (curl's `-b STRING`);
        /// "" sends none of its own and keeps what sites set.
        case header(String)
        /// A Netscape cookie file, as curl and browsers' export tools write it (curl's `-b FILE`).
        case file(String)
    }

    /// Which HTTP version to ask for.
    public enum HTTPVersion: Sendable {
        /// HTTP/2 where a TLS server offers it, HTTP/1.1 otherwise; transfers to one host then
        /// share one multiplexed connection.
        case automatic
        case http1_1
        /// HTTP/2 over TLS, and an upgrade to it on plain http where the server accepts one.
        case http2
    }

    /// `Name: value` lines added to every request; `Name:` drops a header libcurl would send.
    public var headers: [String] = []
    /// Whether `headers` go on to another host that a redirect leads to, as libcurl (and curl)
    /// send them: an API key in `-H` then reaches whatever site a redirect names. False keeps
    /// them on the first host: a redirect to another origin is followed by a request of its own,
    /// without them. (libcurl never sends `Authorization` or `Cookie` lines of `headers` on.)
    public var headersFollowRedirects = true
    public var cookies: Cookies?
    /// `http://`, `https://`, `socks5://` or `socks5h://` proxy URL; nil leaves the choice to
    /// the `http_proxy`, `https_proxy`, `all_proxy` and `no_proxy` variables, as curl does.
    public var proxy: String?
    /// Comma-separated hosts, domains or addresses reached directly, bypassing any proxy.
    public var noProxy: String?
    /// PEM file of the certificate authorities to trust instead of the system's.
    public var caFile: String?
    /// Directory of hashed CA certificates (`c_rehash`) to trust as well.
    public var caPath: String?
    /// Skip certificate and host name checks. Records fetched over TLS this way say `insecure`.
    public var insecure = false
    public var httpVersion = HTTPVersion.automatic
    /// `HOST:PORT:ADDRESS[,ADDRESS...]`: connect there instead of asking DNS, as curl's `--resolve`.
    public var resolve: [String] = []

    public init() {}

    /// Why these options cannot run, before any request: a header line libcurl could not send as
    /// it is, a cookie string of several lines, a proxy scheme libcurl cannot speak, a CA file or
    /// directory that is not there, a `resolve` entry that is not `HOST:PORT:ADDRESS`. Checked
    /// here rather than failing every request, or quietly sending something else.
    public func validate() throws(RequestOptionsError) {
        for line in headers {
            let name = line.prefix { $0 != ":" }
            guard name.count < line.count, !name.isEmpty, name.unicodeScalars.allSatisfy(Self.tokenCharacters.contains),
                  !line.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F })
            else { throw RequestOptionsError("--header", "'\(line)': expected 'Name: value' on one line") }
        }
        switch cookies {
        case .header(let line) where line.contains(where: \.isNewline):
            throw RequestOptionsError("--cookie", "must be one line")
        case .file(let path) where !FileAccess.isReadableFile(path):
            throw RequestOptionsError("--cookie", "\(path): no such readable file")
        default:
            break
        }
        if let proxy {
            let scheme = proxy.contains("://") ? String(proxy.prefix { $0 != ":" }).lowercased() : "http"
            guard ["http", "https", "socks4", "socks4a", "socks5", "socks5h"].contains(scheme) else {
                throw RequestOptionsError("--proxy", "\(proxy): the scheme must be http, https, socks4, socks4a, socks5 or socks5h")
            }
        }
        if let caFile, !FileAccess.isReadableFile(caFile) { throw RequestOptionsError("--cacert", "\(caFile): no such readable file") }
        if let caPath, FileAccess.isDirectory(caPath) != true {
            throw RequestOptionsError("--capath", "\(caPath): no such directory")
        }
        for entry in resolve {
            let parts = entry.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, let port = Int(parts[1]), (0...65_535).contains(port), !parts[2].isEmpty else {
                throw RequestOptionsError("--resolve", "\(entry): expected HOST:PORT:ADDRESS, e.g. example.com:443:127.0.0.1")
            }
        }
    }

    /// What HTTP allows in a header name (RFC 9110's `tchar`).
    private static let tokenCharacters = Set(
        "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)

    /// What the transfers of one run share besides what a multi handle shares by itself: the
    /// cookie jar, and for threads that each block on their own handle, names and TLS sessions.
    /// nil when there is nothing to share.
    func makeShare(acrossThreads: Bool) -> CurlShare? {
        var contents: CurlShare.Contents = acrossThreads ? [.dns, .tlsSessions] : []
        if cookies != nil { contents.insert(.cookies) }
        guard !contents.isEmpty else { return nil }
        let share = CurlShare(contents)
        if case .file(let path) = cookies { _ = share.loadCookies(fromFile: path) }
        return share
    }

    /// Sets `request` up with these options; `withHeaders` false leaves `headers` out.
    func apply(to request: inout CurlRequest, withHeaders: Bool = true) {
        request.headers = withHeaders ? headers : []
        if case .header(let line) = cookies, !line.isEmpty { request.cookie = line }
        request.usesCookieJar = cookies != nil
        request.proxy = proxy
        request.noProxy = noProxy
        request.verifiesPeer = !insecure
        request.httpVersion = switch httpVersion {
        case .automatic: .automatic
        case .http1_1: .http1_1
        case .http2: .http2
        }
        request.resolve = resolve
    }
}
