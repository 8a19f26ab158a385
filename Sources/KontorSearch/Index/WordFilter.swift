/// A Bloom filter of byte strings: "certainly not in the set" or "maybe". Compound splitting asks
/// the word table about every start of every long word of the corpus, and nearly all of those
/// are no words; the table is tens of MB, so each question was a cache miss. The filter holds
/// about ten bits per word (hundreds of KB at 10,000 pages) and answers most of them from the
/// cache; the table is asked only on a "maybe".
struct WordFilter: Sendable {
    private var bits: [UInt64]
    private let mask: UInt64

    /// A filter of the strings of `strings` for which `include` is true.
    init(_ strings: ByteStrings, including include: [Bool]) {
        let count = max(1, include.lazy.filter { $0 }.count)
        var size: UInt64 = 1 << 12
        while size < UInt64(count) * 10 { size <<= 1 }
        bits = Array(repeating: 0, count: Int(size / 64))
        mask = size - 1
        strings.withBuffers { strings in
            for index in include.indices where include[index] { insert(ByteStringTable.key(strings[index])) }
        }
    }

    /// False when no string with this key was inserted; true when one may have been.
    @inline(__always)
    func mayContain(_ key: ByteStringTable.Key) -> Bool {
        let (first, second) = positions(key)
        return bits.withUnsafeBufferPointer { bits in
            bits[Int(first >> 6)] & (1 << (first & 63)) != 0 && bits[Int(second >> 6)] & (1 << (second & 63)) != 0
        }
    }

    private mutating func insert(_ key: ByteStringTable.Key) {
        let (first, second) = positions(key)
        bits[Int(first >> 6)] |= 1 << (first & 63)
        bits[Int(second >> 6)] |= 1 << (second & 63)
    }

    /// Two bit positions from the key's 64-bit hash: its low and its high half.
    @inline(__always)
    private func positions(_ key: ByteStringTable.Key) -> (UInt64, UInt64) {
        let rotated = (key.hash >> 32) | (key.hash << 32)
        return (key.hash & mask, ((rotated &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask)
    }
}
