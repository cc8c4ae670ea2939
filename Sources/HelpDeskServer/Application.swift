import Foundation
import HelpDeskChannels
import HelpDeskCore
import HelpDeskPostgres
import HelpDeskService
import HelpDeskStore
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// Opens the store the configuration names: SQLite in the data directory by
/// default, PostgreSQL for a `postgres://` database URL (migrated on open;
/// secrets sealed with `HELPDESK_SECRET_KEY`, or else the key file in the data
/// directory, which every instance on the database must share).
public func openStore(_ configuration: ServerConfiguration) async throws -> any Store {
    if let url = configuration.databaseURL {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw HelpDeskError.badRequest("--database-url must be a postgres:// URL (got \(url))")
        }
        guard configuration.databasePoolSize >= 1 else {
            throw HelpDeskError.badRequest(
                "--database-pool-size must be at least 1 (got \(configuration.databasePoolSize))")
        }
        let keyFile = (configuration.dataDirectory as NSString).appendingPathComponent("secret.key")
        if (ProcessInfo.processInfo.environment["HELPDESK_SECRET_KEY"] ?? "").isEmpty,
            !FileManager.default.fileExists(atPath: configuration.dataDirectory)
        {
            try FileManager.default.createDirectory(
                atPath: configuration.dataDirectory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        return try await PostgresStore.open(
            PostgresStore.Options(url: url, poolSize: configuration.databasePoolSize, secretKeyFile: keyFile))
    }
    return try SQLiteStore(directory: configuration.dataDirectory)
}

/// Closes a store opened by `openStore` (PostgreSQL's pool stops; SQLite closes with the process).
public func closeStore(_ store: any Store) async {
    if let postgres = store as? PostgresStore { await postgres.close() }
}

/// The router with every route, and the list of what it serves.
public func buildRouter(helpDesk: HelpDesk, configuration: ServerConfiguration, channels: ChatChannels? = nil) -> (
    router: Router<AppRequestContext>, routes: [RouteDescription]
) {
    let channels = channels ?? ChatChannels(helpDesk: helpDesk, configuration: configuration.chatChannels)
    Observability.bootstrap()
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: UnknownMethodMiddleware())
    router.add(
        middleware: BodyLimitMiddleware(
            limit: configuration.maxBodyBytes, maxAttachmentBytes: configuration.maxAttachmentBytes))
    router.add(middleware: WidgetPreflightMiddleware(helpDesk: helpDesk))
    router.add(middleware: AuthenticationMiddleware(helpDesk: helpDesk))
    let routes = RouteTable(router: router)
    OperationsAPI.register(routes, helpDesk: helpDesk)
    AuthAPI.register(routes, helpDesk: helpDesk, configuration: configuration)
    TicketsAPI.register(routes, helpDesk: helpDesk)
    AgentsAPI.register(routes, helpDesk: helpDesk, channels: channels)
    CannedRepliesAPI.register(routes, helpDesk: helpDesk)
    TagsAPI.register(routes, helpDesk: helpDesk)
    AuditAPI.register(routes, helpDesk: helpDesk)
    WebhooksAPI.register(routes, helpDesk: helpDesk)
    CopilotAPI.register(routes, helpDesk: helpDesk)
    ReportsAPI.register(routes, helpDesk: helpDesk)
    AttachmentsAPI.register(routes, helpDesk: helpDesk)
    WidgetAPI.register(routes, helpDesk: helpDesk, channels: channels)
    ChannelHooks.register(routes, channels: channels)
    WebApp.register(routes, helpDesk: helpDesk, configuration: configuration)
    WebApp.RatingPage.register(routes, helpDesk: helpDesk)
    WidgetRoutes.register(routes)
    // Last, so it wraps only the router's not-found answer.
    router.add(middleware: MethodNotAllowedMiddleware(routes: routes.routes + routes.pages))
    return (router, routes.routes)
}

/// The whole server: the executable and the tests build this same application.
/// Its services run the chat channels' background work (`ChatChannels.run`):
/// Telegram pollers, the AI's owed answers, and the outbox worker.
public func buildApplication(
    helpDesk: HelpDesk, configuration: ServerConfiguration, channels: ChatChannels? = nil,
    logger: Logger = Logger(label: "helpdesk"), onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let channels =
        channels ?? ChatChannels(helpDesk: helpDesk, configuration: configuration.chatChannels, logger: logger)
    let (router, _) = buildRouter(helpDesk: helpDesk, configuration: configuration, channels: channels)
    let presence = Presence(relay: { await helpDesk.broadcastSignal($0) })
    let feeds = TeamFeeds()
    return Application(
        router: router,
        server: .http1WebSocketUpgradeRoutingRefusals(
            http1: .init(
                idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: HeaderLimits.fieldBytes, maxHeaderListSize: HeaderLimits.totalBytes,
                    maxHeaderFieldCount: HeaderLimits.fields)),
            connections: ConnectionsPerAddress(
                limit: configuration.maxConnectionsPerAddress, exempt: configuration.trustedProxies)
        ) { request, peer in
            await LiveUpdates.shouldUpgrade(
                request, peer: peer, trustedProxies: configuration.trustedProxies, helpDesk: helpDesk,
                presence: presence, feeds: feeds)
        },
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "helpdesk"),
        services: [PresenceRelayService(presence: presence, helpDesk: helpDesk) as any Service]
            + (configuration.runsChannelWork ? [ChatChannelsService(channels: channels)] : []),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// The chat channels' background work in the application's lifecycle: it
/// starts with the server and stops at a graceful shutdown.
struct ChatChannelsService: Service {
    let channels: ChatChannels

    func run() async throws {
        await cancelWhenGracefulShutdown { await channels.run() }
    }
}

/// Presence and typing across the instances sharing one database: the other instances' signals
/// applied here, and this instance's viewers announced again every few seconds (`Presence`).
struct PresenceRelayService: Service {
    let presence: Presence
    let helpDesk: HelpDesk

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                let signals = helpDesk.instanceSignals()
                group.addTask {
                    for await signal in signals { await presence.receive(signal) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: Presence.refreshInterval)
                        await presence.refresh()
                    }
                }
                await group.waitForAll()
            }
        }
    }
}
