/// The fetch stage: takes URLs from `input` until it is closed and drained, and delivers exactly
/// one page (fetched or failed) for each into `output`. Returns when all are delivered.
protocol FetchRunner: Sendable {
    func run(input: BlockingQueue<InputURL>, output: BlockingQueue<FetchedPage>, cancellation: Cancellation)
}

extension FetchRunner {
    /// After a cancel: every URL still waiting gets its `interrupted` page, so none goes missing.
    func interruptRemaining(_ input: BlockingQueue<InputURL>, into output: BlockingQueue<FetchedPage>) {
        while let url = input.pop() {
            output.pushNow(.interrupted(url))
        }
    }
}

extension FetchedPage {
    static func interrupted(_ input: InputURL) -> FetchedPage {
        .failed(input, ScrapeError(.interrupted, "run interrupted before this URL finished"))
    }
}
