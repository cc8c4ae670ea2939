import HelpDeskCore

/// The state of the limits every instance on a database must share: the token
/// buckets of anonymous traffic (`RateLimit`, per client address, channel or
/// conversation) and the failed sign-ins the sign-in throttle counts. Kept per
/// process, a client reaching three instances would get three allowances and a
/// guesser three times the attempts; kept in the database, one.
public protocol LimitStore: Sendable {
    /// Spends one token from the bucket of each key under its limit, all or
    /// none (`TokenBucket.takeAll`): nil when admitted, else the longest wait in
    /// whole seconds, and no bucket changes. A key never seen has a full bucket.
    func admit(_ checks: [(key: String, limit: RateLimit)], now: Timestamp) async throws -> Int?

    /// The failed sign-ins recorded under each key after `since`, oldest first; keys without any are absent.
    func signInFailures(keys: [String], since: Timestamp) async throws -> [String: [Timestamp]]
    /// Records one failed sign-in under each key at `at`, and forgets failures at or before
    /// `forgettingBefore` (out of every window).
    func recordSignInFailure(keys: [String], at: Timestamp, forgettingBefore: Timestamp) async throws
    /// Forgets every failed sign-in under `key` (a successful sign-in clears its account).
    func forgetSignInFailures(key: String) async throws
}
