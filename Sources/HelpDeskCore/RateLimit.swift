/// How much of something one key (a client address, a visitor, a channel) may
/// do: `burst` at once, refilled at `count` per `seconds`.
public struct RateLimit: Sendable, Equatable {
    /// The most that can be spent at once.
    public var burst: Int
    /// How many come back over `seconds`.
    public var count: Int
    /// The refill period.
    public var seconds: Double

    public init(burst: Int, count: Int, per seconds: Double) {
        self.burst = max(1, burst)
        self.count = max(1, count)
        self.seconds = max(0.001, seconds)
    }

    /// Tokens regained per second.
    var refillPerSecond: Double { Double(count) / seconds }
}

/// A token bucket: the state of one key under one `RateLimit`, as a value.
/// Taking from an empty bucket says how long to wait; nothing else changes.
public struct TokenBucket: Sendable, Equatable {
    /// Tokens left, fractional as they refill.
    public private(set) var tokens: Double
    /// When `tokens` was last brought up to date.
    public private(set) var updatedAt: Timestamp

    /// A full bucket.
    public init(_ limit: RateLimit, now: Timestamp) {
        tokens = Double(limit.burst)
        updatedAt = now
    }

    /// A bucket as stored: `tokens` left at `updatedAt`.
    public init(tokens: Double, updatedAt: Timestamp) {
        self.tokens = tokens
        self.updatedAt = updatedAt
    }

    /// When the bucket will have refilled completely, if nothing is taken meanwhile: from then on it
    /// carries no state and can be forgotten.
    public func fullAt(_ limit: RateLimit) -> Timestamp {
        let missing = max(0, Double(limit.burst) - tokens)
        return updatedAt.adding(seconds: missing / limit.refillPerSecond)
    }

    /// Takes one token from each of several buckets, all or none: nil when every one had a token
    /// (each has one fewer), else the longest wait in seconds (none changes). The rule every store's
    /// limits apply, whether it keeps the buckets in memory or in a table.
    public static func takeAll(
        _ buckets: inout [TokenBucket], limits: [RateLimit], now: Timestamp
    ) -> Int? {
        var taken = buckets
        var longest: Int?
        for index in taken.indices {
            if let wait = taken[index].take(limits[index], now: now) { longest = max(longest ?? 0, wait) }
        }
        if longest == nil { buckets = taken }
        return longest
    }

    /// Takes one token: nil when allowed, else the whole seconds to wait (at least 1).
    public mutating func take(_ limit: RateLimit, now: Timestamp) -> Int? {
        refill(limit, now: now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        let wait = (1 - tokens) / limit.refillPerSecond
        return max(1, Int(wait.rounded(.up)))
    }

    /// Whether the bucket has refilled completely by `now` (it can be forgotten).
    public func isFull(_ limit: RateLimit, now: Timestamp) -> Bool {
        var copy = self
        copy.refill(limit, now: now)
        return copy.tokens >= Double(limit.burst)
    }

    private mutating func refill(_ limit: RateLimit, now: Timestamp) {
        let elapsed = Double(now.microseconds - updatedAt.microseconds) / 1_000_000
        if elapsed > 0 {
            tokens = min(Double(limit.burst), tokens + elapsed * limit.refillPerSecond)
            updatedAt = now
        }
    }
}
