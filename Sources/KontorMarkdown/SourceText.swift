import Foundation

/// The bytes of one Markdown body and where its lines start. cmark keeps no raw text for
/// paragraphs, only line/column positions, so extension detection maps those positions back
/// to these bytes.
struct SourceText: Sendable {
    let bytes: [UInt8]
    /// Byte offset of each line start; index 0 is line 1.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(found)) + 1
                starts.append(offset)
            }
        }
        lineStarts = starts
    }

    var lineCount: Int { lineStarts.count }

    /// The bytes of a 1-based line without its line ending.
    func line(_ number: Int) -> Range<Int> {
        guard number >= 1, number <= lineStarts.count else { return 0..<0 }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// The raw lines of a paragraph (or any leaf block) from its cmark position: the first line
    /// from the block's column, the following ones without indentation and without the `>`
    /// markers of the block quotes around it (lazy lines have none).
    func blockLines(startLine: Int, startColumn: Int, endLine: Int, quoteDepth: Int) -> [Range<Int>] {
        guard startLine >= 1, endLine >= startLine, endLine <= lineCount else { return [] }
        var lines: [Range<Int>] = []
        lines.reserveCapacity(endLine - startLine + 1)
        let first = line(startLine)
        lines.append(min(first.upperBound, first.lowerBound + max(0, startColumn - 1))..<first.upperBound)
        if endLine > startLine {
            for number in (startLine + 1)...endLine {
                lines.append(strippingContainerPrefix(line(number), quoteDepth: quoteDepth))
            }
        }
        return lines
    }

    private func strippingContainerPrefix(_ range: Range<Int>, quoteDepth: Int) -> Range<Int> {
        var start = skipSpaces(from: range.lowerBound, to: range.upperBound)
        for _ in 0..<quoteDepth {
            guard start < range.upperBound, bytes[start] == UInt8(ascii: ">") else { break }
            start = skipSpaces(from: start + 1, to: range.upperBound)
        }
        return start..<range.upperBound
    }

    func skipSpaces(from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return index
    }

    /// `range` without leading and trailing spaces and tabs.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        let start = skipSpaces(from: range.lowerBound, to: range.upperBound)
        var end = range.upperBound
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") {
            end -= 1
        }
        return start..<end
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// Whether `pattern` (ASCII, compared case-insensitively) occurs at `index`.
    func hasASCIIPrefix(_ pattern: String, at index: Int, end: Int) -> Bool {
        let expected = Array(pattern.utf8)
        guard index >= 0, index + expected.count <= end else { return false }
        for offset in expected.indices where lowercasedASCII(self[index + offset]) != lowercasedASCII(expected[offset]) {
            return false
        }
        return true
    }
}

@inline(__always)
func lowercasedASCII(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}
