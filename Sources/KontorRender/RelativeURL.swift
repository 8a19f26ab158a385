/// Relative links between output paths (`/`-separated, relative to the site root, naming files).
///
/// Called for every link of every page, so it works on UTF-8 bytes: one pass to find the common
/// folder prefix, one to count the folders left to climb.
public enum RelativeURL {
    private static let slash = UInt8(ascii: "/")

    /// The link from the page at `fromOutputPath` to `targetOutputPath`.
    /// A `?query` or `#fragment` on the target is kept: from `hilfe/a/b.html` to
    /// `assets/kontor.css` gives `../../assets/kontor.css`, to `hilfe/a/b.html#x` gives `b.html#x`.
    public static func from(_ fromOutputPath: String, to targetOutputPath: String) -> String {
        var from = fromOutputPath
        var target = targetOutputPath
        return from.withUTF8 { fromBytes in
            target.withUTF8 { targetBytes in
                relativeLink(from: fromBytes, to: targetBytes)
            }
        }
    }

    /// The prefix that leads from the page at `outputPath` to the site root: `""` for `index.html`,
    /// `"../"` for `hilfe/a.html`, `"../../"` for `hilfe/a/b.html`.
    public static func rootPrefix(for outputPath: String) -> String {
        var depth = 0
        for byte in outputPath.utf8 where byte == slash { depth += 1 }
        return String(repeating: "../", count: depth)
    }

    private static func relativeLink(from: UnsafeBufferPointer<UInt8>, to target: UnsafeBufferPointer<UInt8>) -> String {
        // Only the path part of the target takes part in the comparison; a fragment may contain "/".
        var pathEnd = 0
        while pathEnd < target.count, target[pathEnd] != UInt8(ascii: "#"), target[pathEnd] != UInt8(ascii: "?") {
            pathEnd += 1
        }
        if pathEnd == 0 {
            return String(decoding: target, as: UTF8.self)  // "#x" already points into the same page
        }

        // End of the longest common run of whole folders ("hilfe/" of "hilfe/a.html" and "hilfe/b.html").
        var commonEnd = 0
        var index = 0
        while index < from.count, index < pathEnd, from[index] == target[index] {
            if from[index] == slash { commonEnd = index + 1 }
            index += 1
        }

        var climbs = 0
        for position in commonEnd..<from.count where from[position] == slash { climbs += 1 }

        let rest = UnsafeBufferPointer(rebasing: target[commonEnd...])
        // A link to the folder of the current page itself (target "hilfe/" from "hilfe/a.html")
        // must not be empty: "./" keeps it pointing at the folder.
        let needsDot = climbs == 0 && (rest.isEmpty || rest[0] == UInt8(ascii: "#") || rest[0] == UInt8(ascii: "?"))
        let length = climbs * 3 + rest.count + (needsDot ? 2 : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            func append(_ byte: UInt8) {
                buffer[position] = byte
                position += 1
            }
            if needsDot {
                append(UInt8(ascii: "."))
                append(slash)
            }
            for _ in 0..<climbs {
                append(UInt8(ascii: "."))
                append(UInt8(ascii: "."))
                append(slash)
            }
            for byte in rest { append(byte) }
            return position
        }
    }
}
