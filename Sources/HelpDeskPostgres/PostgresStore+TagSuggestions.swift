import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Tag suggestions

extension PostgresStore {
    public func suggestTags(teamID: String, ticketID: Int64, names: [String], now: Timestamp) async throws {
        guard !names.isEmpty else { return }
        try await write { db in
            for name in names {
                try await db.run(
                    """
                    INSERT INTO tag_suggestions (team_id, ticket_id, name, state, suggested_at)
                    VALUES (\(teamID), \(ticketID), \(name), 'pending', \(now.microseconds))
                    ON CONFLICT (ticket_id, name) DO NOTHING
                    """)
            }
        }
    }

    public func tagSuggestions(teamID: String, number: Int) async throws -> [String] {
        try await read { db in
            guard let ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            return try await Self.openSuggestions(db, ticket)
        }
    }

    /// The ticket's pending suggestions of tags the team has and the ticket lacks, by name.
    static func openSuggestions(_ db: PostgresTransaction, _ ticket: Ticket) async throws -> [String] {
        try await db.values(
            String.self,
            """
            SELECT s.name FROM tag_suggestions s
            JOIN tags g ON g.team_id = s.team_id AND g.name = s.name
            WHERE s.ticket_id = \(ticket.id) AND s.state = 'pending' ORDER BY s.id
            """
        ).filter { !ticket.tags.contains($0) }
    }

    public func decideTagSuggestion(
        teamID: String, number: Int, name: String, accept: Bool, actor: MemberRef, now: Timestamp
    ) async throws -> Ticket {
        try await write { db in
            try await db.lockTeam(teamID)
            guard let ticket = try await Self.ticket(db, teamID: teamID, number: number) else {
                throw HelpDeskError.notFound("no ticket \(number) in this team")
            }
            guard try await Self.openSuggestions(db, ticket).contains(name) else {
                throw HelpDeskError.notFound("no open suggestion of the tag \"\(name)\" on ticket \(number)")
            }
            let state = accept ? "accepted" : "rejected"
            try await db.run(
                """
                UPDATE tag_suggestions SET state = \(state), decided_at = \(now.microseconds), decided_by = \(actor.id)
                WHERE ticket_id = \(ticket.id) AND name = \(name)
                """)
            return accept ? try await Self.tag(db, ticket, name: name, actor: actor, now: now) : ticket
        }
    }

    public func tagSuggestionStats(teamID: String) async throws -> TagSuggestionStats {
        try await read { db in
            var counts: [String: Int] = [:]
            for row in try await db.rows(
                "SELECT state, count(*)::BIGINT AS n FROM tag_suggestions WHERE team_id = \(teamID) GROUP BY state")
            {
                let state: String = try row["state"]
                let count: Int64 = try row["n"]
                counts[state] = Int(count)
            }
            return TagSuggestionStats(
                suggested: counts.values.reduce(0, +), accepted: counts["accepted"] ?? 0,
                rejected: counts["rejected"] ?? 0)
        }
    }
}
