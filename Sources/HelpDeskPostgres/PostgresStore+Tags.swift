import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Tags

extension PostgresStore {
    static func tag(row: Row) throws -> TicketTag {
        TicketTag(
            teamID: try row["team_id"], name: try row["name"], color: try row["color"],
            createdAt: try row.time("created_at"), updatedAt: try row.time("updated_at"))
    }

    static func tag(_ db: PostgresTransaction, teamID: String, name: String) async throws -> TicketTag? {
        try await db.row("SELECT * FROM tags WHERE team_id = \(teamID) AND name = \(name)").map(Self.tag(row:))
    }

    static func tagCount(_ db: PostgresTransaction, teamID: String) async throws -> Int {
        Int(try await db.value(Int64.self, "SELECT count(*) FROM tags WHERE team_id = \(teamID)") ?? 0)
    }

    static func insertTag(_ db: PostgresTransaction, _ tag: TicketTag) async throws {
        try await db.run(
            """
            INSERT INTO tags (team_id, name, color, created_at, updated_at)
            VALUES (\(tag.teamID), \(tag.name), \(tag.color), \(tag.createdAt.microseconds), \(tag.updatedAt.microseconds))
            """)
    }

    public func tags(teamID: String) async throws -> [TicketTag] {
        try await read { db in
            try await db.rows("SELECT * FROM tags WHERE team_id = \(teamID) ORDER BY name COLLATE \"C\"")
                .map(Self.tag(row:))
        }
    }

    /// Creating and putting on tags take the team's lock: the team's count of tags and a ticket's
    /// count of tags are then exact, and two members adding one new name create it once.
    public func createTag(_ tag: TicketTag, audit: AuditTrail<Void>) async throws {
        try await write { db in
            try await db.lockTeam(tag.teamID)
            if try await Self.tag(db, teamID: tag.teamID, name: tag.name) != nil {
                throw HelpDeskError.conflict("the team already has the tag \"\(tag.name)\"")
            }
            try Tagging.checkRoom(teamTagCount: try await Self.tagCount(db, teamID: tag.teamID))
            try await Self.insertTag(db, tag)
            try await Self.insertAudit(db, audit.records)
        }
    }

    public func updateTag(
        teamID: String, name: String, color: String, now: Timestamp,
        audit: AuditTrail<(before: TicketTag, after: TicketTag)>
    ) async throws -> TicketTag? {
        try await write { db in
            guard
                let before = try await db.row(
                    "SELECT * FROM tags WHERE team_id = \(teamID) AND name = \(name) FOR UPDATE"
                ).map(Self.tag(row:)),
                let after = try await db.row(
                    """
                    UPDATE tags SET color = \(color), updated_at = \(now.microseconds)
                    WHERE team_id = \(teamID) AND name = \(name) RETURNING *
                    """
                ).map(Self.tag(row:))
            else { return nil }
            try await Self.insertAudit(db, audit.records(for: (before, after)))
            return after
        }
    }

    public func deleteTag(teamID: String, name: String, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            try await db.run("DELETE FROM ticket_tags WHERE team_id = \(teamID) AND name = \(name)")
            guard
                try await db.count("DELETE FROM tags WHERE team_id = \(teamID) AND name = \(name) RETURNING name") > 0
            else { return false }
            try await Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func tagTicket(
        teamID: String, number: Int, name: String, actor: MemberRef, now: Timestamp, audit: AuditTrail<TicketTag>
    ) async throws -> Ticket {
        try await write { db in
            try await db.lockTeam(teamID)
            guard let ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            let known = try await Self.tag(db, teamID: teamID, name: name) != nil
            let tagged = try await Self.tag(db, ticket, name: name, actor: actor, now: now)
            if !known, let created = try await Self.tag(db, teamID: teamID, name: name) {
                try await Self.insertAudit(db, audit.records(for: created))
            }
            return tagged
        }
    }

    /// Puts tag `name` on `ticket` (`Tagging.adding`), with its event, the team locked by the
    /// caller; returns the ticket after.
    static func tag(_ db: PostgresTransaction, _ ticket: Ticket, name: String, actor: MemberRef, now: Timestamp)
        async throws -> Ticket
    {
        let teamID = ticket.teamID
        let number = ticket.number
        let teamHasTag = try await Self.tag(db, teamID: teamID, name: name) != nil
        let addition = try Tagging.adding(
            name, number: number, ticketTags: ticket.tags, teamHasTag: teamHasTag,
            teamTagCount: teamHasTag ? 0 : try await Self.tagCount(db, teamID: teamID))
        guard case .add(let createsTag) = addition else { return ticket }
        if createsTag {
            try await Self.insertTag(
                db,
                TicketTag(teamID: teamID, name: name, color: TicketTag.defaultColor, createdAt: now, updatedAt: now)
            )
        }
        try await db.run(
            "INSERT INTO ticket_tags (ticket_id, team_id, name) VALUES (\(ticket.id), \(teamID), \(name))")
        try await Self.insertEvent(
            db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id,
            Tagging.added(name, by: actor), now: now)
        var tagged = ticket
        tagged.tags = TicketTag.sorted(ticket.tags + [name])
        return tagged
    }

    public func untagTicket(teamID: String, number: Int, name: String, actor: MemberRef, now: Timestamp) async throws
        -> Ticket
    {
        try await write { db in
            guard var ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            // Two members taking one tag off at once: only the one whose delete took a row writes the event.
            guard
                try await db.count(
                    "DELETE FROM ticket_tags WHERE ticket_id = \(ticket.id) AND name = \(name) RETURNING name") > 0
            else { return ticket }
            try await Self.insertEvent(
                db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id,
                Tagging.removed(name, by: actor), now: now)
            ticket.tags.removeAll { $0 == name }
            return ticket
        }
    }
}
