/// Content identity for caches and reuse decisions: the output manifest's file hashes, the
/// inputs of reused pages, and the search index's per-document analysis keys.
public enum ContentHash {
    public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A 64-bit hash of `bytes`: stable across runs and machines, enough to tell changed files
    /// apart (not a security hash). Every output byte goes through here, so it reads eight bytes
    /// a step, in four lanes from 64 bytes on (byte-wise FNV-1a was 3 % of a build's CPU); each
    /// step is a bijection of the state, so inputs that differ in one word never collide.
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
        if buffer.count >= lanesFrom {
            // Four chains side by side: one chain waits for each multiplication to finish, four
            // keep the multiplier busy (all output and all indexed text pass through here).
            // Each lane's step is a bijection of the lane, and the lanes are folded into the
            // hash by bijections too, so a changed word still always changes the hash.
            var lanes = (seed, seed ^ 0x9E37_79B9_7F4A_7C15, seed ^ 0xC2B2_AE3D_27D4_EB4F, seed ^ 0x1656_67B1_9E37_79F9)
            while offset + 32 <= buffer.count {
                lanes.0 = mix(lanes.0, word(buffer, offset))
                lanes.1 = mix(lanes.1, word(buffer, offset + 8))
                lanes.2 = mix(lanes.2, word(buffer, offset + 16))
                lanes.3 = mix(lanes.3, word(buffer, offset + 24))
                offset += 32
            }
            hash = mix(mix(mix(mix(mix(hash, lanes.0), lanes.1), lanes.2), lanes.3), UInt64(buffer.count))
        }
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

    /// Inputs from this size on are hashed in four lanes (shorter ones as before, one word a step).
    static let lanesFrom = 64

    @inline(__always)
    private static func word(_ buffer: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
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
