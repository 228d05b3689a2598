import WHATWGURL

/// `--deny-private` for one transfer: which connections it refuses. Judged by the address a
/// connection reached, after DNS, so that no name (or redirect) can point it at this machine's
/// own services or a cloud metadata endpoint.
struct PrivateAddressPolicy {
    /// Where the transfer's proxies listen: a connection there is to the proxy, whose target
    /// is judged by the URL's host instead (the proxy resolves it).
    let proxyEndpoints: Set<ProxyAddresses.Endpoint>

    /// Why the request to `url`, about to go over a connection to `address` and `port`, is
    /// refused, if it is. Through a proxy the connection is the proxy's (its address and its
    /// port: any other port there is a target like any other), and the proxy resolves the
    /// target's name, so what can be checked is the URL's host: an address or a name for this
    /// machine.
    func refusal(connectedTo address: String, port: Int, url: String) -> String? {
        let canonical = IPAddressRange.canonical(address) ?? address
        guard proxyEndpoints.contains(ProxyAddresses.Endpoint(address: canonical, port: port)) else {
            return IPAddressRange.isPrivate(address) ? "refused to connect to \(address)" : nil
        }
        guard let host = WebURL(url)?.host?.bare, IPAddressRange.isPrivate(host) || IPAddressRange.isLocalName(host) else { return nil }
        return "refused to fetch \(host) through the proxy"
    }
}
