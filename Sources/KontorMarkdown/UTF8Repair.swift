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

    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        // Plain ASCII is by far the common case: check it without decoding.
        let hasNonASCII = bytes.withUnsafeBufferPointer { buffer in buffer.contains { $0 >= 0x80 } }
        guard hasNonASCII else { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
