import Foundation

/// Hands URLs to the fetch threads of the threaded runners so that no thread waits for a busy
/// host while another host's URL could go: at most `limit` transfers to one host at a time,
/// their starts paced, and URLs of a full host parked here rather than held by a thread.
final class HostGate: @unchecked Sendable {
    /// What a fetch thread does next.
    enum Work {
        /// Fetch, once `pacing` has passed; the host's slot is already taken.
        case fetch(Attempt, pacing: Duration)
        /// Nothing to fetch: the URL's record is already known (invalid, disallowed, interrupted).
        case done(FetchedPage)
    }

    private let limit: Int
    private let maxParked: Int
    private let condition = NSCondition()
    private var inUse: [String: Int] = [:]
    private var pacer: HostPacer
    private var parked: [Attempt] = []
    private var inputFinished = false
    private var cancelled = false

    init(limit: Int, rate: Double?, maxParked: Int) {
        self.limit = max(1, limit)
        self.maxParked = max(1, maxParked)
        pacer = HostPacer(rate: rate)
    }

    /// The next work for a fetch thread, waiting while every waiting URL's host is full;
    /// nil once the input is used up (or the run cancelled).
    /// - Parameter vet: turns a URL read from `input` into an attempt, or its final page; it
    ///   may block (robots.txt), so it runs outside the lock.
    func next(from input: BlockingQueue<InputURL>, vet: (InputURL) -> Work) -> Work? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled {
            if let index = parked.firstIndex(where: hasRoom) {
                return take(parked.remove(at: index))
            }
            if !inputFinished && parked.count < maxParked {
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
                    if hasRoom(attempt) { return take(attempt) }
                    parked.append(attempt)
                }
                continue
            }
            if inputFinished && parked.isEmpty { return nil }
            condition.wait()
        }
        return nil
    }

    /// Waits for a free slot of `host` (a retry) and books the request's start.
    /// - Returns: how long the caller must still wait before starting, for the host's pacing.
    func enter(_ host: String) -> Duration {
        condition.lock()
        defer { condition.unlock() }
        while inUse[host, default: 0] >= limit && !cancelled { condition.wait() }
        return book(host)
    }

    func leave(_ host: String) {
        condition.withLock {
            inUse[host, default: 1] -= 1
            if inUse[host] == 0 { inUse[host] = nil }
            condition.broadcast()
        }
    }

    /// Wakes every waiting thread for good; the parked URLs are returned for their records.
    func cancel() -> [Attempt] {
        condition.withLock {
            cancelled = true
            condition.broadcast()
            defer { parked = [] }
            return parked
        }
    }

    private func hasRoom(_ attempt: Attempt) -> Bool {
        inUse[attempt.host, default: 0] < limit
    }

    private func take(_ attempt: Attempt) -> Work {
        .fetch(attempt, pacing: book(attempt.host))
    }

    private func book(_ host: String) -> Duration {
        inUse[host, default: 0] += 1
        let now = ContinuousClock.now
        let start = max(now, pacer.earliestStart(for: host) ?? now)
        pacer.book(host, at: start)
        return now.duration(to: start)
    }
}
