import GRDB
import HelpDeskCore

/// The live feed: every timeline entry of a team's tickets after a given id,
/// read from the database so any instance serves any client and a reconnect
/// resumes exactly where it left off.
extension SQLiteStore {
    public func liveEntries(teamID: String, after: Int64, limit: Int) async throws -> [(
        entry: TimelineEntry, ticket: Ticket
    )] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                cachedSQL: """
                    SELECT \(Self.entryColumns(prefix: "e.")), t.number AS ticket_number
                    FROM entries e JOIN tickets t ON t.id = e.ticket_id
                    WHERE e.team_id = ? AND e.id > ?
                    ORDER BY e.id LIMIT ?
                    """, arguments: [teamID, after, limit])
            var tickets: [Int: Ticket] = [:]
            let found = try rows.compactMap { row -> (TimelineEntry, Ticket)? in
                let number: Int = row["ticket_number"]
                if tickets[number] == nil { tickets[number] = try Self.ticket(db, teamID: teamID, number: number) }
                guard let ticket = tickets[number] else { return nil }
                return (try Self.entry(row: row), ticket)
            }
            let entries = try Self.withAttachments(db, found.map(\.0))
            return zip(entries, found).map { ($0, $1.1) }
        }
    }

    public func deliveryChanges(teamID: String, after: Int64, limit: Int) async throws -> [(
        id: Int64, entry: TimelineEntry, ticket: Ticket
    )] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                cachedSQL: """
                    SELECT d.id AS change_id, \(Self.entryColumns(prefix: "e.")), t.number AS ticket_number
                    FROM delivery_changes d JOIN entries e ON e.id = d.entry_id JOIN tickets t ON t.id = e.ticket_id
                    WHERE d.team_id = ? AND d.id > ?
                    ORDER BY d.id LIMIT ?
                    """, arguments: [teamID, after, limit])
            return try rows.compactMap { row in
                guard let ticket = try Self.ticket(db, teamID: teamID, number: row["ticket_number"]) else { return nil }
                return (row["change_id"], try Self.entry(row: row), ticket)
            }
        }
    }

    public func latestDeliveryChangeID(teamID: String) async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(
                db, cachedSQL: "SELECT MAX(id) FROM delivery_changes WHERE team_id = ?", arguments: [teamID])
                ?? 0
        }
    }

    /// The newest entry id of a team (where a fresh live connection starts).
    public func latestEntryID(teamID: String) async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db, cachedSQL: "SELECT MAX(id) FROM entries WHERE team_id = ?", arguments: [teamID]) ?? 0
        }
    }

    /// Ticket counts for the inbox tabs; each stops counting at `cap`.
    public func ticketCounts(teamID: String, memberID: String, cap: Int) async throws -> TicketCounts {
        try await pool.read { db in
            func count(_ sql: String, _ arguments: StatementArguments) throws -> Int {
                var bound = arguments
                _ = bound.append(contentsOf: [cap])
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql) LIMIT ?)", arguments: bound) ?? 0
            }
            return TicketCounts(
                mine: try count(
                    "SELECT 1 FROM tickets INDEXED BY tickets_unresolved_by_assignee WHERE team_id = ? AND assignee_id = ? AND status_rank < 2",
                    [teamID, memberID]),
                unassigned: try count(
                    "SELECT 1 FROM tickets INDEXED BY tickets_unresolved_by_assignee WHERE team_id = ? AND assignee_id IS NULL AND status_rank < 2",
                    [teamID]),
                unresolved: try count(
                    "SELECT 1 FROM tickets INDEXED BY tickets_by_status WHERE team_id = ? AND status_rank < 2", [teamID]
                ),
                resolved: try count(
                    "SELECT 1 FROM tickets INDEXED BY tickets_by_status WHERE team_id = ? AND status_rank = 2", [teamID]
                ))
        }
    }
}

/// Counts for the inbox tabs.
public struct TicketCounts: Sendable, Equatable {
    public var mine: Int
    public var unassigned: Int
    public var unresolved: Int
    public var resolved: Int

    package init(mine: Int, unassigned: Int, unresolved: Int, resolved: Int) {
        self.mine = mine
        self.unassigned = unassigned
        self.unresolved = unresolved
        self.resolved = resolved
    }
}
