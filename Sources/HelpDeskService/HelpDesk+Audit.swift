import HelpDeskCore
import HelpDeskStore

/// The audit log of configuration changes: each verb that changes settings,
/// members, agents, channels, canned replies, tags, the copilot or the plan
/// records who did what to which thing, with the thing before and after
/// (secrets hidden). The verb hands its entries to the store method that makes
/// the change (`AuditTrail`), which writes them in the change's transaction: a
/// change is never committed without its entries, nor an entry without its change.
extension HelpDesk {
    /// A page of the team's audit log, newest first (owners and managers).
    public func auditLog(_ caller: Caller, _ query: AuditQuery) async throws -> AuditPage {
        try caller.requireConfigure("read the audit log")
        return try await store.auditLog(teamID: caller.team.id, query: query)
    }

    /// The entry for a change `caller` makes: what every configuration verb hands to its store
    /// method, with its action, subject and snapshots. Put secrets in the snapshots as
    /// `AuditValue.secret`: they are hidden before anything is stored.
    func auditRecord(
        _ caller: Caller, _ action: AuditAction, subject: AuditSubject, before: AuditValue?, after: AuditValue?
    ) -> AuditRecord {
        auditRecord(
            teamID: caller.team.id, actor: .member(caller.member), action, subject: subject, before: before,
            after: after)
    }

    /// The entry for a change by any actor, such as the command line (`AuditActor.commandLine`).
    func auditRecord(
        teamID: String, actor: AuditActor, _ action: AuditAction, subject: AuditSubject, before: AuditValue?,
        after: AuditValue?
    ) -> AuditRecord {
        AuditRecord(
            teamID: teamID, at: clock(), actor: actor, action: action, subject: subject, before: before, after: after)
    }

    /// A trail of one entry, written when the change happens.
    func auditTrail(
        _ caller: Caller, _ action: AuditAction, subject: AuditSubject, before: AuditValue?, after: AuditValue?
    ) -> AuditTrail<Void> {
        AuditTrail(records: [auditRecord(caller, action, subject: subject, before: before, after: after)])
    }
}
