#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The addresses of the proxies a transfer may go through, so that `--deny-private` can tell a
/// connection to the proxy the user chose (on loopback, often) from one to a target.
///
/// The proxies are the one the request names or, without one, those curl takes from the
/// `*_proxy` variables. Each is resolved once per process: the run's first transfer pays for it.
enum ProxyAddresses {
    private static let cache = Mutex<[String: Set<String>]>([:])

    /// Canonical addresses (see `IPAddressRange.canonical`) of the proxies for `request`.
    static func of(_ request: CurlRequest) -> Set<String> {
        let proxies = request.proxy.map { [$0] }
            ?? ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"].compactMap(environmentVariable)
        var addresses: Set<String> = []
        for proxy in proxies where !proxy.isEmpty {
            if let known = cache.withLock({ $0[proxy] }) {
                addresses.formUnion(known)
                continue
            }
            let resolved = resolve(proxy)
            cache.withLock { $0[proxy] = resolved }
            addresses.formUnion(resolved)
        }
        return addresses
    }

    private static func environmentVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The addresses of the proxy URL's host (`host`, `host:port` or `scheme://host:port`).
    private static func resolve(_ proxy: String) -> Set<String> {
        guard let host = CurlURL(proxy.contains("://") ? proxy : "http://" + proxy)?.host, !host.isEmpty else { return [] }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        if let literal = IPAddressRange.canonical(bare) { return [literal] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(bare, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: Set<String> = []
        var entry = list
        while let info = entry?.pointee {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.ai_addr, info.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0,
               let address = IPAddressRange.canonical(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) {
                addresses.insert(address)
            }
            entry = info.ai_next
        }
        return addresses
    }
}
