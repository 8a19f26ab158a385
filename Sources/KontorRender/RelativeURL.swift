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

    /// Appends the link from the page at `from` to `target` (both UTF-8 output paths, as
    /// `from(_:to:)` takes them), HTML-escaped for an attribute value, to `output` without a
    /// `String`: the sidebar of every page links to a hundred pages or more.
    public static func appendEscapedLink(from: UnsafeBufferPointer<UInt8>, to target: UnsafeBufferPointer<UInt8>,
                                         into output: inout [UInt8]) {
        let plan = Plan(from: from, to: target)
        guard !plan.isVerbatim else { return HTMLEscaping.append(target, to: &output) }
        if plan.needsDot { output.append(contentsOf: "./".utf8) }
        for _ in 0..<plan.climbs { output.append(contentsOf: "../".utf8) }
        HTMLEscaping.append(UnsafeBufferPointer(rebasing: target[plan.restStart...]), to: &output)
    }

    private static func relativeLink(from: UnsafeBufferPointer<UInt8>, to target: UnsafeBufferPointer<UInt8>) -> String {
        let plan = Plan(from: from, to: target)
        guard !plan.isVerbatim else { return String(decoding: target, as: UTF8.self) }
        let rest = UnsafeBufferPointer(rebasing: target[plan.restStart...])
        let length = plan.climbs * 3 + rest.count + (plan.needsDot ? 2 : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            func append(_ byte: UInt8) {
                buffer[position] = byte
                position += 1
            }
            if plan.needsDot {
                append(UInt8(ascii: "."))
                append(slash)
            }
            for _ in 0..<plan.climbs {
                append(UInt8(ascii: "."))
                append(UInt8(ascii: "."))
                append(slash)
            }
            for byte in rest { append(byte) }
            return position
        }
    }

    /// How a link is made: the folders to climb, then the target from `restStart` on.
    private struct Plan {
        /// The target is only a fragment or query ("#x"): it is the link as it is.
        var isVerbatim = false
        var needsDot = false
        var climbs = 0
        var restStart = 0

        init(from: UnsafeBufferPointer<UInt8>, to target: UnsafeBufferPointer<UInt8>) {
            // Only the path part of the target takes part in the comparison; a fragment may contain "/".
            var pathEnd = 0
            while pathEnd < target.count, target[pathEnd] != UInt8(ascii: "#"), target[pathEnd] != UInt8(ascii: "?") {
                pathEnd += 1
            }
            if pathEnd == 0 {
                isVerbatim = true  // "#x" already points into the same page
                return
            }

            // End of the longest common run of whole folders ("hilfe/" of "hilfe/a.html" and "hilfe/b.html").
            var commonEnd = 0
            var index = 0
            while index < from.count, index < pathEnd, from[index] == target[index] {
                if from[index] == slash { commonEnd = index + 1 }
                index += 1
            }
            for position in commonEnd..<from.count where from[position] == slash { climbs += 1 }
            restStart = commonEnd
            // A link to the folder of the current page itself (target "hilfe/" from "hilfe/a.html")
            // must not be empty: "./" keeps it pointing at the folder.
            needsDot = climbs == 0 && (commonEnd == target.count || target[commonEnd] == UInt8(ascii: "#")
                                       || target[commonEnd] == UInt8(ascii: "?"))
        }
    }
}
