/// An open-addressing map from non-negative `Int32` keys to dense indices 0, 1, 2, … in order of
/// insertion. It collects the distinct words or terms of one document: the table is small enough
/// to stay in the L1 cache and is emptied in time proportional to what was inserted.
///
/// A class over memory of its own: it is asked once per token of the corpus and once per term
/// of every document, and as a struct of arrays each insertion checked that the arrays were
/// not shared. One table belongs to one loop on one thread.
final class DenseIndexTable {
    /// (key + 1) << 32 | index per slot; 0 is empty.
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int
    private var shift: UInt32
    /// The slots in use, in order of insertion: at most half of the slots.
    private var used: UnsafeMutablePointer<Int32>
    private(set) var count = 0

    init(capacityBits: UInt32 = 11) {
        let capacity = 1 << Int(capacityBits)
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        used = .allocate(capacity: capacity / 2 + 1)
        mask = capacity - 1
        shift = 32 - capacityBits
    }

    deinit {
        slots.deallocate()
        used.deallocate()
    }

    /// The index of `key`, and whether it was just inserted (with index `count - 1`).
    @inline(__always)
    func index(of key: Int32) -> (index: Int, inserted: Bool) {
        let tag = UInt64(UInt32(bitPattern: key) &+ 1) << 32
        var slot = Int(truncatingIfNeeded: (UInt32(bitPattern: key) &* 0x9E37_79B1) >> shift)
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if stored & 0xFFFF_FFFF_0000_0000 == tag { return (Int(truncatingIfNeeded: stored & 0xFFFF_FFFF), false) }
            slot = (slot + 1) & mask
        }
        let index = count
        slots[slot] = tag | UInt64(index)
        used[index] = Int32(slot)
        count += 1
        if count * 2 > mask + 1 { grow() }
        return (index, true)
    }

    func removeAll() {
        for index in 0..<count { slots[Int(used[index])] = 0 }
        count = 0
    }

    private func grow() {
        let oldSlots = slots
        let oldUsed = used
        let capacity = (mask + 1) * 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        used = .allocate(capacity: capacity / 2 + 1)
        mask = capacity - 1
        shift -= 1
        // Re-inserted in order of insertion, so that `used` keeps that order.
        for index in 0..<count {
            let entry = oldSlots[Int(oldUsed[index])]
            let key = UInt32(truncatingIfNeeded: entry >> 32) &- 1
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
            used[index] = Int32(slot)
        }
        oldSlots.deallocate()
        oldUsed.deallocate()
    }
}
