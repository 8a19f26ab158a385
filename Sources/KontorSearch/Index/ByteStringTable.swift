/// An open-addressing hash map from byte strings to `Int32` values.
///
/// The index builder looks up every token of the corpus. Hashing the UTF-8 bytes in place avoids
/// a `String` (and SipHash) per token, and each slot carries the hash, the length, the first
/// eight bytes and the value, so a lookup of a word of up to eight bytes touches one cache line.
struct ByteStringTable {
    /// The hash of a key and its first eight bytes (little-endian, zero-padded).
    struct Key {
        var hash: UInt64
        var prefix: UInt64
    }

    private struct Slot {
        var prefix: UInt64 = 0
        var hash: UInt32 = 0
        var length: UInt32 = Slot.empty
        var start: UInt32 = 0
        var value: Int32 = 0

        static let empty = UInt32.max
    }

    /// Bytes of all keys, back to back (a slot points at its key's bytes).
    private var storage: [UInt8] = []
    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 1024) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    /// A fast multiplicative hash over 8-byte words.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* multiplier
        guard let base = bytes.baseAddress else { return Key(hash: hash, prefix: 0) }
        let raw = UnsafeRawPointer(base)
        var prefix: UInt64 = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if offset == 0 { prefix = word }
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 29
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(base[offset]) << shift
                shift += 8
                offset += 1
            }
            if bytes.count < 8 { prefix = tail }
            hash = (hash ^ tail) &* multiplier
            hash ^= hash >> 29
        }
        return Key(hash: (hash &* 0xBF58_476D_1CE4_E5B9) ^ (hash >> 31), prefix: prefix)
    }

    /// The value stored for `bytes`, or nil.
    @inline(__always)
    func value(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key) -> Int32? {
        let slot = find(bytes, key)
        return slots[slot].length == Slot.empty ? nil : slots[slot].value
    }

    /// Stores `value` for `bytes`, inserting the key if it is new.
    mutating func set(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key, _ value: Int32) {
        let slot = find(bytes, key)
        if slots[slot].length != Slot.empty {
            slots[slot].value = value
            return
        }
        let start = UInt32(storage.count)
        storage.append(contentsOf: bytes)
        slots[slot] = Slot(prefix: key.prefix, hash: UInt32(truncatingIfNeeded: key.hash >> 32),
                           length: UInt32(bytes.count), start: start, value: value)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// The slot holding `bytes`, or the empty slot where it belongs.
    @inline(__always)
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key) -> Int {
        let tag = UInt32(truncatingIfNeeded: key.hash >> 32)
        let length = UInt32(bytes.count)
        var index = Int(truncatingIfNeeded: key.hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let slot = slots[index]
                if slot.length == Slot.empty { return index }
                if slot.hash == tag && slot.length == length && slot.prefix == key.prefix
                    && (length <= 8 || suffixEquals(Int(slot.start), bytes)) {
                    return index
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Compares the bytes after the first eight (the prefix already matched).
    @inline(__always)
    private func suffixEquals(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        storage.withUnsafeBufferPointer { stored in
            guard let storedBase = stored.baseAddress, let base = bytes.baseAddress else { return false }
            return memoryEquals(storedBase + start + 8, base + 8, bytes.count - 8)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.length != Slot.empty {
            // Rebuild the full hash's low bits from the key bytes (slots keep only the high half).
            let bytes = storage[Int(slot.start)..<(Int(slot.start) + Int(slot.length))]
            let key = bytes.withUnsafeBufferPointer { Self.key($0) }
            var index = Int(truncatingIfNeeded: key.hash) & mask
            while slots[index].length != Slot.empty { index = (index + 1) & mask }
            slots[index] = slot
        }
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
