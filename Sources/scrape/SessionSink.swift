import ScrapeKit
import Synchronization

/// Where the command line's records go, in order: the files (`--resume`, `--out-dir`,
/// `--by-host`) first, so that a record seen on stdout is already kept, then stdout, then the
/// progress line's totals.
///
/// A file that cannot be written is warned about and counted (`RecordSinks`). Stdout that cannot
/// be written stops the run (`stop`), since nobody can read what follows; the records still in
/// flight go on to the files, so `--resume` and `--out-dir` keep them.
final class SessionSink: RecordSink {
    private let files: RecordSinks
    private let progress: ProgressLine?
    private let stop: @Sendable () -> Void
    private let written = Atomic<Int>(0)
    private let outputFailure = Atomic<Int32>(0)

    init(files: RecordSinks, progress: ProgressLine?, stop: @escaping @Sendable () -> Void) {
        self.files = files
        self.progress = progress
        self.stop = stop
    }

    /// Records that reached stdout.
    var recordsWritten: Int { written.load(ordering: .relaxed) }

    /// The `errno` of the write that stdout failed, if one did (EPIPE: the reader went away).
    var outputError: Int32? {
        let code = outputFailure.load(ordering: .relaxed)
        return code == 0 ? nil : code
    }

    func write(_ record: Record, line: [UInt8]) throws(SinkError) {
        files.write(record, line: line)
        guard outputError == nil else { return }
        do {
            try JSONLinesSink.standardOutput.write(record, line: line)
        } catch {
            outputFailure.store(error.code, ordering: .relaxed)
            stop()
            return
        }
        written.add(1, ordering: .relaxed)
        progress?.count(record)
    }

    func finish() throws(SinkError) {
        files.finish()
    }
}
