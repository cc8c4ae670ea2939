import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Merges

extension PostgresStore {
    public func mergeTicket(teamID: String, number: Int, into targetNumber: Int, actor: MemberRef, now: Timestamp)
        async throws -> MergedTickets
    {
        try await write { db in
            try await db.lockTeam(teamID)
            let source = try await Self.existingTicket(db, teamID: teamID, number: number)
            let target = try await Self.existingTicket(db, teamID: teamID, number: targetNumber)
            try await Self.requireMember(db, actor, teamID: teamID)
            let plan = try TicketMerge.merge(source, into: target, by: actor, at: now)
            try await db.run(
                """
                INSERT INTO ticket_merges (team_id, source_id, target_id, merged_at, merged_by, previous_status)
                VALUES (\(teamID), \(source.id), \(target.id), \(now.microseconds), \(actor.id),
                    \(source.status.rawValue))
                """)
            try await Self.save(db, plan.source)
            try await db.run("UPDATE tickets SET merged_into = \(target.number) WHERE id = \(source.id)")
            try await Self.insertEvent(
                db, teamID: teamID, conversationID: source.conversationID, ticketID: source.id, plan.sourceEvent,
                now: now)
            try await Self.insertEvent(
                db, teamID: teamID, conversationID: target.conversationID, ticketID: target.id, plan.targetEvent,
                now: now)
            return MergedTickets(
                source: try await Self.existingTicket(db, teamID: teamID, number: number),
                target: try await Self.existingTicket(db, teamID: teamID, number: targetNumber))
        }
    }

    public func unmergeTicket(teamID: String, number: Int, actor: MemberRef, now: Timestamp) async throws
        -> MergedTickets
    {
        try await write { db in
            try await db.lockTeam(teamID)
            let source = try await Self.existingTicket(db, teamID: teamID, number: number)
            try await Self.requireMember(db, actor, teamID: teamID)
            let merge = try await db.row(
                """
                SELECT id, merged_at, previous_status FROM ticket_merges
                WHERE source_id = \(source.id) AND undone_at IS NULL ORDER BY id DESC LIMIT 1
                """)
            guard let merge, let targetNumber = source.mergedInto else {
                throw HelpDeskError.conflict("ticket \(number) is not merged into another ticket")
            }
            let plan = try TicketMerge.undo(
                source,
                previousStatus: try stored(try merge["previous_status"], column: "ticket_merges.previous_status"),
                mergedAt: try merge.time("merged_at"), by: actor, at: now)
            let target = try await Self.existingTicket(db, teamID: teamID, number: targetNumber)
            let mergeID: Int64 = try merge["id"]
            try await db.run("UPDATE ticket_merges SET undone_at = \(now.microseconds) WHERE id = \(mergeID)")
            try await Self.save(db, plan.source)
            try await db.run("UPDATE tickets SET merged_into = NULL WHERE id = \(source.id)")
            try await Self.insertEvent(
                db, teamID: teamID, conversationID: source.conversationID, ticketID: source.id, plan.sourceEvent,
                now: now)
            try await Self.insertEvent(
                db, teamID: teamID, conversationID: target.conversationID, ticketID: target.id, plan.targetEvent,
                now: now)
            return MergedTickets(
                source: try await Self.existingTicket(db, teamID: teamID, number: number),
                target: try await Self.existingTicket(db, teamID: teamID, number: targetNumber))
        }
    }

    static func existingTicket(_ db: PostgresTransaction, teamID: String, number: Int) async throws -> Ticket {
        guard let ticket = try await ticket(db, teamID: teamID, number: number) else {
            throw HelpDeskError.notFound("no ticket \(number) in this team")
        }
        return ticket
    }

    /// The tickets standing merged into `target`: their ids, numbers and conversations.
    static func mergedSources(_ db: PostgresTransaction, target: Ticket) async throws -> [(
        id: Int64, number: Int, conversationID: String
    )] {
        try await db.rows(
            """
            SELECT t.id, t.number, t.conversation_id FROM ticket_merges g
            JOIN tickets t ON t.id = g.source_id
            WHERE g.target_id = \(target.id) AND g.undone_at IS NULL
            """
        ).map { row in
            let number: Int64 = try row["number"]
            return (id: try row["id"], number: Int(number), conversationID: try row["conversation_id"])
        }
    }

    /// The ticket a conversation's new messages go to: a merged ticket forwards to the ticket it
    /// was merged into, and that one onwards if it was merged in turn.
    static func forwarded(_ db: PostgresTransaction, _ ticket: Ticket?) async throws -> Ticket? {
        var current = ticket
        var hops = 0
        while let merged = current, merged.status == .merged, let into = merged.mergedInto, hops < 10 {
            guard let next = try await Self.ticket(db, teamID: merged.teamID, number: into) else { break }
            current = next
            hops += 1
        }
        return current
    }

    /// The conversation's unresolved ticket, for an escalation to repeat on; when its latest
    /// ticket was merged, the ticket that one forwards to, if unresolved.
    static func unresolvedTicket(_ db: PostgresTransaction, conversation: Conversation) async throws -> Ticket? {
        if let own = try await db.row(
            """
            \(unescaped: ticketSelect) WHERE t.conversation_id = \(conversation.id) AND t.status_rank < 2
            ORDER BY t.id DESC LIMIT 1
            """
        ).map(ticket(row:)) {
            return own
        }
        let latest = try await latestTicket(db, conversationID: conversation.id, teamID: conversation.teamID)
        guard latest?.status == .merged, let target = try await forwarded(db, latest), target.status.rank < 2 else {
            return nil
        }
        return target
    }
}
