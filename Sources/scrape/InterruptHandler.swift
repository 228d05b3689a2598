import Dispatch
import Foundation
import ScrapeSystem
import Synchronization

/// Ctrl-C, and the SIGTERM and SIGHUP that Kubernetes and a closing terminal send: the first
/// stops the run in order (records of finished pages are still written, URLs in flight get
/// `interrupted` records, no line is cut); a second exits at once. Either way the exit status is
/// 128 + the first signal (130, 143, 129), as a shell reports a process ended by it.
final class InterruptHandler {
    private static let signals: [(signal: Signal, name: String)] = [(.interrupt, "Ctrl-C"), (.terminate, "SIGTERM"), (.hangUp, "SIGHUP")]
    private let sources: [any DispatchSourceSignal]
    private let first: First

    private final class First: Sendable {
        /// The first signal received; 0 for none yet.
        let signal = Atomic<Int32>(0)
    }

    init(onFirst: @escaping @Sendable () -> Void) {
        let first = First()
        self.first = first
        sources = Self.signals.map { signal, name in
            signal.ignore()
            let number = signal.rawValue
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [first] in
                guard first.signal.compareExchange(expected: 0, desired: number, ordering: .relaxed).exchanged else {
                    exit(128 + first.signal.load(ordering: .relaxed))
                }
                Diagnostics.note("interrupted: finishing records in flight (\(name) again to quit at once)")
                onFirst()
            }
            source.resume()
            return source
        }
    }

    /// The signal that stopped the run, if one did.
    var signalReceived: Int32? {
        let number = first.signal.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }
}
