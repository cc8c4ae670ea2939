import GRDB
import HelpDeskCore

// MARK: - Canned replies

extension SQLiteStore {
    static func cannedReply(row: Row) -> CannedReply {
        CannedReply(
            id: row["id"], teamID: row["team_id"], title: row["title"], body: row["body"],
            createdAt: Timestamp(microseconds: row["created_at"]), updatedAt: Timestamp(microseconds: row["updated_at"])
        )
    }

    static func cannedReply(_ db: Database, id: String, teamID: String) throws -> CannedReply? {
        try Row.fetchOne(
            db, cachedSQL: "SELECT * FROM canned_replies WHERE id = ? AND team_id = ?", arguments: [id, teamID]
        ).map(Self.cannedReply(row:))
    }

    /// Throws `conflict` when another of the team's replies has `title` (ignoring ASCII case, as the index does).
    static func requireFreeTitle(_ db: Database, _ title: String, teamID: String, except id: String) throws {
        let taken =
            try String.fetchOne(
                db,
                cachedSQL:
                    "SELECT title FROM canned_replies WHERE team_id = ? AND title = ? COLLATE NOCASE AND id <> ?",
                arguments: [teamID, title, id])
        if let taken {
            throw HelpDeskError.conflict(
                "the team already has a canned reply titled \"\(taken)\"; choose another title")
        }
    }

    public func cannedReplies(teamID: String) async throws -> [CannedReply] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                cachedSQL: "SELECT * FROM canned_replies WHERE team_id = ? ORDER BY title COLLATE NOCASE, title, id",
                arguments: [teamID]
            ).map(Self.cannedReply(row:))
        }
    }

    public func cannedReply(id: String, teamID: String) async throws -> CannedReply? {
        try await pool.read { db in try Self.cannedReply(db, id: id, teamID: teamID) }
    }

    public func createCannedReply(_ reply: CannedReply, audit: AuditTrail<Void>) async throws {
        try await write { db in
            try Self.requireFreeTitle(db, reply.title, teamID: reply.teamID, except: reply.id)
            try db.execute(
                cachedSQL: """
                    INSERT INTO canned_replies (id, team_id, title, body, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    reply.id, reply.teamID, reply.title, reply.body, reply.createdAt.microseconds,
                    reply.updatedAt.microseconds,
                ])
            try Self.insertAudit(db, audit.records)
        }
    }

    public func updateCannedReply(
        id: String, teamID: String, title: String, body: String, now: Timestamp,
        audit: AuditTrail<(before: CannedReply, after: CannedReply)>
    ) async throws -> CannedReply? {
        try await write { db in
            guard var reply = try Self.cannedReply(db, id: id, teamID: teamID) else { return nil }
            let before = reply
            try Self.requireFreeTitle(db, title, teamID: teamID, except: id)
            reply.title = title
            reply.body = body
            reply.updatedAt = now
            try db.execute(
                cachedSQL: "UPDATE canned_replies SET title = ?, body = ?, updated_at = ? WHERE id = ? AND team_id = ?",
                arguments: [title, body, now.microseconds, id, teamID])
            try Self.insertAudit(db, audit.records(for: (before, reply)))
            return reply
        }
    }

    public func deleteCannedReply(id: String, teamID: String, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            try db.execute(
                cachedSQL: "DELETE FROM canned_replies WHERE id = ? AND team_id = ?", arguments: [id, teamID])
            guard db.changesCount > 0 else { return false }
            try Self.insertAudit(db, audit.records)
            return true
        }
    }
}
