import DequeModule
import Foundation

/// A hand-off between pipeline stages that run on their own threads.
///
/// `push` blocks while the queue is full, which is how a slow stage holds back the one before it.
/// The async runner cannot block (its thread drives every transfer), so it uses `pushNow` and
/// checks `count` against `capacity` before starting new work, and asks to be woken through
/// `onPush` / `onPop`.
///
/// Threads are woken only when the change can serve them, and one at a time where one suffices:
/// a queue of pages that each take a parser a fraction of a millisecond otherwise wakes every
/// waiting thread for each page.
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
    private var onPush: Listener?
    private var onPop: Listener?
    /// Threads in `condition.wait()`, by what they wait for.
    private var waitingForItems = 0
    private var waitingForRoom = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Told how many elements waited before a change, so that it can skip the changes that do
    /// not concern it: the async loop polls until it finds the queue empty, and needs waking only
    /// for a push into an empty queue.
    typealias Listener = @Sendable (_ waitingBefore: Int) -> Void

    /// Called after every push (and on close), from the pushing thread.
    func setOnPush(_ action: Listener?) {
        condition.withLock { onPush = action }
    }

    /// Called after every pop, from the popping thread.
    func setOnPop(_ action: Listener?) {
        condition.withLock { onPop = action }
    }

    /// Adds `element`, waiting for room; dropped (false) if the queue was closed meanwhile.
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        while items.count >= capacity && !closed {
            waitingForRoom += 1
            condition.wait()
            waitingForRoom -= 1
        }
        guard !closed else {
            condition.unlock()
            return false
        }
        let (action, before) = added(CollectionOfOne(element))
        condition.unlock()
        action?(before)
        return true
    }

    /// Adds past capacity if need be: for a producer that must never block.
    func pushNow(_ element: Element) {
        pushNow(contentsOf: CollectionOfOne(element))
    }

    /// Adds every element past capacity if need be, waking consumers once for all of them.
    func pushNow(contentsOf elements: some Collection<Element>) {
        guard !elements.isEmpty else { return }
        condition.lock()
        let (action, before) = added(elements)
        condition.unlock()
        action?(before)
    }

    /// The next element, waiting for one; nil once the queue is closed and empty.
    func pop() -> Element? {
        condition.lock()
        while items.isEmpty && !closed {
            waitingForItems += 1
            condition.wait()
            waitingForItems -= 1
        }
        guard let element = items.popFirst() else {
            condition.unlock()
            return nil
        }
        let (action, before) = removed()
        condition.unlock()
        action?(before)
        return element
    }

    func poll() -> Poll {
        condition.lock()
        guard let element = items.popFirst() else {
            defer { condition.unlock() }
            return closed ? .finished : .empty
        }
        let (action, before) = removed()
        condition.unlock()
        action?(before)
        return .item(element)
    }

    /// Appends and wakes a consumer if one waits (all of them for several elements); returns the
    /// listener to call once unlocked, and what it is told.
    private func added(_ elements: some Collection<Element>) -> (Listener?, Int) {
        let before = items.count
        items.append(contentsOf: elements)
        wake(waitingForItems, otherwise: waitingForRoom, several: elements.count > 1)
        return (onPush, before)
    }

    /// Wakes a producer if one waits (after a pop); returns the listener to call once unlocked,
    /// and what it is told.
    private func removed() -> (Listener?, Int) {
        wake(waitingForRoom, otherwise: waitingForItems)
        return (onPop, items.count + 1)
    }

    /// One thread for a change that serves `served` waiters (all of them for `several` items);
    /// all of them too while threads of the other kind wait, since a signal might reach one of
    /// those instead.
    private func wake(_ served: Int, otherwise other: Int, several: Bool = false) {
        guard served > 0 else { return }
        if other > 0 || several { condition.broadcast() } else { condition.signal() }
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
        let (action, waiting) = condition.withLock { (onPush, items.count) }
        action?(waiting)
    }
}
