#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WHATWGURL

/// The addresses and ports of the proxies a transfer may go through, so that `--deny-private` can
/// tell a connection to the proxy the user chose (on loopback, often) from one to a target: the
/// same address on another port is a target (a `--noproxy` host resolved to loopback, say).
///
/// The proxies are the one the request names or, without one, those curl takes from the
/// `*_proxy` variables. They are resolved once per process: the run's first transfer pays for it.
enum ProxyAddresses {
    /// Where a proxy listens: a canonical address (see `IPAddressRange.canonical`) and a port.
    struct Endpoint: Hashable, Sendable {
        var address: String
        var port: Int
    }

    /// By the request's proxy setting (nil: the variables), so each transfer's lookup is one.
    /// Behind an `NSLock`, not a `Synchronization.Mutex`: on Linux that is a bare futex, which
    /// ThreadSanitizer cannot see, so `make sanitize` reported every access to it as a race.
    nonisolated(unsafe) private static var cache: [String?: Set<Endpoint>] = [:]
    private static let cacheLock = NSLock()

    /// The endpoints of the proxies for `request`.
    static func of(_ request: CurlRequest) -> Set<Endpoint> {
        if let known = cacheLock.withLock({ cache[request.proxy] }) { return known }
        let proxies = request.proxy.map { [$0] }
            ?? ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"].compactMap(environmentVariable)
        let endpoints = proxies.filter { !$0.isEmpty }.reduce(into: Set<Endpoint>()) { endpoints, proxy in
            let port = self.port(of: proxy)
            endpoints.formUnion(resolve(proxy).map { Endpoint(address: $0, port: port) })
        }
        cacheLock.withLock { cache[request.proxy] = endpoints }
        return endpoints
    }

    /// The port of a proxy as libcurl reads it: the one written, else 443 for an `https://` proxy
    /// and 1080 for any other. (Read from the text, since a URL parser drops a scheme's default.)
    static func port(of proxy: String) -> Int {
        var rest = Substring(proxy)
        var scheme = "http"
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(colon, offsetBy: 3)...]
        }
        rest = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { rest = rest[rest.index(after: close)...] }
        if let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) { return port }
        return scheme == "https" ? 443 : 1080
    }

    private static func environmentVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The addresses of the proxy URL's host (`host`, `host:port` or `scheme://host:port`).
    private static func resolve(_ proxy: String) -> Set<String> {
        guard let host = WebURL(proxy.contains("://") ? proxy : "http://" + proxy)?.host?.bare, !host.isEmpty else { return [] }
        if let literal = IPAddressRange.canonical(host) { return [literal] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: Set<String> = []
        var entry = list
        while let info = entry?.pointee {
            if let address = info.ai_addr.flatMap({ IPAddressRange.canonical(UnsafePointer($0)) }) { addresses.insert(address) }
            entry = info.ai_next
        }
        return addresses
    }
}
