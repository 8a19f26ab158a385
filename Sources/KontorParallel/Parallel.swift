import Dispatch
import Foundation

/// Deterministic data parallelism for every stage: work is cut into contiguous chunks of
/// `0..<count`, run on all cores, and the results come back in order, so the outcome never
/// depends on scheduling.
public enum Parallel {
    public static func mapChunks<T: Sendable>(_ count: Int, minimumChunk: Int = 64,
                                       _ body: @Sendable (Range<Int>) -> T) -> [T] {
        guard count > 0 else { return [] }
        let chunkCount = max(1, min(coreCount * 4, (count + minimumChunk - 1) / minimumChunk))
        let chunkSize = (count + chunkCount - 1) / chunkCount
        let ranges = (0..<chunkCount).map { chunk in min(count, chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize) }
        return mapRanges(ranges, body)
    }

    /// Runs `body` on the given ranges on all cores and returns the results in order.
    public static func mapRanges<T: Sendable>(_ ranges: [Range<Int>], _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let slots = ResultSlots<T>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { chunk in
            if !ranges[chunk].isEmpty { slots.store(body(ranges[chunk]), at: chunk) }
        }
        return slots.collect()
    }

    /// Cuts `0..<weights.count` into up to `parts` contiguous ranges of about equal total weight
    /// (at least `minimumCount` elements each), so that long and short items balance.
    public static func balancedRanges(weights: [Int], parts: Int, minimumCount: Int = 1) -> [Range<Int>] {
        let total = max(1, weights.reduce(0, +))
        let parts = max(1, min(parts, weights.count / max(1, minimumCount)))
        var ranges: [Range<Int>] = []
        var start = 0
        var accumulated = 0
        for (index, weight) in weights.enumerated() {
            accumulated += weight
            // Close the range once its share of the total is reached.
            if ranges.count < parts - 1, accumulated * parts >= total * (ranges.count + 1), index + 1 - start >= minimumCount {
                ranges.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < weights.count || ranges.isEmpty { ranges.append(start..<weights.count) }
        return ranges
    }

    /// Runs two independent computations at the same time and returns both results.
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, and second: @Sendable () -> B) -> (A, B) {
        let firstResult = ResultSlots<A>(count: 1)
        let secondResult = ResultSlots<B>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { firstResult.store(first(), at: 0) } else { secondResult.store(second(), at: 0) }
        }
        // Each slot was set exactly once above.
        return (firstResult.collect()[0], secondResult.collect()[0])
    }

    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body` for every index on all cores (chunked), for work whose results are handed on
    /// rather than collected.
    public static func forEach(_ count: Int, minimumChunk: Int = 64, _ body: @Sendable (Int) -> Void) {
        _ = mapChunks(count, minimumChunk: minimumChunk) { range in range.forEach(body) }
    }

    /// Makes items 0, 1, 2, … on another thread and hands each to `use` on this one, in order,
    /// as soon as it is made: for results that must be used one at a time (files created in one
    /// folder), so that making the next overlaps with using the last. The maker gets a thread
    /// of its own: this one waits for it, and a pool busy with work that waits too could
    /// leave it none.
    public static func handOff<T: Sendable>(_ count: Int, make: @escaping @Sendable (Int) -> T, use: (Int, T) -> Void) {
        let slots = ResultSlots<T>(count: count)
        let ready = DispatchSemaphore(value: 0)
        startThread {
            for index in 0..<count {
                slots.store(make(index), at: index)
                ready.signal()
            }
        }
        for index in 0..<count {
            ready.wait()
            // Stored before the signal this wait answered.
            if let item = slots.take(at: index) { use(index, item) }
        }
    }

    private static func startThread(_ body: @escaping @Sendable () -> Void) {
        Thread(block: body).start()
    }

    /// Maps every element in parallel (chunked), keeping order.
    public static func map<T: Sendable>(_ count: Int, minimumChunk: Int = 64, _ body: @Sendable (Int) -> T) -> [T] {
        mapChunks(count, minimumChunk: minimumChunk) { range in range.map(body) }.flatMap { $0 }
    }
}

/// One write-once slot per index, for results computed on several threads. Each index is
/// written by exactly one iteration of `concurrentPerform` and read only after it returned, so
/// no two threads touch the same slot and no lock is needed.
final class ResultSlots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    let count: Int

    init(count: Int) {
        self.count = count
        storage = UnsafeMutablePointer<Value?>.allocate(capacity: max(count, 1))
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func store(_ value: Value, at index: Int) {
        storage[index] = value
    }

    /// The value stored at `index`, which the slot no longer holds.
    func take(at index: Int) -> Value? {
        defer { storage[index] = nil }
        return storage[index]
    }

    /// Every stored value, in index order (slots never stored are left out).
    func collect() -> [Value] {
        UnsafeBufferPointer(start: storage, count: count).compactMap { $0 }
    }
}
