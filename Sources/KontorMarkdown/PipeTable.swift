/// GFM pipe tables, which libcmark lacks. cmark leaves a table as paragraph text; the lines of
/// such a paragraph are checked here for a header row followed by a delimiter row.
struct PipeTable {
    enum Alignment { case none, left, center, right }

    /// Cell texts with the escaping backslash of `\|` removed, ready for inline parsing.
    var header: [[UInt8]]
    var alignments: [Alignment]
    var rows: [[[UInt8]]]

    /// Finds a table in paragraph lines: the index of its header line and the table, which
    /// runs to the end of the lines (a paragraph ends where GFM ends a table: blank line or
    /// a line starting another block).
    static func find(in lines: [ArraySlice<UInt8>]) -> (headerIndex: Int, table: PipeTable)? {
        guard lines.count >= 2 else { return nil }
        for index in 0..<(lines.count - 1) {
            guard let alignments = delimiterRow(lines[index + 1]) else { continue }
            let header = splitRow(lines[index])
            guard header.cells.count == alignments.count else { continue }
            let rows = lines[(index + 2)...].map { line in
                let cells = splitRow(line).cells
                // Rows with more cells are cut, rows with fewer are padded with empty cells.
                return Array(cells.prefix(alignments.count)) + Array(repeating: [], count: max(0, alignments.count - cells.count))
            }
            return (index, PipeTable(header: header.cells, alignments: alignments, rows: rows))
        }
        return nil
    }

    /// `| :-- | :-: | --: |` → alignments; nil when the line is not a delimiter row.
    /// A pipe is required so that a lone `---` under text stays what cmark made of it.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Alignment]? {
        let row = splitRow(line)
        guard row.hasPipe, !row.cells.isEmpty else { return nil }
        var alignments: [Alignment] = []
        alignments.reserveCapacity(row.cells.count)
        for cell in row.cells {
            guard let first = cell.first, let last = cell.last else { return nil }
            let dashes = cell.dropFirst(first == UInt8(ascii: ":") ? 1 : 0).dropLast(last == UInt8(ascii: ":") && cell.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            switch (first == UInt8(ascii: ":"), last == UInt8(ascii: ":") && cell.count > 1) {
            case (true, true): alignments.append(.center)
            case (true, false): alignments.append(.left)
            case (false, true): alignments.append(.right)
            case (false, false): alignments.append(.none)
            }
        }
        return alignments
    }

    /// Splits a row at unescaped pipes. A leading and a trailing pipe are optional. Like
    /// DocFX (Markdig), pipes inside a complete code span do not split; `\|` is a literal
    /// pipe everywhere, also inside code spans (GFM).
    static func splitRow(_ line: ArraySlice<UInt8>) -> (cells: [[UInt8]], hasPipe: Bool) {
        var start = line.startIndex
        var end = line.endIndex
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        var cells: [[UInt8]] = []
        var cell: [UInt8] = []
        var hasPipe = false
        var index = start
        if index < end, line[index] == UInt8(ascii: "|") {
            hasPipe = true
            index += 1
        }
        var endedWithPipe = false
        while index < end {
            let byte = line[index]
            endedWithPipe = false
            if byte == UInt8(ascii: "\\"), index + 1 < end {
                let escaped = line[index + 1]
                if escaped != UInt8(ascii: "|") { cell.append(byte) }
                cell.append(escaped)
                index += 2
            } else if byte == UInt8(ascii: "`") {
                index = appendCodeSpan(line, at: index, end: end, to: &cell)
            } else if byte == UInt8(ascii: "|") {
                cells.append(trimmedCell(cell))
                cell.removeAll(keepingCapacity: true)
                hasPipe = true
                endedWithPipe = true
                index += 1
            } else {
                cell.append(byte)
                index += 1
            }
        }
        if !endedWithPipe || !cell.isEmpty { cells.append(trimmedCell(cell)) }
        if start == end { cells.removeAll() }
        return (cells, hasPipe)
    }

    /// Copies a backtick run and, when it closes on this line, the whole code span.
    private static func appendCodeSpan(_ line: ArraySlice<UInt8>, at start: Int, end: Int, to cell: inout [UInt8]) -> Int {
        var index = start
        while index < end, line[index] == UInt8(ascii: "`") { index += 1 }
        let length = index - start
        var search = index
        while search < end {
            guard line[search] == UInt8(ascii: "`") else { search += 1; continue }
            let runStart = search
            while search < end, line[search] == UInt8(ascii: "`") { search += 1 }
            if search - runStart == length {
                var content = start
                while content < search {
                    if line[content] == UInt8(ascii: "\\"), content + 1 < search, line[content + 1] == UInt8(ascii: "|") {
                        content += 1
                    }
                    cell.append(line[content])
                    content += 1
                }
                return search
            }
        }
        cell.append(contentsOf: line[start..<index])
        return index
    }

    private static func trimmedCell(_ cell: [UInt8]) -> [UInt8] {
        var slice = cell[...]
        while let first = slice.first, isSpace(first) { slice.removeFirst() }
        while let last = slice.last, isSpace(last) { slice.removeLast() }
        return Array(slice)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// The opening tag with its `align` attribute.
    static func openTag(_ name: String, _ alignment: Alignment) -> String {
        switch alignment {
        case .none: return "<\(name)>"
        case .left: return "<\(name) align=\"left\">"
        case .center: return "<\(name) align=\"center\">"
        case .right: return "<\(name) align=\"right\">"
        }
    }
}
