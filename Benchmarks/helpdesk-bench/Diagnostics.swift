import GRDB
import HelpDeskCore
import HelpDeskStore

// MARK: - Diagnostics for benchmarks

/// How many tickets a team has, by state: what a benchmark checks before
/// reusing a loaded database, and prints beside its numbers.
struct TicketCensus: Sendable, Equatable {
    var total: Int
    var open: Int
    var pending: Int
    var resolved: Int
    /// Open or pending tickets with no assignee (the unassigned view).
    var unassigned: Int
}

/// One SQL statement an inbox request ran, with SQLite's plan for it.
struct QueryPlan: Sendable {
    /// The statement with its arguments inlined.
    var sql: String
    /// `EXPLAIN QUERY PLAN` rows, indented by depth.
    var steps: [String]
}

extension SQLiteStore {
    func ticketCensus(teamID: String) async throws -> TicketCensus {
        let database = try openOwnConnection()
        defer { try? database.close() }
        return try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT status_rank, assignee_id IS NULL AS unassigned, count(*) AS n
                    FROM tickets WHERE team_id = ? GROUP BY status_rank, assignee_id IS NULL
                    """,
                arguments: [teamID])
            var census = TicketCensus(total: 0, open: 0, pending: 0, resolved: 0, unassigned: 0)
            for row in rows {
                let rank: Int = row["status_rank"]
                let n: Int = row["n"]
                census.total += n
                switch TicketStatus(rank: rank) {
                case .open: census.open += n
                case .pending: census.pending += n
                case .resolved, .merged, nil: census.resolved += n
                }
                if rank < TicketStatus.resolved.rank && (row["unassigned"] as Bool) { census.unassigned += n }
            }
            return census
        }
    }

    /// Runs the inbox query once and returns each statement it executed with its
    /// `EXPLAIN QUERY PLAN`, so a benchmark can show that pages are index walks
    /// (no full scan, no temporary B-tree for ORDER BY).
    func inboxQueryPlans(teamID: String, callerID: String, query: InboxQuery) async throws -> [QueryPlan] {
        let database = try openOwnConnection()
        defer { try? database.close() }
        return try await database.read { db in
            let executed = StatementLog()
            db.trace(options: .statement) { event in
                // Only the inbox's own queries, not GRDB's or FTS5's bookkeeping.
                if case .statement(let statement) = event, statement.sql.contains("FROM tickets") {
                    executed.sql.append(statement.expandedSQL)
                }
            }
            defer { db.trace(options: []) }
            _ = try Self.inbox(reading: db, teamID: teamID, callerID: callerID, query: query)
            db.trace(options: [])
            return try executed.sql.map { sql in
                let rows = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)")
                var depth: [Int: Int] = [0: -1]
                let steps = rows.map { row -> String in
                    let id: Int = row["id"]
                    let parent: Int = row["parent"]
                    let level = (depth[parent] ?? -1) + 1
                    depth[id] = level
                    return String(repeating: "  ", count: level) + (row["detail"] as String)
                }
                return QueryPlan(sql: sql, steps: steps)
            }
        }
    }
}

/// Collects traced SQL inside one database access; never leaves that closure,
/// so it needs no synchronization.
private final class StatementLog {
    var sql: [String] = []
}
