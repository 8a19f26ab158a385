/// Invalid UTF-8 would make cmark and every later stage misbehave; it is replaced by U+FFFD
/// and reported once per file with the line of the first bad byte.
enum UTF8Repair {
    struct Result {
        var bytes: [UInt8]
        /// 1-based line of the first invalid sequence, nil when the input was valid.
        var firstInvalidLine: Int?
    }

    static func repair(_ input: [UInt8]) -> Result {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let offset = firstInvalidOffset(bytes) else { return Result(bytes: bytes) }
        let line = bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        return Result(bytes: Array(String(decoding: bytes, as: UTF8.self).utf8), firstInvalidLine: line)
    }

    /// Offset of the first byte that starts no valid UTF-8 sequence (overlong forms,
    /// surrogates and values above U+10FFFF are invalid), nil for valid input.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            let raw = UnsafeRawBufferPointer(buffer)
            while index < count {
                // Eight ASCII bytes at a time: German text is mostly ASCII, and every guide passes here.
                if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return index
                }
                guard index + length <= count, (lower...upper).contains(buffer[index + 1]) else { return index }
                for offset in 2..<max(2, length) where buffer[index + offset] & 0xC0 != 0x80 {
                    return index
                }
                index += length
            }
            return nil
        }
    }
}
