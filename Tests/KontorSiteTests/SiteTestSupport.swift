import Foundation
import KontorDiagnostics
import KontorSite

/// Locations inside the repository, found from this file so tests run from any directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let content = root.appendingPathComponent("content")
    static let templates = root.appendingPathComponent("templates")
    /// `../shared` beside the checkout, as CI lays it out.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
}

/// A temporary folder for one test, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init(_ name: String = "kontor-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    func write(_ data: Data, to path: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Every regular file below `folder` with its bytes, keyed by relative path.
    func snapshot(_ folder: String) throws -> [String: Data] {
        let base = url.appendingPathComponent(folder).standardizedFileURL
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return files
        }
        for case let file as URL in enumerator where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(file.standardizedFileURL.path.dropFirst(base.path.count + 1))
            files[relative] = try Data(contentsOf: file)
        }
        return files
    }
}

extension BuildOptions {
    /// A build of `content` with the repository's theme into `output`.
    static func test(content: URL, output: URL, resellers: [String] = [], strict: Bool = false) -> BuildOptions {
        BuildOptions(contentRoot: content, templatesRoot: Repository.templates, output: output,
                     resellers: resellers, strict: strict, jobs: 2)
    }
}
