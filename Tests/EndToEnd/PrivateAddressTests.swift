@testable import Curl
import Testing
@testable import ScrapeKit

/// `--deny-private`: where an untrusted list must not lead.
@Suite struct PrivateAddressTests {
    let site = LocalSite.shared

    @Test(arguments: ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                      "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1",
                      "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1",
                      // From IANA's special-purpose registries, and IPv6 that leads to IPv4 ones.
                      "192.0.0.192", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "240.0.0.1",
                      "::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:7f00:1::", "2001:db8::1", "100::1"])
    func refused(_ address: String) {
        #expect(IPAddressRange.isPrivate(address))
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "192.169.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:1.1.1.1",
                      "64:ff9b::808:808", "2002:808:808::", "192.0.1.1", "198.20.0.1", "not-an-ip"])
    func allowed(_ address: String) {
        #expect(!IPAddressRange.isPrivate(address))
    }

    @Test func addressesCompareInOneSpellingAndLocalNamesAreKnown() {
        #expect(IPAddressRange.canonical("0:0:0:0:0:0:0:1") == "::1")
        #expect(IPAddressRange.canonical("127.0.0.1") == "127.0.0.1")
        #expect(IPAddressRange.canonical("localhost") == nil)
        #expect(["localhost", "LocalHost.", "api.localhost"].allSatisfy(IPAddressRange.isLocalName))
        #expect(!["localhost.example", "mylocalhost", "example.test"].contains(where: IPAddressRange.isLocalName))
    }

    /// Through a proxy the connection is to the proxy, which the user chose and which may well be
    /// on loopback: it is allowed, and the URL's host is checked instead (an address, or a name
    /// for this machine), since the proxy resolves names. It used to refuse every URL.
    @Test(arguments: RunnerKind.allCases)
    func throughAProxyTheURLsHostIsChecked(runner: RunnerKind) async throws {
        let proxy = try ConnectProxy()
        let urls = [site.tlsURL("index.html", host: "a.scrape.test"), site.tlsURL("index.html"),
                    "https://127.0.0.1:\(site.tlsPort)/index.html", "https://169.254.169.254:\(site.tlsPort)/latest/meta-data/",
                    "https://2130706433:\(site.tlsPort)/index.html"] // 127.0.0.1, spelt as one number
        let records = await scrape(urls, runner: runner) { options in
            options.fetch.request.insecure = true // certificates for the bare addresses are not the point
            options.fetch.request.proxy = proxy.url
            options.fetch.deniesPrivateAddresses = true
        }
        #expect(records.map(\.error?.kind) == [nil, .privateAddress, .privateAddress, .privateAddress, .privateAddress], "\(records.map(\.error))")
        #expect(records[3].error?.message.contains("refused to fetch 169.254.169.254 through the proxy") == true)
    }

    /// The proxy is one address and one port: a `--noproxy` host resolved to the proxy's address
    /// on another port is a target like any other, and refused. (Any port of the proxy's address
    /// used to count as the proxy: the page was fetched.)
    @Test(arguments: RunnerKind.allCases)
    func theProxysAddressOnAnotherPortIsATarget(runner: RunnerKind) async {
        let records = await scrape(["http://evil.test:\(site.port)/index.html"], runner: runner) { options in
            options.fetch.request.proxy = "http://127.0.0.1:\(LocalSite.closedPort)"
            options.fetch.request.noProxy = "evil.test"
            options.fetch.request.resolve = ["evil.test:\(site.port):127.0.0.1"]
            options.fetch.deniesPrivateAddresses = true
        }
        #expect(records.map(\.error?.kind) == [.privateAddress], "\(records.map(\.error))")
    }

    @Test func aProxysPortIsReadAsLibcurlReadsIt() {
        #expect(ProxyAddresses.port(of: "127.0.0.1:3128") == 3128)
        #expect(ProxyAddresses.port(of: "http://user:p@ss@proxy.test") == 1080)
        #expect(ProxyAddresses.port(of: "https://proxy.test/") == 443)
        #expect(ProxyAddresses.port(of: "socks5h://[::1]:9050") == 9050)
        #expect(ProxyAddresses.port(of: "http://proxy.test:80") == 80)
    }

    /// A proxy named by a host name is known by the addresses the name resolves to.
    @Test func aProxyNamedByItsHostIsRecognised() async throws {
        let proxy = try ConnectProxy()
        let records = await scrape([site.tlsURL("index.html", host: "a.scrape.test")]) { options in
            options.fetch.request.insecure = true
            options.fetch.request.proxy = proxy.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
            options.fetch.deniesPrivateAddresses = true
        }
        #expect(records.map(\.error?.kind) == [nil], "\(records.map(\.error))")
        #expect(proxy.targets == ["a.scrape.test:\(site.tlsPort)"])
    }

    @Test(arguments: RunnerKind.allCases)
    func loopbackIsRefusedOnlyWhenAsked(runner: RunnerKind) async {
        let url = site.url("index.html")
        let open = await scrape([url], runner: runner)
        #expect(open[0].ok)
        let denied = await scrape([url, site.url("redirect/ok")], runner: runner) { $0.fetch.deniesPrivateAddresses = true }
        #expect(denied.map(\.error?.kind) == [.privateAddress, .privateAddress])
        #expect(denied[0].error?.message.contains("127.0.0.1") == true)
    }
}
