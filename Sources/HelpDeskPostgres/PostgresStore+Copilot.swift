import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Copilot reads

extension PostgresStore {
    /// The WHERE clause of a copilot filter, on `tickets t` of one team.
    static func copilotWhere(_ sql: inout SQL, teamID: String, _ filter: CopilotFilter) -> String {
        var clauses = ["t.team_id = \(sql.bind(teamID))"]
        if let visibleTo = filter.visibleTo { clauses.append("t.assignee_id = \(sql.bind(visibleTo))") }
        if let statuses = filter.statuses, !statuses.isEmpty {
            clauses.append("t.status_rank = ANY(\(sql.bind(statuses.map(\.rank)))::int8[])")
        }
        switch filter.assignee {
        case .unassigned: clauses.append("t.assignee_id IS NULL")
        case .member(let id): clauses.append("t.assignee_id = \(sql.bind(id))")
        case nil: break
        }
        if let priority = filter.priority { clauses.append("t.priority = \(sql.bind(priority.rawValue))") }
        if let channel = filter.channel { clauses.append("t.channel = \(sql.bind(channel.rawValue))") }
        if let agentID = filter.agentID { clauses.append("t.agent_id = \(sql.bind(agentID))") }
        if let from = filter.createdFrom { clauses.append("t.created_at >= \(sql.bind(from.microseconds))") }
        if let before = filter.createdBefore { clauses.append("t.created_at < \(sql.bind(before.microseconds))") }
        if let from = filter.updatedFrom { clauses.append("t.last_activity_at >= \(sql.bind(from.microseconds))") }
        if let before = filter.updatedBefore {
            clauses.append("t.last_activity_at < \(sql.bind(before.microseconds))")
        }
        if let requester = filter.requester {
            for term in TextSearch.terms(requester, requesterOnly: true) {
                clauses.append("t.search @@ \(sql.bind(term))::tsquery")
            }
        }
        if let text = filter.text {
            for term in TextSearch.terms(text) { clauses.append(textMatch(&sql, term)) }
        }
        return clauses.joined(separator: " AND ")
    }

    public func copilotTickets(teamID: String, filter: CopilotFilter, limit: Int) async throws -> [Ticket] {
        var sql = SQL()
        let condition = Self.copilotWhere(&sql, teamID: teamID, filter)
        sql.text =
            "\(Self.ticketSelect) WHERE \(condition) ORDER BY t.last_activity_at DESC, t.id DESC LIMIT \(sql.bind(limit))"
        let query = sql.query
        return try await read { db in try await db.rows(query).map(Self.ticket(row:)) }
    }

    public func copilotCount(teamID: String, filter: CopilotFilter, groupBy: CopilotFilter.GroupBy?) async throws
        -> [(key: String?, count: Int)]
    {
        var sql = SQL()
        let condition = Self.copilotWhere(&sql, teamID: teamID, filter)
        let column: String? =
            switch groupBy {
            case .channel: "t.channel"
            case .assignee: "t.assignee_id"
            case .status: "t.status"
            case .priority: "t.priority"
            case .agent: "t.agent_id"
            case nil: nil
            }
        if let column {
            sql.text = """
                SELECT \(column) AS group_key, COUNT(*) AS n FROM tickets t WHERE \(condition)
                GROUP BY \(column) ORDER BY n DESC, \(column) COLLATE "C" NULLS FIRST
                """
            let query = sql.query
            return try await read { db in
                try await db.rows(query).map { (key: try $0["group_key"] as String?, count: try $0["n"] as Int) }
            }
        }
        sql.text = "SELECT COUNT(*) FROM tickets t WHERE \(condition)"
        let query = sql.query
        return try await read { db in [(key: nil, count: try await db.value(Int.self, query) ?? 0)] }
    }
}
