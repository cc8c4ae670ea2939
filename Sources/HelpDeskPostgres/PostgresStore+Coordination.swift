import HelpDeskCore
import HelpDeskStore

extension PostgresStore {
    /// One statement: the insert takes a free lease, and on a conflict the
    /// update takes it over only when it is the holder's own or has lapsed. The
    /// conflicting row is locked and its condition read again at its latest
    /// version, so of two instances taking a lapsed lease at once, one gets it.
    public func takeLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Bool {
        try await write { db in
            try await db.count(
                """
                INSERT INTO leases (name, holder, lease_until) VALUES (\(name), \(holder), \(until.microseconds))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
                WHERE leases.holder = excluded.holder OR leases.lease_until <= \(now.microseconds)
                RETURNING name
                """) > 0
        }
    }

    public func releaseLease(_ name: String, holder: String) async throws {
        try await write { db in
            try await db.run("DELETE FROM leases WHERE name = \(name) AND holder = \(holder)")
        }
    }
}

extension PostgresStore {
    /// The buckets' rows are made when absent, then locked in key order (two
    /// requests sharing keys lock them in the same order, so they queue rather
    /// than deadlock), decided by `TokenBucket.takeAll` and written back only
    /// when admitted. Now and then the buckets that are full again are deleted.
    public func admit(_ checks: [(key: String, limit: RateLimit)], now: Timestamp) async throws -> Int? {
        guard !checks.isEmpty else { return nil }
        var limits: [String: RateLimit] = [:]
        for check in checks { limits[check.key] = check.limit }
        let keys = limits.keys.sorted()
        let bursts = keys.map { Double(limits[$0]!.burst) }
        let sweeping = Int.random(in: 0..<1_000) == 0
        return try await write { db in
            try await db.run(
                """
                INSERT INTO rate_buckets (key, tokens, updated_at, full_at)
                SELECT key, burst, \(now.microseconds), \(now.microseconds)
                FROM unnest(\(keys)::text[], \(bursts)::float8[]) AS given(key, burst) ORDER BY key
                ON CONFLICT (key) DO NOTHING
                """)
            var stored: [String: TokenBucket] = [:]
            for row in try await db.rows(
                """
                SELECT key, tokens, updated_at FROM rate_buckets WHERE key = ANY(\(keys)::text[])
                ORDER BY key FOR UPDATE
                """)
            {
                stored[try row["key"]] = TokenBucket(tokens: try row["tokens"], updatedAt: try row.time("updated_at"))
            }
            var buckets = keys.map { stored[$0] ?? TokenBucket(limits[$0]!, now: now) }
            let keyLimits = keys.map { limits[$0]! }
            if let wait = TokenBucket.takeAll(&buckets, limits: keyLimits, now: now) { return wait }
            try await db.run(
                """
                UPDATE rate_buckets SET tokens = given.tokens, updated_at = given.updated_at, full_at = given.full_at
                FROM unnest(\(keys)::text[], \(buckets.map(\.tokens))::float8[],
                    \(buckets.map(\.updatedAt.microseconds))::int8[],
                    \(zip(buckets, keyLimits).map { $0.fullAt($1).microseconds })::int8[])
                    AS given(key, tokens, updated_at, full_at)
                WHERE rate_buckets.key = given.key
                """)
            if sweeping {
                try await db.run("DELETE FROM rate_buckets WHERE full_at <= \(now.microseconds)")
            }
            return nil
        }
    }

    public func signInFailures(keys: [String], since: Timestamp) async throws -> [String: [Timestamp]] {
        try await read { db in
            var found: [String: [Timestamp]] = [:]
            for row in try await db.rows(
                """
                SELECT key, at FROM sign_in_failures WHERE key = ANY(\(keys)::text[]) AND at > \(since.microseconds)
                ORDER BY at
                """)
            {
                found[try row["key"], default: []].append(try row.time("at"))
            }
            return found
        }
    }

    public func recordSignInFailure(keys: [String], at: Timestamp, forgettingBefore: Timestamp) async throws {
        try await write { db in
            try await db.run("DELETE FROM sign_in_failures WHERE at <= \(forgettingBefore.microseconds)")
            try await db.run(
                """
                INSERT INTO sign_in_failures (key, at) SELECT key, \(at.microseconds) FROM unnest(\(keys)::text[]) AS key
                """)
        }
    }

    public func forgetSignInFailures(key: String) async throws {
        try await write { db in
            try await db.run("DELETE FROM sign_in_failures WHERE key = \(key)")
        }
    }
}
