import HelpDeskCore
import Synchronization

/// The limits' state in this process's memory: the SQLite store's (one process
/// serves a SQLite database, so this process sees all its traffic), and a
/// throttle's that has no store (tests).
public final class ProcessLimits: LimitStore {
    private struct State {
        var buckets: [String: (bucket: TokenBucket, limit: RateLimit)] = [:]
        var failures: [String: [Timestamp]] = [:]
        var admitted = 0
    }

    private let state = Mutex(State())
    /// Past this many keys, full buckets (keys that have been quiet) are forgotten.
    private let sweepAbove: Int

    public init(sweepAbove: Int = 50_000) {
        self.sweepAbove = sweepAbove
    }

    public func admit(_ checks: [(key: String, limit: RateLimit)], now: Timestamp) async throws -> Int? {
        state.withLock { state in
            var buckets = checks.map { state.buckets[$0.key]?.bucket ?? TokenBucket($0.limit, now: now) }
            let wait = TokenBucket.takeAll(&buckets, limits: checks.map(\.limit), now: now)
            if wait == nil {
                for (check, bucket) in zip(checks, buckets) { state.buckets[check.key] = (bucket, check.limit) }
            }
            state.admitted += 1
            if state.buckets.count > sweepAbove, state.admitted.isMultiple(of: 1_000) {
                // A full bucket carries no state: forgetting it changes no answer.
                state.buckets = state.buckets.filter { !$0.value.bucket.isFull($0.value.limit, now: now) }
            }
            return wait
        }
    }

    public func signInFailures(keys: [String], since: Timestamp) async throws -> [String: [Timestamp]] {
        state.withLock { state in
            var found: [String: [Timestamp]] = [:]
            for key in keys {
                let recent = (state.failures[key] ?? []).filter { $0 > since }
                if !recent.isEmpty { found[key] = recent }
            }
            return found
        }
    }

    public func recordSignInFailure(keys: [String], at: Timestamp, forgettingBefore: Timestamp) async throws {
        state.withLock { state in
            state.failures = state.failures.compactMapValues { times in
                let kept = times.filter { $0 > forgettingBefore }
                return kept.isEmpty ? nil : kept
            }
            for key in keys { state.failures[key, default: []].append(at) }
        }
    }

    public func forgetSignInFailures(key: String) async throws {
        _ = state.withLock { $0.failures.removeValue(forKey: key) }
    }

    /// How many keys hold a bucket now.
    public var bucketCount: Int { state.withLock { $0.buckets.count } }
}
