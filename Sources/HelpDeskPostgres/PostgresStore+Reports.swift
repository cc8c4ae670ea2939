import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Reports

extension PostgresStore {
    public func reportFacts(teamID: String, start: Timestamp, end: Timestamp, filter: ReportFilter) async throws
        -> ReportFacts
    {
        try await read { db in
            ReportFacts(
                conversations: try await Self.reportConversations(db, teamID: teamID, start: start, end: end, filter),
                tickets: try await Self.reportTickets(db, teamID: teamID, start: start, end: end, filter),
                quietBacklog: try await Self.quietBacklog(db, teamID: teamID, start: start, filter))
        }
    }

    /// The conditions on `conversations c` for the period's AI conversations, binding into `sql`.
    private static func conversationConditions(
        _ sql: inout SQL, teamID: String, start: Timestamp, end: Timestamp, _ filter: ReportFilter
    ) -> String {
        var conditions = """
            c.team_id = \(sql.bind(teamID)) AND c.created_at >= \(sql.bind(start.microseconds))
                AND c.created_at < \(sql.bind(end.microseconds)) AND c.agent_id IS NOT NULL
            """
        if let agentID = filter.agentID { conditions += " AND c.agent_id = \(sql.bind(agentID))" }
        if let channel = filter.channel { conditions += " AND c.channel = \(sql.bind(channel.rawValue))" }
        return conditions
    }

    static func reportConversations(
        _ db: PostgresTransaction, teamID: String, start: Timestamp, end: Timestamp, _ filter: ReportFilter
    ) async throws -> [ReportConversation] {
        var sql = SQL()
        let conditions = conversationConditions(&sql, teamID: teamID, start: start, end: end, filter)
        sql.text = """
            SELECT c.id, c.channel, c.agent_id, c.created_at, first.at AS handed_over_at, first.detail
            FROM conversations c
            LEFT JOIN LATERAL (
                SELECT e.at, e.detail FROM entries e
                WHERE e.conversation_id = c.id AND e.kind = 'event' AND e.event = 'created'
                ORDER BY e.id LIMIT 1) first ON true
            WHERE \(conditions)
            """
        var conversations: [String: ReportConversation] = [:]
        for row in try await db.rows(sql.query) {
            let detail: String? = try row["detail"]
            let reason = detail.flatMap(HandoverReason.init(summary:))
            conversations[try row["id"]] = ReportConversation(
                channel: try stored(try row["channel"], column: "conversations.channel"), agentID: try row["agent_id"],
                startedAt: try row.time("created_at"),
                handedOverAt: reason == nil ? nil : try row.optionalTime("handed_over_at"), handoverReason: reason)
        }
        guard !conversations.isEmpty else { return [] }
        var messages = SQL()
        let messageConditions = conversationConditions(&messages, teamID: teamID, start: start, end: end, filter)
        messages.text = """
            SELECT e.conversation_id, e.author_kind, e.at
            FROM conversations c JOIN entries e ON e.conversation_id = c.id
            WHERE \(messageConditions) AND e.kind = 'message' AND e.author_kind IN ('ai', 'operator')
            """
        for row in try await db.rows(messages.query) {
            conversations[try row["conversation_id"]]?.record(
                authorKind: try row["author_kind"], at: try row.time("at"))
        }
        return Array(conversations.values)
    }

    /// The conditions on `tickets t` for the tickets the period's team figures read, binding into `sql`.
    private static func ticketConditions(
        _ sql: inout SQL, teamID: String, start: Timestamp, end: Timestamp, _ filter: ReportFilter
    ) -> String {
        let startBind = sql.bind(start.microseconds)
        let teamBind = sql.bind(teamID)
        // Those with activity since the start (a ticket's last activity is never before its creation,
        // so that takes in the ones created in the period), along `tickets_by_status`, and those merged lately.
        var conditions = """
            t.team_id = \(teamBind) AND t.created_at < \(sql.bind(end.microseconds))
                AND t.id IN (
                    SELECT id FROM tickets
                    WHERE team_id = \(teamBind) AND status_rank IN (0, 1, 2) AND last_activity_at >= \(startBind)
                    UNION \(recentlyMerged(&sql, teamBind: teamBind, start: start)))
            """
        if let agentID = filter.agentID { conditions += " AND t.agent_id = \(sql.bind(agentID))" }
        if let channel = filter.channel { conditions += " AND t.channel = \(sql.bind(channel.rawValue))" }
        if let operatorID = filter.operatorID { conditions += " AND t.assignee_id = \(sql.bind(operatorID))" }
        return conditions
    }

    /// Tickets merged since shortly before the period: an undo restores the merged ticket's last
    /// activity, so its activity cannot tell (SQLite's `recentlyMerged`).
    private static func recentlyMerged(_ sql: inout SQL, teamBind: String, start: Timestamp) -> String {
        let since = start.microseconds - TicketMerge.undoWindowSeconds * 1_000_000
        return "SELECT source_id FROM ticket_merges WHERE team_id = \(teamBind) AND merged_at >= \(sql.bind(since))"
    }

    /// `ReportFacts.quietBacklog` (SQLite's `quietBacklog`).
    static func quietBacklog(_ db: PostgresTransaction, teamID: String, start: Timestamp, _ filter: ReportFilter)
        async throws -> Int
    {
        var sql = SQL()
        let teamBind = sql.bind(teamID)
        var conditions = """
            t.team_id = \(teamBind) AND t.status_rank IN (0, 1) AND t.last_activity_at < \(sql.bind(start.microseconds))
            """
        if let agentID = filter.agentID { conditions += " AND t.agent_id = \(sql.bind(agentID))" }
        if let channel = filter.channel { conditions += " AND t.channel = \(sql.bind(channel.rawValue))" }
        if let operatorID = filter.operatorID { conditions += " AND t.assignee_id = \(sql.bind(operatorID))" }
        let merged = recentlyMerged(&sql, teamBind: teamBind, start: start)
        // Every quiet-looking ticket by index alone, less the few merged lately (read instead).
        sql.text = """
            SELECT (SELECT count(*) FROM tickets t WHERE \(conditions))
                - (SELECT count(*) FROM tickets t WHERE \(conditions) AND t.id IN (\(merged)))
            """
        return Int(try await db.value(Int64.self, sql.query) ?? 0)
    }

    static func reportTickets(
        _ db: PostgresTransaction, teamID: String, start: Timestamp, end: Timestamp, _ filter: ReportFilter
    ) async throws -> [ReportTicket] {
        var sql = SQL()
        let conditions = ticketConditions(&sql, teamID: teamID, start: start, end: end, filter)
        sql.text = """
            SELECT t.id, t.number, t.channel, t.priority, t.agent_id, t.assignee_id, m.display_name, t.created_at
            FROM tickets t LEFT JOIN members m ON m.id = t.assignee_id
            WHERE \(conditions)
            """
        var tickets: [Int64: ReportTicket] = [:]
        for row in try await db.rows(sql.query) {
            let assigneeID: String? = try row["assignee_id"]
            let assigneeName: String? = try row["display_name"]
            tickets[try row["id"]] = ReportTicket(
                number: try row["number"], channel: try stored(try row["channel"], column: "tickets.channel"),
                priority: try stored(try row["priority"], column: "tickets.priority"), agentID: try row["agent_id"],
                assignee: assigneeID.map { MemberRef(id: $0, displayName: assigneeName ?? "") },
                createdAt: try row.time("created_at"))
        }
        guard !tickets.isEmpty else { return [] }
        var entries = SQL()
        let entryConditions = ticketConditions(&entries, teamID: teamID, start: start, end: end, filter)
        entries.text = """
            SELECT e.ticket_id, e.kind, e.event, e.author_kind, e.at, e.to_value, e.detail
            FROM tickets t JOIN entries e ON e.conversation_id = t.conversation_id AND e.ticket_id = t.id
            WHERE \(entryConditions)
                AND ((e.kind = 'message' AND e.author_kind = 'operator')
                    OR (e.kind = 'event' AND e.event IN (
                        'created', 'takenOver', 'statusChanged', 'resolved', 'reopened', 'mergedInto', 'unmerged',
                            'csatReceived')))
            ORDER BY e.id
            """
        for row in try await db.rows(entries.query) {
            tickets[try row["ticket_id"]]?.record(
                kind: try row["kind"], event: try row["event"], authorKind: try row["author_kind"],
                at: try row.time("at"),
                to: try row["to_value"], detail: try row["detail"])
        }
        return Array(tickets.values)
    }
}
