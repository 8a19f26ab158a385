/// A list of byte strings stored back to back: one allocation for a whole vocabulary instead
/// of a `String` per word.
struct ByteStrings: Sendable {
    /// String i is `bytes[starts[i]..<starts[i + 1]]`.
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int32] = [0]

    init() {}

    /// Strings whose starts (beginning with 0, rising, the last at most `bytes.count`) the
    /// caller has checked.
    init(bytes: [UInt8], checkedStarts starts: [Int32]) {
        self.bytes = bytes
        self.starts = starts
    }

    init(reservingCapacity count: Int, bytes byteCount: Int) {
        reserveCapacity(count, bytes: byteCount)
    }

    mutating func reserveCapacity(_ count: Int, bytes byteCount: Int) {
        starts.reserveCapacity(count + 1)
        bytes.reserveCapacity(byteCount)
    }

    var count: Int { starts.count - 1 }

    mutating func append(_ string: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: string)
        starts.append(Int32(bytes.count))
    }

    init(_ strings: [String]) {
        reserveCapacity(strings.count, bytes: strings.reduce(0) { $0 + $1.utf8.count })
        for string in strings { append(string) }
    }

    mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
        starts.append(Int32(bytes.count))
    }

    /// Appends all strings of `other`, in order.
    mutating func append(contentsOf other: ByteStrings) {
        let offset = Int32(bytes.count)
        bytes.append(contentsOf: other.bytes)
        starts.append(contentsOf: other.starts.dropFirst().lazy.map { $0 + offset })
    }

    /// Appends the bytes appended to `bytes` by `body` as one new string.
    mutating func appendString(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
        starts.append(Int32(bytes.count))
    }

    /// Strings `order[0]`, `order[1]`, … of this list, in one allocation per buffer.
    func gathered(_ order: [Int32]) -> ByteStrings {
        withBuffers { strings in
            var gathered = ByteStrings(reservingCapacity: order.count, bytes: strings.bytes.count)
            for index in order { gathered.append(strings[Int(index)]) }
            return gathered
        }
    }

    /// Whether every string is ASCII.
    var isASCII: Bool { bytes.allSatisfy { $0 < 0x80 } }

    /// The size of string `index` in bytes.
    func size(_ index: Int) -> Int { Int(starts[index + 1] - starts[index]) }

    func bytes(at index: Int) -> ArraySlice<UInt8> { bytes[Int(starts[index])..<Int(starts[index + 1])] }

    /// Every string, decoded (for tests and small lists).
    var strings: [String] { (0..<count).map(string) }

    func string(_ index: Int) -> String {
        String(decoding: bytes(at: index), as: UTF8.self)
    }

    func withBuffers<R>(_ body: (Buffers) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in body(Buffers(bytes: bytes, starts: starts)) }
        }
    }

    /// Unchecked, allocation-free access to the strings for hot loops. Read-only and valid only
    /// inside `withBuffers`, so sharing it between the threads working in there is safe.
    struct Buffers: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<Int32>

        var count: Int { starts.count - 1 }

        @inline(__always)
        subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[Int(starts[index])..<Int(starts[index + 1])])
        }
    }
}
