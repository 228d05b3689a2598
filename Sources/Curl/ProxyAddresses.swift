#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import WHATWGURL

/// The addresses of the proxies a transfer may go through, so that `--deny-private` can tell a
/// connection to the proxy the user chose (on loopback, often) from one to a target.
///
/// The proxies are the one the request names or, without one, those curl takes from the
/// `*_proxy` variables. They are resolved once per process: the run's first transfer pays for it.
enum ProxyAddresses {
    /// By the request's proxy setting (nil: the variables), so each transfer's lookup is one.
    private static let cache = Mutex<[String?: Set<String>]>([:])

    /// Canonical addresses (see `IPAddressRange.canonical`) of the proxies for `request`.
    static func of(_ request: CurlRequest) -> Set<String> {
        if let known = cache.withLock({ $0[request.proxy] }) { return known }
        let proxies = request.proxy.map { [$0] }
            ?? ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"].compactMap(environmentVariable)
        let addresses = proxies.filter { !$0.isEmpty }.reduce(into: Set<String>()) { $0.formUnion(resolve($1)) }
        cache.withLock { $0[request.proxy] = addresses }
        return addresses
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
