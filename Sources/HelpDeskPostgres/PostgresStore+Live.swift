import HelpDeskCore
import HelpDeskStore
import PostgresNIO

/// The live feed: every timeline entry of a team's tickets after a given id,
/// read from the database so any instance serves any client and a reconnect
/// resumes exactly where it left off.
extension PostgresStore {
    public func liveEntries(teamID: String, after: Int64, limit: Int) async throws -> [(
        entry: TimelineEntry, ticket: Ticket
    )] {
        try await read { db in
            let rows = try await db.rows(
                """
                SELECT \(unescaped: Self.entryColumns(prefix: "e.")), t.number AS ticket_number
                FROM entries e JOIN tickets t ON t.id = e.ticket_id
                WHERE e.team_id = \(teamID) AND e.id > \(after)
                ORDER BY e.id LIMIT \(limit)
                """)
            var tickets: [Int: Ticket] = [:]
            var found: [(TimelineEntry, Ticket)] = []
            for row in rows {
                let number: Int = try row["ticket_number"]
                if tickets[number] == nil {
                    tickets[number] = try await Self.ticket(db, teamID: teamID, number: number)
                }
                guard let ticket = tickets[number] else { continue }
                found.append((try Self.entry(row: row), ticket))
            }
            let entries = try await Self.withAttachments(db, found.map(\.0))
            return zip(entries, found).map { ($0, $1.1) }
        }
    }

    public func deliveryChanges(teamID: String, after: Int64, limit: Int) async throws -> [(
        id: Int64, entry: TimelineEntry, ticket: Ticket
    )] {
        try await read { db in
            let rows = try await db.rows(
                """
                SELECT d.id AS change_id, \(unescaped: Self.entryColumns(prefix: "e.")), t.number AS ticket_number
                FROM delivery_changes d JOIN entries e ON e.id = d.entry_id JOIN tickets t ON t.id = e.ticket_id
                WHERE d.team_id = \(teamID) AND d.id > \(after)
                ORDER BY d.id LIMIT \(limit)
                """)
            var changes: [(id: Int64, entry: TimelineEntry, ticket: Ticket)] = []
            for row in rows {
                guard let ticket = try await Self.ticket(db, teamID: teamID, number: try row["ticket_number"]) else {
                    continue
                }
                changes.append((try row["change_id"], try Self.entry(row: row), ticket))
            }
            return changes
        }
    }

    public func latestDeliveryChangeID(teamID: String) async throws -> Int64 {
        try await read { db in
            try await db.value(Int64.self, "SELECT MAX(id) FROM delivery_changes WHERE team_id = \(teamID)") ?? 0
        }
    }

    /// The newest entry id of a team (where a fresh live connection starts).
    public func latestEntryID(teamID: String) async throws -> Int64 {
        try await read { db in
            try await db.value(Int64.self, "SELECT MAX(id) FROM entries WHERE team_id = \(teamID)") ?? 0
        }
    }

    /// Ticket counts for the inbox tabs; each stops counting at `cap`.
    public func ticketCounts(teamID: String, memberID: String, cap: Int) async throws -> TicketCounts {
        try await read { db in
            let row = try await db.row(
                """
                SELECT
                    (SELECT COUNT(*) FROM (SELECT 1 FROM tickets WHERE team_id = \(teamID) AND assignee_id = \(memberID)
                        AND status_rank < 2 LIMIT \(cap)) AS mine) AS mine,
                    (SELECT COUNT(*) FROM (SELECT 1 FROM tickets WHERE team_id = \(teamID) AND assignee_id IS NULL
                        AND status_rank < 2 LIMIT \(cap)) AS unassigned) AS unassigned,
                    (SELECT COUNT(*) FROM (SELECT 1 FROM tickets WHERE team_id = \(teamID) AND status_rank < 2
                        LIMIT \(cap)) AS unresolved) AS unresolved,
                    (SELECT COUNT(*) FROM (SELECT 1 FROM tickets WHERE team_id = \(teamID) AND status_rank = 2
                        LIMIT \(cap)) AS resolved) AS resolved
                """)
            return TicketCounts(
                mine: try row?["mine"] ?? 0, unassigned: try row?["unassigned"] ?? 0,
                unresolved: try row?["unresolved"] ?? 0, resolved: try row?["resolved"] ?? 0)
        }
    }
}
