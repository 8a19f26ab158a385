/// What a paragraph's raw lines may contain, found in one pass over its bytes.
struct Triggers {
    var pipe = false
    /// `:::` or `[!`, the start of a DocFX directive.
    var directive = false

    init(lines: [Range<Int>], in bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            for line in lines {
                var index = line.lowerBound
                while index < line.upperBound {
                    // Most bytes are none of the three; one comparison chain rejects them.
                    let byte = buffer[index]
                    guard byte == UInt8(ascii: "|") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") else {
                        index += 1
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "|"):
                        pipe = true
                    case UInt8(ascii: ":"):
                        if index + 2 < line.upperBound, buffer[index + 1] == UInt8(ascii: ":"), buffer[index + 2] == UInt8(ascii: ":") {
                            directive = true
                        }
                    case UInt8(ascii: "["):
                        if index + 1 < line.upperBound, buffer[index + 1] == UInt8(ascii: "!") { directive = true }
                    default:
                        break
                    }
                    index += 1
                }
            }
        }
    }
}

/// A paragraph cut at the lines that are block directives and at a pipe table.
enum ParagraphSegments {
    enum Segment {
        /// Lines `start ..< start + count` stay paragraph text.
        case text(start: Int, count: Int)
        /// A table whose header is at line `line`; it runs to the end of its text run.
        case table(PipeTable, line: Int)
        /// A directive alone on line `line`.
        case directive(Directive, line: Int)
    }

    static func split(_ lines: [ArraySlice<UInt8>], tables: Bool, directives: Bool) -> [Segment] {
        var segments: [Segment] = []
        var runStart = 0
        func flushText(upTo end: Int) {
            guard runStart < end else { return }
            if tables, let found = PipeTable.find(in: Array(lines[runStart..<end])) {
                if found.headerIndex > 0 { segments.append(.text(start: runStart, count: found.headerIndex)) }
                segments.append(.table(found.table, line: runStart + found.headerIndex))
            } else {
                segments.append(.text(start: runStart, count: end - runStart))
            }
        }
        if directives {
            for (index, line) in lines.enumerated() {
                guard let directive = blockDirective(line) else { continue }
                flushText(upTo: index)
                segments.append(.directive(directive, line: index))
                runStart = index + 1
            }
        }
        flushText(upTo: lines.count)
        return segments
    }

    /// A directive that fills the whole line and acts as a block: images, `:::image-end:::`
    /// and includes. (`:::no-loc` is always inline.)
    private static func blockDirective(_ line: ArraySlice<UInt8>) -> Directive? {
        var start = line.startIndex
        var end = line.endIndex
        while start < end, line[start] == UInt8(ascii: " ") || line[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        let trimmed = line[start..<end]
        guard DirectiveParser.mayStart(trimmed, at: start), let (directive, directiveEnd) = DirectiveParser.parse(trimmed, at: start),
              directiveEnd == end
        else { return nil }
        if case .noLoc = directive { return nil }
        return directive
    }
}
