import Foundation
import Testing
@testable import ScrapeKit

/// What a hostile or broken server does, against the real nginx fault endpoints of
/// `scripts/local-site`: each URL still gets exactly one record with the right kind.
@Suite struct FaultTests {
    let site = LocalSite.shared

    @Test(arguments: RunnerKind.allCases)
    func brokenServersGiveOneRecordEach(runner: RunnerKind) async {
        let cases: [(String, ErrorKind?)] = [
            (site.url("bomb.html"), .tooLarge),
            (site.url("endless"), .tooLarge),
            // The announced length arrives, but the gzip stream inside stops short.
            (site.url("truncated-gzip.html"), .decode),
            (site.url("image.png"), .notHTML),
            (site.url("slow.html"), .timeout),
            (site.url("delay/3600/hang"), .timeout),
            (site.url("status/429"), .httpStatus),
            (site.url("status/500"), .httpStatus),
            (site.url("bad-content-type"), nil),
            (site.url("invalid-utf8.html"), nil),
            (site.url("empty"), nil),
        ]
        let records = await scrape(cases.map(\.0), runner: runner) {
            $0.fetch.timeout = .seconds(2)
            $0.fetch.concurrency = 16
        }
        #expect(records.count == cases.count)
        for (record, (url, kind)) in zip(records, cases) {
            #expect(record.url == url)
            #expect(record.error?.kind == kind, "\(url): \(String(describing: record.error))")
        }
    }

    /// A hung or trickling server costs at most the timeout, not its own patience.
    @Test(.timingBound, .onOwnThreads, arguments: RunnerKind.allCases)
    func hungServersCostAtMostTheTimeout(runner: RunnerKind) async {
        let started = ContinuousClock.now
        let records = await scrape([site.url("slow.html"), site.url("delay/3600/hang")], runner: runner) {
            $0.fetch.timeout = .seconds(1)
        }
        #expect(records.map(\.error?.kind) == [.timeout, .timeout])
        // Left alone they would take 130 s and an hour. The blocking runner waits for one after
        // the other; the slack is for a loaded machine, where this test's task may wait for a
        // thread of the pool while other tests block theirs.
        let timeouts = runner == .blocking ? 2 : 1
        #expect(ContinuousClock.now - started < .seconds(timeouts + 8))
    }

    @Test func invalidUTF8InAPageDeclaredUTF8IsReplacedNotDropped() async {
        let record = await scrape([site.url("invalid-utf8.html")])[0]
        #expect(record.charset == "utf-8")
        #expect(record.elements.map(\.text) == ["var s = \"caf\u{FFFD} \u{FFFD}\u{FFFD} ok\";"])
    }

    @Test func malformedContentTypeIsKeptAndThePageParsed() async {
        let record = await scrape([site.url("bad-content-type")])[0]
        #expect(record.contentType == "text/html;;; charset")
        #expect(record.elements.map(\.text) == ["typed()"])
    }

    @Test(arguments: RunnerKind.allCases)
    func aRetryAfter503GetsThePage(runner: RunnerKind) async {
        // /flaky/ answers 503 to the first request for a path and 200 to the next.
        let url = site.url("flaky/\(UUID())")
        let record = await scrape([url], runner: runner) {
            $0.fetch.retries = 1
            $0.fetch.retryBackoff = .milliseconds(10)
        }[0]
        #expect(record.ok, "\(String(describing: record.error))")
        #expect(record.status == 200)
        #expect(record.elements.map(\.text) == ["recovered()"])
    }

    @Test func retryAfterIsHonouredAndTheLastStatusKept() async {
        let started = ContinuousClock.now
        let record = await scrape([site.url("status/429")]) { $0.fetch.retries = 1 }[0]
        #expect(record.status == 429)
        #expect(ContinuousClock.now - started >= .seconds(1)) // nginx says Retry-After: 1
    }

    @Test func hostileURLListsGiveEachLineItsRecord() async {
        let lines = [
            "http://exa mple.test/", "http://example.test/\u{01}x", "http://" + String(repeating: "a", count: 10_000) + ".test/",
            "javascript:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd", "gopher://127.0.0.1/",
            "http://[::1]:\(LocalSite.closedPort)/", "http://bücher.invalid/", site.url("index.html"), site.url("index.html"),
            "\u{FFFD}\u{FFFD}binary\u{FFFD}",
        ]
        let records = await scrape(lines)
        #expect(records.count == lines.count)
        let kinds = records.map { $0.error?.kind }
        #expect(kinds == [.invalidURL, .invalidURL, .dns, .unsupportedScheme, .unsupportedScheme, .unsupportedScheme,
                          .unsupportedScheme, .connect, .dns, nil, nil, .invalidURL])
    }

    /// Replies nginx cannot be made to send, from a server of the test's own.
    @Test(arguments: RunnerKind.allCases)
    func hostileRepliesGetHonestKindsAndBoundedMemory(runner: RunnerKind) async throws {
        let server = try RawServer { connection, path in
            switch path {
            case "/endless-trailers":
                connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 + "5\r\nhello\r\n0\r\n")
                let trailer = "X-Trailer: " + String(repeating: "t", count: 1000) + "\r\n"
                while connection.write(trailer) {}
            case "/http09":
                connection.write("<html><script>old()</script></html>")
            case "/garbage-status":
                connection.write("HTTP/1.1 OK-ISH\r\n\r\n<html></html>")
            case "/huge-header":
                connection.write("HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "h", count: 200_000) + "\r\n\r\n")
            case "/bad-status-code":
                connection.write("HTTP/1.1 2\u{FF}0 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello")
            case "/two-lengths":
                connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello..")
            case "/many-headers":
                let line = "X-Filler: " + String(repeating: "f", count: 1_000) + "\r\n"
                connection.write("HTTP/1.1 200 OK\r\n" + String(repeating: line, count: 320) + "Content-Length: 0\r\n\r\n")
            default:
                connection.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            }
        }
        let paths = ["endless-trailers", "http09", "garbage-status", "huge-header", "bad-status-code", "two-lengths", "many-headers"]
        let records = await scrape(paths.map(server.url), runner: runner) { $0.fetch.retries = 0 }
        // The last three gave unsupported_scheme, no error at all, and connect.
        #expect(records.map(\.error?.kind) == [.tooLarge, .badResponse, .badResponse, .tooLarge, .badResponse, .badResponse, .tooLarge],
                "\(records.map(\.error))")
        #expect(records[5].error?.message.contains("conflicting Content-Length headers (5, 7)") == true)
        #expect(records[0].error?.message.contains("trailers") == true)
        #expect(records[1].error?.message.contains("not HTTP") == true)
    }
}
