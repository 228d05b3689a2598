@testable import Curl
import Testing
@testable import ScrapeKit

/// `--deny-private`: where an untrusted list must not lead.
@Suite struct PrivateAddressTests {
    let site = LocalSite.shared

    @Test(arguments: ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                      "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1",
                      "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1"])
    func refused(_ address: String) {
        #expect(IPAddressRange.isPrivate(address))
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "192.169.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:1.1.1.1", "not-an-ip"])
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
