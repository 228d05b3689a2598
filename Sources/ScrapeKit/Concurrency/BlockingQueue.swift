import DequeModule
import Foundation

/// A hand-off between pipeline stages that run on their own threads.
///
/// `push` blocks while the queue is full, which is how a slow stage holds back the one before it.
/// The async runner cannot block (its thread drives every transfer), so it uses `pushNow` and
/// checks `count` against `capacity` before starting new work, and asks to be woken through
/// `onPush` / `onPop`.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    enum Poll {
        case item(Element)
        case empty
        case finished
    }

    let capacity: Int
    private let condition = NSCondition()
    private var items = Deque<Element>()
    private var closed = false
    private var onPush: (@Sendable () -> Void)?
    private var onPop: (@Sendable () -> Void)?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Called after every push (and on close), from the pushing thread.
    func setOnPush(_ action: (@Sendable () -> Void)?) {
        condition.withLock { onPush = action }
    }

    /// Called after every pop, from the popping thread.
    func setOnPop(_ action: (@Sendable () -> Void)?) {
        condition.withLock { onPop = action }
    }

    /// Adds `element`, waiting for room; dropped (false) if the queue was closed meanwhile.
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else {
            condition.unlock()
            return false
        }
        items.append(element)
        let action = onPush
        condition.broadcast()
        condition.unlock()
        action?()
        return true
    }

    /// Adds past capacity if need be: for a producer that must never block.
    func pushNow(_ element: Element) {
        condition.lock()
        items.append(element)
        let action = onPush
        condition.broadcast()
        condition.unlock()
        action?()
    }

    /// The next element, waiting for one; nil once the queue is closed and empty.
    func pop() -> Element? {
        condition.lock()
        while items.isEmpty && !closed { condition.wait() }
        let element = items.popFirst()
        let action = onPop
        condition.broadcast()
        condition.unlock()
        if element != nil { action?() }
        return element
    }

    func poll() -> Poll {
        condition.lock()
        guard let element = items.popFirst() else {
            defer { condition.unlock() }
            return closed ? .finished : .empty
        }
        let action = onPop
        condition.broadcast()
        condition.unlock()
        action?()
        return .item(element)
    }

    /// The elements waiting now.
    var count: Int {
        condition.withLock { items.count }
    }

    /// No more pushes will come; consumers drain what is left, then see the end.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
        condition.withLock { onPush }?()
    }
}
