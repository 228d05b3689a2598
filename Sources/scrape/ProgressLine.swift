import Dispatch
import Foundation
import ScrapeKit
import ScrapeSystem

/// One status line on stderr, redrawn in place ten times a second while a run goes on, for a
/// person watching a terminal. Never used when stderr is a file or a pipe: logs stay clean.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var summary = RunSummary()
    private var total: Int?
    private var finished = false
    private let started = ContinuousClock.now
    private let timer = DispatchSource.makeTimerSource(queue: .global())

    /// A line only if stderr is a terminal.
    /// - Parameter waiting: a crawl's frontier size, shown beside the totals.
    static func onTerminal(inFlight: @escaping @Sendable () -> Int, waiting: @escaping @Sendable () -> Int? = { nil }) -> ProgressLine? {
        FileDescriptor.standardError.isTerminal ? ProgressLine(inFlight: inFlight, waiting: waiting) : nil
    }

    private init(inFlight: @escaping @Sendable () -> Int, waiting: @escaping @Sendable () -> Int?) {
        timer.schedule(deadline: .now(), repeating: .milliseconds(100))
        timer.setEventHandler { [unowned self] in
            lock.withLock {
                guard !finished else { return }
                var line = summary.progress(seconds: (ContinuousClock.now - started).seconds, total: total, inFlight: inFlight())
                if let waiting = waiting() { line += " · \(waiting) in the frontier" }
                Diagnostics.redraw("scrape: " + line)
            }
        }
        timer.resume()
    }

    /// Counts the URLs the run will take, on a thread of its own, for the done/total and ETA.
    func count(_ source: URLSource, selectedBy selects: @escaping @Sendable (InputURL) -> Bool) {
        guard source.isRereadable else { return }
        Thread.detachNewThread { [self] in
            let count = source.reduce(0) { selects($1) ? $0 + 1 : $0 }
            lock.withLock { total = count }
        }
    }

    /// Counts a record written, drawn at the next redraw.
    func count(_ record: Record) {
        lock.withLock { summary.add(record) }
    }

    /// Stops redrawing and erases the line, so the summary takes its place.
    func finish() {
        timer.cancel()
        lock.withLock {
            finished = true
            Diagnostics.redraw(nil)
        }
    }
}
