import Synchronization
import Testing
@testable import KontorParallel

@Suite struct ParallelSplitTests {
    @Test func balancedRangesCoverEverythingInOrderByWeight() {
        let weights = Array(repeating: 100, count: 10) + Array(repeating: 1, count: 90)
        let ranges = Parallel.balancedRanges(weights: weights, parts: 2)
        #expect(ranges.count == 2)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 100)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        // About half of the weight (1,090) each, not half of the items.
        #expect(ranges[0] == 0..<6)
    }

    @Test func fewItemsGiveFewerRanges() {
        #expect(Parallel.balancedRanges(weights: [5, 5, 5], parts: 4, minimumCount: 16) == [0..<3])
        #expect(Parallel.balancedRanges(weights: [], parts: 2) == [0..<0])
    }
}

@Suite struct ParallelOrderTests {
    @Test func mapsKeepTheInputOrderWhateverTheChunking() {
        for count in [0, 1, 63, 64, 65, 1_000, 10_007] {
            #expect(Parallel.map(count, minimumChunk: 7) { $0 * 3 } == (0..<count).map { $0 * 3 })
            #expect(parallelMap(Array(0..<count), jobs: 3) { $0 + 1 } == (0..<count).map { $0 + 1 })
        }
        #expect(Parallel.mapChunks(100, minimumChunk: 10) { $0 }.flatMap { Array($0) } == Array(0..<100))
    }

    @Test func forEachVisitsEveryIndexOnce() {
        let visits = Mutex([Int](repeating: 0, count: 5_000))
        Parallel.forEach(5_000, minimumChunk: 16) { index in visits.withLock { $0[index] += 1 } }
        #expect(visits.withLock { $0 }.allSatisfy { $0 == 1 })
    }

    @Test func handOffUsesEveryItemInOrderOnTheCallingThread() {
        for count in [0, 1, 7, 500] {
            var used: [String] = []
            Parallel.handOff(count) { index in "item \(index)" } use: { index, item in
                #expect(item == "item \(index)")
                used.append(item)
            }
            #expect(used == (0..<count).map { "item \($0)" })
        }
    }

    @Test func bothAndBackgroundWorkReturnTheirOwnResults() {
        let (text, number) = Parallel.both { String(repeating: "a", count: 3) } and: { (1...100).reduce(0, +) }
        #expect(text == "aaa" && number == 5_050)
        let work = BackgroundWork { (1...10).map { $0 * $0 } }
        #expect(work.value() == [1, 4, 9, 16, 25, 36, 49, 64, 81, 100])
        #expect(work.value() == work.value(), "asking twice gives the same value")
    }
}
