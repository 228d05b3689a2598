import ScrapeSystem

/// JSON Lines to a file descriptor, standard output by default: one `write` per record, so
/// lines are never torn, whoever else writes there.
public struct JSONLinesSink: RecordSink {
    /// Standard output, as the command line writes it.
    public static let standardOutput = JSONLinesSink(descriptor: 1)

    private let file: FileDescriptor

    /// Writes to `descriptor`, which stays open: its owner closes it.
    public init(descriptor: Int32) {
        file = FileDescriptor(rawValue: descriptor)
    }

    /// Throws with the `errno` of the failed write; `EPIPE` means the reader went away (with
    /// SIGPIPE ignored, as the command line does).
    public func write(_ record: Record, line: [UInt8]) throws(SinkError) {
        do throws(SystemError) { try file.writeAll(line) } catch { throw SinkError(error) }
    }
}
