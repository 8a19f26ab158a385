import Foundation
import KontorSite

extension PreviewServer {
    /// Where a request path leads inside the served folder.
    public enum Target: Equatable, Sendable {
        /// A regular file inside the root (symlinks resolved).
        case file(URL)
        /// A folder asked for without the trailing slash: redirect so relative links in its
        /// `index.html` resolve against the folder.
        case redirect(location: String)
        /// Missing, forbidden or malformed: answered with the site's `404.html`.
        case notFound
    }

    /// Maps a request path (as sent, percent-encoded, query allowed) to a file inside `root`, or nil.
    /// A folder maps to its `index.html`. Never returns a file outside `root`: `..`, `.` and dot-file
    /// segments, encoded `/`, `\` and NUL, backslashes, empty segments and symlinks that leave the root
    /// are all rejected.
    public static func resolve(requestPath: String, in root: URL) -> URL? {
        switch target(requestPath: requestPath, in: root) {
        case .file(let url): url
        case .redirect(let location): resolve(requestPath: location, in: root)
        case .notFound: nil
        }
    }

    public static func target(requestPath: String, in root: URL) -> Target {
        guard let segments = safeSegments(of: requestPath), let rootPath = realPath(root.path) else { return .notFound }
        let wantsFolder = segments.isEmpty || pathOnly(requestPath).hasSuffix("/")
        let candidate = segments.reduce(rootPath) { $0 + "/" + $1 }
        guard let resolved = realPath(candidate), isInside(resolved, root: rootPath) else { return .notFound }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else { return .notFound }
        if !isDirectory.boolValue {
            return wantsFolder ? .notFound : .file(URL(fileURLWithPath: resolved))
        }
        guard wantsFolder else { return .redirect(location: pathOnly(requestPath) + "/") }
        guard let index = realPath(resolved + "/index.html"), isInside(index, root: rootPath),
              isRegularFile(index) else { return .notFound }
        return .file(URL(fileURLWithPath: index))
    }

    /// Decoded path segments, or nil when the path could address something outside the root.
    static func safeSegments(of requestPath: String) -> [String]? {
        let path = pathOnly(requestPath)
        // `//host/…` and `a//b` (an empty segment) are refused rather than guessed at.
        guard path.hasPrefix("/"), !path.contains("//") else { return nil }
        let raw = path.utf8
        if raw.contains(0) || raw.contains(UInt8(ascii: "\\")) { return nil }
        var segments: [String] = []
        for rawSegment in path.split(separator: "/") {
            guard let segment = PercentDecoding.strict(rawSegment), !segment.hasPrefix("."),
                  !segment.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") })
            else { return nil }
            segments.append(segment)
        }
        return segments
    }

    /// The path without `?query` and `#fragment`.
    static func pathOnly(_ requestPath: String) -> Substring {
        let end = requestPath.firstIndex { $0 == "?" || $0 == "#" } ?? requestPath.endIndex
        return requestPath[..<end]
    }

    /// `realpath(3)`: the canonical path with every symlink resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
