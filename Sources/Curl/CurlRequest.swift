/// Everything libcurl needs to know about one transfer, as a value.
public struct CurlRequest: Sendable {
    public var url: String
    /// Total time for one attempt, connection included.
    public var timeout: Double
    public var connectTimeout: Double
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
    public var deniesPrivateAddresses = false

    public init(url: String, timeout: Double, connectTimeout: Double, maxRedirects: Int,
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
