import DequeModule
import ScrapeSystem

/// One JSON Lines file per site in a directory (`--by-host DIR`): `DIR/<host>.jsonl`, each record
/// appended to its host's file as a whole line, as `ResumeLogSink` appends.
///
/// Cheap however many pages and sites: a write is one `write(2)`, and at most `openFiles` files
/// are open at once (the least recently used is closed for the next), so a crawl of 100,000
/// pages over thousands of hosts never runs out of descriptors. Files of an earlier run are
/// appended to, so a resumed crawl adds to them.
public final class HostFilesSink: RecordSink {
    public let directory: String
    private let openFiles: Int
    private let files = Locked(OpenFiles())

    private struct OpenFiles {
        var sinks: [String: ResumeLogSink] = [:]
        /// Least recently used first.
        var order = Deque<String>()
    }

    /// Creates `directory` if need be; throws when that fails.
    public init(directory: String, openFiles: Int = 64) throws(SinkError) {
        self.directory = directory
        self.openFiles = max(1, openFiles)
        do throws(SystemError) { try FileSystem.makeDirectory(directory) } catch { throw SinkError(path: directory, error) }
    }

    public func write(_ record: Record, line: [UInt8]) throws(SinkError) {
        let site = SiteName.of(record.url)
        let sink = files.withLock { files -> Result<ResumeLogSink, SinkError> in
            if let open = files.sinks[site] {
                if let position = files.order.firstIndex(of: site), position != files.order.count - 1 {
                    files.order.remove(at: position)
                    files.order.append(site)
                }
                return .success(open)
            }
            if files.sinks.count >= openFiles, let oldest = files.order.popFirst() { files.sinks[oldest] = nil }
            let opened = Result { () throws(SinkError) in try ResumeLogSink(path: directory + "/" + site + ".jsonl") }
            if case .success(let sink) = opened {
                files.sinks[site] = sink
                files.order.append(site)
            }
            return opened
        }
        try sink.get().write(record, line: line)
    }
}
