import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// For tests that assert an upper bound on wall time (a hung server costs at most the
    /// timeout): `make sanitize` sets SCRAPE_SANITIZED, and under a sanitizer's slowdown such
    /// bounds say nothing about the code.
    static var timingBound: Self {
        .disabled(if: ProcessInfo.processInfo.environment["SCRAPE_SANITIZED"] != nil,
                  "wall-time bounds do not hold under a sanitizer's slowdown")
    }
}

extension Trait where Self == OwnThreadsTrait {
    /// Runs the test's async work on threads of its own. Swift's cooperative pool has one thread
    /// per core, and other tests hold them for seconds at a time (parsing 10,000 nested elements,
    /// matching 100,000 elements): a test measuring wall time there measures their work, not
    /// ours. On its own threads the clock sees only the run under test.
    static var onOwnThreads: Self { OwnThreadsTrait() }
}

struct OwnThreadsTrait: TestTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await withTaskExecutorPreference(ThreadExecutor.shared) { try await function() }
    }
}

/// A task executor on two threads of its own, outside the cooperative pool.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ThreadExecutor(threads: 2)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init(threads: Int) {
        for _ in 0..<threads {
            Thread.detachNewThread { [self] in
                while true {
                    condition.lock()
                    while jobs.isEmpty { condition.wait() }
                    let job = jobs.removeFirst()
                    condition.unlock()
                    job.runSynchronously(on: asUnownedTaskExecutor())
                }
            }
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock { jobs.append(job) }
        condition.signal()
    }
}
