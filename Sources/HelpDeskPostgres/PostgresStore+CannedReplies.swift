import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Canned replies

extension PostgresStore {
    static func cannedReply(row: Row) throws -> CannedReply {
        CannedReply(
            id: try row["id"], teamID: try row["team_id"], title: try row["title"], body: try row["body"],
            createdAt: try row.time("created_at"), updatedAt: try row.time("updated_at"))
    }

    static func cannedReply(_ db: PostgresTransaction, id: String, teamID: String) async throws -> CannedReply? {
        try await db.row("SELECT * FROM canned_replies WHERE id = \(id) AND team_id = \(teamID)")
            .map(Self.cannedReply(row:))
    }

    static func titleTaken(_ title: String) -> HelpDeskError {
        HelpDeskError.conflict("the team already has a canned reply titled \"\(title)\"; choose another title")
    }

    /// Throws `conflict` when another of the team's replies has `title` (ignoring case, as the index does).
    static func requireFreeTitle(_ db: PostgresTransaction, _ title: String, teamID: String, except id: String)
        async throws
    {
        if let taken = try await db.value(
            String.self,
            """
            SELECT title FROM canned_replies WHERE team_id = \(teamID) AND lower(title) = lower(\(title)) AND id <> \(id)
            """)
        {
            throw titleTaken(taken)
        }
    }

    public func cannedReplies(teamID: String) async throws -> [CannedReply] {
        try await read { db in
            try await db.rows(
                """
                SELECT * FROM canned_replies WHERE team_id = \(teamID)
                ORDER BY lower(title) COLLATE "C", title COLLATE "C", id COLLATE "C"
                """
            ).map(Self.cannedReply(row:))
        }
    }

    public func cannedReply(id: String, teamID: String) async throws -> CannedReply? {
        try await read { db in try await Self.cannedReply(db, id: id, teamID: teamID) }
    }

    public func createCannedReply(_ reply: CannedReply, audit: AuditTrail<Void>) async throws {
        do {
            try await write { db in
                try await Self.requireFreeTitle(db, reply.title, teamID: reply.teamID, except: reply.id)
                try await db.run(
                    """
                    INSERT INTO canned_replies (id, team_id, title, body, created_at, updated_at)
                    VALUES (\(reply.id), \(reply.teamID), \(reply.title), \(reply.body), \(reply.createdAt.microseconds),
                        \(reply.updatedAt.microseconds))
                    """)
                try await Self.insertAudit(db, audit.records)
            }
        } catch  where Self.isUniqueViolation(error) {
            throw Self.titleTaken(reply.title)
        }
    }

    public func updateCannedReply(
        id: String, teamID: String, title: String, body: String, now: Timestamp,
        audit: AuditTrail<(before: CannedReply, after: CannedReply)>
    ) async throws -> CannedReply? {
        do {
            return try await write { db in
                guard var reply = try await Self.cannedReply(db, id: id, teamID: teamID) else { return nil }
                let before = reply
                try await Self.requireFreeTitle(db, title, teamID: teamID, except: id)
                reply.title = title
                reply.body = body
                reply.updatedAt = now
                try await db.run(
                    """
                    UPDATE canned_replies SET title = \(title), body = \(body), updated_at = \(now.microseconds)
                    WHERE id = \(id) AND team_id = \(teamID)
                    """)
                try await Self.insertAudit(db, audit.records(for: (before, reply)))
                return reply
            }
        } catch  where Self.isUniqueViolation(error) {
            throw Self.titleTaken(title)
        }
    }

    public func deleteCannedReply(id: String, teamID: String, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            guard
                try await db.count(
                    "DELETE FROM canned_replies WHERE id = \(id) AND team_id = \(teamID) RETURNING id") > 0
            else { return false }
            try await Self.insertAudit(db, audit.records)
            return true
        }
    }
}
