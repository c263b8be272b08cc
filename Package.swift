// swift-tools-version: 6.1
// flexprice-console: a terminal admin console for FlexPrice customers.
// Layers (arrows point down only): flexprice-console -> FlexpriceCLI / Console -> TerminalUI;
// everything -> CustomerKit; LocalStore / RemoteAPI implement CustomerKit's backend protocol.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "flexprice-console",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "flexprice-console", targets: ["flexprice-console"]),
        .executable(name: "flexprice-store-bench", targets: ["flexprice-store-bench"]),
        .executable(name: "flexprice-console-api", targets: ["flexprice-console-api"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Already in the graph through Hummingbird; named for the API server's connection guards.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // The C ncurses module: the module map plus a shim header (see Sources/CNcursesw/shim.h).
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        // Shared client module: model, validation table, errors, backend protocol. No I/O.
        .target(name: "CustomerKit", swiftSettings: strict),
        // Embedded SQLite store (the default backend).
        .target(name: "LocalStore",
                dependencies: ["CustomerKit", .product(name: "GRDB", package: "GRDB.swift"),
                               // SQLite's C interface, for the export's reads of raw column text.
                               .product(name: "GRDBSQLite", package: "GRDB.swift")],
                swiftSettings: strict),
        // libcurl loaded on first use, so the console does not load the network stack at start-up.
        .target(name: "CCurlOnDemand"),
        // Test support: drives every kind of call CCurlOnDemand forwards (RemoteAPITests only).
        .target(name: "CCurlOnDemandChecks", dependencies: ["CCurlOnDemand"]),
        // HTTP client for a FlexPrice-compatible API (Foundation's URLSession).
        .target(name: "RemoteAPI", dependencies: ["CustomerKit", "CCurlOnDemand"], swiftSettings: strict),
        // The only module that talks to the terminal (ncurses), plus the in-memory canvas.
        // Signal flags and crash-time terminal restoration: C state defined exactly once.
        .target(name: "CTerminalSignals"),
        // The escapes of JSON strings, for the JSON readers written by hand (themes, the server's
        // duplicate-key scan).
        .target(name: "JSONStrings", swiftSettings: strict),
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "CTerminalSignals", "JSONStrings"], swiftSettings: strict),
        // Screens: pure state + update(key) + render(into:).
        .target(name: "Console", dependencies: ["CustomerKit", "TerminalUI", "BulkTransfer"], swiftSettings: strict),
        // Bulk import and export files (CSV, JSON Lines) over any backend.
        .target(name: "BulkTransfer", dependencies: ["CustomerKit"], swiftSettings: strict),
        // Command-line interface, configuration, backend wiring.
        .target(name: "FlexpriceCLI",
                dependencies: ["CustomerKit", "LocalStore", "RemoteAPI", "Console", "TerminalUI", "BulkTransfer",
                               .product(name: "ArgumentParser", package: "swift-argument-parser"),
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        .executableTarget(name: "flexprice-console", dependencies: ["FlexpriceCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                         swiftSettings: strict),
        .executableTarget(name: "flexprice-store-bench",
                          dependencies: ["BulkTransfer", "CustomerKit", "LocalStore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        // The FlexPrice-compatible HTTP API over the local store. Never linked into the console.
        .target(name: "APIServer",
                dependencies: ["CustomerKit", "LocalStore", "JSONStrings",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HummingbirdCore", package: "hummingbird"),
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                               .product(name: "NIOPosix", package: "swift-nio"),
                               .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                               .product(name: "Crypto", package: "swift-crypto"),
                               .product(name: "Logging", package: "swift-log")],
                resources: [.embedInCode("openapi.json")],
                swiftSettings: strict),
        .executableTarget(name: "flexprice-console-api",
                          dependencies: ["APIServer",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        // What the test targets share: the seeded generator, running built binaries, the
        // Python suites. A library for tests only; no product links it.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "CustomerKitTests", dependencies: ["CustomerKit", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "LocalStoreTests", dependencies: ["LocalStore", "CustomerKit"], swiftSettings: strict),
        .testTarget(name: "RemoteAPITests",
                    dependencies: ["RemoteAPI", "CustomerKit", "CCurlOnDemandChecks", "TestSupport", "BulkTransfer",
                                   .product(name: "FlyingFox", package: "FlyingFox")],
                    swiftSettings: strict),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "JSONStrings"], swiftSettings: strict),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "TerminalUI", "CustomerKit", "LocalStore", "TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "APIServerTests",
                    dependencies: ["APIServer", "CustomerKit", "LocalStore", "RemoteAPI", "flexprice-console-api", "TestSupport",
                                   "flexprice-console",
                                   .product(name: "GRDB", package: "GRDB.swift"),
                                   .product(name: "NIOCore", package: "swift-nio"),
                                   .product(name: "HummingbirdTesting", package: "hummingbird")],
                    swiftSettings: strict),
        .testTarget(name: "BulkTransferTests", dependencies: ["BulkTransfer", "CustomerKit", "LocalStore", "TestSupport",
                                                           .product(name: "GRDB", package: "GRDB.swift")],
                    swiftSettings: strict),
        .testTarget(name: "FlexpriceCLITests",
                    dependencies: ["FlexpriceCLI", "CustomerKit", "LocalStore", "flexprice-console", "TestSupport"],
                    swiftSettings: strict),
    ]
)
