import Foundation
import ScrapeKit

/// Runs the pipeline for the command line: records to stdout (and --out-dir), the summary to
/// stderr, Ctrl-C (SIGTERM, SIGHUP) and a closed stdout turned into an orderly stop.
struct ScrapeSession {
    let options: ScrapeOptions
    /// Set for `--crawl`: the list's URLs are then its seeds.
    let crawl: CrawlOptions?
    let sinks: RecordSinks
    let quiet: Bool

    enum Ending: Equatable {
        case finished
        /// Stopped by this signal (SIGINT, SIGTERM or SIGHUP).
        case interrupted(signal: Int32)
        /// stdout stopped taking records; `errno` says why (EPIPE: the reader went away).
        case outputFailed(errno: Int32)
        /// A crawl's state could not be kept (`--state` unwritable, a full disk).
        case crawlFailed
    }

    func run(_ source: URLSource) async -> Ending {
        let started = ContinuousClock.now
        let stream: RecordStream
        if let crawl {
            do {
                stream = try Scraper(options: options).crawl(from: source, crawl)
            } catch {
                Diagnostics.note("cannot crawl: \(error)")
                return .crawlFailed
            }
        } else {
            stream = Scraper(options: options).records(for: source)
        }
        let interrupt = InterruptHandler { stream.cancel() }
        let progress = quiet ? nil : ProgressLine.onTerminal(inFlight: { stream.inFlight },
                                                             waiting: { stream.crawlStatistics?.waiting })
        if crawl == nil { progress?.count(source, selectedBy: options.selects) }
        let sink = SessionSink(files: sinks, progress: progress) { stream.cancel() }
        // The session's sink keeps its failures to itself (see SessionSink), so nothing is thrown.
        let summary = (try? await stream.write(to: sink)) ?? RunSummary()
        progress?.finish()
        if let outputError = sink.outputError {
            let reason = outputError == EPIPE ? "stdout was closed" : String(cString: strerror(outputError))
            Diagnostics.note("run stopped after \(sink.recordsWritten) records: \(reason)")
            return .outputFailed(errno: outputError)
        }
        if !quiet { Diagnostics.note(summary.line(seconds: (ContinuousClock.now - started).seconds)) }
        if let statistics = stream.crawlStatistics, !quiet { Diagnostics.note(Self.line(statistics)) }
        if let error = stream.crawlError {
            Diagnostics.note("the crawl stopped: its state could not be kept: \(error)")
            return .crawlFailed
        }
        return interrupt.signalReceived.map { .interrupted(signal: $0) } ?? .finished
    }

    /// What the crawl did with the links it found, e.g. `crawl: 120 pages discovered, links:
    /// 3400 already seen, 210 out of scope; 35 pages at --max-depth; 0 waiting in the frontier`.
    static func line(_ statistics: CrawlStatistics) -> String {
        var links = ["\(statistics.alreadySeen) already seen", "\(statistics.outOfScope) out of scope"]
        if statistics.tooLong > 0 { links.append("\(statistics.tooLong) too long") }
        var line = "crawl: \(statistics.discovered) pages discovered, links: " + links.joined(separator: ", ")
        line += "; \(statistics.pagesAtMaxDepth) pages at --max-depth"
        if statistics.nofollowPages > 0 { line += "; \(statistics.nofollowPages) pages nofollow" }
        return line + "; \(statistics.waiting) waiting in the frontier"
    }
}
