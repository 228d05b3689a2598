// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "scrape",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scrape", targets: ["scrape"]),
        .library(name: "ScrapeKit", targets: ["ScrapeKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // C shims: typed wrappers for variadic or callback-heavy C APIs, and the epoll set that
        // libcurl's socket callbacks fill (CCurl/events.c). Nothing else lives here.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl"), .linkedLibrary("ssl"), .linkedLibrary("crypto")]),
        .target(name: "CDecompress", linkerSettings: [.linkedLibrary("z"), .linkedLibrary("brotlidec")]),
        .target(name: "CLibXML2", dependencies: ["SystemLibXML2"]),
        .target(name: "CIDNA", linkerSettings: [.linkedLibrary("icuuc")]),
        // libxml2's headers and library through pkg-config, so no path is written here.
        .systemLibrary(name: "SystemLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // SQLite, for the crawl's frontier and seen set on disk.
        .systemLibrary(name: "SystemSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Thin Swift layers: the only Swift code that touches a C pointer or raw memory.
        .target(name: "Curl", dependencies: ["CCurl", "CDecompress", "WHATWGURL"]),
        .target(name: "LibXML", dependencies: ["CLibXML2"]),
        .target(name: "Iconv"),
        .target(name: "SQLite", dependencies: ["SystemSQLite"]),
        .target(name: "ChildProcess"),
        // Platform calls (files, descriptors) and the hot path's raw-memory byte routines.
        .target(name: "ScrapeSystem"),
        // The one URL type of a run: the WHATWG URL Standard's parser (hosts through ICU's UTS #46).
        .target(name: "WHATWGURL", dependencies: ["CIDNA"]),

        // The library: the staged pipeline, free of raw pointers.
        .target(
            name: "ScrapeKit",
            dependencies: [
                "Curl", "LibXML", "Iconv", "WHATWGURL", "SQLite", "ScrapeSystem",
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),

        .executableTarget(
            name: "scrape",
            dependencies: [
                "ScrapeKit", "ScrapeSystem", "ChildProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The library example of README.md, built with everything else so that it keeps compiling.
        .executableTarget(name: "scrape-example", dependencies: ["ScrapeKit"], path: "Examples/ScriptSources"),
        // The parse stage alone on one thread, for the callgrind scenario of `make bench`.
        .executableTarget(name: "parse-count", dependencies: ["ScrapeKit"], path: "bench/parse-count"),

        // Tests that start no server and no process: each stage on its own, in seconds (`make unit`).
        .testTarget(name: "UnitTests", dependencies: ["ScrapeKit", "ScrapeSystem", "WHATWGURL", "LibXML", "Curl", "Iconv"], path: "Tests/Unit"),
        // Tests against a real nginx and a raw-socket server, running the real binaries: they
        // depend on the executables so that `scrape` and the library example are built first.
        .testTarget(name: "EndToEndTests", dependencies: ["ScrapeKit", "WHATWGURL", "Curl", "LibXML", "ChildProcess", "scrape", "scrape-example"],
                    path: "Tests/EndToEnd"),
    ]
)

// DocC for the library (`make docs`), without making every build resolve the plugin.
if ProcessInfo.processInfo.environment["SCRAPE_DOCS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}

// The libFuzzer target exists only when `make fuzz` asks for it: it has no `main` of its own
// (libFuzzer provides one), so an ordinary build could not link it.
if ProcessInfo.processInfo.environment["SCRAPE_FUZZ"] != nil {
    package.products.append(.executable(name: "scrape-fuzz", targets: ["ParseFuzzer"]))
    package.targets.append(.executableTarget(name: "ParseFuzzer", dependencies: ["ScrapeKit"], path: "Fuzz"))
}
