import Foundation
import Testing
@testable import ScrapeKit

@Suite struct RunnerTests {
    let site = LocalSite.shared

    private var sampleURLs: [String] {
        ["index.html", "products.html", "news.html", "about.html", "latin1.html", "shiftjis.html", "missing.html",
         "doc.pdf", "redirect/ok", "index.html"].map(site.url)
    }

    @Test func allRunnersGiveTheSameRecords() async {
        let async = await scrape(sampleURLs, runner: .async).map(withoutTimings)
        let threads = await scrape(sampleURLs, runner: .threads).map(withoutTimings)
        let blocking = await scrape(sampleURLs, runner: .blocking).map(withoutTimings)
        #expect(async.count == sampleURLs.count)
        #expect(async == threads)
        #expect(async == blocking)
        #expect(async.map(\.index) == Array(0..<sampleURLs.count))
    }

    @Test(arguments: RunnerKind.allCases)
    func manyURLsEachGetExactlyOneRecord(runner: RunnerKind) async {
        let urls = (0..<300).map { site.url($0 % 3 == 0 ? "about.html?n=\($0)" : "index.html?n=\($0)") }
        let records = await scrape(urls, runner: runner) {
            $0.fetch.concurrency = 16
            $0.fetch.perHost = 4
        }
        #expect(records.map(\.index) == Array(0..<300))
        #expect(records.allSatisfy { $0.ok })
        #expect(records.map(\.url) == urls)
    }

    /// With nobody taking pages from a parse queue of 2, the async runner still fills it up to
    /// its concurrency plus that capacity, 8 + 2: when parsing is the slower stage, transfers go
    /// on arriving as parsers free up. (It used to start none once 2 pages waited, so the
    /// parsers sat idle for a page's whole latency: 20 pages stopped at 8.)
    @Test(.timeLimit(.minutes(1))) func transfersKeepStartingWhileParsersAreBusy() async {
        var policy = FetchPolicy()
        policy.concurrency = 8
        policy.perHost = 8
        let input = BlockingQueue<InputURL>(capacity: 32)
        let output = BlockingQueue<FetchedPage>(capacity: 2)
        for index in 0..<20 { input.pushNow(InputURL(index: index, url: site.url("delay/0.01/parsers-busy-\(index)"))) }
        input.close()
        // Told of each arrival by the queue itself; a runner that stalls short of 10 never resumes
        // this, and the test fails at its time limit.
        let filled = await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
            let resumed = Locked(false)
            output.setOnPush { _ in
                let count = output.count
                guard count >= 10, resumed.withLock({ let first = !$0; $0 = true; return first }) else { return }
                continuation.resume(returning: count)
            }
            let runner = AsyncRunner(policy: policy)
            Thread.detachNewThread { runner.run(input: input, output: output, cancellation: Cancellation()) }
        }
        #expect(filled == 10)
        for _ in 0..<20 { _ = output.pop() }
        #expect(output.count == 0)
    }

    @Test func orderedModeHandsOutRecordsInInputOrder() async {
        var options = ScrapeOptions()
        options.ordered = true
        options.fetch.concurrency = 16
        // A slow page first: everything after it completes earlier but must wait its turn.
        let urls = [site.url("delay/0.3/first")] + (1..<40).map { site.url("index.html?n=\($0)") }
        var indices: [Int] = []
        for await record in Scraper(options: options).records(for: urls) { indices.append(record.index) }
        #expect(indices == Array(0..<40))
    }

    @Test func cancellingGivesEveryReadURLARecord() async {
        var options = ScrapeOptions()
        options.fetch.concurrency = 4
        let urls = (0..<50).map { site.url("delay/5/slow\($0)") }
        let stream = Scraper(options: options).records(for: urls)
        stream.cancel()
        var records: [Record] = []
        for await record in stream { records.append(record) }
        #expect(records.allSatisfy { $0.error?.kind == .interrupted })
        #expect(Set(records.map(\.index)).count == records.count)
    }
}

/// A busy host must not hold a fetch thread while another host's URL waits.
@Suite struct HostFairnessTests {
    let site = LocalSite.shared

    @Test(.timingBound, .onOwnThreads, arguments: [RunnerKind.threads, .async])
    func aFullHostDoesNotHoldUpOtherHosts(runner: RunnerKind) async throws {
        // 127.0.0.1 and localhost are one server but two hosts to the per-host limit.
        let slow = (0..<2).map { site.url("delay/10/fair-\(runner)-\($0)") }
        let fast = site.url("index.html?fair").replacingOccurrences(of: "127.0.0.1", with: "localhost")
        var options = ScrapeOptions()
        options.runner = runner
        options.fetch.concurrency = 2
        options.fetch.perHost = 1
        options.fetch.retries = 0
        let started = ContinuousClock.now
        let stream = Scraper(options: options).records(for: slow + [fast])
        var first: (url: String, at: Duration)?
        for await record in stream where first == nil {
            first = (record.url, ContinuousClock.now - started)
            stream.cancel() // the slow host has made its point
        }
        #expect(first?.url == fast, "the other host's page comes first")
        // Held up, it would wait 10 s for the thread the slow host holds; the slack is for a
        // loaded machine, where the test's own task may wait for a thread of the pool.
        #expect((first?.at ?? .seconds(99)) < .seconds(7), "and does not wait for the slow host")
    }
}
