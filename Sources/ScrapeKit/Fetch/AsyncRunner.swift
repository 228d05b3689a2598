import Curl
import DequeModule

/// Every transfer on one libcurl multi handle, driven by one thread: the event-driven design.
///
/// The loop never blocks on the stages around it. It takes URLs only when it has a free slot,
/// which it fills as soon as the transfer holding it ends, before the next socket is read. It
/// sleeps in `CurlMulti.poll`, from which a socket, libcurl's timer, a URL into an empty input
/// queue, room under a full parse queue or a cancel wakes it. It starts a transfer while the
/// pages in flight and those waiting for a parser stay within the concurrency plus the parse
/// queue's capacity: when parsing is the slower stage, transfers keep arriving as the parsers
/// free up (a page started only once the queue has room would leave the parsers idle for its
/// whole latency), and no more bodies are held than that sum.
struct AsyncRunner: FetchRunner {
    let policy: FetchPolicy

    func run(input: BlockingQueue<InputURL>, output: BlockingQueue<FetchedPage>, cancellation: Cancellation) {
        var loop = Loop(policy: policy, input: input, output: output, cancellation: cancellation)
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
    /// Slots, pacing and the URLs parked until their host has room.
    var hosts: HostScheduler
    var robots: RobotsCache? { transfer.robots }
    /// Retries waiting for their backoff to pass.
    var delayed: [(due: ContinuousClock.Instant, attempt: Attempt)] = []
    var inputFinished = false
    /// Pages finished in the current pass over the ready sockets, handed to the parsers together
    /// at its end: one wake-up for a pass's pages rather than one for each.
    var finishedPages: [FetchedPage] = []

    init(policy: FetchPolicy, input: BlockingQueue<InputURL>, output: BlockingQueue<FetchedPage>, cancellation: Cancellation) {
        self.policy = policy
        self.input = input
        self.output = output
        multi = CurlMulti(maxConnections: policy.concurrency)
        let multi = self.multi
        transfer = Transfer(policy: policy, acrossThreads: false, cancellation: cancellation) { multi.wakeup() }
        hosts = HostScheduler(limit: policy.perHost, rate: policy.ratePerHost,
                              spacing: transfer.robots?.spacing)
    }

    mutating func run(cancellation: Cancellation) {
        let multi = self.multi
        // Woken for the changes that can let it go on, not for every page: a URL into an input
        // queue it found empty, room under a parse queue that was full.
        input.setOnPush { waitingBefore in if waitingBefore == 0 { multi.wakeup() } }
        output.setOnPop { [capacity = output.capacity] waitingBefore in if waitingBefore >= capacity { multi.wakeup() } }
        cancellation.whenCancelled { [weak multi] in multi?.wakeup() }
        defer {
            input.setOnPush(nil)
            output.setOnPop(nil)
            robots?.close()
        }
        while !cancellation.isCancelled {
            admit()
            if active.isEmpty && inputFinished && hosts.parked.isEmpty && delayed.isEmpty { return }
            multi.poll(milliseconds: pollTimeout())
            multi.perform {
                let finished = multi.finished()
                guard !finished.isEmpty else { return }
                for (easy, result) in finished { complete(easy, result) }
                admit()
            }
            output.pushNow(contentsOf: finishedPages)
            finishedPages.removeAll(keepingCapacity: true)
        }
        interruptAll()
    }

    private mutating func admit() {
        refuseDisallowed()
        while active.count < policy.concurrency && active.count + output.count + finishedPages.count < policy.concurrency + output.capacity {
            let now = ContinuousClock.now
            if let due = delayed.firstIndex(where: { $0.due <= now && hasRoom($0.attempt, at: now) }) {
                start(delayed.remove(at: due).attempt)
            } else if let ready = hosts.unpark(pacedAt: now, where: robotsClear) {
                start(ready)
            } else if !inputFinished && hosts.parked.count < policy.concurrency * 2 {
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
        switch url.target {
        case .failure(let error):
            output.pushNow(.failed(url, error))
        case .success(let target):
            var attempt = Attempt(input: url, target: target)
            switch robots?.verdict(for: target) {
            case .disallowed(let error)?:
                output.pushNow(.failed(url, error))
                return
            case .allowed?:
                attempt.robotsAllowed = true
            case .pending?, nil:
                break
            }
            if hasRoom(attempt, at: .now) {
                start(attempt)
            } else {
                hosts.park(attempt)
            }
        }
    }

    /// Parked URLs whose site's robots.txt has arrived are judged, once: those it disallows get
    /// their record, the others are marked allowed.
    private mutating func refuseDisallowed() {
        guard let robots, hosts.parked.contains(where: { !$0.robotsAllowed }) else { return }
        let output = self.output
        hosts.updateParked { attempt in
            guard !attempt.robotsAllowed else { return attempt }
            switch robots.verdict(for: attempt.target) {
            case .disallowed(let error):
                output.pushNow(.failed(attempt.input, error))
                return nil
            case .allowed:
                var allowed = attempt
                allowed.robotsAllowed = true
                return allowed
            case .pending:
                return attempt
            }
        }
    }

    private func hasRoom(_ attempt: Attempt, at now: ContinuousClock.Instant) -> Bool {
        hosts.mayStart(attempt.host, at: now) && robotsClear(attempt)
    }

    /// Whether robots.txt lets `attempt` start: its site's rules allow it and any redirect
    /// target it waits for has its rules. (A function of `robots` alone, so it can judge the
    /// parked URLs while `hosts` takes one out.)
    private var robotsClear: (Attempt) -> Bool {
        guard let robots else { return { _ in true } }
        return { attempt in
            attempt.robotsAllowed && attempt.awaitingRobots.map { robots.verdict(for: $0) != .pending } ?? true
        }
    }

    private mutating func start(_ attempt: Attempt) {
        let easy = idle.popLast() ?? transfer.makeEasy()
        transfer.prepare(easy, for: attempt)
        active[ObjectIdentifier(easy)] = (easy, attempt)
        _ = hosts.start(attempt.host, at: .now)
        multi.add(easy)
    }

    private mutating func complete(_ easy: CurlEasy, _ result: CurlResult) {
        guard let (_, attempt) = active.removeValue(forKey: ObjectIdentifier(easy)) else { return }
        multi.remove(easy)
        hosts.finish(attempt.host)
        switch transfer.finish(easy, result, attempt: attempt) {
        case .done(let page):
            finishedPages.append(page)
        case .retry(let next, let delay):
            delayed.append((ContinuousClock.now + .milliseconds(Int(delay * 1000)), next))
        }
        idle.append(easy)
    }

    /// Long enough to sleep through quiet periods, short enough to start a retry, or a request
    /// its host's pacing held back, on time. Only future times count: a request waiting for a
    /// free slot of its host is woken by the transfer that frees it.
    private func pollTimeout() -> Int {
        let now = ContinuousClock.now
        let retries = delayed.map { max($0.due, hosts.pacedStart(of: $0.attempt.host, after: now) ?? $0.due) }
        let paced = hosts.parked.compactMap { hosts.pacedStart(of: $0.host, after: now) }
        guard let due = (retries + paced).filter({ $0 > now }).min() else { return 1000 }
        return Int(min(1000, (now.duration(to: due).seconds * 1000).rounded(.up)))
    }

    private mutating func interruptAll() {
        for (easy, attempt) in active.values {
            multi.remove(easy)
            output.pushNow(.interrupted(attempt.input))
        }
        active = [:]
        for attempt in hosts.removeAllParked() { output.pushNow(.interrupted(attempt.input)) }
        for (_, attempt) in delayed { output.pushNow(.interrupted(attempt.input)) }
        delayed = []
    }
}
