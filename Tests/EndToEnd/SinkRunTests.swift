import Foundation
import Testing
@testable import ScrapeKit

/// A run written into a sink of one's own (`RecordStream.write(to:)`), against the local site.
@Suite struct SinkRunTests {
    /// A sink of one's own, as a library user writes it: every record, then `finish()` once.
    private final class Collected: RecordSink, @unchecked Sendable {
        let lock = NSLock()
        var urls: [String] = []
        var finished = 0
        /// Fails the write of the record with this URL.
        var failing: String?

        func write(_ record: Record, line: [UInt8]) throws(SinkError) {
            lock.lock()
            defer { lock.unlock() }
            if record.url == failing { throw SinkError(code: ENOSPC) }
            urls.append(record.url)
        }

        func finish() throws(SinkError) { lock.withLock { finished += 1 } }
    }

    @Test func aSinkOfYourOwnGetsEveryRecordOfARunAndIsFinished() async throws {
        let collected = Collected()
        let site = LocalSite.shared
        let urls = [site.url("index.html"), site.url("about.html"), "ftp://a.example/"]
        let summary = try await Scraper().records(for: urls).write(to: collected)
        #expect(collected.urls.sorted() == urls.sorted())
        #expect(collected.finished == 1, "the run finishes its sink once, after the last record")
        #expect(summary.urls == 3 && summary.ok == 2)
    }

    @Test func aFailedWriteStopsTheRunAndIsThrownAfterFinish() async throws {
        let collected = Collected()
        let site = LocalSite.shared
        collected.failing = site.url("index.html")
        var options = ScrapeOptions()
        options.ordered = true
        let urls = [site.url("index.html")] + (0..<200).map { site.url("about.html?n=\($0)") }
        await #expect(throws: SinkError(code: ENOSPC)) { try await Scraper(options: options).records(for: urls).write(to: collected) }
        #expect(collected.finished == 1)
        #expect(collected.urls.isEmpty, "nothing after the failed write is written")
    }
}
