import Foundation
import Testing
@testable import Curl
@testable import ScrapeKit
import WHATWGURL

/// The primitives the stages hand work through, each on its own. Blocking calls run on threads
/// of their own; a test waits on what they report, never on a clock.
@Suite(.timeLimit(.minutes(1))) struct ConcurrencyTests {
    /// Runs `body` on a new thread and returns once it has.
    private func onThread(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                body()
                continuation.resume()
            }
        }
    }

    @Test func aFullQueueHoldsItsProducerUntilAConsumerTakes() async {
        let queue = BlockingQueue<Int>(capacity: 2)
        #expect(queue.push(1) && queue.push(2))
        #expect(queue.count == queue.capacity)
        let pushed = Locked(false)
        let producer = Task.detached { await onThread { queue.push(3); pushed.withLock { $0 = true } } }
        #expect(!pushed.withLock { $0 }, "the third push waits")
        #expect(queue.pop() == 1)
        await producer.value
        #expect(pushed.withLock { $0 })
        #expect(queue.pop() == 2)
        #expect(queue.pop() == 3)
        queue.close()
        #expect(queue.pop() == nil)
        #expect(!queue.push(4), "a push after close is refused")
    }

    @Test func pollNeverBlocksAndTellsEmptyFromFinished() {
        let queue = BlockingQueue<String>(capacity: 1)
        guard case .empty = queue.poll() else { Issue.record("empty"); return }
        queue.pushNow("a")
        queue.pushNow("b") // past capacity: the async loop must never block
        guard case .item("a") = queue.poll() else { Issue.record("a"); return }
        queue.close()
        guard case .item("b") = queue.poll() else { Issue.record("b"); return }
        guard case .finished = queue.poll() else { Issue.record("finished"); return }
    }

    @Test func pushAndPopTellTheirListenersWhatWaitedBefore() {
        let queue = BlockingQueue<Int>(capacity: 4)
        let events = Locked<[String]>([])
        queue.setOnPush { before in events.withLock { $0.append("push \(before)") } }
        queue.setOnPop { before in events.withLock { $0.append("pop \(before)") } }
        queue.push(1)
        _ = queue.pop()
        queue.pushNow(contentsOf: [2, 3])
        queue.pushNow(4)
        _ = queue.poll()
        queue.close()
        #expect(events.withLock { $0 } == ["push 0", "pop 1", "push 0", "push 2", "pop 3", "push 2"],
                "a batch is one push; close wakes a waiting pusher's listener too")
        #expect(queue.pop() == 3 && queue.pop() == 4)
    }

    /// Waiters are woken one at a time where one suffices: a lost wake-up would leave a thread
    /// waiting for ever (and the suite's time limit would fail it).
    @Test func manyProducersAndConsumersHandOverEveryItemOnce() async {
        let queue = BlockingQueue<Int>(capacity: 3)
        let (producers, consumers, each) = (4, 3, 5_000)
        let taken = Locked<[Int]>([])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<consumers {
                group.addTask {
                    await onThread {
                        var mine: [Int] = []
                        while let item = queue.pop() { mine.append(item) }
                        taken.withLock { $0 += mine }
                    }
                }
            }
            await withTaskGroup(of: Void.self) { pushing in
                for producer in 0..<producers {
                    pushing.addTask { await onThread { for item in 0..<each { queue.push(producer * each + item) } } }
                }
            }
            queue.close()
        }
        #expect(taken.withLock { $0.sorted() } == Array(0..<(producers * each)))
    }

    @Test func admissionBoundsTheWindowAndACancelReleasesWaiters() async {
        let admission = Admission(window: 2)
        #expect(admission.enter() && admission.enter())
        #expect(admission.occupied == 2)
        admission.leave()
        #expect(admission.enter())
        let entered = Locked<Bool?>(nil)
        let waiter = Task.detached { await onThread { entered.withLock { $0 = admission.enter() } } }
        admission.cancel()
        await waiter.value
        #expect(entered.withLock { $0 } == false, "a cancelled window lets nobody in")
    }

    @Test func theRecordChannelHandsOutEveryRecordThenEnds() async {
        let channel = RecordChannel()
        let consumer = Task { () -> [Int] in
            var sequences: [Int] = []
            while let item = await channel.receive() { sequences.append(item.sequence) }
            return sequences
        }
        await onThread {
            for sequence in 0..<100 { channel.send(Record(index: sequence, url: "u\(sequence)", tag: "script"), sequence: sequence) }
            channel.finish()
        }
        #expect(await consumer.value == Array(0..<100))
    }

    @Test func cancellationWakesAWaitAndRunsItsActions() async {
        let cancellation = Cancellation()
        let woken = Locked(false)
        cancellation.whenCancelled { woken.withLock { $0 = true } }
        let waited = Locked<Bool?>(nil)
        let waiter = Task.detached { await onThread { waited.withLock { $0 = cancellation.wait(seconds: 3600) } } }
        cancellation.cancel()
        await waiter.value
        #expect(waited.withLock { $0 } == true)
        #expect(woken.withLock { $0 })
        let late = Locked(false)
        cancellation.whenCancelled { late.withLock { $0 = true } }
        #expect(late.withLock { $0 }, "an action added after the cancel runs at once")
    }

    @Test func thePacerSpacesOneHostAndLeavesOthersAlone() {
        var pacer = HostPacer(rate: 4) // 250 ms apart
        let start = ContinuousClock.now
        #expect(pacer.allows("a", at: start))
        pacer.book("a", at: start)
        #expect(!pacer.allows("a", at: start + .milliseconds(249)))
        #expect(pacer.allows("a", at: start + .milliseconds(250)))
        #expect(pacer.allows("b", at: start))
        #expect(pacer.earliestStart(for: "a") == start + .milliseconds(250))
        var unpaced = HostPacer(rate: nil)
        unpaced.book("a", at: start)
        #expect(unpaced.allows("a", at: start))
    }

    @Test func theGateParksAFullHostsURLsAndHandsOutAnotherHosts() async {
        let gate = HostGate(limit: 1, rate: nil, maxParked: 8)
        let input = BlockingQueue<InputURL>(capacity: 8)
        for (index, url) in ["http://a.test/1", "http://a.test/2", "http://b.test/1"].enumerated() {
            input.push(InputURL(index: index, url: url))
        }
        input.close()
        let vet: (InputURL) -> HostGate.Work = { .fetch(Attempt(input: $0, target: WebURL($0.url)!), pacing: .zero) }
        func url(_ work: HostGate.Work?) -> String? {
            if case .fetch(let attempt, _)? = work { return attempt.input.url }
            return nil
        }
        #expect(url(gate.next(from: input, vet: vet)) == "http://a.test/1")
        #expect(url(gate.next(from: input, vet: vet)) == "http://b.test/1", "a.test is full: its second URL waits")
        gate.leave("a.test")
        #expect(url(gate.next(from: input, vet: vet)) == "http://a.test/2")
        gate.leave("a.test")
        gate.leave("b.test")
        #expect(gate.next(from: input, vet: vet) == nil)
    }

    private func attempt(_ url: String, _ index: Int = 0) -> Attempt {
        Attempt(input: InputURL(index: index, url: url), target: WebURL(url)!)
    }

    /// The scheduler every runner uses, driven by times the test chooses.
    @Test func theSchedulerKeepsSlotsPacingAndParkedOrder() {
        var hosts = HostScheduler(limit: 2, rate: 10) // 100 ms apart
        let zero = ContinuousClock.now
        #expect(hosts.start("a.test", at: zero) == zero)
        #expect(hosts.start("a.test", at: zero) == zero + .milliseconds(100), "the second start waits for the pacing")
        #expect(!hosts.hasRoom(for: "a.test"))
        #expect(hosts.mayStart("b.test", at: zero))
        hosts.park(attempt("http://a.test/1", 1))
        hosts.park(attempt("http://b.test/1", 2))
        hosts.park(attempt("http://a.test/2", 3))
        #expect(hosts.unpark()?.input.index == 2, "a full host's URLs stay parked, in order")
        hosts.finish("a.test")
        #expect(hosts.unpark(pacedAt: zero + .milliseconds(150)) == nil, "a.test's next start is paced to 200 ms")
        #expect(hosts.pacedStart(of: "a.test", after: zero + .milliseconds(150)) == zero + .milliseconds(200))
        #expect(hosts.unpark(pacedAt: zero + .milliseconds(200))?.input.index == 1)
        #expect(hosts.unpark(where: { $0.input.index != 3 }) == nil, "the caller can hold a URL back (robots.txt)")
        hosts.updateParked { $0.input.index == 3 ? nil : $0 }
        #expect(hosts.parked.isEmpty)
    }
}
