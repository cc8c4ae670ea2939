import Foundation

/// What one delivery attempt came to, as a channel adapter reports it.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The provider took it (with its own id for the message, when it gives one).
    case delivered(providerID: String?)
    /// Worth trying again: a timeout, a 5xx, a rate limit. `retryAfter` is the
    /// provider's own wait in seconds (Telegram's `retry_after`, a `Retry-After` header).
    case retryable(reason: String, retryAfter: Double?)
    /// Trying again cannot help: a bad token, a blocked bot, an unknown recipient.
    case permanent(reason: String)
}

/// When the outbox tries again, and when it gives up. Exponential backoff with
/// "equal jitter": after the n-th failed attempt the wait is half of
/// `min(cap, base × 2^(n−1))` plus a random share of the other half, so many
/// entries failing together do not come back together, and never sooner than
/// the provider asked. After `maxAttempts` attempts the entry fails for good.
public struct RetryPolicy: Sendable, Equatable {
    public var baseSeconds: Double
    public var capSeconds: Double
    public var maxAttempts: Int
    /// The longest provider-requested wait honoured; a longer one is cut to this.
    public var maxRetryAfterSeconds: Double

    public init(
        baseSeconds: Double = 2, capSeconds: Double = 900, maxAttempts: Int = 10, maxRetryAfterSeconds: Double = 3_600
    ) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
        self.maxAttempts = maxAttempts
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
    }

    /// Seconds to wait after `attempts` attempts (the last one failed and may be
    /// retried), with `random` in 0...1; nil when the entry should fail for good.
    public func delay(afterAttempts attempts: Int, retryAfter: Double?, random: Double) -> Double? {
        guard attempts < maxAttempts else { return nil }
        let exponential = min(capSeconds, baseSeconds * pow(2, Double(max(attempts, 1) - 1)))
        let jittered = exponential / 2 + exponential / 2 * min(max(random, 0), 1)
        return max(jittered, min(retryAfter ?? 0, maxRetryAfterSeconds))
    }
}
