import DequeModule

/// The last hand-off: parse threads send records, one async consumer receives them.
final class RecordChannel: Sendable {
    /// A record and the position of its URL among those the run fetches, for `--ordered`.
    typealias Item = (record: Record, sequence: Int)

    private struct State {
        var buffer = Deque<Item>()
        var waiter: CheckedContinuation<Item?, Never>?
        var finished = false
    }

    private let state = Locked(State())

    func send(_ record: Record, sequence: Int) {
        let item = (record, sequence)
        let waiter = state.withLock { state -> CheckedContinuation<Item?, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.buffer.append(item)
            return nil
        }
        waiter?.resume(returning: item)
    }

    /// No more records will be sent.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<Item?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next record, or nil once every record has been received.
    func receive() async -> Item? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Item?? in
                if let item = state.buffer.popFirst() { return .some(item) }
                if state.finished { return .some(nil) }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
