import Foundation

/// DocFX directives found in paragraph text: `:::image …:::`, `:::image-end:::`,
/// `:::no-loc text="…":::` and `[!INCLUDE[title](path)]`.
enum Directive {
    case image(ImageDirective)
    case imageEnd
    case noLoc(String)
    case include(path: String)
}

struct ImageDirective {
    enum Kind: String { case content, icon, complex }
    var kind: Kind?
    var rawType: String?
    var source: String?
    var altText: String?
    var lightbox: String?
    var border: Bool
}

enum DirectiveParser {
    /// Parses a directive starting at `start`; returns it and the index after it.
    static func parse(_ bytes: ArraySlice<UInt8>, at start: Int) -> (Directive, end: Int)? {
        guard start < bytes.endIndex else { return nil }
        switch bytes[start] {
        case UInt8(ascii: ":"): return parseColonDirective(bytes, at: start)
        case UInt8(ascii: "["): return parseInclude(bytes, at: start)
        default: return nil
        }
    }

    /// Whether `byte` can start a directive, for a quick scan before `parse`.
    static func mayStart(_ bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
        guard index + 2 < bytes.endIndex else { return false }
        switch bytes[index] {
        case UInt8(ascii: ":"): return bytes[index + 1] == UInt8(ascii: ":") && bytes[index + 2] == UInt8(ascii: ":")
        case UInt8(ascii: "["): return bytes[index + 1] == UInt8(ascii: "!")
        default: return false
        }
    }

    private static func parseColonDirective(_ bytes: ArraySlice<UInt8>, at start: Int) -> (Directive, end: Int)? {
        guard matches(bytes, ":::", at: start) else { return nil }
        var index = start + 3
        let nameStart = index
        while index < bytes.endIndex, isNameByte(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        guard let (attributes, end) = parseAttributes(bytes, from: index) else { return nil }
        switch name {
        case "image":
            let kind = attributes["type"].map { ImageDirective.Kind(rawValue: $0.lowercased()) } ?? .content
            let image = ImageDirective(
                kind: kind, rawType: attributes["type"], source: attributes["source"],
                altText: attributes["alt-text"], lightbox: attributes["lightbox"],
                border: attributes["border"]?.lowercased() == "true")
            return (.image(image), end)
        case "image-end":
            return (.imageEnd, end)
        case "no-loc":
            guard let text = attributes["text"] else { return nil }
            return (.noLoc(text), end)
        default:
            return nil
        }
    }

    /// `key="value"` pairs up to the closing `:::`.
    private static func parseAttributes(_ bytes: ArraySlice<UInt8>, from start: Int) -> ([String: String], end: Int)? {
        var attributes: [String: String] = [:]
        var index = start
        while true {
            while index < bytes.endIndex, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            if matches(bytes, ":::", at: index) { return (attributes, index + 3) }
            let keyStart = index
            while index < bytes.endIndex, isNameByte(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
            guard index > keyStart else { return nil }
            let key = String(decoding: bytes[keyStart..<index], as: UTF8.self).lowercased()
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else {
                attributes[key] = ""
                continue
            }
            index += 1
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { return nil }
            let quote = bytes[index]
            let valueStart = index + 1
            guard let valueEnd = bytes[valueStart...].firstIndex(of: quote) else { return nil }
            attributes[key] = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            index = valueEnd + 1
        }
    }

    /// `[!INCLUDE[title](path)]`, case-insensitive like DocFX.
    private static func parseInclude(_ bytes: ArraySlice<UInt8>, at start: Int) -> (Directive, end: Int)? {
        let marker = Array("[!include[".utf8)
        guard start + marker.count <= bytes.endIndex,
              zip(bytes[start..<(start + marker.count)], marker).allSatisfy({ lowercasedASCII($0) == $1 })
        else { return nil }
        var index = start + marker.count
        while index + 1 < bytes.endIndex, !(bytes[index] == UInt8(ascii: "]") && bytes[index + 1] == UInt8(ascii: "(")) {
            index += 1
        }
        guard index + 1 < bytes.endIndex else { return nil }
        let pathStart = index + 2
        guard let pathEnd = bytes[pathStart...].firstIndex(of: UInt8(ascii: ")")),
              pathEnd + 1 < bytes.endIndex, bytes[pathEnd + 1] == UInt8(ascii: "]")
        else { return nil }
        var path = String(decoding: bytes[pathStart..<pathEnd], as: UTF8.self).trimmingSpaces()
        if path.hasPrefix("<"), path.hasSuffix(">") { path = String(path.dropFirst().dropLast()) }
        path = path.removingPercentEncoding ?? path
        guard !path.isEmpty else { return nil }
        return (.include(path: path), pathEnd + 2)
    }

    private static func matches(_ bytes: ArraySlice<UInt8>, _ text: StaticString, at index: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index >= bytes.startIndex, index + count <= bytes.endIndex else { return false }
        return text.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " || view.first == "\t" { view.removeFirst() }
        while view.last == " " || view.last == "\t" { view.removeLast() }
        return String(view)
    }
}
