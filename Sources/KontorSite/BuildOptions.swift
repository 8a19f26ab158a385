import Foundation
import KontorDiagnostics

/// What to build and where; mirrors `kontor build`'s options.
public struct BuildOptions: Sendable {
    public var contentRoot: URL
    public var templatesRoot: URL
    public var output: URL
    /// Reseller ids to build; empty means every profile in `content/resellers/`.
    public var resellers: [String]
    /// Warnings fail the build.
    public var strict: Bool
    /// Worker count for parallel stages.
    public var jobs: Int
    /// Receives one line per finished step (`--verbose`); nil stays quiet.
    public var log: (@Sendable (String) -> Void)?

    public init(contentRoot: URL, templatesRoot: URL, output: URL, resellers: [String] = [],
                strict: Bool = false, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                log: (@Sendable (String) -> Void)? = nil) {
        self.contentRoot = contentRoot
        self.templatesRoot = templatesRoot
        self.output = output
        self.resellers = resellers
        self.strict = strict
        self.jobs = max(1, jobs)
        self.log = log
    }
}

/// What a build did: its diagnostics and what it wrote.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    /// Output folders written, relative to the output (`""` for a single site, else reseller ids).
    public var sites: [String]
    public var pageCount: Int
    public var fileCount: Int
    /// Guides parsed by this build; the others came unchanged from the incremental cache.
    public var renderedGuideCount: Int = 0
    /// Whether the output was replaced. False when errors (or warnings with `strict`) occurred.
    public var succeeded: Bool

    static func failed(_ diagnostics: [Diagnostic]) -> BuildResult {
        BuildResult(diagnostics: diagnostics, sites: [], pageCount: 0, fileCount: 0, succeeded: false)
    }
}
