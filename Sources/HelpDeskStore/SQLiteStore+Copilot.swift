import Foundation
import GRDB
import HelpDeskCore

// MARK: - Copilot reads

extension SQLiteStore {
    /// The WHERE clause of a copilot filter, on `tickets t` of one team.
    static func copilotWhere(teamID: String, _ filter: CopilotFilter) -> (String, StatementArguments) {
        var clauses = ["t.team_id = ?"]
        var arguments: StatementArguments = [teamID]
        if let visibleTo = filter.visibleTo {
            clauses.append("t.assignee_id = ?")
            _ = arguments.append(contentsOf: [visibleTo])
        }
        if let statuses = filter.statuses, !statuses.isEmpty {
            // By rank, the status's twin written with it: the inbox's (team, rank, activity) index then
            // finds the rows in order, where a test on `status` scans the team and sorts.
            clauses.append("t.status_rank IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))")
            _ = arguments.append(contentsOf: StatementArguments(statuses.map(\.rank)))
        }
        switch filter.assignee {
        case .unassigned: clauses.append("t.assignee_id IS NULL")
        case .member(let id):
            clauses.append("t.assignee_id = ?")
            _ = arguments.append(contentsOf: [id])
        case nil: break
        }
        if let priority = filter.priority {
            clauses.append("t.priority = ?")
            _ = arguments.append(contentsOf: [priority.rawValue])
        }
        if let channel = filter.channel {
            clauses.append("t.channel = ?")
            _ = arguments.append(contentsOf: [channel.rawValue])
        }
        if let agentID = filter.agentID {
            clauses.append("t.agent_id = ?")
            _ = arguments.append(contentsOf: [agentID])
        }
        if let from = filter.createdFrom {
            clauses.append("t.created_at >= ?")
            _ = arguments.append(contentsOf: [from.microseconds])
        }
        if let before = filter.createdBefore {
            clauses.append("t.created_at < ?")
            _ = arguments.append(contentsOf: [before.microseconds])
        }
        if let from = filter.updatedFrom {
            clauses.append("t.last_activity_at >= ?")
            _ = arguments.append(contentsOf: [from.microseconds])
        }
        if let before = filter.updatedBefore {
            clauses.append("t.last_activity_at < ?")
            _ = arguments.append(contentsOf: [before.microseconds])
        }
        if let requester = filter.requester {
            for term in ftsTerms(requester) {
                clauses.append("t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)")
                _ = arguments.append(contentsOf: ["requester : " + term])
            }
        }
        if let text = filter.text {
            for term in ftsTerms(text) {
                clauses.append(textMatch)
                _ = arguments.append(contentsOf: [term, term])
            }
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    public func copilotTickets(teamID: String, filter: CopilotFilter, limit: Int) async throws -> [Ticket] {
        // Several statuses (or all) without words to match: one walk per status down the inbox's
        // (team, rank, activity) index, merged, instead of sorting every ticket of the team. The
        // statuses split the tickets, so the newest `limit` of the union are the newest of all; one
        // read transaction, so a ticket changing status meanwhile is not seen twice. Word filters
        // keep one statement: each would run its full-text match again.
        // A merged ticket ranks with the resolved ones, so the walks are per rank.
        let statuses = filter.statuses ?? TicketStatus.settable
        let ranks = Set(statuses.map(\.rank)).sorted()
        let parts: [CopilotFilter] =
            ranks.count > 1 && filter.text == nil && filter.requester == nil
            ? ranks.map { rank in
                var one = filter
                one.statuses = statuses.filter { $0.rank == rank }
                return one
            }
            : [filter]
        return try await pool.read { db in
            var tickets: [Ticket] = []
            for part in parts {
                let (whereSQL, arguments) = Self.copilotWhere(teamID: teamID, part)
                var withLimit = arguments
                _ = withLimit.append(contentsOf: [limit])
                tickets += try Row.fetchAll(
                    db,
                    sql:
                        "\(Self.ticketSelect(using: nil)) WHERE \(whereSQL) ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?",
                    arguments: withLimit
                ).map(Self.ticket(row:))
            }
            guard parts.count > 1 else { return tickets }
            return Array(tickets.sorted { ($0.lastActivityAt, $0.id) > ($1.lastActivityAt, $1.id) }.prefix(limit))
        }
    }

    public func copilotCount(teamID: String, filter: CopilotFilter, groupBy: CopilotFilter.GroupBy?) async throws
        -> [(key: String?, count: Int)]
    {
        let (whereSQL, arguments) = Self.copilotWhere(teamID: teamID, filter)
        let column: String? =
            switch groupBy {
            case .channel: "t.channel"
            case .assignee: "t.assignee_id"
            case .status: "t.status"
            case .priority: "t.priority"
            case .agent: "t.agent_id"
            case nil: nil
            }
        return try await pool.read { db in
            if let column {
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(column) AS key, COUNT(*) AS n FROM tickets t WHERE \(whereSQL)
                        GROUP BY \(column) ORDER BY n DESC, key
                        """, arguments: arguments
                ).map { (key: $0["key"] as String?, count: $0["n"] as Int) }
            }
            let count = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM tickets t WHERE \(whereSQL)", arguments: arguments)
            return [(key: nil, count: count ?? 0)]
        }
    }
}
