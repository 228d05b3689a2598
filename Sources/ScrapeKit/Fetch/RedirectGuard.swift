import WHATWGURL

/// Judges each redirect hop of a transfer before it is requested: a crawl refuses hops that leave
/// its scope, or that lead to a page it has fetched, or will fetch, on its own.
///
/// Called on the fetching thread (the async loop, or a fetch thread), so it must answer at once.
protocol RedirectGuard: Sendable {
    /// Why the transfer of `attempt` must not follow its redirect to `hop`; nil to follow it.
    func refusal(of hop: WebURL, redirecting attempt: Attempt) -> ScrapeError?
}
