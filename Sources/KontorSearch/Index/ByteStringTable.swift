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

    /// Bytes of all keys longer than eight bytes, back to back (a slot points at its key's bytes).
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
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let count = bytes.count
        guard let base = bytes.baseAddress else { return Key(hash: 0, prefix: 0) }
        let raw = UnsafeRawPointer(base)
        let prefix: UInt64
        var hash = UInt64(truncatingIfNeeded: count) &* multiplier
        if count >= 8 {
            prefix = raw.loadUnaligned(as: UInt64.self)
            hash = (hash ^ prefix) &* multiplier
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
        } else if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            prefix = low | high << 32
            hash = (hash ^ prefix) &* multiplier
        } else if count > 0 {
            prefix = UInt64(base[0]) | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1]) << 16
            hash = (hash ^ prefix) &* multiplier
        } else {
            prefix = 0
        }
        return Key(hash: hash ^ (hash >> 31), prefix: prefix)
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
        if bytes.count > 8 { storage.append(contentsOf: bytes) }
        slots[slot] = Slot(prefix: key.prefix, hash: UInt32(truncatingIfNeeded: key.hash),
                           length: UInt32(bytes.count), start: start, value: value)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// ORs `bits` into the value of `bytes`, inserting it with value `bits` if it is new
    /// (one probe sequence instead of a lookup and a store).
    mutating func formUnion(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key, _ bits: Int32) {
        let slot = find(bytes, key)
        if slots[slot].length != Slot.empty {
            slots[slot].value |= bits
        } else {
            set(bytes, key, bits)
        }
    }

    /// The slot holding `bytes`, or the empty slot where it belongs.
    @inline(__always)
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Key) -> Int {
        let tag = UInt32(truncatingIfNeeded: key.hash)
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
        let mask = slots.count - 1
        self.mask = mask
        slots.withUnsafeMutableBufferPointer { slots in
            for slot in old where slot.length != Slot.empty {
                // The slot keeps the hash's low 32 bits, which is all the index needs.
                var index = Int(slot.hash) & mask
                while slots[index].length != Slot.empty { index = (index + 1) & mask }
                slots[index] = slot
            }
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
