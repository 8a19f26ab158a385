/// Content identity for caches and reuse decisions: the output manifest's file hashes, the
/// inputs of reused pages, and the search index's per-document analysis keys.
public enum ContentHash {
    public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A 64-bit hash of `bytes`: stable across runs and machines, enough to tell changed files
    /// apart (not a security hash). Every output byte goes through here, so it reads eight bytes
    /// a step (byte-wise FNV-1a was 3 % of a build's CPU); each step is a bijection of the state,
    /// so inputs that differ in one word never collide.
    @inlinable
    public static func of(_ bytes: some Sequence<UInt8>, seed: UInt64 = seed) -> UInt64 {
        if let hash = bytes.withContiguousStorageIfAvailable({ of(UnsafeRawBufferPointer($0), seed: seed) }) {
            return hash
        }
        return Array(bytes).withUnsafeBytes { of($0, seed: seed) }
    }

    @usableFromInline
    static func of(_ buffer: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash = seed
        var offset = 0
        while offset + 8 <= buffer.count {
            hash = mix(hash, UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        // The last 0–7 bytes, with their count in the top byte so "ab" and "ab\0" differ.
        var tail = UInt64(buffer.count - offset) << 56
        for index in offset..<buffer.count {
            tail |= UInt64(buffer[index]) << (8 * UInt64(index - offset))
        }
        return mix(hash, tail)
    }

    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let combined = hash ^ word
        return ((combined << 29) | (combined >> 35)) &* 0x0000_0100_0000_01B3
    }

    /// Hashes several texts in order; each ends in its own length-marked tail word, which keeps
    /// `["ab", "c"]` apart from `["a", "bc"]`.
    public static func combine(_ parts: [String], seed: UInt64 = seed) -> UInt64 {
        var hash = seed
        for part in parts {
            hash = of(part.utf8, seed: hash)
        }
        return hash
    }

    public static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
