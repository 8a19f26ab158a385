import KontorTestSupport
import Testing
@testable import KontorMarkdown

@Suite struct UTF8RepairTests {
    /// The offset where the standard library's decoder first fails, nil for valid input.
    private func referenceOffset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    @Test func agreesWithTheStandardLibraryOnMostlyASCIIText() {
        // Pieces that put non-ASCII and broken bytes at every position of an eight-byte word.
        let pieces: [[UInt8]] = [
            Array("Rechnung ".utf8), Array("a".utf8), Array("ä".utf8), Array("€".utf8), Array("𝄞".utf8),
            [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x80],
        ]
        var random = SeededRandom(seed: 8)
        for _ in 0..<4_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.next(below: 16) {
                // Mostly valid pieces; a broken one in about one case in eight.
                bytes += pieces[random.next(below: random.chance(percent: 12) ? pieces.count : 5)]
            }
            #expect(UTF8Repair.firstInvalidOffset(bytes) == referenceOffset(bytes), "\(bytes)")
        }
    }

    @Test func repairsAndNamesTheLine() {
        let result = UTF8Repair.repair(Array("eins\nzwei ".utf8) + [0xFF] + Array(" drei".utf8))
        #expect(result.firstInvalidLine == 2)
        #expect(String(decoding: result.bytes, as: UTF8.self) == "eins\nzwei \u{FFFD} drei")
    }
}
