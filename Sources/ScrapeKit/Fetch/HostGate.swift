import Foundation

/// At most `limit` transfers to one host at a time, and their starts paced, across threads.
final class HostGate: @unchecked Sendable {
    private let limit: Int
    private let condition = NSCondition()
    private var inUse: [String: Int] = [:]
    private var pacer: HostPacer

    init(limit: Int, rate: Double?) {
        self.limit = max(1, limit)
        pacer = HostPacer(rate: rate)
    }

    /// Waits for a free slot of `host` and books the request's start.
    /// - Returns: how long the caller must still wait before starting, for the host's pacing.
    func enter(_ host: String) -> Duration {
        condition.lock()
        defer { condition.unlock() }
        while inUse[host, default: 0] >= limit { condition.wait() }
        inUse[host, default: 0] += 1
        let now = ContinuousClock.now
        let start = max(now, pacer.earliestStart(for: host) ?? now)
        pacer.book(host, at: start)
        return now.duration(to: start)
    }

    func leave(_ host: String) {
        condition.withLock {
            inUse[host, default: 1] -= 1
            if inUse[host] == 0 { inUse[host] = nil }
            condition.broadcast()
        }
    }
}
