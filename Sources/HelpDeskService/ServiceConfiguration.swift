import HelpDeskCore

/// The settings the product's verbs depend on: sign-in lifetimes and limits,
/// and the bcrypt cost. The server fills it from its own configuration; tests
/// and tools build it directly.
public struct ServiceConfiguration: Sendable {
    /// How long a sign-in lasts.
    public var sessionLifetimeSeconds: Double
    /// bcrypt cost for new passwords (10–12 in production; tests use 4).
    public var bcryptCost: UInt8
    /// Failed sign-ins allowed per account within the window.
    public var loginFailuresPerAccount: Int
    /// Failed sign-ins allowed per client address within the window.
    public var loginFailuresPerAddress: Int
    /// The sliding window for both sign-in limits.
    public var loginWindowSeconds: Double
    /// Rate limits on the anonymous routes (the widget now; webhooks next).
    public var anonymousLimits: AnonymousLimits
    /// Where requests to member-configured URLs may go.
    public var outbound: OutboundPolicy
    /// The largest file a member or visitor may upload, in bytes.
    public var maxAttachmentBytes: Int

    /// Creates a configuration; the defaults are the production values.
    public init(
        sessionLifetimeSeconds: Double = 30 * 24 * 3600, bcryptCost: UInt8 = 10, loginFailuresPerAccount: Int = 5,
        loginFailuresPerAddress: Int = 20, loginWindowSeconds: Double = 15 * 60,
        anonymousLimits: AnonymousLimits = AnonymousLimits(), outbound: OutboundPolicy = OutboundPolicy(),
        maxAttachmentBytes: Int = AttachmentPolicy.defaultMaxBytes
    ) {
        self.maxAttachmentBytes = maxAttachmentBytes
        self.anonymousLimits = anonymousLimits
        self.outbound = outbound
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.bcryptCost = bcryptCost
        self.loginFailuresPerAccount = loginFailuresPerAccount
        self.loginFailuresPerAddress = loginFailuresPerAddress
        self.loginWindowSeconds = loginWindowSeconds
    }
}
