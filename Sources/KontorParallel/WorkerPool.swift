import Dispatch
import Synchronization

/// Maps `items` on all cores (or `jobs` workers), keeping the input order in the result.
/// Work is handed out one index at a time so slow pages do not stall a fixed stripe.
public func parallelMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], jobs: Int, _ transform: @Sendable (Item) -> Result
) -> [Result] {
    let workers = max(1, min(jobs, items.count))
    guard workers > 1 else { return items.map(transform) }
    let slots = ResultSlots<Result>(count: items.count)
    let nextIndex = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < items.count else { return }
            slots.store(transform(items[index]), at: index)
        }
    }
    return slots.collect()
}

/// Runs `work` on another thread while the caller goes on; `value()` waits for its result.
public final class BackgroundWork<Value: Sendable>: Sendable {
    private let done = DispatchGroup()
    private let result = Mutex<Value?>(nil)
    private let work: @Sendable () -> Value

    public init(_ work: @escaping @Sendable () -> Value) {
        self.work = work
        done.enter()
        DispatchQueue.global().async { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.leave()
        }
    }

    public func value() -> Value {
        done.wait()
        // The slot is always filled once `done` fired; computing again only guards the type system.
        return result.withLock { $0 } ?? work()
    }
}
