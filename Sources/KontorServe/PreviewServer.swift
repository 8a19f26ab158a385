import Foundation
import Hummingbird

/// `kontor serve`: serves a built site over HTTP on the loopback interface, rebuilds it when the
/// watched folders change and makes open pages reload after a successful rebuild.
///
/// Files are read from disk per request (the build swaps the whole output folder), HTML responses
/// get the live-reload tag, nothing outside `root` is ever served, and unknown paths get the nearest
/// `404.html` with status 404.
public struct PreviewServer: Sendable {
    public var root: URL
    public var host: String
    public var port: Int
    public var watch: [URL]
    public var pollInterval: Duration
    public var rebuild: @Sendable () async -> Bool

    /// - Parameters:
    ///   - root: the built site (the `--output` folder).
    ///   - host: interface to bind; only loopback unless the user asks for another.
    ///   - port: TCP port; 0 picks a free one (see `run(onReady:)`).
    ///   - watch: folders whose changes trigger `rebuild` (content, templates) — never the output folder.
    ///   - rebuild: builds the site again; returns whether it succeeded. Open pages reload only on success.
    public init(root: URL, host: String = "127.0.0.1", port: Int = 8000, watch: [URL] = [],
                pollInterval: Duration = .milliseconds(300),
                rebuild: @escaping @Sendable () async -> Bool = { true }) {
        self.root = root
        self.host = host
        self.port = port
        self.watch = watch
        self.pollInterval = pollInterval
        self.rebuild = rebuild
    }

    /// Serves until the surrounding task is cancelled (or the process is interrupted).
    /// `onReady` gets the bound port once the server listens.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let hub = ReloadHub()
        let responder = Responder(root: root, hub: hub, checksHost: Self.isLoopback(host))
        let requestedPort = port
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in await responder.respond(to: request) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "kontor"),
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? requestedPort) }
        )
        let watcher = FolderWatcher(folders: watch)
        let interval = pollInterval
        let rebuild = self.rebuild
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            group.addTask {
                // A keep-alive every ~15 s lets event streams of closed tabs end.
                let ticksPerKeepAlive = max(1, Int(Duration.seconds(15) / interval))
                let ticks = TickCounter()
                await watcher.watch(every: interval, idle: {
                    if await ticks.advance() % ticksPerKeepAlive == 0 { await hub.keepAlive() }
                }, changed: {
                    if await rebuild() { await hub.siteChanged() }
                })
            }
            try await group.next()
            group.cancelAll()
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"
    }

    private actor TickCounter {
        private var count = 0
        func advance() -> Int {
            count += 1
            return count
        }
    }
}

extension PreviewServer {
    /// Answers one request. Kept apart from `run` so that it holds no server state but the hub.
    struct Responder: Sendable {
        var root: URL
        var hub: ReloadHub
        /// On loopback, answer only requests addressed to a loopback name, so that a web page
        /// cannot read the preview through DNS rebinding.
        var checksHost: Bool

        func respond(to request: Request) async -> Response {
            if checksHost, let authority = request.head.authority, !Self.isLoopbackAuthority(authority) {
                return Response(status: .forbidden)
            }
            guard request.method == .get || request.method == .head else {
                return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
            }
            let path = request.uri.path
            let response: Response
            switch path {
            case PreviewServer.liveReloadScriptPath:
                response = bytes(Array(PreviewServer.liveReloadScript.utf8), type: "text/javascript; charset=utf-8")
            case PreviewServer.eventsPath:
                return await events()
            default:
                response = file(for: path, query: request.uri.query)
            }
            return request.method == .head ? withoutBody(response) : response
        }

        /// `127.0.0.1:8000`, `localhost`, `[::1]:8000` → true.
        static func isLoopbackAuthority(_ authority: String) -> Bool {
            var name = Substring(authority)
            if name.hasPrefix("[") {
                name = name.prefix { $0 != "]" }.dropFirst()
            } else if let colon = name.lastIndex(of: ":") {
                name = name[..<colon]
            }
            return PreviewServer.isLoopback(name.lowercased())
        }

        private func file(for path: String, query: String?) -> Response {
            switch PreviewServer.target(requestPath: path, in: root) {
            case .file(let url):
                guard let data = FileManager.default.contents(atPath: url.path) else { return notFound(for: path) }
                var content = [UInt8](data)
                let type = PreviewServer.contentType(forFileName: url.lastPathComponent)
                if type.hasPrefix("text/html") { content = PreviewServer.injectingLiveReload(into: content) }
                return bytes(content, type: type)
            case .redirect(let location):
                let target = location + (query.map { "?" + $0 } ?? "")
                return Response(status: .movedPermanently, headers: [.location: target, .cacheControl: "no-store"])
            case .notFound:
                return notFound(for: path)
            }
        }

        /// The nearest `404.html` at or above the requested folder (each reseller site has its own),
        /// with a `<base>` so its relative links work from any depth.
        private func notFound(for path: String) -> Response {
            var folders = (PreviewServer.safeSegments(of: path) ?? []).dropLast()
            while true {
                let folder = folders.isEmpty ? "/" : "/" + folders.joined(separator: "/") + "/"
                if let page = PreviewServer.resolve(requestPath: folder + "404.html", in: root),
                   let data = FileManager.default.contents(atPath: page.path) {
                    let html = PreviewServer.injectingBase(folder, into: [UInt8](data))
                    var response = bytes(PreviewServer.injectingLiveReload(into: html), type: "text/html; charset=utf-8")
                    response.status = .notFound
                    return response
                }
                guard !folders.isEmpty else { break }
                folders.removeLast()
            }
            var response = bytes(Array("404 – Seite nicht gefunden\n".utf8), type: "text/plain; charset=utf-8")
            response.status = .notFound
            return response
        }

        private func events() async -> Response {
            let stream = await hub.subscribe()
            let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                for await event in stream {
                    try await writer.write(ByteBuffer(string: event.serverSentEvent))
                }
                try await writer.finish(nil)
            })
        }

        private func bytes(_ content: [UInt8], type: String) -> Response {
            let headers: HTTPFields = [
                .contentType: type,
                .contentLength: String(content.count),
                .cacheControl: "no-store",
            ]
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: content)))
        }

        private func withoutBody(_ response: Response) -> Response {
            Response(status: response.status, headers: response.headers)
        }
    }
}
