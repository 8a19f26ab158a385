/// An open-addressing map from non-negative `Int32` keys to dense indices 0, 1, 2, … in order of
/// insertion. It collects the distinct words or terms of one document: the table is small enough
/// to stay in the L1 cache and is emptied in time proportional to what was inserted.
struct DenseIndexTable {
    /// (key + 1) << 32 | index per slot; 0 is empty.
    private var slots: [UInt64]
    private var used: [Int32] = []
    private var shift: UInt32

    init(capacityBits: UInt32 = 11) {
        slots = Array(repeating: 0, count: 1 << Int(capacityBits))
        shift = 32 - capacityBits
    }

    var count: Int { used.count }

    /// The index of `key`, and whether it was just inserted (with index `count - 1`).
    @inline(__always)
    mutating func index(of key: Int32) -> (index: Int, inserted: Bool) {
        let mask = slots.count - 1
        let tag = UInt64(UInt32(bitPattern: key) &+ 1) << 32
        var slot = Int(truncatingIfNeeded: (UInt32(bitPattern: key) &* 0x9E37_79B1) >> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if stored & 0xFFFF_FFFF_0000_0000 == tag { return (Int(truncatingIfNeeded: stored & 0xFFFF_FFFF), false) }
            slot = (slot + 1) & mask
        }
        let index = used.count
        slots[slot] = tag | UInt64(index)
        used.append(Int32(slot))
        if used.count * 2 > slots.count { grow() }
        return (index, true)
    }

    mutating func removeAll() {
        for slot in used { slots[Int(slot)] = 0 }
        used.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        let entries = used.map { slots[Int($0)] }
        slots = Array(repeating: 0, count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        used.removeAll(keepingCapacity: true)
        for entry in entries {
            let key = UInt32(truncatingIfNeeded: entry >> 32) &- 1
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
            used.append(Int32(slot))
        }
    }
}
