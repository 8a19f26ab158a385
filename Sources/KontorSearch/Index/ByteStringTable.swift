/// An open-addressing hash table of byte strings that numbers them in insertion order (0, 1, …).
///
/// The index builder looks up every token of the corpus; hashing the UTF-8 bytes in place
/// avoids creating a `String` (and hashing it with SipHash) per token.
struct ByteStringTable {
    /// Entry i is `storage[starts[i]..<starts[i + 1]]`.
    private var storage: [UInt8] = []
    private var starts: [Int32] = [0]
    private var hashes: [UInt64] = []
    /// Entry index + 1 per slot; 0 is empty.
    private var slots: [Int32]
    private var mask: Int

    init(minimumCapacity: Int = 1024) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        storage.reserveCapacity(minimumCapacity * 8)
    }

    var count: Int { hashes.count }

    /// A fast multiplicative hash over 8-byte words.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* multiplier
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 29
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ tail) &* multiplier
            hash ^= hash >> 29
        }
        return hash &* 0xBF58_476D_1CE4_E5B9 ^ (hash >> 31)
    }

    /// The entry number of `bytes`, or nil.
    @inline(__always)
    func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { return nil }
            let entry = Int(stored) - 1
            if hashes[entry] == hash && equals(entry, bytes) { return Int32(entry) }
            slot = (slot + 1) & mask
        }
    }

    /// The entry number of `bytes`, inserting it if it is new.
    @inline(__always)
    mutating func findOrInsert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (entry: Int32, inserted: Bool) {
        if let entry = find(bytes, hash: hash) { return (entry, false) }
        return (insert(bytes, hash: hash), true)
    }

    /// Appends `bytes` as a new entry; the caller knows it is not in the table yet.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        let entry = Int32(hashes.count)
        storage.append(contentsOf: bytes)
        starts.append(Int32(storage.count))
        hashes.append(hash)
        if hashes.count * 2 > slots.count { grow() } else { place(entry, hash: hash) }
        return entry
    }

    /// The bytes of an entry.
    func bytes(_ entry: Int32) -> ArraySlice<UInt8> {
        storage[Int(starts[Int(entry)])..<Int(starts[Int(entry) + 1])]
    }

    func string(_ entry: Int32) -> String {
        String(decoding: bytes(entry), as: UTF8.self)
    }

    @inline(__always)
    private func equals(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[entry])
        let length = Int(starts[entry + 1]) - start
        guard length == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            guard let storedBase = stored.baseAddress, let base = bytes.baseAddress else { return length == 0 }
            return memoryEquals(storedBase + start, base, length)
        }
    }

    private mutating func place(_ entry: Int32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry + 1
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for entry in hashes.indices { place(Int32(entry), hash: hashes[entry]) }
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
