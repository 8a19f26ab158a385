/// LEB128 numbers in memory the index wrote itself (word counts, postings in blocks): seven bits
/// a byte, low bits first, the top bit set on every byte but the last. Never for input: reading
/// trusts the bytes and has no end to check against (see `ByteReader` for cache files).
enum LEB128 {
    /// The most bytes a 32-bit value takes.
    static let maximumBytesOf32Bits = 5

    @inline(__always)
    static func write(_ value: UInt, to output: inout UnsafeMutablePointer<UInt8>) {
        var rest = value
        while rest >= 0x80 {
            output.pointee = UInt8(truncatingIfNeeded: rest) | 0x80
            output += 1
            rest >>= 7
        }
        output.pointee = UInt8(rest)
        output += 1
    }

    @inline(__always)
    static func read(from input: inout UnsafePointer<UInt8>) -> UInt {
        var byte = input.pointee
        input += 1
        if byte < 0x80 { return UInt(byte) }
        var value = UInt(byte & 0x7F)
        var shift: UInt = 7
        repeat {
            byte = input.pointee
            input += 1
            value |= UInt(byte & 0x7F) << shift
            shift += 7
        } while byte >= 0x80
        return value
    }
}
