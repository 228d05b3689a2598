import Curl
import WHATWGURL

/// Blocking transfers on `threads` OS threads, each with its own reused easy handle: the
/// thread-pool design, and with one thread, the one-page-at-a-time baseline.
struct ThreadedRunner: FetchRunner {
    let policy: FetchPolicy
    let threads: Int

    func run(input: BlockingQueue<InputURL>, output: BlockingQueue<FetchedPage>, cancellation: Cancellation) {
        let transfer = Transfer(policy: policy, acrossThreads: true, cancellation: cancellation)
        let robots = transfer.robots
        let gate = HostGate(limit: policy.perHost, rate: policy.ratePerHost, maxParked: 2 * threads,
                            spacing: robots?.spacing)
        defer { robots?.close() }
        cancellation.whenCancelled {
            for attempt in gate.cancel() { output.pushNow(.interrupted(attempt.input)) }
        }
        WorkerThreads.start(count: max(1, threads), name: "fetch") { _ in
            let easy = transfer.makeEasy()
            easy.shouldAbort = { cancellation.isCancelled }
            while let work = gate.next(from: input, vet: { vet($0, robots: robots, cancellation: cancellation) }) {
                switch work {
                case .done(let page):
                    output.push(page)
                case .fetch(let attempt, let pacing):
                    output.push(fetch(attempt, after: pacing, with: easy, transfer: transfer, gate: gate,
                                      cancellation: cancellation))
                }
            }
        }.join()
        interruptRemaining(input, into: output)
    }

    /// The attempt for `url`, or its record when it must not be fetched.
    private func vet(_ url: InputURL, robots: RobotsCache?, cancellation: Cancellation) -> HostGate.Work {
        if cancellation.isCancelled { return .done(.interrupted(url)) }
        let target: WebURL
        switch url.target {
        case .failure(let error): return .done(.failed(url, error))
        case .success(let valid): target = valid
        }
        switch robots?.waitForVerdict(for: target, cancellation: cancellation) {
        case .disallowed(let error): return .done(.failed(url, error))
        case .pending: return .done(.interrupted(url))
        case .allowed, nil: return .fetch(Attempt(input: url, target: target), pacing: .zero)
        }
    }

    /// Fetches with the host's slot already taken, retrying (each retry waits for a slot again).
    private func fetch(_ first: Attempt, after pacing: Duration, with easy: CurlEasy, transfer: Transfer,
                       gate: HostGate, cancellation: Cancellation) -> FetchedPage {
        var attempt = first
        var wait = pacing
        while true {
            if cancellation.isCancelled || (wait > .zero && cancellation.wait(seconds: wait.seconds)) {
                gate.leave(attempt.host)
                return .interrupted(attempt.input)
            }
            transfer.prepare(easy, for: attempt)
            let result = easy.perform()
            gate.leave(attempt.host)
            switch transfer.finish(easy, result, attempt: attempt) {
            case .done(let page):
                return page
            case .retry(let next, let delay):
                if cancellation.wait(seconds: delay) { return .interrupted(attempt.input) }
                attempt = next
                wait = gate.enter(attempt.host)
            }
        }
    }
}
