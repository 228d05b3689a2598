import Foundation

/// A group of OS threads running the same loop, joined together.
///
/// The pipeline's stages block (in libcurl, in libxml2, on queues), so they run on threads of
/// their own rather than on Swift's cooperative pool, which must never block.
final class WorkerThreads: Sendable {
    private let group = DispatchGroup()

    private init() {}

    /// Starts `count` threads, each running `body(n)` for its number n.
    @discardableResult
    static func start(count: Int, name: String, body: @escaping @Sendable (Int) -> Void) -> WorkerThreads {
        let threads = WorkerThreads()
        let group = threads.group
        for number in 0..<count {
            group.enter()
            let thread = Thread { [group] in
                body(number)
                group.leave()
            }
            thread.name = "\(name)-\(number)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        return threads
    }

    /// Waits until every thread has returned.
    func join() {
        group.wait()
    }

    /// Runs `action` once every thread has returned, without waiting for it.
    func whenDone(_ action: @escaping @Sendable () -> Void) {
        group.notify(queue: .global(), execute: action)
    }
}
