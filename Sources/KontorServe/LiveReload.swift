import Foundation

extension PreviewServer {
    /// Reserved paths; the generator never writes a `_kontor` folder.
    static let liveReloadScriptPath = "/_kontor/livereload.js"
    static let eventsPath = "/_kontor/events"

    /// The tag added before `</body>` of every HTML response, in serve mode only.
    public static let liveReloadTag = #"<script src="/_kontor/livereload.js" defer></script>"#

    /// Listens to the server-sent events and reloads when the site version changes. The first
    /// version seen is the page's own; a different one (also after a reconnect, when a rebuild
    /// happened while the connection was down) means a rebuild finished.
    static let liveReloadScript = """
        (function () {
          "use strict";
          if (!window.EventSource) { return; }
          var seen = null;
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("version", function (event) {
            if (seen === null) { seen = event.data; } else if (event.data !== seen) { window.location.reload(); }
          });
        })();

        """

    /// Inserts the live-reload tag before the last `</body>` (any case), or appends it.
    static func injectingLiveReload(into html: [UInt8]) -> [UInt8] {
        let tag = Array(liveReloadTag.utf8)
        guard let position = lastIndex(ofCaseInsensitive: Array("</body".utf8), in: html) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: position)
        return result
    }

    /// Inserts `<base href="…">` right after `<head>` so that the relative links of `404.html`
    /// work when it is served for a missing page in another folder.
    static func injectingBase(_ base: String, into html: [UInt8]) -> [UInt8] {
        guard let head = lastIndex(ofCaseInsensitive: Array("<head".utf8), in: html, first: true),
              let close = html[head...].firstIndex(of: UInt8(ascii: ">")) else { return html }
        var result = html
        result.insert(contentsOf: Array(#"<base href="\#(base)">"#.utf8), at: close + 1)
        return result
    }

    private static func lastIndex(ofCaseInsensitive needle: [UInt8], in haystack: [UInt8], first: Bool = false) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        let starts = 0...(haystack.count - needle.count)
        let matches: (Int) -> Bool = { start in
            for offset in 0..<needle.count where haystack[start + offset] | 0x20 != needle[offset] | 0x20 {
                return false
            }
            return true
        }
        return first ? starts.first(where: matches) : starts.reversed().first(where: matches)
    }

    /// Fans out "the site changed" to every open event stream.
    actor ReloadHub {
        enum Event: Sendable {
            case version(Int)
            /// A comment line that keeps proxies quiet and tells us when a browser went away.
            case keepAlive
        }

        /// Starts at a random value so that a browser still open from an earlier `kontor serve`
        /// reloads when it reconnects to this one.
        private var version = Int.random(in: 1...1_000_000_000)
        private var nextSubscriber = 0
        private var subscribers: [Int: AsyncStream<Event>.Continuation] = [:]

        var subscriberCount: Int { subscribers.count }

        func subscribe() -> AsyncStream<Event> {
            let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(8))
            let id = nextSubscriber
            nextSubscriber += 1
            subscribers[id] = continuation
            continuation.onTermination = { [weak self] _ in
                Task { await self?.unsubscribe(id) }
            }
            continuation.yield(.version(version))
            return stream
        }

        func siteChanged() {
            version += 1
            for continuation in subscribers.values { continuation.yield(.version(version)) }
        }

        func keepAlive() {
            for continuation in subscribers.values { continuation.yield(.keepAlive) }
        }

        private func unsubscribe(_ id: Int) {
            subscribers[id] = nil
        }
    }
}

extension PreviewServer.ReloadHub.Event {
    /// The wire form of a server-sent event.
    var serverSentEvent: String {
        switch self {
        case .version(let version): "event: version\ndata: \(version)\n\n"
        case .keepAlive: ": keep-alive\n\n"
        }
    }
}
