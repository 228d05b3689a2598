#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file, with the few calls the sinks and the command line make on one.
///
/// Writes go out whole: `writeAll` resumes after partial writes and signals, so a JSON line is
/// never torn, and a failure is an error the caller decides about. (Foundation's
/// `FileHandle.write` traps on any error, and a closed pipe is an ordinary event when SIGPIPE is
/// ignored, as the command line ignores it so that a run can stop in order.)
package struct FileDescriptor: Sendable {
    package let rawValue: Int32

    package init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    package static let standardError = FileDescriptor(rawValue: 2)

    /// How a file is opened; every way closes the descriptor on `exec`.
    package enum Mode: Sendable {
        /// A new file for writing, refused when the name exists, also as a symlink: nothing
        /// planted in a directory is written through.
        case createNew
        /// Read and append, created when missing: a log that runs add to.
        case append

        var flags: Int32 {
            switch self {
            case .createNew: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC
            case .append: O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC
            }
        }
    }

    package static func open(_ path: String, _ mode: Mode) throws(SystemError) -> FileDescriptor {
        let descriptor = systemOpen(path, mode.flags, 0o644)
        guard descriptor >= 0 else { throw .last }
        return FileDescriptor(rawValue: descriptor)
    }

    package func close() {
        _ = systemClose(rawValue)
    }

    /// Writes every byte, resuming after partial writes and signals.
    package func writeAll(_ bytes: [UInt8]) throws(SystemError) {
        let failure = bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(rawValue, buffer.baseAddress! + offset, buffer.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    return errno
                }
            }
            return nil
        }
        if let failure { throw SystemError(code: failure) }
    }

    /// The file's size, where an append lands.
    package func end() throws(SystemError) -> Int64 {
        let end = lseek(rawValue, 0, SEEK_END)
        guard end >= 0 else { throw .last }
        return Int64(end)
    }

    /// Cuts the file to `length` bytes.
    package func truncate(to length: Int64) throws(SystemError) {
        guard ftruncate(rawValue, off_t(length)) == 0 else { throw .last }
    }

    /// Up to `count` bytes from `offset`: fewer at the end of the file, none past it.
    package func read(upTo count: Int, at offset: Int64) throws(SystemError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = pread(rawValue, &bytes, count, off_t(offset))
        guard read >= 0 else { throw .last }
        bytes.removeLast(count - read)
        return bytes
    }

    /// Whether the file is a terminal, where progress is drawn.
    package var isTerminal: Bool { isatty(rawValue) == 1 }
}

// The system's calls, under names the methods above do not shadow.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
