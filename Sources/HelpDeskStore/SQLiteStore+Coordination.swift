import HelpDeskCore

extension SQLiteStore {
    public func takeLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Bool {
        leases.take(name, holder: holder, now: now, until: until)
    }

    public func releaseLease(_ name: String, holder: String) async throws {
        leases.release(name, holder: holder)
    }
}

extension SQLiteStore {
    public func admit(_ checks: [(key: String, limit: RateLimit)], now: Timestamp) async throws -> Int? {
        try await limits.admit(checks, now: now)
    }

    public func signInFailures(keys: [String], since: Timestamp) async throws -> [String: [Timestamp]] {
        try await limits.signInFailures(keys: keys, since: since)
    }

    public func recordSignInFailure(keys: [String], at: Timestamp, forgettingBefore: Timestamp) async throws {
        try await limits.recordSignInFailure(keys: keys, at: at, forgettingBefore: forgettingBefore)
    }

    public func forgetSignInFailures(key: String) async throws {
        try await limits.forgetSignInFailures(key: key)
    }
}
