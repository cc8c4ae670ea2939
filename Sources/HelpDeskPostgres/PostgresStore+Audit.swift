import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Audit log

extension PostgresStore {
    public func recordAudit(_ record: AuditRecord) async throws -> AuditEntry {
        try await write { db in
            AuditEntry(id: try await Self.insertAudit(db, [record]).last ?? 0, record: record)
        }
    }

    /// Writes `records` in the caller's transaction (a change's entries go with the change); their ids.
    @discardableResult
    static func insertAudit(_ db: PostgresTransaction, _ records: [AuditRecord]) async throws -> [Int64] {
        var ids: [Int64] = []
        for record in records {
            let id = try await db.value(
                Int64.self,
                """
                INSERT INTO audit_log (team_id, at, actor_kind, actor_id, actor_name, action, subject_type, subject_id,
                    subject_name, before_json, after_json)
                VALUES (\(record.teamID), \(record.at.microseconds), \(record.actor.kind.rawValue), \(record.actor.id),
                    \(record.actor.name), \(record.action.rawValue), \(record.subject.type.rawValue),
                    \(record.subject.id), \(record.subject.name), \(record.before?.json), \(record.after?.json))
                RETURNING id
                """)
            ids.append(id ?? 0)
        }
        return ids
    }

    /// The same walk as SQLite's: the team's rows by id, newest first, on the `(team_id, …, id)` indexes.
    public func auditLog(teamID: String, query: AuditQuery) async throws -> AuditPage {
        let (conditions, arguments) = AuditSQL.conditions(teamID: teamID, query: query, placeholder: { "$\($0)" })
        var binds = PostgresBindings()
        for argument in arguments {
            switch argument {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            }
        }
        let statement = PostgresQuery(
            unsafeSQL: "SELECT * FROM audit_log WHERE \(conditions) ORDER BY id DESC LIMIT \(query.limit + 1)",
            binds: binds)
        let entries = try await read { db in
            try await db.rows(statement).map { row in
                try AuditSQL.entry(
                    id: try row["id"], teamID: try row["team_id"], at: try row["at"], actorKind: try row["actor_kind"],
                    actorID: try row["actor_id"], actorName: try row["actor_name"], action: try row["action"],
                    subjectType: try row["subject_type"], subjectID: try row["subject_id"],
                    subjectName: try row["subject_name"], before: try row["before_json"], after: try row["after_json"])
            }
        }
        return AuditSQL.page(entries, limit: query.limit)
    }
}
