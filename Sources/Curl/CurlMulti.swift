import CCurl

/// A libcurl multi handle: many transfers in flight on one thread, connections shared between them.
///
/// Driven by one thread; only `wakeup()` may be called from others.
public final class CurlMulti: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer

    /// `maxConnections` bounds the connection cache, so reused connections are not closed early.
    public init(maxConnections: Int) {
        _ = CurlGlobal.initialized
        handle = curl_multi_init()!
        _ = scrape_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, maxConnections)
    }

    deinit {
        curl_multi_cleanup(handle)
    }

    public func add(_ easy: CurlEasy) {
        _ = curl_multi_add_handle(handle, easy.handle)
    }

    public func remove(_ easy: CurlEasy) {
        _ = curl_multi_remove_handle(handle, easy.handle)
    }

    /// Moves every transfer forward as far as its sockets allow, without blocking.
    public func perform() {
        var running: Int32 = 0
        _ = curl_multi_perform(handle, &running)
    }

    /// Sleeps until a socket is ready, libcurl's next timeout, `wakeup()`, or `milliseconds`.
    public func poll(milliseconds: Int) {
        var ready: Int32 = 0
        _ = curl_multi_poll(handle, nil, 0, Int32(milliseconds), &ready)
    }

    /// Interrupts a `poll` in progress; safe from any thread.
    public func wakeup() {
        _ = curl_multi_wakeup(handle)
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
