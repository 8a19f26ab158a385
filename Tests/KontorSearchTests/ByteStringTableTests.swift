import KontorTestSupport
import Testing
@testable import KontorSearch

@Suite struct ByteStringTableTests {
    /// Keys of every length from 0 to 40 bytes, many sharing their first eight bytes (as German
    /// compounds do) or differing only in length, inserted into a table that must grow many times.
    private static let keys: [[UInt8]] = {
        var keys: [[UInt8]] = [[]]
        for number in 0..<3_000 {
            let digits = Array(String(number).utf8)
            keys.append(digits)
            keys.append(Array("rechnung".utf8) + digits)
            keys.append(Array("rechnungsadresse".utf8) + digits)
            keys.append(Array("abcdefgh".utf8) + Array(repeating: UInt8(ascii: "x"), count: number % 33))
            keys.append(Array("ä".utf8) + Array(repeating: UInt8(number % 251), count: number % 9))
        }
        var seen = Set<[UInt8]>()
        return keys.filter { seen.insert($0).inserted }
    }()

    private func value(_ table: ByteStringTable, _ key: [UInt8]) -> Int32? {
        key.withUnsafeBufferPointer { table.value($0, ByteStringTable.key($0)) }
    }

    @Test func findsEveryKeyAfterGrowingAndNoOther() {
        var table = ByteStringTable(minimumCapacity: 4)
        for (index, key) in Self.keys.enumerated() {
            key.withUnsafeBufferPointer { table.set($0, ByteStringTable.key($0), Int32(index)) }
        }
        #expect(table.count == Self.keys.count)
        for (index, key) in Self.keys.enumerated() {
            #expect(value(table, key) == Int32(index))
        }
        for missing in ["rechnung", "rechnungsadress", "abcdefgh" + String(repeating: "x", count: 33), "zz", "öö"] {
            #expect(value(table, Array(missing.utf8)) == nil)
        }
    }

    @Test func valueOrInsertNumbersNewKeysAndKeepsKnownOnes() {
        var table = ByteStringTable(minimumCapacity: 4)
        // Every key twice: the first time it is new and takes the next number.
        for round in 0..<2 {
            for (index, key) in Self.keys.enumerated() {
                let known = key.withUnsafeBufferPointer { table.valueOrInsert($0, ByteStringTable.key($0), Int32(index) + 100_000) }
                #expect(known == (round == 0 ? nil : Int32(index) + 100_000))
            }
        }
        #expect(table.count == Self.keys.count)
    }

    @Test func setReplacesAndFormUnionCombines() {
        var table = ByteStringTable(minimumCapacity: 4)
        for key in Self.keys.prefix(500) {
            key.withUnsafeBufferPointer { table.formUnion($0, ByteStringTable.key($0), 1) }
        }
        for key in Self.keys.prefix(500).suffix(100) {
            key.withUnsafeBufferPointer { table.formUnion($0, ByteStringTable.key($0), 4) }
        }
        let replaced = Self.keys[0]
        replaced.withUnsafeBufferPointer { table.set($0, ByteStringTable.key($0), 9) }
        #expect(table.count == 500)
        #expect(value(table, replaced) == 9)
        #expect(value(table, Self.keys[1]) == 1)
        #expect(value(table, Self.keys[450]) == 5)
    }
}

@Suite struct WordFilterTests {
    @Test func everyInsertedWordIsFoundAndFewOthers() {
        var random = SeededRandom(seed: 5)
        var words = ByteStrings()
        var include: [Bool] = []
        for index in 0..<20_000 {
            let length = 2 + Int(random.next() % 18)
            words.append(String((0..<length).map { _ in Character(UnicodeScalar(UInt8(97 + random.next() % 26))) }) + "\(index)")
            include.append(index % 2 == 0)
        }
        let filter = WordFilter(words, including: include)
        var falsePositives = 0
        words.withBuffers { strings in
            for index in include.indices {
                let found = filter.mayContain(ByteStringTable.key(strings[index]))
                if include[index] { #expect(found, "word \(index)") } else if found { falsePositives += 1 }
            }
        }
        // About ten bits a word and two probes: a few per cent of the others answer "maybe".
        #expect(falsePositives < 10_000 / 20)
    }
}
