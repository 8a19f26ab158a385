import Foundation
import KontorDiagnostics
import KontorParallel
import Synchronization

/// Writes a site into a staging folder beside the output and swaps it in only when the
/// whole build succeeded, so a failed build leaves the previous site untouched.
struct StagedOutput: Sendable {
    let output: URL
    let staging: URL
    /// The two folders as plain paths: joining strings per file costs a fraction of
    /// `URL.appendingPathComponent`, which showed up at 30 µs a file in profiles.
    private let outputFolder: String
    private let stagingFolder: String
    /// Folders of the current output that move into the new one when it is swapped in.
    private let carriedFolders = CarriedFolders()

    init(output: URL) throws(DiagnosticError) {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).kontor-staging")
        outputFolder = self.output.path
        stagingFolder = staging.path
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: staging.path) {
                try FileManager.default.removeItem(at: staging)
            }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticError(.error("cannot prepare the output folder: \(error.localizedDescription)", path: output.path))
        }
    }

    /// Writes one file below the staging folder. `path` is an output path; anything that
    /// could leave the folder is refused.
    func write(_ bytes: some Collection<UInt8>, to path: String) throws(DiagnosticError) {
        guard OutputPath.isSafe(path) else {
            throw DiagnosticError(.error("refusing to write outside the output folder: \(path)", path: path))
        }
        let destination = stagingFolder + "/" + path
        let contents = Array(bytes)
        // Plain open/write/close: the site is swapped in as a whole afterwards, so per-file
        // durability (which Foundation's Data.write pays for) buys nothing here.
        var result = Self.writeFile(contents, at: destination)
        if result == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: Self.parentFolder(of: destination), withIntermediateDirectories: true)
            } catch {
                throw DiagnosticError(.error("cannot create output folder: \(error.localizedDescription)", path: path))
            }
            result = Self.writeFile(contents, at: destination)
        }
        guard result == 0 else {
            throw DiagnosticError(.error("cannot write output file: \(String(cString: strerror(result)))", path: path))
        }
    }

    /// Returns 0 or the errno of the failing call.
    private static func writeFile(_ bytes: [UInt8], at path: String) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        return FileBytes.writeAll(bytes, to: descriptor)
    }

    /// Hard-links `path` of the current output into the staging folder. False when that is not
    /// possible (no previous file, another file system); the caller then writes the file.
    func linkFromPreviousOutput(_ path: String) -> Bool {
        guard OutputPath.isSafe(path) else { return false }
        let source = outputFolder + "/" + path
        let destination = stagingFolder + "/" + path
        if link(source, destination) == 0 { return true }
        guard errno == ENOENT, FileManager.default.fileExists(atPath: source) else { return false }
        try? FileManager.default.createDirectory(atPath: Self.parentFolder(of: destination), withIntermediateDirectories: true)
        return link(source, destination) == 0
    }

    /// Moves `folder` of the current output into the new one when it is swapped in, instead of
    /// linking its files one by one — thousands of `link` calls cost a quarter of a second. Only
    /// for a folder whose every file is reused as it is; the staging folder must not have it.
    /// False when the folder is missing or staged already.
    func carryOverFromPreviousOutput(_ folder: String) -> Bool {
        guard OutputPath.isSafe(folder), FileManager.default.fileExists(atPath: outputFolder + "/" + folder),
              !FileManager.default.fileExists(atPath: stagingFolder + "/" + folder) else { return false }
        carriedFolders.add(folder)
        return true
    }

    func cancelCarryOver(_ folder: String) {
        carriedFolders.remove(folder)
    }

    /// The names of the entries of a folder of the current output (nil if there is none).
    func previousOutputEntries(_ folder: String) -> Set<String>? {
        guard OutputPath.isSafe(folder), let names = try? FileManager.default.contentsOfDirectory(atPath: outputFolder + "/" + folder)
        else { return nil }
        return Set(names)
    }

    /// Removes a file from the staging folder (one linked from the previous output that is to
    /// be written instead).
    func removeStaged(_ path: String) {
        guard OutputPath.isSafe(path) else { return }
        unlink(stagingFolder + "/" + path)
    }

    /// Everything before the last `/`; `path` always has one (it starts with a folder).
    private static func parentFolder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return String(path[..<slash])
    }

    func write(_ text: String, to path: String) throws(DiagnosticError) {
        try write(Array(text.utf8), to: path)
    }

    /// Replaces the output folder with the staging folder.
    func commit(jobs: Int = 1) throws(DiagnosticError) {
        let fileManager = FileManager.default
        let previous = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).kontor-previous")
        do {
            if fileManager.fileExists(atPath: previous.path) { try fileManager.removeItem(at: previous) }
            if fileManager.fileExists(atPath: output.path) { try fileManager.moveItem(at: output, to: previous) }
            try fileManager.moveItem(at: staging, to: output)
            for folder in carriedFolders.all {
                let source = previous.path + "/" + folder
                let target = output.path + "/" + folder
                try fileManager.createDirectory(atPath: Self.parentFolder(of: target), withIntermediateDirectories: true)
                if !fileManager.fileExists(atPath: target) {
                    try fileManager.moveItem(atPath: source, toPath: target)
                    continue
                }
                // Something else of this build went into the folder after it was carried (a
                // media file beside its pages): the carried files join it one by one.
                for name in try fileManager.contentsOfDirectory(atPath: source) where !fileManager.fileExists(atPath: target + "/" + name) {
                    try fileManager.moveItem(atPath: source + "/" + name, toPath: target + "/" + name)
                }
            }
        } catch {
            throw DiagnosticError(.error("cannot replace the output folder: \(error.localizedDescription)", path: output.path))
        }
        // The new site is in place; what is left of the old one is only disk space, so a
        // failure here is not an error (the next build removes the folder first).
        Self.remove(previous, jobs: jobs)
    }

    /// Removes a folder tree, the entries two levels down on several threads: tens of thousands
    /// of unlinks are kernel time that parallelises well, and one site keeps most of its files
    /// in two or three top-level folders.
    private static func remove(_ folder: URL, jobs: Int) {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: folder.path) else { return }
        if jobs > 1 {
            let entries = secondLevelEntries(of: folder)
            _ = parallelMap(entries, jobs: jobs) { entry in try? FileManager.default.removeItem(atPath: entry) }
        }
        try? fileManager.removeItem(at: folder)
    }

    private static func secondLevelEntries(of folder: URL) -> [String] {
        let fileManager = FileManager.default
        let top = ((try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []).map { folder.path + "/" + $0 }
        return top.flatMap { path in
            ((try? fileManager.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
        }
    }

    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// The folders `StagedOutput.commit` moves over from the previous output, registered while
/// the sites are written (from several threads).
private final class CarriedFolders: Sendable {
    private let folders = Mutex<[String]>([])

    func add(_ folder: String) {
        folders.withLock { $0.append(folder) }
    }

    func remove(_ folder: String) {
        folders.withLock { $0.removeAll { $0 == folder } }
    }

    var all: [String] { folders.withLock { $0 } }
}

/// Output paths are `/`-separated and relative to one site's root.
enum OutputPath {
    /// `docs/a/b.md` → `hilfe/a/b.html`.
    static func forGuide(_ contentPath: String) -> String {
        var path = contentPath
        if path.hasPrefix("docs/") { path.removeFirst(5) }
        if path.lowercased().hasSuffix(".md") { path.removeLast(3) }
        return "hilfe/" + path + ".html"
    }

    /// `docs/media/a.svg` → `hilfe/media/a.svg`.
    static func forDocsFile(_ contentPath: String) -> String {
        contentPath.hasPrefix("docs/") ? "hilfe/" + contentPath.dropFirst(5) : contentPath
    }

    /// No empty, `.` or `..` components, no absolute path, no backslash or NUL. Checked on
    /// UTF-8 bytes: every output file passes through here.
    static func isSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var componentStart = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
                switch byte {
                case UInt8(ascii: "\\"), 0:
                    return false
                case UInt8(ascii: "/"):
                    guard isSafeComponent(bytes[componentStart..<index]) else { return false }
                    componentStart = index + 1
                default:
                    continue
                }
            }
            return true
        }
    }

    private static func isSafeComponent(_ component: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        switch component.count {
        case 0: false
        case 1: component.first != UInt8(ascii: ".")
        case 2: !component.allSatisfy { $0 == UInt8(ascii: ".") }
        default: true
        }
    }
}
