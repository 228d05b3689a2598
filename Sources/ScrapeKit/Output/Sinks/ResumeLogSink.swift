import ScrapeSystem

/// A JSON Lines file that runs append their records to (`--resume FILE`), kept across runs;
/// `CompletedURLs(recordsAt:)` reads back which URLs it has done.
///
/// Opening it cuts off a last line that has no newline, which a killed run can leave behind,
/// so the next record starts on a line of its own; each record is then appended with one write.
public final class ResumeLogSink: RecordSink {
    private let file: FileDescriptor

    /// Opens `path` for appending, creating it if needed.
    public init(path: String) throws(SinkError) {
        do throws(SystemError) {
            file = try .open(path, .append)
        } catch {
            throw SinkError(path: path, error)
        }
        // Once `file` is set, deinit closes it, also when this throws.
        do throws(SystemError) {
            let end = try file.end()
            let complete = try Self.endOfLastLine(file, before: end)
            if complete != end { try file.truncate(to: complete) }
        } catch {
            throw SinkError(path: path, error)
        }
    }

    deinit {
        file.close()
    }

    /// Appends one encoded record (a whole line), or nothing: a write cut short (a full disk)
    /// is taken back, so the file never holds a torn line that a later record would run into.
    public func write(_ record: Record, line: [UInt8]) throws(SinkError) {
        let end = try? file.end()
        do throws(SystemError) {
            try file.writeAll(line)
        } catch {
            if let end { try? file.truncate(to: end) }
            throw SinkError(error)
        }
    }

    /// The offset just past the last newline before `end` (0 if there is none), read backwards
    /// a block at a time: a torn last line may be megabytes of script text.
    private static func endOfLastLine(_ file: FileDescriptor, before end: Int64) throws(SystemError) -> Int64 {
        var blockEnd = end
        while blockEnd > 0 {
            let blockStart = max(0, blockEnd - 64 * 1024)
            let block = try file.read(upTo: Int(blockEnd - blockStart), at: blockStart)
            guard !block.isEmpty else { return end }
            if let newline = block.lastIndex(of: UInt8(ascii: "\n")) {
                return blockStart + Int64(newline) + 1
            }
            blockEnd = blockStart
        }
        return 0
    }
}
