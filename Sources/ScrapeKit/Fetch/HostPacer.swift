/// Spaces the requests to one host at least `interval` apart (`--rate-per-host`, or the host's
/// robots.txt `Crawl-delay` when longer), retries included: politeness a server can count on,
/// whatever the concurrency.
struct HostPacer: Sendable {
    typealias Instant = ContinuousClock.Instant

    private let interval: Duration?
    private var next: [String: Instant] = [:]
    /// Size at which entries whose spacing has passed are dropped; it doubles with the live ones,
    /// so that many hosts paced at once do not make every booking a sweep.
    private var pruneAt = 10_000

    /// - Parameter rate: requests per second to one host; nil for no pacing.
    init(rate: Double?) {
        interval = rate.map { .nanoseconds(Int64(1e9 / $0)) }
    }

    /// When a request to `host` may start, at the earliest.
    func earliestStart(for host: String) -> Instant? {
        next[host]
    }

    /// Whether a request to `host` may start at `now`.
    func allows(_ host: String, at now: Instant) -> Bool {
        next[host].map { $0 <= now } ?? true
    }

    /// Books a request to `host` at `start`, no earlier than `earliestStart(for:)`.
    /// - Parameter spacing: the host's own spacing (its `Crawl-delay`), if it asks one.
    mutating func book(_ host: String, at start: Instant, spacing: Duration? = nil) {
        guard let interval = [interval, spacing].compactMap({ $0 }).max() else { return }
        if next.count >= pruneAt {
            next = next.filter { $0.value > start }
            pruneAt = max(10_000, next.count * 2)
        }
        next[host] = start + interval
    }
}
