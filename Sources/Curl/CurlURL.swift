import CCurl

/// A URL as libcurl's own parser reads it, so that what we accept is exactly what libcurl will fetch.
public struct CurlURL: Sendable, Equatable {
    /// Lower-case scheme, e.g. "https".
    public let scheme: String
    /// Host as written (IDN hosts stay in Unicode; IPv6 literals keep their brackets).
    public let host: String
    /// The host as a name or an address: an IPv6 literal without its brackets.
    public var bareHost: String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
    /// The URL re-serialised by libcurl.
    public let normalized: String
    /// `scheme://host[:port]`, the site a robots.txt speaks for.
    public let origin: String
    /// Path and query, as sent in the request line, e.g. `/a/b?c=1`.
    public let pathAndQuery: String

    /// Parses `string`; nil when libcurl rejects it. Unknown schemes are parsed, not rejected, so
    /// the caller can tell "malformed" from "not allowed".
    public init?(_ string: String) {
        _ = CurlGlobal.initialized
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME)
        guard curl_url_set(handle, CURLUPART_URL, string, flags) == CURLUE_OK,
              let scheme = Self.part(handle, CURLUPART_SCHEME),
              let normalized = Self.part(handle, CURLUPART_URL)
        else { return nil }
        self.scheme = scheme.lowercased()
        self.host = Self.part(handle, CURLUPART_HOST) ?? ""
        self.normalized = normalized
        let port = Self.part(handle, CURLUPART_PORT).map { ":" + $0 } ?? ""
        origin = "\(self.scheme)://\(self.host)\(port)"
        let query = Self.part(handle, CURLUPART_QUERY).map { "?" + $0 } ?? ""
        pathAndQuery = (Self.part(handle, CURLUPART_PATH) ?? "/") + query
    }

    private static func part(_ handle: OpaquePointer, _ part: CURLUPart) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
