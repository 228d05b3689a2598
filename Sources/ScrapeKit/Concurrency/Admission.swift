import Foundation

/// Bounds how many URLs are inside the pipeline at once, from the moment they are read until
/// their record is handed out. Every queue behind the reader is bounded by it, so memory does
/// not depend on the length of the list; with `--ordered` it also bounds the reorder buffer,
/// because a URL cannot be read until the one `window` places before it has been emitted.
final class Admission: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    private var available: Int
    private var cancelled = false

    init(window: Int) {
        self.window = max(1, window)
        available = self.window
    }

    /// URLs read and not yet handed out as records.
    var occupied: Int {
        condition.withLock { window - available }
    }

    /// Waits for room; false once the run is cancelled.
    func enter() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while available == 0 && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        available -= 1
        return true
    }

    func leave() {
        condition.withLock {
            available += 1
            condition.signal()
        }
    }

    func cancel() {
        condition.withLock {
            cancelled = true
            condition.broadcast()
        }
    }
}
