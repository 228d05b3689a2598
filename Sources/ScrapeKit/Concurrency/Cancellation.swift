import Foundation
import Synchronization

/// The stop signal of one run, readable from any thread without a lock.
final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)
    private let condition = NSCondition()
    private let actions = Locked<[@Sendable () -> Void]>([])

    var isCancelled: Bool { flag.load(ordering: .relaxed) }

    func cancel() {
        flag.store(true, ordering: .relaxed)
        condition.withLock { condition.broadcast() }
        for action in actions.withLock({ $0 }) { action() }
    }

    /// Runs `action` when the run is cancelled (at once if it already is), e.g. to wake a
    /// thread sleeping in a poll.
    func whenCancelled(_ action: @escaping @Sendable () -> Void) {
        actions.withLock { $0.append(action) }
        if isCancelled { action() }
    }

    /// Waits `seconds` (a retry backoff) unless the run is cancelled first; true when cancelled.
    func wait(seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !isCancelled && condition.wait(until: deadline) {}
        return isCancelled
    }
}
