import Testing
@testable import KontorSearch

@Suite struct ShardCutterTests {
    /// Sorted terms of mixed shapes: shared prefixes, umlauts, digits, one very long posting list.
    private let terms = ["", "a", "ab", "abc", "abonnement", "abonnementverwaltung", "b", "ba", "zahl", "zahlung",
                         "zahlungen", "zä", "zö", "ärger", "über", "übersicht", "ſ"].filter { !$0.isEmpty }
        .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }

    private func postingSizes(long: String) -> [Int] {
        terms.map { $0 == long ? 500 : 10 }
    }

    @Test func aLongPostingListGetsAShardOfItsOwn() {
        let shards = ShardCutter.cut(terms: ByteStrings(terms), encodedSizes: postingSizes(long: "zahlung"), targetBytes: 60, isolatedBytes: 200)
        let own = terms.firstIndex(of: "zahlung").map { $0..<($0 + 1) }
        #expect(shards.contains(own ?? 0..<0))
        #expect(shards.flatMap { Array($0) } == Array(terms.indices), "every term in exactly one shard, in order")
    }

    @Test(arguments: [20, 40, 60, 1_000])
    func shortenedBoundariesFindTheSameShardAsFullTerms(_ target: Int) {
        let shards = ShardCutter.cut(terms: ByteStrings(terms), encodedSizes: postingSizes(long: "übersicht"), targetBytes: target, isolatedBytes: 200)
        let boundaries = ShardCutter.boundaries(of: shards, terms: ByteStrings(terms))
        #expect(boundaries.first == "")
        for (shardIndex, shard) in shards.enumerated() {
            for term in shard.map({ terms[$0] }) {
                let found = boundaries.lastIndex { Array($0.utf8).lexicographicallyPrecedes(Array(term.utf8)) || $0 == term }
                #expect(found == shardIndex, "\(term)")
            }
            if shardIndex > 0 {
                #expect(terms[shard.lowerBound].hasPrefix(boundaries[shardIndex]))
                #expect(String(decoding: Array(boundaries[shardIndex].utf8), as: UTF8.self) == boundaries[shardIndex], "whole characters only")
            }
        }
    }
}

@Suite struct EncodedPostingsTests {
    @Test func listsAcrossSegmentsComeBackInTermOrder() {
        // Segments as the encoder makes them, one per run of term groups, some of them empty.
        let lists: [[[UInt8]]] = [[Array("ab".utf8), []], [], [Array("c".utf8)], [Array("def".utf8), Array("g".utf8), Array("hi".utf8)]]
        let encoded = EncodedPostings(segments: lists.map { segment in
            var strings = ByteStrings()
            for list in segment { list.withUnsafeBufferPointer { strings.append($0) } }
            return strings
        })
        let flat = lists.flatMap { $0 }
        #expect(encoded.count == flat.count && encoded.sizes == flat.map(\.count))
        for start in 0...flat.count {
            for end in start...flat.count {
                var seen: [[UInt8]] = []
                encoded.forEachList(in: start..<end) { seen.append(Array($0)) }
                #expect(seen == Array(flat[start..<end]), "\(start)..<\(end)")
            }
        }
    }
}
