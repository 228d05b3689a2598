import Curl
import DequeModule

/// Every transfer on one libcurl multi handle, driven by one thread: the event-driven design.
///
/// The loop never blocks on the stages around it. It takes URLs only when it has a free slot,
/// starts a transfer only while the parse queue has room, and sleeps in `curl_multi_poll`, from
/// which new input, a drained parse queue or a cancel wakes it.
struct AsyncRunner: FetchRunner {
    let policy: FetchPolicy

    func run(input: BlockingQueue<InputURL>, output: BlockingQueue<FetchedPage>, cancellation: Cancellation) {
        var loop = Loop(policy: policy, input: input, output: output)
        loop.run(cancellation: cancellation)
        interruptRemaining(input, into: output)
    }
}

/// The mutable state of one async run; lives on the runner's thread only.
private struct Loop {
    let policy: FetchPolicy
    let input: BlockingQueue<InputURL>
    let output: BlockingQueue<FetchedPage>
    let multi: CurlMulti
    let transfer: Transfer
    var idle: [CurlEasy] = []
    var active: [ObjectIdentifier: (CurlEasy, Attempt)] = [:]
    var perHost: [String: Int] = [:]
    /// URLs read but waiting for their host to have a free slot.
    var parked = Deque<Attempt>()
    /// Retries waiting for their backoff to pass.
    var delayed: [(due: ContinuousClock.Instant, attempt: Attempt)] = []
    var inputFinished = false

    init(policy: FetchPolicy, input: BlockingQueue<InputURL>, output: BlockingQueue<FetchedPage>) {
        self.policy = policy
        self.input = input
        self.output = output
        multi = CurlMulti(maxConnections: policy.concurrency)
        transfer = Transfer(policy: policy)
    }

    mutating func run(cancellation: Cancellation) {
        let multi = self.multi
        input.setOnPush { multi.wakeup() }
        output.setOnPop { multi.wakeup() }
        cancellation.whenCancelled { multi.wakeup() }
        defer {
            input.setOnPush(nil)
            output.setOnPop(nil)
        }
        while !cancellation.isCancelled {
            admit()
            if active.isEmpty && inputFinished && parked.isEmpty && delayed.isEmpty { return }
            multi.poll(milliseconds: pollTimeout())
            multi.perform()
            for (easy, result) in multi.finished() { complete(easy, result) }
        }
        interruptAll()
    }

    private mutating func admit() {
        while active.count < policy.concurrency && !output.isFull {
            let now = ContinuousClock.now
            if let due = delayed.firstIndex(where: { $0.due <= now && hasRoom($0.attempt) }) {
                start(delayed.remove(at: due).attempt)
            } else if let ready = parked.firstIndex(where: hasRoom) {
                start(parked.remove(at: ready))
            } else if !inputFinished && parked.count < policy.concurrency * 2 {
                switch input.poll() {
                case .item(let url): accept(url)
                case .empty: return
                case .finished: inputFinished = true
                }
            } else {
                return
            }
        }
    }

    private mutating func accept(_ url: InputURL) {
        switch policy.validate(url.url) {
        case .failure(let error):
            output.pushNow(.failed(url, error))
        case .success(let target):
            let attempt = Attempt(input: url, target: target)
            if hasRoom(attempt) { start(attempt) } else { parked.append(attempt) }
        }
    }

    private func hasRoom(_ attempt: Attempt) -> Bool {
        perHost[attempt.host, default: 0] < policy.perHost
    }

    private mutating func start(_ attempt: Attempt) {
        let easy = idle.popLast() ?? CurlEasy()
        transfer.prepare(easy, for: attempt)
        active[ObjectIdentifier(easy)] = (easy, attempt)
        perHost[attempt.host, default: 0] += 1
        multi.add(easy)
    }

    private mutating func complete(_ easy: CurlEasy, _ result: CurlResult) {
        guard let (_, attempt) = active.removeValue(forKey: ObjectIdentifier(easy)) else { return }
        multi.remove(easy)
        perHost[attempt.host, default: 1] -= 1
        switch transfer.finish(easy, result, attempt: attempt) {
        case .done(let page):
            output.pushNow(page)
        case .retry(let next, let delay):
            delayed.append((ContinuousClock.now + .milliseconds(Int(delay * 1000)), next))
        }
        idle.append(easy)
    }

    /// Long enough to sleep through quiet periods, short enough to start a due retry on time.
    private func pollTimeout() -> Int {
        guard let due = delayed.map(\.due).min() else { return 1000 }
        let wait = ContinuousClock.now.duration(to: due)
        let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        return Int(max(0, min(1000, milliseconds)))
    }

    private mutating func interruptAll() {
        for (easy, attempt) in active.values {
            multi.remove(easy)
            output.pushNow(.interrupted(attempt.input))
        }
        active = [:]
        for attempt in parked { output.pushNow(.interrupted(attempt.input)) }
        for (_, attempt) in delayed { output.pushNow(.interrupted(attempt.input)) }
        parked = []
        delayed = []
    }
}
