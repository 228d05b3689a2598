import Foundation

/// A value shared between pipeline threads, behind a lock.
///
/// Not `Synchronization.Mutex`: on Linux that is a bare futex, which ThreadSanitizer cannot see,
/// so `make sanitize` reported every access it guards as a race, and a real race would hide among
/// them. `NSLock` is a pthread mutex, which ThreadSanitizer understands; the cost is the same.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
