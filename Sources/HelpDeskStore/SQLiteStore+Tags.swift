import GRDB
import HelpDeskCore

// MARK: - Tags

extension SQLiteStore {
    static func tag(row: Row) -> TicketTag {
        TicketTag(
            teamID: row["team_id"], name: row["name"], color: row["color"],
            createdAt: Timestamp(microseconds: row["created_at"]), updatedAt: Timestamp(microseconds: row["updated_at"])
        )
    }

    static func tag(_ db: Database, teamID: String, name: String) throws -> TicketTag? {
        try Row.fetchOne(
            db, cachedSQL: "SELECT * FROM tags WHERE team_id = ? AND name = ?", arguments: [teamID, name]
        ).map(Self.tag(row:))
    }

    static func tagCount(_ db: Database, teamID: String) throws -> Int {
        try Int.fetchOne(db, cachedSQL: "SELECT count(*) FROM tags WHERE team_id = ?", arguments: [teamID]) ?? 0
    }

    static func insertTag(_ db: Database, _ tag: TicketTag) throws {
        try db.execute(
            cachedSQL: "INSERT INTO tags (team_id, name, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [tag.teamID, tag.name, tag.color, tag.createdAt.microseconds, tag.updatedAt.microseconds])
    }

    public func tags(teamID: String) async throws -> [TicketTag] {
        try await pool.read { db in
            try Row.fetchAll(
                db, cachedSQL: "SELECT * FROM tags WHERE team_id = ? ORDER BY name", arguments: [teamID]
            ).map(Self.tag(row:))
        }
    }

    public func createTag(_ tag: TicketTag, audit: AuditTrail<Void>) async throws {
        try await write { db in
            if try Self.tag(db, teamID: tag.teamID, name: tag.name) != nil {
                throw HelpDeskError.conflict("the team already has the tag \"\(tag.name)\"")
            }
            try Tagging.checkRoom(teamTagCount: try Self.tagCount(db, teamID: tag.teamID))
            try Self.insertTag(db, tag)
            try Self.insertAudit(db, audit.records)
        }
    }

    public func updateTag(
        teamID: String, name: String, color: String, now: Timestamp,
        audit: AuditTrail<(before: TicketTag, after: TicketTag)>
    ) async throws -> TicketTag? {
        try await write { db in
            guard var tag = try Self.tag(db, teamID: teamID, name: name) else { return nil }
            let before = tag
            tag.color = color
            tag.updatedAt = now
            try db.execute(
                cachedSQL: "UPDATE tags SET color = ?, updated_at = ? WHERE team_id = ? AND name = ?",
                arguments: [color, now.microseconds, teamID, name])
            try Self.insertAudit(db, audit.records(for: (before, tag)))
            return tag
        }
    }

    public func deleteTag(teamID: String, name: String, audit: AuditTrail<Void>) async throws -> Bool {
        try await write { db in
            try db.execute(
                cachedSQL: "DELETE FROM ticket_tags WHERE team_id = ? AND name = ?", arguments: [teamID, name])
            try db.execute(cachedSQL: "DELETE FROM tags WHERE team_id = ? AND name = ?", arguments: [teamID, name])
            guard db.changesCount > 0 else { return false }
            try Self.insertAudit(db, audit.records)
            return true
        }
    }

    public func tagTicket(
        teamID: String, number: Int, name: String, actor: MemberRef, now: Timestamp, audit: AuditTrail<TicketTag>
    ) async throws -> Ticket {
        try await write { db in
            guard let ticket = try Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            let known = try Self.tag(db, teamID: teamID, name: name) != nil
            let tagged = try Self.tag(db, ticket, name: name, actor: actor, now: now)
            if !known, let created = try Self.tag(db, teamID: teamID, name: name) {
                try Self.insertAudit(db, audit.records(for: created))
            }
            return tagged
        }
    }

    /// Puts tag `name` on `ticket` (`Tagging.adding`), with its event; returns the ticket after.
    static func tag(_ db: Database, _ ticket: Ticket, name: String, actor: MemberRef, now: Timestamp) throws -> Ticket {
        let teamID = ticket.teamID
        let number = ticket.number
        let teamHasTag = try Self.tag(db, teamID: teamID, name: name) != nil
        let addition = try Tagging.adding(
            name, number: number, ticketTags: ticket.tags, teamHasTag: teamHasTag,
            teamTagCount: teamHasTag ? 0 : try Self.tagCount(db, teamID: teamID))
        guard case .add(let createsTag) = addition else { return ticket }
        if createsTag {
            try Self.insertTag(
                db,
                TicketTag(teamID: teamID, name: name, color: TicketTag.defaultColor, createdAt: now, updatedAt: now)
            )
        }
        try db.execute(
            cachedSQL: "INSERT INTO ticket_tags (ticket_id, team_id, name) VALUES (?, ?, ?)",
            arguments: [ticket.id, teamID, name])
        try Self.insertEvent(
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
            guard var ticket = try Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            guard ticket.tags.contains(name) else { return ticket }
            try db.execute(
                cachedSQL: "DELETE FROM ticket_tags WHERE ticket_id = ? AND name = ?", arguments: [ticket.id, name])
            try Self.insertEvent(
                db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id,
                Tagging.removed(name, by: actor), now: now)
            ticket.tags.removeAll { $0 == name }
            return ticket
        }
    }
}
