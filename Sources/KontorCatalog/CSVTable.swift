import KontorDiagnostics

/// One field of a CSV record with the position where it starts, so that a diagnostic can point
/// at the exact cell (`line` and `column` are 1-based; the column counts Unicode scalars).
public struct CSVField: Sendable, Hashable {
    public var value: String
    public var line: Int
    public var column: Int
}

/// One logical CSV record. A quoted field may span several physical lines; `line` is where the
/// record starts.
public struct CSVRecord: Sendable, Hashable {
    public var fields: [CSVField]
    public var line: Int { fields.first?.line ?? 0 }
}

/// A small RFC 4180 reader working on UTF-8 bytes.
///
/// We do not use CSV.swift here because it reports no positions, and every price-list error
/// must name its line and column. The reader tolerates a UTF-8 byte order mark, CRLF/LF/CR line
/// ends, quoted fields with commas, doubled quotes and line breaks, and skips blank lines.
public enum CSVTable {
    public static func parse(_ text: String, path: String) -> (records: [CSVRecord], diagnostics: [Diagnostic]) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var reader = Reader(bytes: bytes, path: path)
        return reader.readAll()
    }

    private struct Reader {
        let bytes: [UInt8]
        let path: String
        var index = 0
        var line = 1
        var column = 1
        var diagnostics: [Diagnostic] = []

        init(bytes: [UInt8], path: String) {
            self.bytes = bytes
            self.path = path
        }

        mutating func readAll() -> ([CSVRecord], [Diagnostic]) {
            var records: [CSVRecord] = []
            while index < bytes.count {
                let record = readRecord()
                let isBlank = record.fields.count == 1 && record.fields[0].value.isEmpty
                if !isBlank { records.append(record) }
            }
            return (records, diagnostics)
        }

        /// Reads fields up to and including the end of the record's line.
        mutating func readRecord() -> CSVRecord {
            var fields: [CSVField] = []
            while true {
                fields.append(readField())
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: ",") {
                    advance()
                    continue
                }
                consumeLineEnd()
                break
            }
            return CSVRecord(fields: fields)
        }

        mutating func readField() -> CSVField {
            let startLine = line, startColumn = column
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                return CSVField(value: readQuoted(startLine: startLine, startColumn: startColumn),
                                line: startLine, column: startColumn)
            }
            let start = index
            while index < bytes.count, !isFieldEnd(bytes[index]) { advance() }
            let value = String(decoding: bytes[start..<index], as: UTF8.self)
            return CSVField(value: value, line: startLine, column: startColumn)
        }

        mutating func readQuoted(startLine: Int, startColumn: Int) -> String {
            advance() // opening quote
            var value: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        value.append(byte)
                        advance(); advance()
                        continue
                    }
                    advance() // closing quote
                    // Text after the closing quote (`"a"b`) is kept, as spreadsheet programs do.
                    let rest = index
                    while index < bytes.count, !isFieldEnd(bytes[index]) { advance() }
                    value.append(contentsOf: bytes[rest..<index])
                    return String(decoding: value, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                    let isCRLF = byte == UInt8(ascii: "\r") && index + 1 < bytes.count
                        && bytes[index + 1] == UInt8(ascii: "\n")
                    value.append(UInt8(ascii: "\n"))
                    index += isCRLF ? 2 : 1
                    line += 1
                    column = 1
                    continue
                }
                value.append(byte)
                advance()
            }
            diagnostics.append(.error("Anführungszeichen wird nicht geschlossen", path: path,
                                      line: startLine, column: startColumn))
            return String(decoding: value, as: UTF8.self)
        }

        func isFieldEnd(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }

        mutating func consumeLineEnd() {
            guard index < bytes.count else { return }
            if bytes[index] == UInt8(ascii: "\r") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
            } else if bytes[index] == UInt8(ascii: "\n") {
                index += 1
            }
            line += 1
            column = 1
        }

        /// Moves one byte forward; the column counts Unicode scalars, so UTF-8 continuation bytes
        /// do not advance it.
        mutating func advance() {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
    }
}
