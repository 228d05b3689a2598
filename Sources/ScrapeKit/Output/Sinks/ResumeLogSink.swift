#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON Lines file that runs append their records to (`--resume FILE`), kept across runs;
/// `CompletedURLs(recordsAt:)` reads back which URLs it has done.
///
/// Opening it cuts off a last line that has no newline, which a killed run can leave behind,
/// so the next record starts on a line of its own; each record is then appended with one write.
public final class ResumeLogSink: RecordSink {
    private let descriptor: Int32

    /// Opens `path` for appending, creating it if needed.
    public init(path: String) throws(SinkError) {
        descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SinkError(path: path, code: errno) }
        let end = lseek(descriptor, 0, SEEK_END)
        let complete = Self.endOfLastLine(descriptor, before: end)
        guard complete == end || ftruncate(descriptor, complete) == 0 else {
            let failure = errno
            close(descriptor)
            throw SinkError(path: path, code: failure)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Appends one encoded record (a whole line), or nothing: a write cut short (a full disk)
    /// is taken back, so the file never holds a torn line that a later record would run into.
    public func write(_ record: Record, line: [UInt8]) throws(SinkError) {
        let end = lseek(descriptor, 0, SEEK_END)
        if let failure = DescriptorWriter(descriptor: descriptor).write(line) {
            if end >= 0 { _ = ftruncate(descriptor, end) }
            throw SinkError(code: failure)
        }
    }

    /// The offset just past the last newline before `end` (0 if there is none), read backwards
    /// a block at a time: a torn last line may be megabytes of script text.
    private static func endOfLastLine(_ descriptor: Int32, before end: off_t) -> off_t {
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        var blockEnd = end
        while blockEnd > 0 {
            let blockStart = max(0, blockEnd - off_t(block.count))
            let count = pread(descriptor, &block, Int(blockEnd - blockStart), blockStart)
            guard count > 0 else { return end }
            if let newline = block[..<count].lastIndex(of: UInt8(ascii: "\n")) {
                return blockStart + off_t(newline) + 1
            }
            blockEnd = blockStart
        }
        return 0
    }
}
