import DequeModule
import Synchronization

/// The last hand-off: parse threads send records, one async consumer receives them.
final class RecordChannel: Sendable {
    private struct State {
        var buffer = Deque<Record>()
        var waiter: CheckedContinuation<Record?, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    func send(_ record: Record) {
        let waiter = state.withLock { state -> CheckedContinuation<Record?, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.buffer.append(record)
            return nil
        }
        waiter?.resume(returning: record)
    }

    /// No more records will be sent.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<Record?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next record, or nil once every record has been received.
    func receive() async -> Record? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Record?? in
                if let record = state.buffer.popFirst() { return .some(record) }
                if state.finished { return .some(nil) }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
