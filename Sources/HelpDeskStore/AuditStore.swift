import HelpDeskCore

/// A team's audit log of configuration changes: appended to, read newest first.
/// Every read is scoped by team, so one team never sees another's entries.
public protocol AuditStore: Sendable {
    /// Appends an entry (its snapshots already redacted, see `AuditRecord`) and returns it with its id:
    /// for an entry that records no change of the store's (a change goes with its entries, `AuditTrail`).
    @discardableResult
    func recordAudit(_ record: AuditRecord) async throws -> AuditEntry
    /// A page of the team's entries matching `query`, newest first (by id), and whether older ones match.
    func auditLog(teamID: String, query: AuditQuery) async throws -> AuditPage
}

/// The audit entries a configuration change writes in the change's own transaction, so the
/// change and its entries commit together or not at all: no change passes unrecorded, and no
/// entry records a change that did not happen. A store method that takes a trail asks it for
/// the entries once the change is made, with what the change produced (the member as saved,
/// say, or nothing); a change that finds nothing to change (an unknown id) writes none.
public struct AuditTrail<Outcome>: Sendable {
    private let make: @Sendable (Outcome) -> [AuditRecord]

    /// Entries that depend on what the change produced (none when it changed nothing worth a line).
    public init(_ make: @escaping @Sendable (Outcome) -> [AuditRecord]) {
        self.make = make
    }

    /// Entries known before the change.
    public init(records: [AuditRecord]) {
        self.make = { _ in records }
    }

    /// No entry: a change that is not configuration (or one a test makes directly).
    public static var none: AuditTrail { AuditTrail(records: []) }

    /// The entries for the change's outcome.
    public func records(for outcome: Outcome) -> [AuditRecord] {
        make(outcome)
    }
}

extension AuditTrail where Outcome == Void {
    /// The entries for a change that produces nothing but having happened.
    public var records: [AuditRecord] { make(()) }
}
