import Foundation
import ScrapeKit

/// Runs the pipeline for the command line: records to stdout (and --out-dir), the summary to
/// stderr, Ctrl-C (SIGTERM, SIGHUP) and a closed stdout turned into an orderly stop.
struct ScrapeSession {
    let options: ScrapeOptions
    let sinks: RecordSinks
    let quiet: Bool

    enum Ending: Equatable {
        case finished
        /// Stopped by this signal (SIGINT, SIGTERM or SIGHUP).
        case interrupted(signal: Int32)
        /// stdout stopped taking records; `errno` says why (EPIPE: the reader went away).
        case outputFailed(errno: Int32)
    }

    func run(_ source: URLSource) async -> Ending {
        let started = ContinuousClock.now
        let stream = Scraper(options: options).records(for: source)
        let interrupt = InterruptHandler { stream.cancel() }
        let progress = quiet ? nil : ProgressLine.onTerminal { stream.inFlight }
        progress?.count(source, selectedBy: options.selects)
        var summary = RunSummary()
        var outputError: Int32?
        for await record in stream {
            let line = JSONLineEncoder.encode(record)
            // Files first: a record a reader has seen on stdout is already kept for --resume.
            sinks.write(record, line: line)
            if outputError == nil {
                do { try JSONLinesSink.standardOutput.write(record, line: line) } catch {
                    // Nobody can read what follows: stop fetching, and let the records in flight drain.
                    outputError = error.code
                    stream.cancel()
                }
            }
            if outputError == nil { summary.add(record) }
            progress?.show(summary)
        }
        progress?.finish()
        if let outputError {
            let reason = outputError == EPIPE ? "stdout was closed" : String(cString: strerror(outputError))
            Diagnostics.note("run stopped after \(summary.urls) records: \(reason)")
            return .outputFailed(errno: outputError)
        }
        if !quiet { Diagnostics.note(summary.line(seconds: (ContinuousClock.now - started).seconds)) }
        return interrupt.signalReceived.map { .interrupted(signal: $0) } ?? .finished
    }
}
