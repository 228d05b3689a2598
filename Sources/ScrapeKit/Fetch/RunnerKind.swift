/// The three ways to fetch, interchangeable: the same records come out of each.
public enum RunnerKind: String, Sendable, CaseIterable {
    /// One libcurl multi handle on one thread: many transfers in flight, non-blocking.
    case async
    /// `concurrency` OS threads, each doing blocking transfers with its own reused handle.
    case threads
    /// One transfer at a time: the `requests`-in-a-loop baseline.
    case blocking

    func makeRunner(policy: FetchPolicy) -> any FetchRunner {
        switch self {
        case .async: AsyncRunner(policy: policy)
        case .threads: ThreadedRunner(policy: policy, threads: policy.concurrency)
        case .blocking: ThreadedRunner(policy: policy, threads: 1)
        }
    }
}
