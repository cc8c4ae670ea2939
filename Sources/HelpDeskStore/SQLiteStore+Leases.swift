import HelpDeskCore

extension SQLiteStore {
    public func takeLease(_ name: String, holder: String, now: Timestamp, until: Timestamp) async throws -> Bool {
        leases.take(name, holder: holder, now: now, until: until)
    }

    public func releaseLease(_ name: String, holder: String) async throws {
        leases.release(name, holder: holder)
    }
}
