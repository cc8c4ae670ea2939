import Foundation
import GRDB
import HelpDeskCore

// MARK: - Satisfaction ratings

extension SQLiteStore {
    public func rateTicket(
        teamID: String, number: Int, rating: Int, comment: String?, channel: Channel, thanks: OutboxMessage?,
        now: Timestamp
    ) async throws {
        try await write { db in
            guard let ticket = try Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            try db.execute(
                cachedSQL: """
                    INSERT INTO csat_ratings (ticket_id, team_id, rating, comment, channel, at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (ticket_id) DO NOTHING
                    """,
                arguments: [ticket.id, teamID, rating, comment, channel.rawValue, now.microseconds])
            guard db.changesCount > 0 else { throw HelpDeskError.conflict("ticket \(number) is rated already") }
            try Self.insertEvent(
                db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id,
                TicketEvent(kind: .csatReceived, to: String(rating), detail: comment), now: now)
            if let thanks { try Self.enqueue(db, teamID: teamID, thanks, entryID: nil, now: now) }
        }
    }

    public func csatAsked(teamID: String, number: Int) async throws -> Bool {
        let kinds = String(decoding: try JSONEncoder().encode(CSAT.askKinds.map(\.rawValue)), as: UTF8.self)
        return try await pool.read { db in
            try Bool.fetchOne(
                db,
                cachedSQL: """
                    SELECT 1 FROM outbox
                    WHERE team_id = ? AND kind IN (SELECT value FROM json_each(?)) AND state = 'sent'
                        AND json_extract(payload, '$.ticketNumber') = ? AND json_extract(payload, '$.body') IS NULL
                    LIMIT 1
                    """, arguments: [teamID, kinds, number]) ?? false
        }
    }

    public func ratedTickets(teamID: String, numbers: [Int]) async throws -> Set<Int> {
        guard !numbers.isEmpty else { return [] }
        let list = String(decoding: try JSONEncoder().encode(numbers), as: UTF8.self)
        return try await pool.read { db in
            Set(
                try Int.fetchAll(
                    db,
                    cachedSQL: """
                        SELECT t.number FROM json_each(?) n
                        JOIN tickets t ON t.team_id = ? AND t.number = n.value
                        JOIN csat_ratings r ON r.ticket_id = t.id
                        """, arguments: [list, teamID]))
        }
    }
}
