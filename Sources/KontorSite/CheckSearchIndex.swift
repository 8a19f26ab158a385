import Foundation
import KontorDiagnostics

extension SiteChecker {
    /// Checks that the search index agrees with the pages: a page that loads `search.js` has a
    /// `search/manifest.js` in its site, every shard the manifest names exists, and every page URL
    /// in a shard exists (with its anchor).
    ///
    /// The shard files are JavaScript; this reads their string literals rather than a fixed schema,
    /// so it keeps working while the index format evolves: literals ending in `.js` are shard files
    /// (relative to the manifest), literals naming an `.html` file are page URLs (relative to the site root).
    struct SearchIndexCheck {
        var tree: Tree
        var pages: [(path: String, scan: ScannedPage)]
        var anchorsByPage: [String: Set<String>]

        func check() -> [Diagnostic] {
            var diagnostics = missingManifests()
            for manifest in tree.files.filter({ $0 == "search/manifest.js" || $0.hasSuffix("/search/manifest.js") }).sorted() {
                diagnostics += checkManifest(manifest)
            }
            return diagnostics
        }

        // MARK: pages → manifest

        private func missingManifests() -> [Diagnostic] {
            var reported: Set<String> = []
            var diagnostics: [Diagnostic] = []
            for (page, scan) in pages {
                for reference in scan.references where reference.tag == "script" && reference.attribute == "src" {
                    guard case .relative(let script?, false, _) = SiteChecker.classify(reference.value, fromPage: page),
                          script == "search.js" || script.hasSuffix("/search.js") else { continue }
                    let siteRoot = siteRoot(containing: SiteChecker.directory(of: script))
                    let manifest = siteRoot.isEmpty ? "search/manifest.js" : siteRoot + "/search/manifest.js"
                    if !tree.files.contains(manifest), reported.insert(manifest).inserted {
                        diagnostics.append(.error("page loads the search but '\(manifest)' is missing",
                                                  path: page, line: reference.line, column: reference.column))
                    }
                }
            }
            return diagnostics
        }

        /// The nearest folder at or above `directory` that holds an `index.html`: the root of one (reseller) site.
        private func siteRoot(containing directory: String) -> String {
            var candidate = directory
            while true {
                let index = candidate.isEmpty ? "index.html" : candidate + "/index.html"
                if tree.files.contains(index) || candidate.isEmpty { return candidate }
                candidate = SiteChecker.directory(of: candidate)
            }
        }

        // MARK: manifest → shards → pages

        private func checkManifest(_ manifest: String) -> [Diagnostic] {
            let searchFolder = SiteChecker.directory(of: manifest)
            let siteRoot = SiteChecker.directory(of: searchFolder)
            var diagnostics: [Diagnostic] = []
            var shards: [String] = []
            for literal in stringLiterals(in: manifest) {
                if literal.text.hasSuffix(".js") {
                    guard let shard = shardPath(literal.text, searchFolder: searchFolder, siteRoot: siteRoot) else {
                        diagnostics.append(.error("search shard '\(literal.text)' not found", path: manifest,
                                                  line: literal.line, column: literal.column))
                        continue
                    }
                    shards.append(shard)
                } else {
                    diagnostics += checkPageURL(literal, in: manifest, siteRoot: siteRoot)
                }
            }
            for shard in Set(shards).sorted() where shard != manifest {
                for literal in stringLiterals(in: shard) {
                    diagnostics += checkPageURL(literal, in: shard, siteRoot: siteRoot)
                }
            }
            return diagnostics
        }

        private func shardPath(_ name: String, searchFolder: String, siteRoot: String) -> String? {
            let candidates = [
                SiteChecker.resolve(name, against: searchFolder),
                SiteChecker.resolve(name, against: siteRoot),
            ]
            return candidates.compactMap { $0 }.first { tree.files.contains($0) }
        }

        private func checkPageURL(_ literal: Literal, in file: String, siteRoot: String) -> [Diagnostic] {
            guard looksLikePageURL(literal.text) else { return [] }
            let pageInSite = siteRoot.isEmpty ? "index.html" : siteRoot + "/index.html"
            guard case .relative(let path?, false, let fragment) = SiteChecker.classify(literal.text, fromPage: pageInSite) else {
                return [.error("search index names page '\(literal.text)' that is not a relative link into the site",
                               path: file, line: literal.line, column: literal.column)]
            }
            guard tree.files.contains(path) else {
                return [.error("search index names page '\(literal.text)' that does not exist",
                               path: file, line: literal.line, column: literal.column)]
            }
            let anchors = anchorsByPage[path]
            if !fragment.isEmpty, let anchors, !anchors.contains(fragment) {
                return [.error("search index names anchor '#\(fragment)' that is not in '\(path)'",
                               path: file, line: literal.line, column: literal.column)]
            }
            return []
        }

        private func looksLikePageURL(_ text: String) -> Bool {
            guard !text.contains(" "), SiteChecker.scheme(of: text) == nil else { return false }
            let path = text.split(separator: "#", maxSplits: 1).first.map { $0.split(separator: "?", maxSplits: 1).first ?? "" } ?? ""
            return path.hasSuffix(".html") || path.hasSuffix(".htm")
        }

        // MARK: string literals

        struct Literal {
            var text: String
            var line: Int
            var column: Int
        }

        private func stringLiterals(in file: String) -> [Literal] {
            guard let data = FileManager.default.contents(atPath: tree.root.appendingPathComponent(file).path) else { return [] }
            return Self.stringLiterals(in: [UInt8](data))
        }

        /// The `"…"` and `'…'` literals of a JavaScript/JSON file with simple escapes decoded.
        static func stringLiterals(in bytes: [UInt8]) -> [Literal] {
            var literals: [Literal] = []
            var line = 1
            var lineStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                    index += 1
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                    var text: [UInt8] = []
                    index += 1
                    while index < bytes.count, bytes[index] != byte, bytes[index] != UInt8(ascii: "\n") {
                        if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                            index += 1
                            appendEscape(bytes, at: &index, to: &text)
                        } else {
                            text.append(bytes[index])
                            index += 1
                        }
                    }
                    index += 1
                    literals.append(Literal(text: String(decoding: text, as: UTF8.self), line: line, column: column))
                } else {
                    index += 1
                }
            }
            return literals
        }

        private static func appendEscape(_ bytes: [UInt8], at index: inout Int, to text: inout [UInt8]) {
            let escaped = bytes[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "u") where index + 4 <= bytes.count:
                let hex = String(decoding: bytes[index..<index + 4], as: UTF8.self)
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    text.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += 4
                }
            case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
            default: text.append(escaped)
            }
        }
    }
}
