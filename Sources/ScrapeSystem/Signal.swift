#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signals the command line handles, and the one call it makes on them.
package struct Signal: Sendable {
    package let rawValue: Int32

    /// Ctrl-C.
    package static let interrupt = Signal(rawValue: SIGINT)
    /// A polite stop, as Kubernetes sends it.
    package static let terminate = Signal(rawValue: SIGTERM)
    /// A closing terminal.
    package static let hangUp = Signal(rawValue: SIGHUP)
    /// A write to a pipe whose reader went away (`scrape … | head`).
    package static let brokenPipe = Signal(rawValue: SIGPIPE)

    /// Stops the signal's default action (ending the process), so that it is only seen where it
    /// is watched for, or, for a broken pipe, as the failed write's `EPIPE`.
    package func ignore() {
        _ = signal(rawValue, SIG_IGN)
    }
}
