import Foundation
import KontorDiagnostics
import KontorParallel
import KontorSearch

extension SiteChecker {
    /// Checks that the search index agrees with the pages: a page that loads `search.js` has a
    /// `search/manifest.js` in its site, every term shard and document file the manifest counts
    /// exists, and every document names an existing page and anchors that exist in it.
    ///
    /// Reads the index format of KontorSearch (`SearchIndexFormat`, format 3): each file is
    /// `window.KontorSuche.register(key, {json})`; the manifest has `documents` (N) and `shards`
    /// (one entry per `search/t/<i>.js`); `search/d/<id>.js` has `url` (relative to the site root)
    /// and `sections` as `[anchor, heading, text]`.
    struct SearchIndexCheck {
        var tree: Tree
        var pages: [(path: String, scan: ScannedPage)]
        var anchorsByPage: [String: Set<String>]

        func check() -> [Diagnostic] {
            var diagnostics = missingManifests()
            for manifest in tree.files.filter({ $0 == "search/manifest.js" || $0.hasSuffix("/search/manifest.js") }).sorted() {
                diagnostics += checkIndex(manifest: manifest)
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
                    let siteRoot = siteRoot(of: page, script: script, dataRoot: reference.dataRoot)
                    let manifest = siteRoot.isEmpty ? "search/manifest.js" : siteRoot + "/search/manifest.js"
                    if !tree.files.contains(manifest), reported.insert(manifest).inserted {
                        diagnostics.append(.error("page loads the search but '\(manifest)' is missing",
                                                  path: page, line: reference.line, column: reference.column))
                    }
                }
            }
            return diagnostics
        }

        /// The site root as `search.js` sees it: its `data-root` relative to the page; without one,
        /// the nearest folder above the script that holds an `index.html`.
        private func siteRoot(of page: String, script: String, dataRoot: String) -> String {
            if !dataRoot.isEmpty, case .relative(let root?, _, _) = SiteChecker.classify(dataRoot + ".", fromPage: page) {
                return root
            }
            var candidate = SiteChecker.directory(of: script)
            while !candidate.isEmpty, !tree.files.contains(candidate + "/index.html") {
                candidate = SiteChecker.directory(of: candidate)
            }
            return candidate
        }

        // MARK: manifest → shards and documents → pages

        private func checkIndex(manifest: String) -> [Diagnostic] {
            let searchFolder = SiteChecker.directory(of: manifest)
            let siteRoot = SiteChecker.directory(of: searchFolder)
            guard let json = registeredObject(in: manifest),
                  let shards = json["shards"] as? [Any], let documentCount = json["documents"] as? Int else {
                return [.error("cannot read the search manifest: expected window.KontorSuche.register(\"manifest\", {\"documents\": …, \"shards\": […]})",
                               path: manifest, line: 1, column: 1)]
            }
            var diagnostics: [Diagnostic] = []
            let format = json["format"] as? Int
            guard format == SearchIndexBuilder.formatVersion else {
                return [.error("search index format \(format.map(String.init) ?? "missing"), expected \(SearchIndexBuilder.formatVersion)",
                               path: manifest, line: 1, column: Self.column(of: "\"format\"", in: text(of: manifest) ?? ""))]
            }
            let missingShards = (0..<shards.count).map { "\(searchFolder)/t/\($0).js" }.filter { !tree.files.contains($0) }
            for shard in missingShards {
                diagnostics.append(.error("search shard '\(shard)' named in the manifest is missing", path: manifest, line: 1, column: 1))
            }
            // Documents from `packed.from` on share files, `packed.per` to a file (offers).
            let packed = json["packed"] as? [String: Any]
            let packedFrom = packed?["from"] as? Int ?? documentCount
            let perPack = packed?["per"] as? Int ?? 1
            guard (0...documentCount).contains(packedFrom), perPack >= 1 else {
                return diagnostics + [.error("the search manifest's \"packed\" entry is out of range", path: manifest, line: 1,
                                             column: Self.column(of: "\"packed\"", in: text(of: manifest) ?? ""))]
            }
            let packCount = (documentCount - packedFrom + perPack - 1) / perPack
            let results = parallelMap(Array(0..<(packedFrom + packCount)), jobs: Parallel.coreCount) { slot in
                if slot < packedFrom {
                    return checkDocument("\(searchFolder)/d/\(slot).js", manifest: manifest, siteRoot: siteRoot)
                }
                let pack = slot - packedFrom
                let first = packedFrom + pack * perPack
                return checkPack("\(searchFolder)/d/p\(pack).js", first: first,
                                 count: min(perPack, documentCount - first), manifest: manifest, siteRoot: siteRoot)
            }
            diagnostics += results.flatMap { $0 }
            return diagnostics
        }

        private func checkDocument(_ file: String, manifest: String, siteRoot: String) -> [Diagnostic] {
            guard tree.files.contains(file) else {
                return [.error("search document '\(file)' counted in the manifest is missing", path: manifest, line: 1, column: 1)]
            }
            guard let text = text(of: file), let json = registeredObject(inText: text) else {
                return [.error("cannot read the search document: expected {\"url\": …, \"sections\": […]}", path: file, line: 1, column: 1)]
            }
            return checkFragment(json, in: file, text: text, siteRoot: siteRoot)
        }

        private func checkPack(_ file: String, first: Int, count: Int, manifest: String, siteRoot: String) -> [Diagnostic] {
            guard tree.files.contains(file) else {
                return [.error("search document pack '\(file)' counted in the manifest is missing", path: manifest, line: 1, column: 1)]
            }
            guard let text = text(of: file), let json = registeredObject(inText: text),
                  json["first"] as? Int == first, let documents = json["documents"] as? [[String: Any]], documents.count == count else {
                return [.error("cannot read the search document pack: expected {\"first\": \(first), \"documents\": [\(count) documents]}",
                               path: file, line: 1, column: 1)]
            }
            return documents.flatMap { checkFragment($0, in: file, text: text, siteRoot: siteRoot) }
        }

        /// One result fragment: its page must exist and so must every section anchor on it.
        private func checkFragment(_ json: [String: Any], in file: String, text: String, siteRoot: String) -> [Diagnostic] {
            guard let url = json["url"] as? String else {
                return [.error("cannot read the search document: expected {\"url\": …, \"sections\": […]}", path: file, line: 1, column: 1)]
            }
            let column = { (needle: String) in Self.column(of: needle, in: text) }
            let siteIndex = siteRoot.isEmpty ? "index.html" : siteRoot + "/index.html"
            guard case .relative(let page?, false, _) = SiteChecker.classify(url, fromPage: siteIndex), tree.files.contains(page) else {
                return [.error("search index names page '\(url)' that does not exist", path: file, line: 1, column: column("\"url\":\"\(url)\""))]
            }
            let anchors = anchorsByPage[page] ?? []
            var diagnostics: [Diagnostic] = []
            for case let section as [Any] in json["sections"] as? [Any] ?? [] {
                guard let anchor = section.first as? String, !anchor.isEmpty, !anchors.contains(anchor) else { continue }
                diagnostics.append(.error("search index names anchor '#\(anchor)' that is not in '\(page)'",
                                          path: file, line: 1, column: column("[\"\(anchor)\"")))
            }
            return diagnostics
        }

        // MARK: reading index files

        private func text(of file: String) -> String? {
            FileManager.default.contents(atPath: tree.root.appendingPathComponent(file).path).map { String(decoding: $0, as: UTF8.self) }
        }

        private func registeredObject(in file: String) -> [String: Any]? {
            text(of: file).flatMap(registeredObject(inText:))
        }

        /// The JSON object passed to `register(key, {…})`: from the first `{` to the last `}`.
        private func registeredObject(inText text: String) -> [String: Any]? {
            guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close else { return nil }
            let json = Data(text[open...close].utf8)
            return (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
        }

        /// 1-based column (in Unicode scalars) of the first occurrence of `needle` on the first line, or 1.
        static func column(of needle: String, in text: String) -> Int {
            guard let range = text.range(of: needle) else { return 1 }
            return text.unicodeScalars[..<range.lowerBound].count + 1
        }
    }
}
