import Curl

/// Blocking transfers on `threads` OS threads, each with its own reused easy handle: the
/// thread-pool design, and with one thread, the one-page-at-a-time baseline.
struct ThreadedRunner: FetchRunner {
    let policy: FetchPolicy
    let threads: Int

    func run(input: BlockingQueue<InputURL>, output: BlockingQueue<FetchedPage>, cancellation: Cancellation) {
        let gate = HostGate(limit: policy.perHost, rate: policy.ratePerHost)
        let transfer = Transfer(policy: policy)
        let robots = policy.obeysRobots ? RobotsCache(policy: policy, cancellation: cancellation) : nil
        defer { robots?.close() }
        WorkerThreads.start(count: max(1, threads), name: "fetch") { _ in
            let easy = CurlEasy()
            easy.shouldAbort = { cancellation.isCancelled }
            while let url = input.pop() {
                output.push(fetch(url, with: easy, transfer: transfer, gate: gate, robots: robots, cancellation: cancellation))
            }
        }.join()
    }

    private func fetch(_ url: InputURL, with easy: CurlEasy, transfer: Transfer, gate: HostGate, robots: RobotsCache?,
                       cancellation: Cancellation) -> FetchedPage {
        var attempt: Attempt
        switch policy.validate(url.url) {
        case .failure(let error): return .failed(url, error)
        case .success(let target): attempt = Attempt(input: url, target: target)
        }
        switch robots?.waitForVerdict(for: attempt.target, cancellation: cancellation) {
        case .disallowed(let error): return .failed(url, error)
        case .pending: return .interrupted(url)
        case .allowed, nil: break
        }
        while true {
            if cancellation.isCancelled { return .interrupted(url) }
            let pacing = gate.enter(attempt.host)
            if pacing > .zero && cancellation.wait(seconds: pacing.seconds) {
                gate.leave(attempt.host)
                return .interrupted(url)
            }
            transfer.prepare(easy, for: attempt)
            let result = easy.perform()
            gate.leave(attempt.host)
            switch transfer.finish(easy, result, attempt: attempt) {
            case .done(let page):
                return page
            case .retry(let next, let delay):
                if cancellation.wait(seconds: delay) { return .interrupted(url) }
                attempt = next
            }
        }
    }
}
