import Foundation
import GRDB
import HelpDeskCore

// MARK: - Merges

extension SQLiteStore {
    public func mergeTicket(teamID: String, number: Int, into targetNumber: Int, actor: MemberRef, now: Timestamp)
        async throws -> MergedTickets
    {
        try await write { db in
            let source = try Self.existingTicket(db, teamID: teamID, number: number)
            let target = try Self.existingTicket(db, teamID: teamID, number: targetNumber)
            try Self.requireMember(db, actor, teamID: teamID)
            let plan = try TicketMerge.merge(source, into: target, by: actor, at: now)
            try db.execute(
                cachedSQL: """
                    INSERT INTO ticket_merges (team_id, source_id, target_id, merged_at, merged_by, previous_status)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [teamID, source.id, target.id, now.microseconds, actor.id, source.status.rawValue])
            try Self.save(db, plan.source)
            try db.execute(
                cachedSQL: "UPDATE tickets SET merged_into = ? WHERE id = ?", arguments: [target.number, source.id])
            try Self.insertEvent(
                db, teamID: teamID, conversationID: source.conversationID, ticketID: source.id, plan.sourceEvent,
                now: now)
            try Self.insertEvent(
                db, teamID: teamID, conversationID: target.conversationID, ticketID: target.id, plan.targetEvent,
                now: now)
            return MergedTickets(
                source: try Self.existingTicket(db, teamID: teamID, number: number),
                target: try Self.existingTicket(db, teamID: teamID, number: targetNumber))
        }
    }

    public func unmergeTicket(teamID: String, number: Int, actor: MemberRef, now: Timestamp) async throws
        -> MergedTickets
    {
        try await write { db in
            let source = try Self.existingTicket(db, teamID: teamID, number: number)
            try Self.requireMember(db, actor, teamID: teamID)
            let merge = try Row.fetchOne(
                db,
                cachedSQL: """
                    SELECT id, target_id, merged_at, previous_status FROM ticket_merges
                    WHERE source_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1
                    """, arguments: [source.id])
            guard let merge, let targetNumber = source.mergedInto else {
                throw HelpDeskError.conflict("ticket \(number) is not merged into another ticket")
            }
            let plan = try TicketMerge.undo(
                source, previousStatus: try stored(merge["previous_status"], column: "ticket_merges.previous_status"),
                mergedAt: Timestamp(microseconds: merge["merged_at"]), by: actor, at: now)
            let target = try Self.existingTicket(db, teamID: teamID, number: targetNumber)
            try db.execute(
                cachedSQL: "UPDATE ticket_merges SET undone_at = ? WHERE id = ?",
                arguments: [now.microseconds, merge["id"] as Int64])
            try Self.save(db, plan.source)
            try db.execute(cachedSQL: "UPDATE tickets SET merged_into = NULL WHERE id = ?", arguments: [source.id])
            try Self.insertEvent(
                db, teamID: teamID, conversationID: source.conversationID, ticketID: source.id, plan.sourceEvent,
                now: now)
            try Self.insertEvent(
                db, teamID: teamID, conversationID: target.conversationID, ticketID: target.id, plan.targetEvent,
                now: now)
            return MergedTickets(
                source: try Self.existingTicket(db, teamID: teamID, number: number),
                target: try Self.existingTicket(db, teamID: teamID, number: targetNumber))
        }
    }

    static func existingTicket(_ db: Database, teamID: String, number: Int) throws -> Ticket {
        guard let ticket = try ticket(db, teamID: teamID, number: number) else {
            throw HelpDeskError.notFound("no ticket \(number) in this team")
        }
        return ticket
    }

    /// The tickets standing merged into `target`: their ids, numbers and conversations.
    static func mergedSources(_ db: Database, target: Ticket) throws -> [(
        id: Int64, number: Int, conversationID: String
    )] {
        try Row.fetchAll(
            db,
            cachedSQL: """
                SELECT t.id, t.number, t.conversation_id FROM ticket_merges g
                JOIN tickets t ON t.id = g.source_id
                WHERE g.target_id = ? AND g.undone_at IS NULL
                """, arguments: [target.id]
        ).map { (id: $0[0], number: $0[1], conversationID: $0[2]) }
    }

    /// The ticket a conversation's new messages go to: a merged ticket forwards to the ticket it
    /// was merged into, and that one onwards if it was merged in turn.
    static func forwarded(_ db: Database, _ ticket: Ticket?) throws -> Ticket? {
        var current = ticket
        var hops = 0
        while let merged = current, merged.status == .merged, let into = merged.mergedInto, hops < 10 {
            guard let next = try Self.ticket(db, teamID: merged.teamID, number: into) else { break }
            current = next
            hops += 1
        }
        return current
    }

    /// The conversation's unresolved ticket, for an escalation to repeat on; when its latest
    /// ticket was merged, the ticket that one forwards to, if unresolved.
    static func unresolvedTicket(_ db: Database, conversation: Conversation) throws -> Ticket? {
        if let own = try Row.fetchOne(
            db,
            cachedSQL:
                "\(ticketSelect) WHERE t.conversation_id = ? AND t.status_rank < 2 ORDER BY t.id DESC LIMIT 1",
            arguments: [conversation.id]
        ).map(ticket(row:)) {
            return own
        }
        let latest = try latestTicket(db, conversationID: conversation.id, teamID: conversation.teamID)
        guard latest?.status == .merged, let target = try forwarded(db, latest), target.status.rank < 2 else {
            return nil
        }
        return target
    }
}
