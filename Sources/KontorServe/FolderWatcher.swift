import Foundation

extension PreviewServer {
    /// Detects changes below some folders by comparing stat snapshots (path, size, modification
    /// time). Polling is portable (no inotify/FSEvents), cheap for a content folder and immune to
    /// editors that replace files instead of writing them.
    struct FolderWatcher: Sendable {
        struct Stamp: Equatable, Sendable {
            var size: Int
            var modified: Date
        }

        typealias Snapshot = [String: Stamp]

        var folders: [URL]

        func snapshot() -> Snapshot {
            var snapshot: Snapshot = [:]
            let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey]
            for folder in folders {
                guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { continue }
                for case let url as URL in enumerator {
                    guard let values = try? url.resourceValues(forKeys: Set(keys)) else { continue }
                    // Folders count too: a deleted or renamed file changes its folder's time.
                    snapshot[url.path] = Stamp(size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
                }
            }
            return snapshot
        }

        /// Polls until cancelled; after a change has settled (two equal snapshots in a row, so an
        /// editor's multi-step save triggers one rebuild) calls `changed`.
        func watch(every interval: Duration, idle: @Sendable () async -> Void,
                   changed: @Sendable () async -> Void) async {
            var last = snapshot()
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                var current = snapshot()
                guard current != last else {
                    await idle()
                    continue
                }
                for _ in 0..<10 {
                    do { try await Task.sleep(for: interval) } catch { return }
                    let settled = snapshot()
                    if settled == current { break }
                    current = settled
                }
                // Edits made while rebuilding differ from `current` and trigger another round.
                last = current
                await changed()
            }
        }
    }
}
