import GRDB
import HelpDeskCore

// MARK: - Audit log

extension SQLiteStore {
    public func recordAudit(_ record: AuditRecord) async throws -> AuditEntry {
        try await write { db in
            try Self.insertAudit(db, [record])
            return AuditEntry(id: db.lastInsertedRowID, record: record)
        }
    }

    /// Writes `records` in the caller's transaction: a change's entries go with the change.
    static func insertAudit(_ db: Database, _ records: [AuditRecord]) throws {
        for record in records {
            try db.execute(
                cachedSQL: """
                    INSERT INTO audit_log (team_id, at, actor_kind, actor_id, actor_name, action, subject_type,
                        subject_id, subject_name, before_json, after_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.teamID, record.at.microseconds, record.actor.kind.rawValue, record.actor.id,
                    record.actor.name, record.action.rawValue, record.subject.type.rawValue, record.subject.id,
                    record.subject.name, record.before?.json, record.after?.json,
                ])
        }
    }

    public func auditLog(teamID: String, query: AuditQuery) async throws -> AuditPage {
        let (conditions, arguments) = AuditSQL.conditions(teamID: teamID, query: query, placeholder: { _ in "?" })
        let sql = "SELECT * FROM audit_log WHERE \(conditions) ORDER BY id DESC LIMIT \(query.limit + 1)"
        let values = arguments.map(\.databaseValue)
        let entries: [AuditEntry] = try await pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(values)).map { row in
                try AuditSQL.entry(
                    id: row["id"], teamID: row["team_id"], at: row["at"], actorKind: row["actor_kind"],
                    actorID: row["actor_id"], actorName: row["actor_name"], action: row["action"],
                    subjectType: row["subject_type"], subjectID: row["subject_id"], subjectName: row["subject_name"],
                    before: row["before_json"], after: row["after_json"])
            }
        }
        return AuditSQL.page(entries, limit: query.limit)
    }
}

/// What both stores share of the audit log's SQL: the filters, and rows read back into entries.
public enum AuditSQL {
    /// A bound value of a filter.
    public enum Argument: Sendable {
        case text(String)
        case integer(Int64)

        var databaseValue: DatabaseValue {
            switch self {
            case .text(let text): text.databaseValue
            case .integer(let number): number.databaseValue
            }
        }
    }

    /// The `WHERE` conditions of a query (the team first, so the `(team_id, …, id)` indexes serve them)
    /// with their arguments; `placeholder` writes the n-th (1-based) parameter.
    public static func conditions(teamID: String, query: AuditQuery, placeholder: (Int) -> String) -> (
        String, [Argument]
    ) {
        var parts: [String] = []
        var arguments: [Argument] = []
        func add(_ column: String, _ comparison: String, _ argument: Argument) {
            arguments.append(argument)
            parts.append("\(column) \(comparison) \(placeholder(arguments.count))")
        }
        add("team_id", "=", .text(teamID))
        if let action = query.action { add("action", "=", .text(action.rawValue)) }
        if let actorID = query.actorID { add("actor_id", "=", .text(actorID)) }
        if let subjectType = query.subjectType { add("subject_type", "=", .text(subjectType.rawValue)) }
        if let since = query.since { add("at", ">=", .integer(since.microseconds)) }
        if let until = query.until { add("at", "<", .integer(until.microseconds)) }
        if let before = query.before { add("id", "<", .integer(before)) }
        return (parts.joined(separator: " AND "), arguments)
    }

    /// An entry from its columns; a value the store does not know throws.
    public static func entry(
        id: Int64, teamID: String, at: Int64, actorKind: String, actorID: String?, actorName: String, action: String,
        subjectType: String, subjectID: String, subjectName: String?, before: String?, after: String?
    ) throws -> AuditEntry {
        guard let kind = AuditActor.Kind(rawValue: actorKind), let action = AuditAction(rawValue: action),
            let type = AuditSubjectType(rawValue: subjectType)
        else { throw HelpDeskError.unprocessable("audit entry \(id) holds a value this version does not know") }
        var record = AuditRecord(
            teamID: teamID, at: Timestamp(microseconds: at),
            actor: AuditActor(kind: kind, id: actorID, name: actorName),
            action: action, subject: AuditSubject(type: type, id: subjectID, name: subjectName), before: nil,
            after: nil)
        record.before = before.flatMap { AuditValue(json: $0) }
        record.after = after.flatMap { AuditValue(json: $0) }
        return AuditEntry(id: id, record: record)
    }

    /// A page from up to `limit + 1` rows, newest first: the extra row says older ones exist.
    public static func page(_ entries: [AuditEntry], limit: Int) -> AuditPage {
        guard entries.count > limit else { return AuditPage(items: entries, nextBefore: nil) }
        let items = Array(entries.prefix(limit))
        return AuditPage(items: items, nextBefore: items.last?.id)
    }
}
