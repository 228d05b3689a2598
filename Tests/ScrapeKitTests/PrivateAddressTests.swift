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
