import HelpDeskCore
import HelpDeskStore

/// The audit log of configuration changes: each verb that changes settings,
/// members, agents, channels, canned replies, tags, the copilot or the plan
/// records who did what to which thing, with the thing before and after
/// (secrets hidden). The entry is written right after the change commits, by
/// the verb (the store's methods are one transaction each, and the log is its
/// own), so a change whose entry failed to write answers with an error rather
/// than passing unrecorded.
extension HelpDesk {
    /// A page of the team's audit log, newest first (owners and managers).
    public func auditLog(_ caller: Caller, _ query: AuditQuery) async throws -> AuditPage {
        try caller.requireConfigure("read the audit log")
        return try await store.auditLog(teamID: caller.team.id, query: query)
    }

    /// Records a change `caller` made: the hook every configuration verb calls,
    /// and what a new one (webhooks, say) calls with its action, subject and
    /// snapshots. Put secrets in the snapshots as `AuditValue.secret`: they are
    /// hidden before anything is stored.
    @discardableResult
    public func recordAudit(
        _ caller: Caller, _ action: AuditAction, subject: AuditSubject, before: AuditValue?, after: AuditValue?
    ) async throws -> AuditEntry {
        try await recordAudit(
            teamID: caller.team.id, actor: .member(caller.member), action, subject: subject, before: before,
            after: after)
    }

    /// Records a change by any actor, such as the command line (`AuditActor.commandLine`).
    @discardableResult
    public func recordAudit(
        teamID: String, actor: AuditActor, _ action: AuditAction, subject: AuditSubject, before: AuditValue?,
        after: AuditValue?
    ) async throws -> AuditEntry {
        try await store.recordAudit(
            AuditRecord(
                teamID: teamID, at: clock(), actor: actor, action: action, subject: subject, before: before,
                after: after))
    }
}
