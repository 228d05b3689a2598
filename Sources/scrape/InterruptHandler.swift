import Dispatch
import Foundation
import Synchronization

/// Ctrl-C: the first stops the run in order (records of finished pages are still written, URLs
/// in flight get `interrupted` records); a second exits at once.
final class InterruptHandler {
    private let source: any DispatchSourceSignal
    private let presses = Presses()

    private final class Presses: Sendable {
        let count = Atomic<Int>(0)
    }

    init(onFirst: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [presses] in
            if presses.count.add(1, ordering: .relaxed).newValue == 1 {
                Diagnostics.note("interrupted: finishing records in flight (Ctrl-C again to quit at once)")
                onFirst()
            } else {
                exit(130)
            }
        }
        source.resume()
    }

    var fired: Bool { presses.count.load(ordering: .relaxed) > 0 }
}
