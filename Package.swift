// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "helpdesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "helpdesk", targets: ["helpdesk"]),
        .executable(name: "helpdesk-bench", targets: ["helpdesk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Already resolved through async-http-client and hummingbird; named here because the SMTP client
        // speaks to its server over NIO directly.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "HelpDeskCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HelpDeskAI",
            dependencies: [
                "HelpDeskCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            // The human-request detector's trained model (human-request-model.bin).
            plugins: ["EmbedAssets"]
        ),
        .target(
            name: "HelpDeskStore",
            dependencies: [
                "HelpDeskCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL store: the same protocols as the embedded one, for several instances on one database.
        .target(
            name: "HelpDeskPostgres",
            dependencies: [
                "HelpDeskCore",
                "HelpDeskStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HelpDeskService",
            dependencies: [
                "HelpDeskCore",
                "HelpDeskAI",
                "HelpDeskStore",
                // The bcrypt C library of hummingbird-auth; it does not depend on the Hummingbird web framework.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Channel adapters (Telegram, WhatsApp, email): webhooks' and pollers' intake, the AI's answers off the
        // request path, the outbox deliverers, and the SMTP client with its MIME renderer. They call the service's
        // verbs, never the store.
        .target(
            name: "HelpDeskChannels",
            dependencies: [
                "HelpDeskCore",
                "HelpDeskAI",
                "HelpDeskService",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HelpDeskServer",
            dependencies: [
                "HelpDeskCore",
                "HelpDeskAI",
                "HelpDeskStore",
                "HelpDeskPostgres",
                "HelpDeskService",
                "HelpDeskChannels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedAssets"]
        ),
        // Compiles the web assets and the OpenAPI document into HelpDeskServer.
        .plugin(
            name: "EmbedAssets",
            capability: .buildTool(),
            dependencies: ["EmbedAssetsTool"]
        ),
        .executableTarget(
            name: "EmbedAssetsTool",
            path: "Plugins/EmbedAssetsTool",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "helpdesk",
            dependencies: [
                "HelpDeskServer",
                "HelpDeskService",
                "HelpDeskStore",
                "HelpDeskPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "helpdesk-bench",
            dependencies: [
                "HelpDeskServer",
                "HelpDeskService",
                "HelpDeskChannels",
                "HelpDeskAI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/helpdesk-bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HelpDeskCoreTests",
            dependencies: ["HelpDeskCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HelpDeskAITests",
            dependencies: [
                "HelpDeskAI",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HelpDeskStoreTests",
            dependencies: [
                "HelpDeskStore",
                "HelpDeskPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HelpDeskServiceTests",
            dependencies: ["HelpDeskService", "HelpDeskStore", "HelpDeskCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HelpDeskChannelsTests",
            dependencies: [
                "HelpDeskChannels",
                "HelpDeskCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HelpDeskServerTests",
            dependencies: [
                "HelpDeskServer",
                "HelpDeskService",
                "HelpDeskChannels",
                "HelpDeskStore",
                "HelpDeskAI",
                "HelpDeskPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                // Webhook tests recompute signatures independently of the server's code.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
