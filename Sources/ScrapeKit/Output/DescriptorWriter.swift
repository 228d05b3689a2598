#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole buffers to a file descriptor, so that a JSON line is never torn and a failed
/// write is an error the caller decides about.
///
/// Foundation's `FileHandle.write` traps on any error, and a closed pipe (`scrape … | head`) is an
/// ordinary event when SIGPIPE is ignored, which the command does so that the run can stop in order.
package struct DescriptorWriter: Sendable {
    package static let standardError = DescriptorWriter(descriptor: 2)

    let descriptor: Int32

    /// Writes every byte, resuming after partial writes and signals.
    /// - Returns: nil when all is written, else the `errno` of the write that failed.
    @discardableResult
    package func write(_ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    return errno
                }
            }
            return nil
        }
    }
}

/// The system's `write(2)`, under a name `DescriptorWriter.write` does not shadow.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
