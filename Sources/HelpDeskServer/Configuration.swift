import HelpDeskChannels
import HelpDeskCore
import HelpDeskService
import HelpDeskStore

/// Everything the server needs to start, from flags, environment and files.
public struct ServerConfiguration: Sendable {
    /// Where the SQLite file lives (the embedded default).
    public var dataDirectory: String
    /// A `postgres://` URL selects PostgreSQL instead of SQLite.
    public var databaseURL: String?
    /// The most connections to PostgreSQL this instance opens (`--database-pool-size`).
    public var databasePoolSize = 10
    public var host: String
    public var port: Int
    /// The address customers and operators reach the server at (links in emails, secure cookies).
    public var publicURL: String?
    /// Request bodies larger than this are refused with 413 (file uploads excepted).
    public var maxBodyBytes: Int
    /// The largest file a member or visitor may upload (`--max-attachment-bytes`); an
    /// upload's body may be this plus `BodyLimitMiddleware.multipartAllowance`.
    public var maxAttachmentBytes = AttachmentPolicy.defaultMaxBytes
    /// A connection with no request in progress (idle keep-alive, or headers
    /// that stopped arriving) is closed after this many seconds. Upgraded
    /// WebSockets are not affected.
    public var idleTimeoutSeconds = 30
    /// At most this many TCP connections open at once from one client address
    /// (one /64 for IPv6); more are answered 503 and closed. Trusted proxies are
    /// not counted.
    public var maxConnectionsPerAddress = 256
    /// How long a sign-in lasts.
    public var sessionLifetimeSeconds: Double
    /// bcrypt cost for new passwords (10–12 in production; tests use 4).
    public var bcryptCost: UInt8
    /// Failed logins allowed per account and per client address within the window.
    public var loginFailuresPerAccount: Int
    public var loginFailuresPerAddress: Int
    public var loginWindowSeconds: Double
    /// Seeds the demo team into an empty database on start.
    public var demo: Bool
    /// Rate limits on the anonymous routes, and the addresses exempt from them.
    public var anonymousLimits = AnonymousLimits()
    /// Where requests to member-configured URLs may go (`--outbound-allow`).
    public var outbound = OutboundPolicy()
    /// Reverse proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`).
    public var trustedProxies: [AddressRange] = []
    /// Whether the application runs the chat channels' background work (Telegram pollers, the AI's
    /// owed answers, the outbox worker) as a service of its lifecycle. Always on in `serve`; tests
    /// that do not need it leave it off, and tests of channels drive the worker by hand.
    public var runsChannelWork = true
    /// The built-in inbound SMTP listener's port (`--smtp-port`); nil leaves it off.
    public var smtpPort: Int?
    /// How long an outbox delivery stays with the process that claimed it (`--outbox-lease`): after
    /// a crash, another instance delivers it once this has passed.
    public var outboxLeaseSeconds: Double = 60

    public init(
        dataDirectory: String = "./helpdesk-data", databaseURL: String? = nil, host: String = "127.0.0.1",
        port: Int = 8080, publicURL: String? = nil, maxBodyBytes: Int = 1 << 20,
        sessionLifetimeSeconds: Double = 30 * 24 * 3600, bcryptCost: UInt8 = 10, loginFailuresPerAccount: Int = 5,
        loginFailuresPerAddress: Int = 20, loginWindowSeconds: Double = 15 * 60, demo: Bool = false
    ) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.maxBodyBytes = maxBodyBytes
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.bcryptCost = bcryptCost
        self.loginFailuresPerAccount = loginFailuresPerAccount
        self.loginFailuresPerAddress = loginFailuresPerAddress
        self.loginWindowSeconds = loginWindowSeconds
        self.demo = demo
    }

    /// What the product's verbs need of this configuration.
    public var service: ServiceConfiguration {
        ServiceConfiguration(
            sessionLifetimeSeconds: sessionLifetimeSeconds, bcryptCost: bcryptCost,
            loginFailuresPerAccount: loginFailuresPerAccount, loginFailuresPerAddress: loginFailuresPerAddress,
            loginWindowSeconds: loginWindowSeconds, anonymousLimits: anonymousLimits,
            outbound: outbound, maxAttachmentBytes: maxAttachmentBytes)
    }

    /// How the chat channels run: Telegram webhooks at the public URL, or long
    /// polling without one; member-configured API base URLs held to the outbound policy.
    public var chatChannels: ChatChannelsConfiguration {
        var channels = ChatChannelsConfiguration(
            publicURL: publicURL, outbound: outbound,
            smtpListener: smtpPort.map { SMTPListenerConfiguration(host: host, port: $0) })
        channels.outboxLeaseSeconds = outboxLeaseSeconds
        return channels
    }

    /// Whether cookies must carry `Secure` (the public URL is https).
    public var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }
}

extension HelpDesk {
    /// The help desk a server with this configuration runs; the standard brains
    /// reach what the configuration's outbound policy allows.
    public init(
        store: any Store, configuration: ServerConfiguration, brains: Brains? = nil,
        clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.init(
            store: store, configuration: configuration.service,
            brains: brains ?? .standard(outbound: configuration.outbound), clock: clock)
    }
}
