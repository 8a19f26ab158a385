// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage (see DESIGN.md). Only KontorMarkdown touches cmark and only
// KontorSearch touches libstemmer; no C pointer leaves those targets.
let package = Package(
    name: "Kontor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kontor", targets: ["kontor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .systemLibrary(name: "CMark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),

        .target(name: "KontorDiagnostics"),
        // All YAML goes through KontorYAML's node tree: a strict fast reader for plain block
        // YAML, Yams for everything else. Only KontorContent's kontor.yml still reads Yams
        // directly (it needs Yams' typed values).
        .target(name: "KontorYAML", dependencies: [
            "KontorDiagnostics", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "KontorMarkdown", dependencies: ["CMark", "KontorDiagnostics", "KontorYAML", "KontorText"]),
        .target(name: "KontorContent", dependencies: [
            "KontorDiagnostics", "KontorYAML", .product(name: "Yams", package: "Yams"),
        ]),
        // The price list CSV is parsed in KontorCatalog itself: diagnostics need line and column
        // of every field, which the CSV libraries do not report.
        .target(name: "KontorCatalog", dependencies: ["KontorDiagnostics", "KontorYAML", "KontorRender", "KontorParallel"]),
        // Kontor renders Mustache with its own engine (typed contexts, byte output); swift-mustache
        // is the reference implementation its differential tests compare against.
        .target(name: "KontorRender", dependencies: ["KontorDiagnostics", "KontorText"]),
        .target(name: "KontorSearch", dependencies: ["CStemmer", "KontorDiagnostics", "KontorHashing", "KontorParallel", "KontorText"]),
        // Threads in one place: chunked deterministic maps, a worker pool map, background work.
        .target(name: "KontorParallel"),
        // Content identity shared by the caches, the output manifest and the search index.
        .target(name: "KontorHashing"),
        // Page HTML and search text as UTF-8 bytes, decoded into a String only when asked.
        .target(name: "KontorText"),
        .target(name: "KontorSite", dependencies: [
            "KontorDiagnostics", "KontorMarkdown", "KontorContent", "KontorCatalog",
            "KontorRender", "KontorSearch", "KontorParallel", "KontorHashing", "KontorText",
        ]),
        .target(name: "KontorServe", dependencies: [
            "KontorSite", .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "kontor", dependencies: [
            "KontorSite", "KontorServe",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Seeded random input for the generated tests of several targets.
        .target(name: "KontorTestSupport", path: "Tests/KontorTestSupport"),
        .testTarget(name: "KontorDiagnosticsTests", dependencies: ["KontorDiagnostics"]),
        .testTarget(name: "KontorYAMLTests", dependencies: ["KontorYAML", "KontorTestSupport"]),
        .testTarget(name: "KontorMarkdownTests", dependencies: ["KontorMarkdown", "KontorYAML", "KontorTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "KontorContentTests", dependencies: ["KontorContent", "KontorYAML"]),
        .testTarget(name: "KontorCatalogTests", dependencies: ["KontorCatalog", "KontorYAML", "KontorRender"]),
        .testTarget(name: "KontorRenderTests", dependencies: [
            "KontorRender", "KontorText", "KontorTestSupport", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .testTarget(name: "KontorSearchTests", dependencies: ["KontorSearch", "KontorParallel", "KontorTestSupport"]),
        .testTarget(name: "KontorParallelTests", dependencies: ["KontorParallel"]),
        .testTarget(name: "KontorHashingTests", dependencies: ["KontorHashing"]),
        .testTarget(name: "KontorTextTests", dependencies: ["KontorText"]),
        .testTarget(name: "KontorSiteTests", dependencies: ["KontorSite", "KontorServe"]),
    ]
)
