#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: its `errno`, and the system's words for it.
package struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    package var code: Int32

    package init(code: Int32) {
        self.code = code
    }

    /// The `errno` the last failed call on this thread left.
    static var last: SystemError { SystemError(code: errno) }

    /// A write to a pipe whose reader went away (with `Signal.brokenPipe` ignored).
    package var isBrokenPipe: Bool { code == EPIPE }

    package var description: String { String(cString: strerror(code)) }
}
