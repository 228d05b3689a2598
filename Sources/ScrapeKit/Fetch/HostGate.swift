import DequeModule
import Foundation

/// Hands URLs to the fetch threads of the threaded runners so that no thread waits for a busy
/// host while another host's URL could go: the async loop's `HostScheduler` (slots, pacing,
/// parking) behind a lock, with threads waiting on it for room.
final class HostGate: @unchecked Sendable {
    /// What a fetch thread does next.
    enum Work {
        /// Fetch, once `pacing` has passed; the host's slot is already taken.
        case fetch(Attempt, pacing: Duration)
        /// Nothing to fetch: the URL's record is already known (invalid, disallowed, interrupted).
        case done(FetchedPage)
    }

    private let maxParked: Int
    private let condition = NSCondition()
    private var hosts: HostScheduler
    private var inputFinished = false
    private var cancelled = false

    init(limit: Int, rate: Double?, maxParked: Int, spacing: (@Sendable (String) -> Duration?)? = nil) {
        self.maxParked = max(1, maxParked)
        hosts = HostScheduler(limit: limit, rate: rate, spacing: spacing)
    }

    /// The next work for a fetch thread, waiting while every waiting URL's host is full;
    /// nil once the input is used up (or the run cancelled).
    /// - Parameter vet: turns a URL read from `input` into an attempt, or its final page; it
    ///   may block (robots.txt), so it runs outside the lock.
    func next(from input: BlockingQueue<InputURL>, vet: (InputURL) -> Work) -> Work? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled {
            if let ready = hosts.unpark() {
                return take(ready)
            }
            if !inputFinished && hosts.parked.count < maxParked {
                condition.unlock()
                let work = input.pop().map(vet)
                condition.lock()
                switch work {
                case nil:
                    inputFinished = true
                    condition.broadcast()
                case .done(let page)?:
                    return .done(page)
                case .fetch(let attempt, _)?:
                    // A cancel while the lock was open: the URL read still gets its record.
                    if cancelled { return .done(.interrupted(attempt.input)) }
                    if hosts.hasRoom(for: attempt.host) { return take(attempt) }
                    hosts.park(attempt)
                }
                continue
            }
            if inputFinished && hosts.parked.isEmpty { return nil }
            condition.wait()
        }
        return nil
    }

    /// Waits for a free slot of `host` (a retry) and books the request's start.
    /// - Returns: how long the caller must still wait before starting, for the host's pacing.
    func enter(_ host: String) -> Duration {
        condition.lock()
        defer { condition.unlock() }
        while !hosts.hasRoom(for: host) && !cancelled { condition.wait() }
        return book(host)
    }

    func leave(_ host: String) {
        condition.withLock {
            hosts.finish(host)
            condition.broadcast()
        }
    }

    /// Wakes every waiting thread for good; the parked URLs are returned for their records.
    func cancel() -> Deque<Attempt> {
        condition.withLock {
            cancelled = true
            condition.broadcast()
            return hosts.removeAllParked()
        }
    }

    private func take(_ attempt: Attempt) -> Work {
        .fetch(attempt, pacing: book(attempt.host))
    }

    /// Takes `host`'s slot; how long the thread must wait for its pacing before starting.
    private func book(_ host: String) -> Duration {
        let now = ContinuousClock.now
        return now.duration(to: hosts.start(host, at: now))
    }
}
