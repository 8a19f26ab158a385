/// HTML escaping of `{{name}}` values, on UTF-8 bytes: the five characters and entities
/// swift-mustache escapes (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;`).
enum HTMLEscaping {
    static func append(_ text: String, to output: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append($0, to: &output) }
        if done == nil {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { append($0, to: &output) }
        }
    }

    /// Copies runs without special characters in one piece.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        // Bit `b` is set for each of the five bytes `b` that need an entity; all of them are below
        // 64, so most bytes are ruled out by one comparison and one shift.
        let specialBytes: UInt64 = (1 << UInt8(ascii: "&")) | (1 << UInt8(ascii: "<")) | (1 << UInt8(ascii: ">"))
            | (1 << UInt8(ascii: "\"")) | (1 << UInt8(ascii: "'"))
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 64, specialBytes >> byte & 1 == 1 else { continue }
            let entity: StaticString
            switch byte {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}
