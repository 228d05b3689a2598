import CCurl

/// A libcurl multi handle: many transfers in flight on one thread, connections shared between them.
///
/// It runs on libcurl's socket interface rather than `curl_multi_perform`, which reads every
/// ready socket in one call: transfers that finish in the same call are then refilled in the
/// same instant, and when they were started together (the first ones of a run) they stay in step
/// for the whole run, each round paying for reading all of the round's bodies. Here each socket
/// is read on its own, and the caller sees what finished after each.
///
/// Driven by one thread; only `wakeup()` may be called from others.
public final class CurlMulti: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let events: OpaquePointer
    /// How many sockets the last `poll` found ready, for `perform` to act on.
    private var readySockets = 0
    /// A transfer was added since libcurl's timer last ran: the timer is where it starts.
    private var added = false

    /// `maxConnections` bounds the connection cache, so reused connections are not closed early.
    public init(maxConnections: Int) {
        _ = CurlGlobal.initialized
        handle = curl_multi_init()!
        // Made once, at the start of a run: failing here means the process has no file
        // descriptors left before it has opened a single connection.
        guard let events = scrape_events_new(handle) else { fatalError("no epoll set or eventfd for the fetch loop") }
        self.events = events
        _ = scrape_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, maxConnections)
    }

    deinit {
        curl_multi_cleanup(handle)
        scrape_events_free(events)
    }

    public func add(_ easy: CurlEasy) {
        _ = curl_multi_add_handle(handle, easy.handle)
        added = true
    }

    public func remove(_ easy: CurlEasy) {
        _ = curl_multi_remove_handle(handle, easy.handle)
    }

    /// Sleeps until a socket is ready, libcurl's next timeout, `wakeup()`, or `milliseconds`.
    public func poll(milliseconds: Int) {
        readySockets = Int(scrape_events_wait(events, Int32(clamping: milliseconds)))
    }

    /// Moves forward the transfers on each socket the last `poll` found ready, one socket at a
    /// time, then those libcurl's timer holds (new transfers start there), without blocking.
    /// `afterEach` runs after each step: the moment to take `finished()` transfers and add the
    /// next, which are started at once. (A large body takes several steps, most of which finish
    /// nothing: the timer, which costs a clock read, is run between steps only when a transfer
    /// was added.)
    public func perform(afterEach: () -> Void) {
        for index in 0..<readySockets {
            scrape_events_act(events, Int32(index))
            afterEach()
            if added { runTimers() }
        }
        readySockets = 0
        runTimers()
        afterEach()
    }

    private func runTimers() {
        added = false
        scrape_events_run_timers(events)
    }

    /// Interrupts a `poll` in progress; safe from any thread.
    public func wakeup() {
        scrape_events_wakeup(events)
    }

    /// The transfers that finished since the last call, with how they ended. They stay added;
    /// the caller removes or reuses them.
    public func finished() -> [(CurlEasy, CurlResult)] {
        var done: [(CurlEasy, CurlResult)] = []
        var queued: Int32 = 0
        while let message = curl_multi_info_read(handle, &queued) {
            guard scrape_multi_msg_is_done(message) != 0, let raw = scrape_multi_msg_easy(message) else { continue }
            var context: UnsafeMutableRawPointer?
            _ = scrape_easy_getinfo_pointer(raw, CURLINFO_PRIVATE, &context)
            guard let context else { continue }
            let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
            done.append((easy, easy.result(for: scrape_multi_msg_result(message))))
        }
        return done
    }
}
