import HelpDeskCore

/// The limits on anonymous traffic, with defaults a small team can live with.
/// Each is a token bucket per key; see `RateLimit`. The buckets are the store's
/// (`LimitStore.admit`), so every instance on a database spends from the same ones.
public struct AnonymousLimits: Sendable, Equatable {
    /// New widget conversations per client address.
    public var sessionsPerAddress = RateLimit(burst: 10, count: 30, per: 60)
    /// New widget conversations per channel, whoever asks.
    public var sessionsPerChannel = RateLimit(burst: 60, count: 300, per: 60)
    /// Visitor messages per conversation.
    public var messagesPerConversation = RateLimit(burst: 10, count: 20, per: 60)
    /// Visitor messages per client address, over all its conversations.
    public var messagesPerAddress = RateLimit(burst: 30, count: 120, per: 60)
    /// Requests for a person (tickets) per client address.
    public var escalationsPerAddress = RateLimit(burst: 5, count: 10, per: 3600)
    /// Visitor file uploads per conversation.
    public var uploadsPerConversation = RateLimit(burst: 10, count: 60, per: 3600)
    /// Visitor file uploads per client address, over all its conversations.
    public var uploadsPerAddress = RateLimit(burst: 20, count: 120, per: 3600)
    /// How long a refusal (429) waits before it is sent. A client flooding in a
    /// loop waits for each answer, so this bounds its rate; the connection cap
    /// per address bounds how many it can hold waiting.
    public var refusalDelay: Duration = .seconds(1)
    /// Open live widget sockets per conversation (a visitor's tabs).
    public var liveSocketsPerVisitor = 8
    /// Open live widget sockets per client address, over all its conversations.
    public var liveSocketsPerAddress = 64
    /// Open operator live feeds per member (tabs and devices); not lifted by `exempt`.
    public var liveSocketsPerMember = 32
    /// Addresses the limits above do not apply to (a load tester, an internal
    /// proxy that does its own limiting). Never sign-in protection.
    public var exempt: [AddressRange] = []

    public init() {}

    /// Whether the limits apply at all.
    public var enabled = true

    /// No limits, for benchmarks that are one client sending as fast as it can by design.
    public static var unlimited: AnonymousLimits {
        var limits = AnonymousLimits()
        limits.enabled = false
        return limits
    }
}
