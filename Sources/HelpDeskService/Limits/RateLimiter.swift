import HelpDeskCore

/// The limits on anonymous traffic, with defaults a small team can live with.
/// Each is a token bucket per key; see `RateLimit`.
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

/// Token buckets for every key, in this process's memory.
///
/// Each instance keeps its own buckets: with several instances behind a load
/// balancer a client can get up to one allowance per instance it reaches.
/// That bounds abuse all the same (instances are few), and keeps a database
/// round trip off every anonymous request.
actor RateLimiter {
    private var buckets: [String: (bucket: TokenBucket, limit: RateLimit)] = [:]
    private var admitted = 0
    /// Past this many keys, full buckets (keys that have been quiet) are forgotten.
    private let sweepAbove: Int

    init(sweepAbove: Int = 50_000) {
        self.sweepAbove = sweepAbove
    }

    /// Spends one token from each `(key, limit)`, all or none: refused when any
    /// is empty, with the longest wait in seconds; nil when admitted.
    func admit(_ checks: [(key: String, limit: RateLimit)], now: Timestamp) -> Int? {
        var taken: [(key: String, bucket: TokenBucket, limit: RateLimit)] = []
        var longest: Int?
        for check in checks {
            var bucket = buckets[check.key]?.bucket ?? TokenBucket(check.limit, now: now)
            if let wait = bucket.take(check.limit, now: now) { longest = max(longest ?? 0, wait) }
            taken.append((check.key, bucket, check.limit))
        }
        if longest == nil {
            for entry in taken { buckets[entry.key] = (entry.bucket, entry.limit) }
        }
        admitted += 1
        if buckets.count > sweepAbove, admitted.isMultiple(of: 1_000) {
            // A full bucket carries no state: forgetting it changes no answer.
            buckets = buckets.filter { !$0.value.bucket.isFull($0.value.limit, now: now) }
        }
        return longest
    }

    /// How many keys are held now.
    var keyCount: Int { buckets.count }
}
