import Foundation
import GRDB
import HelpDeskCore

// MARK: - Satisfaction ratings

extension SQLiteStore {
    public func rateTicket(
        teamID: String, number: Int, rating: Int, comment: String?, channel: Channel, now: Timestamp
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
