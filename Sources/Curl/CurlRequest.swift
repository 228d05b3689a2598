/// Everything libcurl needs to know about one transfer, as a value.
public struct CurlRequest: Sendable {
    /// As libcurl normalises it (a lower-case scheme).
    public var url: String
    /// Total time for one attempt, connection included.
    public var timeout: Duration
    public var connectTimeout: Duration
    public var maxRedirects: Int
    public var userAgent: String
    /// The body is cut off after this many bytes, counted after content decoding (gzip, br), so a
    /// compression bomb stops at the cap rather than at the wire size.
    public var maxBodyBytes: Int
    /// Protocols allowed for the URL and for every redirect it leads to.
    public var protocols: String
    /// False: the body is counted (and capped) but not kept, when only the response matters.
    public var keepsBody = true
    /// Refuse to send the request over a connection to a loopback, private, link-local or
    /// metadata address, checked on the address libcurl connected to, for every redirect hop.
    /// A connection to the proxy is allowed; over it, a URL whose host is such an address or a
    /// name for this machine is refused.
    public var deniesPrivateAddresses = false
    /// Extra header lines, `Name: value`; `Name:` removes a header libcurl would send.
    public var headers: [String] = []
    /// Sent as the `Cookie` header, as given (`name=value; other=value`).
    public var cookie: String?
    /// Keeps the cookies responses set and sends them back (in the share's jar when the handle
    /// has one, so for every transfer of the run).
    public var usesCookieJar = false
    /// `scheme://host:port` of the proxy; nil for libcurl's own choice (the `*_proxy` variables).
    public var proxy: String?
    /// Hosts reached without the proxy, as `NO_PROXY` lists them.
    public var noProxy: String?
    /// False skips certificate and host name verification (`--insecure`). Whom a verified peer
    /// must be signed by is the handle's `CurlTrustStore`.
    public var verifiesPeer = true
    public var httpVersion = CurlHTTPVersion.automatic
    /// `HOST:PORT:ADDRESS[,ADDRESS]` entries that take the place of DNS, as curl's `--resolve`.
    public var resolve: [String] = []

    public init(url: String, timeout: Duration, connectTimeout: Duration, maxRedirects: Int,
                userAgent: String, maxBodyBytes: Int, protocols: String = "http,https") {
        self.url = url
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
        self.maxBodyBytes = maxBodyBytes
        self.protocols = protocols
    }
}

/// Which HTTP version a request asks for.
public enum CurlHTTPVersion: Sendable {
    /// HTTP/2 over TLS where the server offers it (ALPN), HTTP/1.1 otherwise.
    case automatic
    case http1_1
    /// HTTP/2 over TLS and, for http://, an upgrade from HTTP/1.1 where the server accepts it.
    case http2
}
