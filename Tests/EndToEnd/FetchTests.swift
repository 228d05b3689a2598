import Foundation
import Testing
@testable import ScrapeKit

/// Each error kind that can be produced on loopback, under every runner, against the real nginx.
@Suite struct FetchTests {
    let site = LocalSite.shared

    private func only(_ url: String, runner: RunnerKind = .async,
                      configure: (inout ScrapeOptions) -> Void = { _ in }) async -> Record {
        let records = await scrape([url], runner: runner, configure: configure)
        #expect(records.count == 1)
        return records[0]
    }

    @Test(arguments: RunnerKind.allCases)
    func pageFieldsAreFilled(runner: RunnerKind) async {
        let record = await only(site.url("redirect/ok"), runner: runner)
        #expect(record.ok)
        #expect(record.url == site.url("redirect/ok"))
        #expect(record.finalURL == site.url("index.html"))
        #expect(record.status == 200)
        #expect(record.contentType == "text/html")
        #expect(record.charset == "utf-8")
        #expect(record.bytes == 958)
        #expect(record.fetchMilliseconds.map { $0 > 0 } == true)
        #expect(record.parseMilliseconds.map { $0 >= 0 } == true)
        #expect(record.tag == "script")
        #expect(record.elements.count == 5)
        #expect(record.error == nil)
    }

    @Test(arguments: RunnerKind.allCases)
    func errorKinds(runner: RunnerKind) async {
        let cases: [(String, ErrorKind, Int?)] = [
            (site.url("missing.html"), .httpStatus, 404),
            (site.url("status/503"), .httpStatus, 503),
            (site.url("status/410"), .httpStatus, 410),
            ("http://127.0.0.1:\(LocalSite.closedPort)/", .connect, nil),
            (site.url("reset"), .connect, nil),
            ("http://exa mple.test/", .invalidURL, nil),
            ("example.com/page", .invalidURL, nil),
            ("http://", .invalidURL, nil),
            (site.url("index.html") + "\u{0}/../missing.html", .invalidURL, nil),
            ("ftp://127.0.0.1/file", .unsupportedScheme, nil),
            ("file:///etc/passwd", .unsupportedScheme, nil),
            ("javascript:alert(1)", .unsupportedScheme, nil),
            (site.url("redirect/loop"), .tooManyRedirects, 302),
            (site.url("redirect/file"), .unsupportedScheme, 302),
            (site.url("redirect/ftp"), .unsupportedScheme, 302),
            (site.url("redirect/gopher"), .unsupportedScheme, 302),
            (site.url("doc.pdf"), .notHTML, 200),
            (site.url("news.html"), .tooLarge, 200),
            ("http://no-such-host.invalid/", .dns, nil),
        ]
        let records = await scrape(cases.map(\.0), runner: runner) { $0.fetch.maxBytes = 100_000 }
        #expect(records.count == cases.count)
        for (record, (url, kind, status)) in zip(records, cases) {
            #expect(record.url == url)
            #expect(record.error?.kind == kind, "\(url): \(String(describing: record.error))")
            #expect(record.status == status, "\(url)")
            #expect(!record.ok && record.elements.isEmpty)
            #expect(record.error?.message.isEmpty == false)
        }
    }

    @Test func emptyBodyIsAPageWithNoElements() async {
        let record = await only(site.url("empty"))
        #expect(record.ok)
        #expect(record.bytes == 0)
        #expect(record.elements.isEmpty)
    }

    @Test func gzipIsDecodedAndTheCapAppliesToDecodedBytes() async {
        // nginx compresses news.html (491 KB); the cap is above its compressed size, below its real size.
        let big = await only(site.url("news.html"))
        #expect(big.ok)
        #expect(big.bytes == 491_392)
        let capped = await only(site.url("news.html")) { $0.fetch.maxBytes = 300_000 }
        #expect(capped.error?.kind == .tooLarge)
    }

    @Test func theCapAdmitsABodyOfExactlyItsSizeAndNotOneByteMore() async {
        let exact = await only(site.url("news.html")) { $0.fetch.maxBytes = 491_392 }
        #expect(exact.ok && exact.bytes == 491_392)
        let over = await only(site.url("news.html")) { $0.fetch.maxBytes = 491_391 }
        #expect(over.error?.kind == .tooLarge)
    }

    @Test(arguments: RunnerKind.allCases)
    func fetchOnlyReportsResponsesWithoutParsing(runner: RunnerKind) async {
        let records = await scrape([site.url("news.html"), site.url("missing.html")], runner: runner) {
            $0.fetchOnly = true
        }
        #expect(records[0].ok && records[0].status == 200)
        #expect(records[0].bytes == 491_392, "bodies are counted even though they are not kept")
        #expect(records[0].charset == nil && records[0].elements.isEmpty)
        #expect(records[1].error?.kind == .httpStatus)
        let capped = await scrape([site.url("news.html")], runner: runner) {
            $0.fetchOnly = true
            $0.fetch.maxBytes = 300_000
        }
        #expect(capped[0].error?.kind == .tooLarge)
    }

    /// Bodies are decoded by us, not libcurl, so that each coding's own end is checked.
    @Test(arguments: RunnerKind.allCases)
    func everyContentCodingIsDecodedAndBrokenOnesAreDecodeErrors(runner: RunnerKind) async {
        let page = 30 + 21 * 500 + 7 // <html><script>coded()</script>, 500 paragraphs, </html>
        let codings = ["deflate", "raw-deflate", "br", "gzip-twice", "br-then-gzip", "multi-gzip"]
        let good = await scrape(codings.map { site.url("coded/\($0)") }, runner: runner)
        for record in good {
            #expect(record.ok, "\(record.url): \(String(describing: record.error))")
            #expect(record.bytes == page)
            #expect(record.elements.map(\.text) == ["coded()"])
        }
        let bad = await scrape(["coded/not-gzip", "coded/stacked", "coded/zstd", "truncated-gzip.html"].map { site.url($0) },
                               runner: runner)
        #expect(bad.map(\.error?.kind) == [.decode, .decode, .decode, .decode])
        #expect(bad[0].error?.message.contains("not valid gzip") == true)
        #expect(bad[1].error?.message.contains("not valid gzip") == true, "gzip, br over a br body: br undone, then not gzip")
        #expect(bad[3].error?.message.contains("truncated") == true)
    }

    @Test func retriesGiveUpWithTheLastStatus() async {
        let record = await only(site.url("status/503")) {
            $0.fetch.retries = 2
            $0.fetch.retryBackoff = .milliseconds(10)
        }
        #expect(record.error?.kind == .httpStatus)
        #expect(record.status == 503)
    }
}
