/// An open-addressing hash map from byte strings to `Int32` values.
///
/// The index builder looks up every token of the corpus. Hashing the UTF-8 bytes in place avoids
/// a `String` (and SipHash) per token, and each 16-byte slot carries the first eight bytes, the
/// length (or where a longer key's bytes are) and the value, so a lookup of a word of up to eight
/// bytes touches one cache line. Small slots matter: the tables of 10,000 pages hold hundreds of
/// thousands of words, and fresh memory costs the most there.
struct ByteStringTable {
    /// The hash of a key and its first eight bytes (little-endian, zero-padded).
    struct Key {
        var hash: UInt64
        var prefix: UInt64
    }

    private struct Slot {
        var prefix: UInt64 = 0
        /// 0: empty. A key of up to eight bytes: its length + 1 (with the prefix, that is the
        /// whole key). A longer key: `longKey` | where its length and bytes are in `storage`.
        var shape: UInt32 = 0
        var value: Int32 = 0
    }

    private static let longKey: UInt32 = 0x8000_0000
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Every key longer than eight bytes, back to back: its length (4 bytes, little-endian), then
    /// its bytes.
    private var storage: [UInt8] = []
    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    /// Room for `minimumCapacity` keys without growing, and for `keyBytes` bytes of long keys.
    init(minimumCapacity: Int = 1024, keyBytes: Int = 0) {
        storage.reserveCapacity(keyBytes)
        var size = 16
        while !Self.hasRoom(for: minimumCapacity, slots: size) { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    /// A set of words: each maps to 0.
    init<Words: Collection<String>>(_ words: Words) {
        self.init(minimumCapacity: words.count)
        for word in words {
            var word = word
            word.withUTF8 { set($0, Self.key($0), 0) }
        }
    }

    /// A fast multiplicative hash over 8-byte words. Short keys are read with overlapping loads
    /// (never past the end): for a given length, `prefix` still determines the bytes exactly.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return Key(hash: 0, prefix: 0) }
        let raw = UnsafeRawPointer(base)
        let prefix: UInt64
        if count > 8 {
            prefix = raw.loadUnaligned(as: UInt64.self)
            var hash = ((UInt64(truncatingIfNeeded: count) &* multiplier) ^ prefix) &* multiplier
            var offset = 8
            while offset + 8 <= count {
                hash ^= hash >> 29
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
                offset += 8
            }
            if offset < count {
                hash ^= hash >> 29
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* multiplier
            }
            return Key(hash: hash ^ (hash >> 31), prefix: prefix)
        } else if count == 8 {
            prefix = raw.loadUnaligned(as: UInt64.self)
        } else if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            prefix = low | high << 32
        } else if count > 0 {
            prefix = UInt64(base[0]) | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1]) << 16
        } else {
            prefix = 0
        }
        return Key(hash: shortHash(length: count, prefix: prefix), prefix: prefix)
    }

    /// The hash of a key of up to eight bytes: its length and prefix are all of it.
    @inline(__always)
    private static func shortHash(length: Int, prefix: UInt64) -> UInt64 {
        let hash = ((UInt64(truncatingIfNeeded: length) &* multiplier) ^ prefix) &* multiplier
        return hash ^ (hash >> 31)
    }

    /// The value stored for `bytes`, or nil.
    @inline(__always)
    func value(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key) -> Int32? {
        let slot = find(bytes, key)
        return slots[slot].shape == 0 ? nil : slots[slot].value
    }

    /// Reads the slot where a lookup of `key` begins, bringing it into the cache ahead of the
    /// lookup itself. The result means nothing; a caller keeps it only so the read stays.
    @inline(__always)
    func touch(_ key: Key) -> UInt32 {
        slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: key.hash) & mask].shape }
    }

    /// After `touch`: reads the stored bytes of the long key in the slot where a lookup of `key`
    /// begins, so that comparing a long word (most German words are longer than eight bytes)
    /// does not wait for a second cache miss. The result means nothing, as for `touch`.
    @inline(__always)
    func touchLongKey(_ key: Key) -> UInt32 {
        let shape = slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: key.hash) & mask].shape }
        guard shape & Self.longKey != 0 else { return 0 }
        return storage.withUnsafeBufferPointer { UInt32($0[Int(shape & ~Self.longKey)]) }
    }

    /// Stores `value` for `bytes`, inserting the key if it is new.
    mutating func set(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key, _ value: Int32) {
        let slot = find(bytes, key)
        if slots[slot].shape != 0 {
            slots[slot].value = value
            return
        }
        insert(bytes, key, value, at: slot)
    }

    /// The value stored for `bytes`; nil when there is none, and `value` is stored for it (one
    /// probe sequence instead of a lookup and a store: words are numbered this way).
    mutating func valueOrInsert(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key, _ value: Int32) -> Int32? {
        let slot = find(bytes, key)
        if slots[slot].shape != 0 { return slots[slot].value }
        insert(bytes, key, value, at: slot)
        return nil
    }

    /// Puts a new key into `slot`, the empty slot `find` gave for it.
    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key, _ value: Int32, at slot: Int) {
        var shape = UInt32(bytes.count + 1)
        if bytes.count > 8 {
            shape = Self.longKey | UInt32(storage.count)
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { storage.append(contentsOf: $0) }
            storage.append(contentsOf: bytes)
        }
        slots[slot] = Slot(prefix: key.prefix, shape: shape, value: value)
        count += 1
        if !Self.hasRoom(for: count, slots: slots.count) { grow() }
    }

    /// ORs `bits` into the value of `bytes`, inserting it with value `bits` if it is new
    /// (one probe sequence instead of a lookup and a store).
    mutating func formUnion(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key, _ bits: Int32) {
        let slot = find(bytes, key)
        if slots[slot].shape != 0 {
            slots[slot].value |= bits
        } else {
            set(bytes, key, bits)
        }
    }

    /// Tables fill to three quarters. A table touches all of its slots, and fresh memory is what
    /// the index pays most for: with room for twice their keys and power-of-two sizes, a chunk's
    /// tables at 10,000 pages were 8 MB each and a quarter full. Most lookups find their word,
    /// and with four slots to a cache line the longer probe sequences stay within one or two.
    @inline(__always)
    private static func hasRoom(for keys: Int, slots: Int) -> Bool { keys * 4 <= slots * 3 }

    /// The slot holding `bytes`, or the empty slot where it belongs.
    @inline(__always)
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key) -> Int {
        let isLong = bytes.count > 8
        let shortShape = UInt32(truncatingIfNeeded: bytes.count + 1)
        var index = Int(truncatingIfNeeded: key.hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[index]
                if slot.shape == 0 { return index }
                if slot.prefix == key.prefix {
                    if isLong {
                        if slot.shape & Self.longKey != 0 && longKeyEquals(Int(slot.shape & ~Self.longKey), bytes) { return index }
                    } else if slot.shape == shortShape {
                        return index
                    }
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Compares a stored long key with `bytes`, whose first eight bytes already matched.
    @inline(__always)
    private func longKeyEquals(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        storage.withUnsafeBufferPointer { stored in
            guard let storedBase = stored.baseAddress, let base = bytes.baseAddress else { return false }
            let length = UnsafeRawPointer(storedBase + start).loadUnaligned(as: UInt32.self).littleEndian
            return Int(length) == bytes.count && memoryEquals(storedBase + start + 4 + 8, base + 8, bytes.count - 8)
        }
    }

    /// The hash of the key in `slot` (the table keeps no hashes: a slot has no room for one).
    private static func hash(of slot: Slot, storage: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard slot.shape & longKey != 0 else { return shortHash(length: Int(slot.shape) - 1, prefix: slot.prefix) }
        guard let storedBase = storage.baseAddress else { return 0 }
        let start = Int(slot.shape & ~longKey)
        let length = Int(UnsafeRawPointer(storedBase + start).loadUnaligned(as: UInt32.self).littleEndian)
        return key(UnsafeBufferPointer(start: storedBase + start + 4, count: length)).hash
    }

    private mutating func grow() {
        let old = slots
        var grown = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = grown.count - 1
        storage.withUnsafeBufferPointer { storage in
            grown.withUnsafeMutableBufferPointer { slots in
                for slot in old where slot.shape != 0 {
                    var index = Int(truncatingIfNeeded: Self.hash(of: slot, storage: storage)) & mask
                    while slots[index].shape != 0 { index = (index + 1) & mask }
                    slots[index] = slot
                }
            }
        }
        slots = grown
        self.mask = mask
    }
}

@inline(__always)
private func memoryEquals(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    let leftRaw = UnsafeRawPointer(left)
    let rightRaw = UnsafeRawPointer(right)
    while index + 8 <= count {
        if leftRaw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            != rightRaw.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
        index += 8
    }
    while index < count {
        if left[index] != right[index] { return false }
        index += 1
    }
    return true
}
