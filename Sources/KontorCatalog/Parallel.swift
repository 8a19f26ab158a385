import Dispatch
import Foundation

/// Deterministic parallel work for the catalog. In an incremental build the site waits for the
/// catalog alone, so its per-offer work should use every core; results keep their index order,
/// so the output does not depend on scheduling.
enum CatalogParallel {
    /// Below this many items per chunk, threads cost more than they save.
    static let minimumChunk = 256

    /// `(0..<count).map(transform)`, computed in contiguous chunks on all cores.
    static func map<Value: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
        let chunks = min(count / minimumChunk, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard chunks > 1 else { return (0..<count).map(transform) }
        return Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let slots = Slots(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                // Each index is written by exactly one chunk, and read only after all chunks finished.
                for index in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                    slots.initialize(index, to: transform(index))
                }
            }
            initializedCount = count
        }
    }

    /// Runs two independent computations at the same time. `concurrentPerform` lets the calling
    /// thread take both when no other thread is free, so this never waits for the thread pool.
    static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A,
                                               _ second: @Sendable () -> B) -> (A, B) {
        let firstResult = ResultBox<A>(), secondResult = ResultBox<B>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { firstResult.value = first() } else { secondResult.value = second() }
        }
        // Both iterations ran to completion above; the optionals only satisfy the type system.
        return (firstResult.value ?? first(), secondResult.value ?? second())
    }

    private struct Slots<Value>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Value>?

        func initialize(_ index: Int, to value: Value) {
            base?.advanced(by: index).initialize(to: value)
        }
    }

    /// Written by one iteration of `concurrentPerform`, read after it returned.
    private final class ResultBox<Value>: @unchecked Sendable {
        var value: Value?
    }
}
