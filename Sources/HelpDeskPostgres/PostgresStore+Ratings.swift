import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Satisfaction ratings

extension PostgresStore {
    public func rateTicket(
        teamID: String, number: Int, rating: Int, comment: String?, channel: HelpDeskCore.Channel,
        thanks: OutboxMessage?, now: Timestamp
    ) async throws {
        try await write { db in
            guard let ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            let inserted = try await db.count(
                """
                INSERT INTO csat_ratings (ticket_id, team_id, rating, comment, channel, at)
                VALUES (\(ticket.id), \(teamID), \(rating), \(comment), \(channel.rawValue), \(now.microseconds))
                ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id
                """)
            guard inserted > 0 else { throw HelpDeskError.conflict("ticket \(number) is rated already") }
            try await Self.insertEvent(
                db, teamID: teamID, conversationID: ticket.conversationID, ticketID: ticket.id,
                TicketEvent(kind: .csatReceived, to: String(rating), detail: comment), now: now)
            if let thanks { try await Self.enqueue(db, teamID: teamID, thanks, entryID: nil, now: now) }
        }
    }

    public func csatAsked(teamID: String, number: Int) async throws -> Bool {
        try await read { db in
            try await db.count(
                """
                SELECT 1 FROM outbox
                WHERE team_id = \(teamID) AND kind = ANY(\(CSAT.askKinds.map(\.rawValue))::text[]) AND state = 'sent'
                    AND (payload::jsonb ->> 'ticketNumber') = \(String(number))
                    AND (payload::jsonb ->> 'body') IS NULL
                LIMIT 1
                """) > 0
        }
    }

    public func ratedTickets(teamID: String, numbers: [Int]) async throws -> Set<Int> {
        guard !numbers.isEmpty else { return [] }
        return try await read { db in
            Set(
                try await db.rows(
                    """
                    SELECT t.number FROM tickets t JOIN csat_ratings r ON r.ticket_id = t.id
                    WHERE t.team_id = \(teamID) AND t.number = ANY(\(numbers.map(Int64.init))::bigint[])
                    """
                ).map { Int(try $0["number"] as Int64) })
        }
    }
}
