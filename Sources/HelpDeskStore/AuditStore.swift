import HelpDeskCore

/// A team's audit log of configuration changes: appended to, read newest first.
/// Every read is scoped by team, so one team never sees another's entries.
public protocol AuditStore: Sendable {
    /// Appends an entry (its snapshots already redacted, see `AuditRecord`) and returns it with its id.
    @discardableResult
    func recordAudit(_ record: AuditRecord) async throws -> AuditEntry
    /// A page of the team's entries matching `query`, newest first (by id), and whether older ones match.
    func auditLog(teamID: String, query: AuditQuery) async throws -> AuditPage
}
