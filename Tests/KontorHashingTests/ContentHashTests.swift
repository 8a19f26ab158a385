import Testing
import KontorHashing

/// The output manifest and the rebuild's reuse decisions rest on this hash telling files apart.
@Suite struct ContentHashTests {
    @Test func everySingleByteChangeChangesTheHash() {
        let original = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let reference = ContentHash.of(original)
        for index in original.indices {
            var changed = original
            changed[index] ^= 0x01
            #expect(ContentHash.of(changed) != reference, "byte \(index)")
        }
    }

    /// Long inputs go through four lanes: a change in any lane, and in the words after the
    /// last full block of four, still changes the hash.
    @Test func everyWordOfALongInputCounts() {
        for length in [63, 64, 95, 96, 100, 131] {
            let original = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            let reference = ContentHash.of(original)
            for index in original.indices {
                var changed = original
                changed[index] &+= 1
                #expect(ContentHash.of(changed) != reference, "length \(length), byte \(index)")
            }
        }
        let lengths = (0..<200).map { ContentHash.of([UInt8](repeating: 0, count: $0)) }
        #expect(Set(lengths).count == lengths.count)
    }

    @Test func trailingZeroBytesAndLengthsAreTold() {
        let hashes = (0..<20).map { count in ContentHash.of([UInt8](repeating: 0, count: count)) }
        #expect(Set(hashes).count == hashes.count)
        #expect(ContentHash.of(Array("ab".utf8)) != ContentHash.of(Array("ab\0".utf8)))
    }

    @Test func contiguousAndOtherSequencesHashAlike() {
        let text = "Abonnementverwaltung für Wiederverkäufer"
        #expect(ContentHash.of(Array(text.utf8)) == ContentHash.of(text.utf8.lazy.map { $0 }))
    }

    @Test func combinedTextsKeepTheirBoundaries() {
        #expect(ContentHash.combine(["ab", "c"]) != ContentHash.combine(["a", "bc"]))
        #expect(ContentHash.combine(["abcdefgh", ""]) != ContentHash.combine(["", "abcdefgh"]))
        #expect(ContentHash.combine(["x"]) == ContentHash.combine(["x"]))
    }

    /// Manifests written on one machine are read on another (CI caches, deploy diffs).
    @Test func theHashIsPinned() {
        // Computed once by hand from the algorithm's definition (one tail word, no full word).
        #expect(ContentHash.hex(ContentHash.of(Array("Kontor".utf8))) == "e8928d08fe796a23")
        // And one of the four-lane form, computed from the definition when it was introduced.
        #expect(ContentHash.hex(ContentHash.of((0..<100).map { UInt8($0) })) == "fdc3bdfbd070c25c")
    }
}
