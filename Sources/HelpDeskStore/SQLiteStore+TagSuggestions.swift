import Foundation
import GRDB
import HelpDeskCore

// MARK: - Tag suggestions

extension SQLiteStore {
    public func suggestTags(teamID: String, ticketID: Int64, names: [String], now: Timestamp) async throws {
        guard !names.isEmpty else { return }
        try await write { db in
            for name in names {
                try db.execute(
                    cachedSQL: """
                        INSERT INTO tag_suggestions (team_id, ticket_id, name, state, suggested_at)
                        VALUES (?, ?, ?, 'pending', ?) ON CONFLICT (ticket_id, name) DO NOTHING
                        """,
                    arguments: [teamID, ticketID, name, now.microseconds])
            }
        }
    }

    public func tagSuggestions(teamID: String, number: Int) async throws -> [String] {
        try await pool.read { db in
            let ticket = try Self.existingTicket(db, teamID: teamID, number: number)
            return try Self.openSuggestions(db, ticket)
        }
    }

    /// The ticket's pending suggestions of tags the team has and the ticket lacks, by name.
    static func openSuggestions(_ db: Database, _ ticket: Ticket) throws -> [String] {
        try String.fetchAll(
            db,
            cachedSQL: """
                SELECT s.name FROM tag_suggestions s
                JOIN tags g ON g.team_id = s.team_id AND g.name = s.name
                WHERE s.ticket_id = ? AND s.state = 'pending' ORDER BY s.id
                """, arguments: [ticket.id]
        ).filter { !ticket.tags.contains($0) }
    }

    public func decideTagSuggestion(
        teamID: String, number: Int, name: String, accept: Bool, actor: MemberRef, now: Timestamp
    ) async throws -> Ticket {
        try await write { db in
            let ticket = try Self.existingTicket(db, teamID: teamID, number: number)
            guard try Self.openSuggestions(db, ticket).contains(name) else {
                throw HelpDeskError.notFound("no open suggestion of the tag \"\(name)\" on ticket \(number)")
            }
            try db.execute(
                cachedSQL: """
                    UPDATE tag_suggestions SET state = ?, decided_at = ?, decided_by = ?
                    WHERE ticket_id = ? AND name = ?
                    """,
                arguments: [accept ? "accepted" : "rejected", now.microseconds, actor.id, ticket.id, name])
            return accept ? try Self.tag(db, ticket, name: name, actor: actor, now: now) : ticket
        }
    }

    public func tagSuggestionStats(teamID: String) async throws -> TagSuggestionStats {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                cachedSQL: "SELECT state, count(*) FROM tag_suggestions WHERE team_id = ? GROUP BY state",
                arguments: [teamID])
            {
                counts[row[0]] = row[1]
            }
            return TagSuggestionStats(
                suggested: counts.values.reduce(0, +), accepted: counts["accepted"] ?? 0,
                rejected: counts["rejected"] ?? 0)
        }
    }
}
