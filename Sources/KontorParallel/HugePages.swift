import Foundation

/// Asks the kernel to back large working buffers with 2 MiB pages (transparent huge pages).
///
/// The index of 10,000 pages writes a few hundred MB of fresh memory once: analysis tables,
/// word counts, postings. With 4 KiB pages every one of them is a page fault, and on the virtual
/// machines CI runs on a fault costs several microseconds — a seventh of the index step's CPU
/// time went to them. A 2 MiB page is one fault for 512 small ones. The advice is only a hint:
/// where transparent huge pages are off, or the buffer is small, nothing changes.
public enum HugePages {
    /// Below this, a buffer cannot hold a whole 2 MiB page once aligned; advising it is useless.
    public static let minimumBytes = 4 << 20

    /// Advises the page-aligned part of `byteCount` bytes from `start`. Call it before the
    /// memory is first written: pages already present stay small.
    public static func advise(_ start: UnsafeRawPointer, byteCount: Int) {
        guard byteCount >= minimumBytes else { return }
        #if os(Linux)
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (Int(bitPattern: start) + pageSize - 1) & ~(pageSize - 1)
        let end = (Int(bitPattern: start) + byteCount) & ~(pageSize - 1)
        guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, end - first, MADV_HUGEPAGE)
        #endif
    }
}

extension Array where Element: BitwiseCopyable {
    /// Reserves room for `capacity` elements and advises it for huge pages (see `HugePages`).
    /// Only for an array whose room is not yet written: reserve first, then append.
    public mutating func reserveCapacityOnHugePages(_ capacity: Int) {
        reserveCapacity(capacity)
        let bytes = self.capacity * MemoryLayout<Element>.stride
        withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { HugePages.advise(UnsafeRawPointer(base), byteCount: bytes) }
        }
    }

    /// An array of `count` copies of `value` whose memory is advised for huge pages before it is
    /// written (see `HugePages`).
    public init(onHugePages value: Element, count: Int) {
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                HugePages.advise(UnsafeRawPointer(base), byteCount: count * MemoryLayout<Element>.stride)
                base.initialize(repeating: value, count: count)
            }
            initialized = count
        }
    }
}
