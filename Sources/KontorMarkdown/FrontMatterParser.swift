import Foundation
import KontorDiagnostics
import KontorYAML

/// One key of the front matter whose value is a scalar.
struct FrontMatterEntry: Equatable {
    var key: String
    var value: String
    /// 1-based line within the YAML text.
    var line: Int
}

/// Splits the YAML front matter off a Markdown file and reads its keys.
enum FrontMatterParser {
    struct Split {
        /// Where the YAML text between the `---` lines is, nil without front matter.
        var yaml: Range<Int>?
        /// Byte offset where the Markdown body starts.
        var bodyStart: Int
        /// Number of lines before the body, to map body line numbers back to the file.
        var bodyLineOffset: Int
        var diagnostics: [Diagnostic] = []
    }

    /// Front matter starts with `---` on line 1 and ends at the next `---` or `...` line.
    /// A `---` followed by a blank line is a thematic break, not front matter.
    static func split(_ bytes: [UInt8], path: String) -> Split {
        let noFrontMatter = Split(yaml: nil, bodyStart: 0, bodyLineOffset: 0)
        guard bytes.starts(with: "---".utf8) else { return noFrontMatter }
        var lines = LineCursor(bytes)
        guard let first = lines.next(), isDelimiter(first, in: bytes, allowDots: false), let second = lines.next() else {
            return noFrontMatter
        }
        var number = 2
        var line: Range<Int>? = second
        while let current = line {
            if isDelimiter(current, in: bytes, allowDots: true) {
                let bodyStart = min(bytes.count, lines.position)
                return Split(yaml: second.lowerBound..<current.lowerBound, bodyStart: bodyStart, bodyLineOffset: number)
            }
            line = lines.next()
            number += 1
        }
        if bytes[second].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return noFrontMatter }
        return Split(
            yaml: nil, bodyStart: 0, bodyLineOffset: 0,
            diagnostics: [.error("front matter is not closed: a line '---' is missing after the YAML", path: path, line: 1)])
    }

    /// Walks the lines of a buffer only as far as needed.
    private struct LineCursor {
        let bytes: [UInt8]
        var position = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        /// The next line without its line break.
        mutating func next() -> Range<Int>? {
            guard position < bytes.count else { return nil }
            let start = position
            var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            position = end + 1
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return start..<end
        }
    }

    /// `---` (or `...` to close), trailing spaces allowed.
    private static func isDelimiter(_ line: Range<Int>, in bytes: [UInt8], allowDots: Bool) -> Bool {
        guard line.count >= 3 else { return false }
        let marker = bytes[line.lowerBound..<(line.lowerBound + 3)]
        guard marker.elementsEqual("---".utf8) || (allowDots && marker.elementsEqual("...".utf8)) else { return false }
        return bytes[(line.lowerBound + 3)..<line.upperBound].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Reads the YAML; errors point into the file (`firstLine` is the file line of the YAML's line 1).
    static func parse(_ yaml: ArraySlice<UInt8>, path: String, firstLine: Int) -> (FrontMatter, [Diagnostic]) {
        let (entries, diagnostics) = entries(String(decoding: yaml, as: UTF8.self), path: path, firstLine: firstLine)
        guard diagnostics.isEmpty else { return (FrontMatter(), diagnostics) }
        return read(entries, path: path, firstLine: firstLine)
    }

    /// The keys with scalar values, in order; any YAML error, or a document that is not a
    /// mapping, gives no entries and one error.
    static func entries(_ yaml: String, path: String, firstLine: Int) -> (entries: [FrontMatterEntry], diagnostics: [Diagnostic]) {
        let root: YAMLNode?
        do {
            root = try YAMLReader.parse(yaml)
        } catch {
            return ([], [error.diagnostic(path: path, firstLine: firstLine, wording: Self.yamlWording)])
        }
        guard let root else { return ([], []) }
        guard let mapping = root.mapping else {
            return ([], [.error("front matter must be a mapping of keys to values", path: path, line: firstLine)])
        }
        var entries: [FrontMatterEntry] = []
        entries.reserveCapacity(mapping.count)
        for pair in mapping {
            guard let key = pair.key.scalar, let value = pair.value.scalar else { continue }
            entries.append(FrontMatterEntry(key: key, value: value, line: pair.key.line))
        }
        return (entries, [])
    }

    private static func read(_ entries: [FrontMatterEntry], path: String, firstLine: Int) -> (FrontMatter, [Diagnostic]) {
        var frontMatter = FrontMatter()
        var diagnostics: [Diagnostic] = []
        for entry in entries {
            let (key, value) = (entry.key, entry.value)
            switch key {
            case "title": frontMatter.title = value.isEmpty ? nil : value
            case "description": frontMatter.description = value.isEmpty ? nil : value
            case "ms.date", "date":
                if let iso = isoDate(value) {
                    // `date` (ISO) wins over DocFX's `ms.date` when both are given.
                    if key == "date" || frontMatter.date == nil { frontMatter.date = iso }
                } else {
                    let form = key == "ms.date" ? "MM/DD/YYYY" : "YYYY-MM-DD"
                    let line = entry.line + firstLine - 1
                    diagnostics.append(.warning("'\(key)' is not a date in the form \(form): '\(value)'", path: path, line: line))
                }
            default: frontMatter.metadata[key] = value
            }
        }
        return (frontMatter, diagnostics)
    }

    private static let yamlWording = YAMLErrorWording(
        syntax: "invalid front matter: ", duplicateKeys: "invalid front matter: duplicate key ", unreadable: "invalid front matter: ")

    /// `10/29/2018` (DocFX) or `2018-10-29` (ISO, optionally with a time) → `2018-10-29`.
    static func isoDate(_ text: String) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        let parts: [Substring]
        let year: Substring, month: Substring, day: Substring
        if value.contains("/") {
            parts = value.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            (month, day, year) = (parts[0], parts[1], parts[2])
        } else {
            let datePart = value.prefix(10)
            guard value.count == 10 || value.dropFirst(10).first.map({ $0 == "T" || $0 == " " }) == true else { return nil }
            parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1].count == 2, parts[2].count == 2 else { return nil }
            (year, month, day) = (parts[0], parts[1], parts[2])
        }
        guard year.count == 4, (1...2).contains(month.count), (1...2).contains(day.count),
              let y = Int(year), let m = Int(month), let d = Int(day),
              (1...12).contains(m), d >= 1, d <= daysInMonth(m, year: y)
        else { return nil }
        return "\(year)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
