import Foundation
import ScrapeKit

/// Runs the pipeline for the command line: records to stdout (and --out-dir), the summary to
/// stderr, Ctrl-C turned into an orderly stop.
struct ScrapeSession {
    let options: ScrapeOptions
    let outDir: OutDirWriter?
    let quiet: Bool

    /// Returns true when the run was interrupted.
    func run(_ source: URLSource) async -> Bool {
        let started = ContinuousClock.now
        let stream = Scraper(options: options).records(for: source)
        let interrupt = InterruptHandler { stream.cancel() }
        var summary = RunSummary()
        let stdout = FileHandle.standardOutput
        for await record in stream {
            let line = JSONLineEncoder.encode(record)
            stdout.write(Data(line))
            if let outDir {
                do { try outDir.write(record, encoded: line) } catch {
                    Diagnostics.warn("could not write \(record.url) to --out-dir: \(error.localizedDescription)")
                }
            }
            summary.add(record)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if !quiet { Diagnostics.note(summary.line(seconds: seconds)) }
        return interrupt.fired
    }
}
