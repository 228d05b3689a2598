import Foundation

/// At most `limit` transfers to one host at a time, across threads.
final class HostGate: @unchecked Sendable {
    private let limit: Int
    private let condition = NSCondition()
    private var inUse: [String: Int] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func enter(_ host: String) {
        condition.lock()
        while inUse[host, default: 0] >= limit { condition.wait() }
        inUse[host, default: 0] += 1
        condition.unlock()
    }

    func leave(_ host: String) {
        condition.withLock {
            inUse[host, default: 1] -= 1
            if inUse[host] == 0 { inUse[host] = nil }
            condition.broadcast()
        }
    }
}
