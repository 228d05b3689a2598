import DequeModule

/// Per-host admission, the same for every runner: at most `limit` transfers open to one host,
/// their starts spaced by the host's pacing (`HostPacer`), and URLs of a full host parked, in
/// the order they came, until it has room.
///
/// A value without a clock or a lock of its own: callers pass the time (so tests choose it) and
/// own the synchronisation (the async loop is one thread; `HostGate` wraps it in a lock).
struct HostScheduler {
    typealias Instant = ContinuousClock.Instant

    private let limit: Int
    private var inUse: [String: Int] = [:]
    private var pacer: HostPacer
    /// A host's own spacing between request starts (robots.txt `Crawl-delay`), if it asks one.
    private let spacing: (@Sendable (String) -> Duration?)?
    /// URLs waiting for their host to have room, oldest first.
    private(set) var parked = Deque<Attempt>()

    /// - Parameters:
    ///   - limit: transfers open to one host at once (`--per-host`).
    ///   - rate: request starts per second to one host (`--rate-per-host`); nil for no pacing.
    ///   - spacing: a host's own spacing, when longer than the rate's.
    init(limit: Int, rate: Double?, spacing: (@Sendable (String) -> Duration?)? = nil) {
        self.limit = max(1, limit)
        pacer = HostPacer(rate: rate)
        self.spacing = spacing
    }

    /// Whether `host` has a free slot.
    func hasRoom(for host: String) -> Bool {
        inUse[host, default: 0] < limit
    }

    /// Whether a request to `host` may start at `now`: a free slot, and its pacing has passed.
    func mayStart(_ host: String, at now: Instant) -> Bool {
        hasRoom(for: host) && pacer.allows(host, at: now)
    }

    /// Takes a slot of `host` for a request wanting to start at `now`.
    /// - Returns: when it may start: `now`, or later if the host's pacing says so.
    mutating func start(_ host: String, at now: Instant) -> Instant {
        inUse[host, default: 0] += 1
        let start = max(now, pacer.earliestStart(for: host) ?? now)
        pacer.book(host, at: start, spacing: spacing?(host))
        return start
    }

    /// Frees the slot a finished (or abandoned) request held.
    mutating func finish(_ host: String) {
        inUse[host, default: 1] -= 1
        if inUse[host] == 0 { inUse[host] = nil }
    }

    mutating func park(_ attempt: Attempt) {
        parked.append(attempt)
    }

    /// Takes out the oldest parked URL whose host has room, whose pacing has passed by `now`
    /// when a time is given, and that `allowed` accepts.
    mutating func unpark(pacedAt now: Instant? = nil, where allowed: (Attempt) -> Bool = { _ in true }) -> Attempt? {
        let ready = parked.firstIndex { attempt in
            (now.map { mayStart(attempt.host, at: $0) } ?? hasRoom(for: attempt.host)) && allowed(attempt)
        }
        return ready.map { parked.remove(at: $0) }
    }

    /// Applies `change` to each parked URL and keeps those it returns (robots verdicts).
    mutating func updateParked(_ change: (Attempt) -> Attempt?) {
        parked = Deque(parked.compactMap(change))
    }

    /// Every parked URL, taken out: for their records when the run stops.
    mutating func removeAllParked() -> Deque<Attempt> {
        defer { parked = [] }
        return parked
    }

    /// The earliest time after `now` at which pacing lets `host` start, if it is held back.
    func pacedStart(of host: String, after now: Instant) -> Instant? {
        pacer.earliestStart(for: host).flatMap { $0 > now ? $0 : nil }
    }
}
