import Dispatch
import Foundation

/// Runs `body` on contiguous chunks of `0..<count` on all cores and returns the chunk results in
/// order, so the outcome never depends on scheduling.
enum Parallel {
    static func mapChunks<T: Sendable>(_ count: Int, minimumChunk: Int = 64,
                                       _ body: @Sendable (Range<Int>) -> T) -> [T] {
        guard count > 0 else { return [] }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkCount = max(1, min(cores * 4, (count + minimumChunk - 1) / minimumChunk))
        let chunkSize = (count + chunkCount - 1) / chunkCount
        let slots = ResultSlots<T>(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
            slots.set(chunk, range.isEmpty ? nil : body(range))
        }
        return slots.values()
    }

    /// Maps every element in parallel (chunked), keeping order.
    static func map<T: Sendable>(_ count: Int, minimumChunk: Int = 64, _ body: @Sendable (Int) -> T) -> [T] {
        mapChunks(count, minimumChunk: minimumChunk) { range in range.map(body) }.flatMap { $0 }
    }
}

/// Per-chunk result slots written from `concurrentPerform`; each slot is written once, under a lock.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T?) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    func values() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return storage.compactMap { $0 }
    }
}
