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
