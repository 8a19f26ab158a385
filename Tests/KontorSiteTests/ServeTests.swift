import Dispatch
import Foundation
import Testing
@testable import KontorServe

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary folder holding `site/` (the served root) and, beside it, `secret.txt` that must never be served.
private struct ServedSite {
    let folder: URL
    var root: URL { folder.appendingPathComponent("site") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-serve-\(UUID().uuidString)")
        let files: [String: String] = [
            "site/index.html": "<!DOCTYPE html><html><head><title>Start</title></head><body><h1>Start</h1></body></html>\n",
            "site/404.html": "<!DOCTYPE html><html><head><title>Fehlt</title></head><body>Seite nicht gefunden</body></html>\n",
            "site/hilfe/index.html": "<html><body>Hilfe</body></html>",
            "site/hilfe/a.html": "<html><body>A</body></html>",
            "site/hilfe/bild eins.png": "png",
            "site/assets/kontor.css": "body{}",
            "site/assets/search.js": "//",
            "site/katalog/preisliste.csv": "a;b",
            "site/katalog/preisliste.json": "{}",
            "site/assets/logo.svg": "<svg/>",
            "site/assets/font.woff2": "w",
            "site/robots.txt": "t",
            "site/.hidden": "h",
            "secret.txt": "GEHEIM",
            "outside/secret.html": "GEHEIM",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("link-out").path,
                                       withDestinationPath: folder.appendingPathComponent("outside").path)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("secret-link.txt").path,
                                       withDestinationPath: "../secret.txt")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("alias.html").path,
                                       withDestinationPath: "hilfe/a.html")
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

@Suite struct RequestPathTests {
    @Test func filesAndFoldersResolveInsideTheRoot() throws {
        let site = try ServedSite()
        defer { site.remove() }
        let real = { (path: String) in PreviewServer.realPath(site.root.appendingPathComponent(path).path) }
        #expect(PreviewServer.resolve(requestPath: "/", in: site.root)?.path == real("index.html"))
        #expect(PreviewServer.resolve(requestPath: "/hilfe/", in: site.root)?.path == real("hilfe/index.html"))
        #expect(PreviewServer.resolve(requestPath: "/hilfe/a.html?q=1#x", in: site.root)?.path == real("hilfe/a.html"))
        #expect(PreviewServer.resolve(requestPath: "/hilfe/bild%20eins.png", in: site.root)?.path == real("hilfe/bild eins.png"))
        #expect(PreviewServer.resolve(requestPath: "/alias.html", in: site.root)?.path == real("hilfe/a.html"))
        #expect(PreviewServer.target(requestPath: "/hilfe", in: site.root) == .redirect(location: "/hilfe/"))
        #expect(PreviewServer.target(requestPath: "/missing.html", in: site.root) == .notFound)
        #expect(PreviewServer.target(requestPath: "/hilfe/a.html/", in: site.root) == .notFound)
    }

    @Test(arguments: [
        "/../secret.txt", "/hilfe/../../secret.txt", "/hilfe/../index.html", "/./index.html",
        "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
        "/..%2fsecret.txt", "/hilfe%2f..%2f..%2fsecret.txt", "/hilfe%2Fa.html", "/hilfe%5ca.html",
        "//etc/passwd", "/hilfe//a.html", "etc/passwd", "", "/etc/passwd",
        "\\..\\secret.txt", "/hilfe\\a.html", "/index.html%00.txt", "/index.html\u{0}",
        "/link-out/secret.html", "/secret-link.txt", "/.hidden", "/%ZZ.html", "/%c3%28.html",
    ])
    func traversalAndMalformedPathsAreRejected(path: String) throws {
        let site = try ServedSite()
        defer { site.remove() }
        #expect(PreviewServer.resolve(requestPath: path, in: site.root) == nil)
    }

    @Test func contentTypes() {
        let expected = [
            "a.html": "text/html; charset=utf-8", "a.css": "text/css; charset=utf-8",
            "a.js": "text/javascript; charset=utf-8", "a.json": "application/json; charset=utf-8",
            "a.csv": "text/csv; charset=utf-8", "a.svg": "image/svg+xml", "a.png": "image/png",
            "a.JPG": "image/jpeg", "a.jpeg": "image/jpeg", "a.woff2": "font/woff2",
            "a.txt": "text/plain; charset=utf-8", "a.unknown": "application/octet-stream",
        ]
        for (name, type) in expected {
            #expect(PreviewServer.contentType(forFileName: name) == type, "\(name)")
        }
    }

    @Test func liveReloadTagGoesBeforeTheLastBodyEnd() {
        let html = Array("<html><body><p>&lt;/body&gt;</p></BODY></html>".utf8)
        let injected = String(decoding: PreviewServer.injectingLiveReload(into: html), as: UTF8.self)
        #expect(injected == "<html><body><p>&lt;/body&gt;</p>\(PreviewServer.liveReloadTag)</BODY></html>")
        let withoutBody = String(decoding: PreviewServer.injectingLiveReload(into: Array("<p>x</p>".utf8)), as: UTF8.self)
        #expect(withoutBody == "<p>x</p>\(PreviewServer.liveReloadTag)")
    }
}

// MARK: - a real server

/// A minimal HTTP/1.1 client over a blocking socket, run off the cooperative pool so that the
/// server's handlers never wait for a blocked test thread.
private struct RawHTTPResponse {
    var status: Int
    var headers: [String: String]
    var body: String
}

private func rawRequest(port: Int, _ request: String, until done: @escaping @Sendable (String) -> Bool = { _ in false },
                        timeout: Int = 5) async -> String {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(returning: blockingExchange(port: port, request: request, done: done, timeout: timeout))
        }
    }
}

/// Sends `request` and reads until the server closes, `done` says enough, or `timeout` seconds pass without data.
private func blockingExchange(port: Int, request: String, done: (String) -> Bool, timeout: Int) -> String {
    #if canImport(Glibc)
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { return "" }
    defer { close(descriptor) }
    var time = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else { return "" }
    let bytes = Array(request.utf8)
    _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        received += buffer[0..<count]
        if done(String(decoding: received, as: UTF8.self)) { break }
    }
    return String(decoding: received, as: UTF8.self)
}

private func get(_ path: String, port: Int, method: String = "GET", host: String = "127.0.0.1") async -> RawHTTPResponse {
    let text = await rawRequest(port: port, "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
    let parts = text.components(separatedBy: "\r\n\r\n")
    let head = parts.first?.components(separatedBy: "\r\n") ?? []
    let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
        let pair = line.split(separator: ":", maxSplits: 1)
        if pair.count == 2 { headers[pair[0].lowercased()] = pair[1].trimmingCharacters(in: .whitespaces) }
    }
    return RawHTTPResponse(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
}

private actor Counter {
    var value = 0
    func increment() { value += 1 }
}

/// Starts a server on a free port, runs `body`, then stops the server.
private func withServer(_ server: PreviewServer, _ body: (Int) async throws -> Void) async throws {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let task = Task { try await server.run { port in continuation.yield(port) } }
    defer { task.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else {
        Issue.record("server did not start")
        return
    }
    try await body(port)
}

@Suite(.serialized) struct PreviewServerTests {
    @Test func servesFilesWithTypesIndexAnd404() async throws {
        let site = try ServedSite()
        defer { site.remove() }
        try await withServer(PreviewServer(root: site.root, port: 0)) { port in
            let home = await get("/", port: port)
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.body.contains("<h1>Start</h1>\(PreviewServer.liveReloadTag)</body>"))

            let css = await get("/assets/kontor.css", port: port)
            #expect(css.status == 200 && css.body == "body{}")
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(await get("/katalog/preisliste.csv", port: port).headers["content-type"] == "text/csv; charset=utf-8")
            #expect(await get("/hilfe/bild%20eins.png", port: port).headers["content-type"] == "image/png")

            let folder = await get("/hilfe/", port: port)
            #expect(folder.status == 200 && folder.body.hasPrefix("<html><body>Hilfe"))
            let redirect = await get("/hilfe?x=1", port: port)
            #expect(redirect.status == 301 && redirect.headers["location"] == "/hilfe/?x=1")

            let missing = await get("/hilfe/fehlt.html", port: port)
            #expect(missing.status == 404)
            #expect(missing.body.contains("Seite nicht gefunden"))
            #expect(missing.body.contains(#"<head><base href="/">"#))

            let head = await get("/", port: port, method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(await get("/", port: port, method: "POST").status == 405)

            #expect(await get("/", port: port, host: "localhost:\(port)").status == 200)
            #expect(await get("/", port: port, host: "[::1]:\(port)").status == 200)
            #expect(await get("/", port: port, host: "rebound.example:\(port)").status == 403)

            let script = await get("/_kontor/livereload.js", port: port)
            #expect(script.status == 200 && script.body.contains("EventSource"))
        }
        // The tag lives only in responses, never in the built files.
        let onDisk = try String(contentsOf: site.root.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!onDisk.contains("livereload"))
    }

    @Test(arguments: ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/secret-link.txt",
                      "/link-out/secret.html", "//etc/passwd", "/hilfe/..%5c..%5csecret.txt"])
    func traversalOverTheWireGets404(path: String) async throws {
        let site = try ServedSite()
        defer { site.remove() }
        try await withServer(PreviewServer(root: site.root, port: 0)) { port in
            let response = await get(path, port: port)
            #expect(response.status == 404 || response.status == 400, "\(path): \(response.status)")
            #expect(!response.body.contains("GEHEIM"))
        }
    }

    @Test func changeInAWatchedFolderRebuildsAndNotifiesOpenPages() async throws {
        let site = try ServedSite()
        defer { site.remove() }
        let content = site.folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try Data("a".utf8).write(to: content.appendingPathComponent("seite.md"))
        let rebuilds = Counter()
        let server = PreviewServer(root: site.root, port: 0, watch: [content], pollInterval: .milliseconds(50)) {
            await rebuilds.increment()
            return true
        }
        try await withServer(server) { port in
            let request = "GET /_kontor/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            async let stream = rawRequest(port: port, request, until: { $0.components(separatedBy: "data: ").count > 2 })
            try await Task.sleep(for: .milliseconds(300))
            try Data("b, longer".utf8).write(to: content.appendingPathComponent("seite.md"))
            let events = await stream
            #expect(events.contains("text/event-stream"))
            let versions = events.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }
            #expect(versions.count == 2, "\(events)")
            #expect(Set(versions).count == 2)
            #expect(await rebuilds.value == 1)
        }
    }
}
