import KontorDiagnostics

extension SiteChecker {
    /// Checks the references of one page against the whole tree. Read-only, so pages are checked in parallel.
    struct LinkContext: Sendable {
        var tree: Tree
        var anchorsByPage: [String: Set<String>]

        /// `<link rel>` values that make the browser fetch the target, i.e. make it an asset.
        private static let fetchingRels: Set<String> = [
            "stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest", "mask-icon",
            "preconnect", "dns-prefetch",
        ]

        func check(page: String, scan: ScannedPage) -> [Diagnostic] {
            var diagnostics: [Diagnostic] = []
            for reference in scan.references {
                if reference.attribute == "srcset" {
                    for url in SiteChecker.srcsetURLs(reference.value) {
                        check(url, of: reference, isAsset: true, page: page, into: &diagnostics)
                    }
                } else {
                    check(reference.value, of: reference, isAsset: isAsset(reference), page: page, into: &diagnostics)
                }
            }
            return diagnostics
        }

        /// Navigation links (`<a href>`, `<area href>`, `<form action>`, canonical/alternate `<link>`) may point
        /// to other sites; everything the browser loads by itself must come from the site.
        func isAsset(_ reference: Reference) -> Bool {
            if reference.attribute == "action" { return false }
            guard reference.attribute == "href" else { return true }
            switch reference.tag {
            case "a", "area", "base":
                return false
            case "link":
                return reference.rel.split(separator: " ").contains { Self.fetchingRels.contains(String($0)) }
            default:
                return true
            }
        }

        private func check(_ url: String, of reference: Reference, isAsset: Bool, page: String,
                           into diagnostics: inout [Diagnostic]) {
            func report(_ message: String) {
                diagnostics.append(.error(message, path: page, line: reference.line, column: reference.column))
            }
            // Only needed for a message, so described lazily: this runs for every reference.
            var what: String { describe(reference, isAsset: isAsset) }
            if isAsset, url.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
                report("empty \(reference.attribute) on <\(reference.tag)>")
                return
            }
            switch SiteChecker.classify(url, fromPage: page) {
            case .inline:
                if isAsset {
                    diagnostics.append(.warning("\(what) uses a data: URL, which Content-Security-Policy default-src 'self' blocks",
                                                path: page, line: reference.line, column: reference.column))
                }
            case .external(let scheme):
                if scheme == "javascript" {
                    report("'javascript:' URL in \(reference.attribute) breaks the Content-Security-Policy")
                } else if isAsset && scheme != "mailto" && scheme != "tel" {
                    report("\(what) '\(url)' is loaded from another host; assets must be part of the site")
                }
            case .absolute:
                report("\(what) '\(url)' is absolute; use a path relative to the page so the site works under any sub-path and from file://")
            case .relative(nil, _, _):
                report("\(what) '\(url)' leaves the site folder")
            case .relative(let path?, let namesDirectory, let fragment):
                checkTarget(path, namesDirectory: namesDirectory, fragment: fragment, url: url, what: { what }, report: report)
            }
        }

        private func checkTarget(_ path: String, namesDirectory: Bool, fragment: String, url: String, what: () -> String,
                                 report: (String) -> Void) {
            if namesDirectory || tree.directories.contains(path) {
                let index = path.isEmpty ? "index.html" : path + "/index.html"
                let hint = tree.files.contains(index) ? "; link to '\(index)'" : ""
                report("\(what()) '\(url)' names a folder, not a file\(hint)")
                return
            }
            guard tree.files.contains(path) else {
                report("\(what()) '\(url)' not found (no file '\(path)')")
                return
            }
            guard !fragment.isEmpty, let anchors = anchorsByPage[path] else { return }
            if !anchors.contains(fragment) {
                report("anchor '#\(fragment)' not found in '\(path)'")
            }
        }

        private func describe(_ reference: Reference, isAsset: Bool) -> String {
            switch reference.tag {
            case "img", "picture", "source": return "image"
            case "script": return "script"
            case "link" where reference.rel.contains("stylesheet"): return "stylesheet"
            case "link" where reference.rel.contains("icon"): return "icon"
            case "a", "area": return "link"
            case "form": return "form action"
            default: return isAsset ? "\(reference.attribute) of <\(reference.tag)>" : "link"
            }
        }
    }
}
