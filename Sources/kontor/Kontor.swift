import ArgumentParser
import Foundation
import KontorDiagnostics
import KontorServe
import KontorSite

@main
struct Kontor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kontor",
        abstract: "Baut Hilfe-Center und Angebotskatalog für CSP-Händler als statische Website.",
        subcommands: [Build.self, Check.self, Serve.self],
        defaultSubcommand: Build.self
    )

    /// Runs the command, mapping usage errors to exit code 2 as DESIGN.md's CLI contract says
    /// (ArgumentParser's own default is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { Console.error(message) }
            }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Options shared by `build` and `serve`.
struct SourceOptions: ParsableArguments {
    @Option(help: "Folder with docs/, catalog/, resellers/ and kontor.yml.")
    var content = "content"

    @Option(help: "Folder with the themes (default theme in templates/default).")
    var templates = "templates"

    @Option(help: "Output folder.")
    var output = "site"

    @Option(name: .customLong("reseller"), help: "Build only this reseller (repeatable).")
    var resellers: [String] = []

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Number of parallel workers.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print every step and all warnings, also in CI.")
    var verbose = false

    func buildOptions() -> BuildOptions {
        // Every step in full with --verbose; on a terminal outside CI one progress line that
        // each step overwrites; in CI nothing but diagnostics and the summary.
        let log: (@Sendable (String) -> Void)? = verbose ? Console.verbose : (Console.showsProgress ? Console.progress : nil)
        return BuildOptions(contentRoot: URL(fileURLWithPath: content), templatesRoot: URL(fileURLWithPath: templates),
                            output: URL(fileURLWithPath: output), resellers: resellers, strict: strict, jobs: jobs,
                            log: log)
    }

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }
}

enum Console {
    static var githubActions: Bool { ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" }

    static var showsProgress: Bool {
        isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil && !githubActions
    }

    /// Overwrites the terminal's current line; `clearProgress` wipes it before the summary.
    @Sendable static func progress(_ line: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    static func clearProgress() {
        if showsProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    @Sendable static func verbose(_ line: String) {
        error("kontor: " + line)
    }

    @Sendable static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func report(_ diagnostics: [Diagnostic], pathPrefix: String, strict: Bool, templates: String = "templates") {
        let templatesFolder = URL(fileURLWithPath: templates).lastPathComponent
        let printer = DiagnosticPrinter(pathPrefix: pathPrefix, githubActions: githubActions, unprefixedFolders: [templatesFolder])
        for line in printer.lines(for: diagnostics, strict: strict) { error(line) }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site(s) into the output folder.")

    @OptionGroup var source: SourceOptions

    func run() throws {
        let start = ContinuousClock.now
        let result = SiteBuilder(options: source.buildOptions()).build()
        if !source.verbose { Console.clearProgress() }
        Console.report(result.diagnostics, pathPrefix: source.content, strict: source.strict, templates: source.templates)
        let summary = DiagnosticPrinter.summary(result.diagnostics, strict: source.strict)
        let seconds = (ContinuousClock.now - start).formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow))
        if result.succeeded {
            let sites = result.sites.count > 1 ? " in \(result.sites.count) sites" : ""
            print("Built \(result.pageCount) pages, \(result.fileCount) files\(sites) into \(source.output) in \(seconds); \(summary).")
        } else {
            Console.error("Build failed; \(source.output) left unchanged; \(summary).")
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Verify a built site: links, anchors, assets, search index.")

    @Option(help: "The built site to check.")
    var output = "site"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let root = URL(fileURLWithPath: output)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("index.html").path) else {
            Console.error("error: \(output) holds no built site (no index.html); run `kontor build` first")
            throw ExitCode(2)
        }
        let diagnostics = SiteChecker(root: root).check()
        Console.report(diagnostics, pathPrefix: output, strict: strict)
        let summary = DiagnosticPrinter.summary(diagnostics, strict: strict)
        if diagnostics.hasErrors || (strict && !diagnostics.isEmpty) {
            Console.error("Check failed: \(summary).")
            throw ExitCode(1)
        }
        print("Check passed: \(summary).")
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build, serve on 127.0.0.1, rebuild on change and reload open pages.")

    @OptionGroup var source: SourceOptions

    @Option(help: "Address to listen on; only 127.0.0.1 unless you ask for another.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8000

    func run() async throws {
        let options = source.buildOptions()
        let content = source.content
        let strict = source.strict
        let rebuild: @Sendable () async -> Bool = {
            // The build blocks its thread for a while; run it off Swift's small cooperative
            // pool so the server keeps answering meanwhile.
            let result = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: SiteBuilder(options: options).build()) }
            }
            Console.report(result.diagnostics, pathPrefix: content, strict: strict)
            print(result.succeeded ? "Rebuilt \(result.pageCount) pages." : "Rebuild failed; serving the previous site.")
            return result.succeeded
        }
        guard await rebuild() else { throw ExitCode(1) }
        print("Serving \(source.output) at http://\(host):\(port)/index.html (Ctrl-C to stop)")
        let server = PreviewServer(root: options.output, host: host, port: port,
                                   watch: [options.contentRoot, options.templatesRoot], rebuild: rebuild)
        try await server.run()
    }
}
