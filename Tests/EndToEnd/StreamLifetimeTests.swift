import Foundation
import Testing
@testable import ScrapeKit

/// A run lives as long as its reader: it starts on the first `next()` and stops, freeing its
/// threads (and with them every libcurl handle, which only those threads hold), when the loop
/// breaks or the task is cancelled. The time limit turns a run that never stops into a failure.
@Suite(.timeLimit(.minutes(1))) struct StreamLifetimeTests {
    let site = LocalSite.shared

    private func stream(runner: RunnerKind, name: String) -> RecordStream {
        var options = ScrapeOptions()
        options.runner = runner
        options.fetch.concurrency = 4
        options.fetch.obeysRobots = true
        let urls = (0..<400).map { site.url("delay/0.1/\(name)-\(runner)-\($0)") }
        return Scraper(options: options).records(for: urls)
    }

    @Test func nothingStartsBeforeTheFirstRecordIsAskedFor() async {
        let records = stream(runner: .async, name: "unread")
        #expect(records.run.liveThreads == 0)
        await records.run.stopped()
    }

    @Test(arguments: RunnerKind.allCases)
    func breakingOutOfTheLoopStopsTheRun(runner: RunnerKind) async {
        let records = stream(runner: runner, name: "break")
        for await record in records {
            #expect(record.ok)
            #expect(records.run.liveThreads > 0)
            break
        }
        await records.run.stopped()
        #expect(records.run.liveThreads == 0)
    }

    @Test(arguments: RunnerKind.allCases)
    func cancellingTheTaskStopsTheRunAndKeepsItsRecords(runner: RunnerKind) async {
        let records = stream(runner: runner, name: "cancel")
        let reader = Task {
            var kinds: [ErrorKind?] = []
            for await record in records {
                if kinds.isEmpty { withUnsafeCurrentTask { $0?.cancel() } }
                kinds.append(record.error?.kind)
            }
            return kinds
        }
        let kinds = await reader.value
        await records.run.stopped()
        #expect(records.run.liveThreads == 0)
        #expect(kinds.count < 400, "the run stopped early")
        #expect(kinds.allSatisfy { $0 == nil || $0 == .interrupted }, "URLs already read still got their records")
    }
}
