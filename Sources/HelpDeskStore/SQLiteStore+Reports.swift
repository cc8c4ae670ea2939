import GRDB
import HelpDeskCore

// MARK: - Reports

extension SQLiteStore {
    public func reportFacts(teamID: String, start: Timestamp, end: Timestamp, filter: ReportFilter) async throws
        -> ReportFacts
    {
        try await pool.read { db in
            ReportFacts(
                conversations: try Self.reportConversations(db, teamID: teamID, start: start, end: end, filter),
                tickets: try Self.reportTickets(db, teamID: teamID, start: start, end: end, filter),
                quietBacklog: try Self.quietBacklog(db, teamID: teamID, start: start, filter))
        }
    }

    /// The AI conversations that started in the period, with their handover and messages.
    static func reportConversations(
        _ db: Database, teamID: String, start: Timestamp, end: Timestamp, _ filter: ReportFilter
    ) throws -> [ReportConversation] {
        var conditions = "c.team_id = ? AND c.created_at >= ? AND c.created_at < ? AND c.agent_id IS NOT NULL"
        var arguments: StatementArguments = [teamID, start.microseconds, end.microseconds]
        if let agentID = filter.agentID {
            conditions += " AND c.agent_id = ?"
            arguments += [agentID]
        }
        if let channel = filter.channel {
            conditions += " AND c.channel = ?"
            arguments += [channel.rawValue]
        }
        var conversations: [String: ReportConversation] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT c.id, c.channel, c.agent_id, c.created_at, first.at, first.detail
                FROM conversations c
                LEFT JOIN entries first ON first.id = (
                    SELECT e.id FROM entries e
                    WHERE e.conversation_id = c.id AND e.kind = 'event' AND e.event = 'created'
                    ORDER BY e.id LIMIT 1)
                WHERE \(conditions)
                """, arguments: arguments)
        while let row = try rows.next() {
            let detail: String? = row[5]
            let reason = detail.flatMap(HandoverReason.init(summary:))
            let handedOverAt: Int64? = reason == nil ? nil : row[4]
            conversations[row[0]] = ReportConversation(
                channel: try stored(row[1], column: "conversations.channel"), agentID: row[2],
                startedAt: Timestamp(microseconds: row[3]),
                handedOverAt: handedOverAt.map(Timestamp.init(microseconds:)), handoverReason: reason)
        }
        guard !conversations.isEmpty else { return [] }
        let messages = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.conversation_id, e.author_kind, e.at
                FROM conversations c JOIN entries e ON e.conversation_id = c.id
                WHERE \(conditions) AND e.kind = 'message' AND e.author_kind IN ('ai', 'operator')
                """, arguments: arguments)
        while let row = try messages.next() {
            conversations[row[0]]?.record(authorKind: row[1], at: Timestamp(microseconds: row[2]))
        }
        return Array(conversations.values)
    }

    /// Appends the report filter's conditions on `tickets t` (agent, channel, operator).
    static func ticketFilter(_ filter: ReportFilter, _ conditions: inout String, _ arguments: inout StatementArguments)
    {
        if let agentID = filter.agentID {
            conditions += " AND t.agent_id = ?"
            arguments += [agentID]
        }
        if let channel = filter.channel {
            conditions += " AND t.channel = ?"
            arguments += [channel.rawValue]
        }
        if let operatorID = filter.operatorID {
            conditions += " AND t.assignee_id = ?"
            arguments += [operatorID]
        }
    }

    /// Tickets merged since shortly before the period (binds the team and `mergedSince(start)`):
    /// an undo restores the merged ticket's last activity, so its activity cannot tell.
    static let recentlyMerged = "SELECT source_id FROM ticket_merges WHERE team_id = ? AND merged_at >= ?"

    static func mergedSince(_ start: Timestamp) -> Int64 {
        start.microseconds - TicketMerge.undoWindowSeconds * 1_000_000
    }

    /// `ReportFacts.quietBacklog`: an index count per status (a ticket's last activity is never
    /// before its creation, so "no activity since the start" also says "created before it").
    static func quietBacklog(_ db: Database, teamID: String, start: Timestamp, _ filter: ReportFilter) throws -> Int {
        var conditions = "t.team_id = ? AND t.status_rank IN (0, 1) AND t.last_activity_at < ?"
        var arguments: StatementArguments = [teamID, start.microseconds]
        ticketFilter(filter, &conditions, &arguments)
        // Every quiet-looking ticket by index alone, less the few merged lately (read instead).
        let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets t WHERE \(conditions)", arguments: arguments)
        let merged = try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM tickets t
                WHERE t.id IN (SELECT DISTINCT source_id FROM ticket_merges WHERE team_id = ? AND merged_at >= ?)
                    AND \(conditions)
                """, arguments: [teamID, mergedSince(start)] + arguments)
        return (all ?? 0) - (merged ?? 0)
    }

    /// The tickets the period's team figures read: those created before its end with activity since
    /// its start (a ticket's last activity is never before its creation, so that takes in the ones
    /// created in it), found along `tickets_by_status`, and those merged lately.
    static let periodTickets = """
        SELECT id FROM tickets WHERE team_id = ? AND status_rank IN (0, 1, 2) AND last_activity_at >= ?
        UNION \(recentlyMerged)
        """

    /// The tickets the period's team figures read, with the entries that move them.
    static func reportTickets(
        _ db: Database, teamID: String, start: Timestamp, end: Timestamp, _ filter: ReportFilter
    ) throws -> [ReportTicket] {
        var conditions = "t.team_id = ? AND t.created_at < ? AND t.id IN (\(periodTickets))"
        var arguments: StatementArguments = [
            teamID, end.microseconds, teamID, start.microseconds, teamID, mergedSince(start),
        ]
        ticketFilter(filter, &conditions, &arguments)
        var tickets: [Int64: ReportTicket] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT t.id, t.number, t.channel, t.priority, t.agent_id, t.assignee_id, m.display_name, t.created_at
                FROM tickets t LEFT JOIN members m ON m.id = t.assignee_id
                WHERE \(conditions)
                """, arguments: arguments)
        while let row = try rows.next() {
            let assigneeID: String? = row[5]
            tickets[row[0]] = ReportTicket(
                number: row[1], channel: try stored(row[2], column: "tickets.channel"),
                priority: try stored(row[3], column: "tickets.priority"), agentID: row[4],
                assignee: assigneeID.map { MemberRef(id: $0, displayName: row[6] ?? "") },
                createdAt: Timestamp(microseconds: row[7]))
        }
        guard !tickets.isEmpty else { return [] }
        let entries = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.ticket_id, e.kind, e.event, e.author_kind, e.at, e.to_value, e.detail
                FROM tickets t JOIN entries e ON e.conversation_id = t.conversation_id AND e.ticket_id = t.id
                WHERE \(conditions)
                    AND ((e.kind = 'message' AND e.author_kind = 'operator')
                        OR (e.kind = 'event' AND e.event IN (
                            'created', 'takenOver', 'statusChanged', 'resolved', 'reopened', 'mergedInto', 'unmerged',
                            'csatReceived')))
                ORDER BY e.id
                """, arguments: arguments)
        while let row = try entries.next() {
            tickets[row[0]]?.record(
                kind: row[1], event: row[2], authorKind: row[3], at: Timestamp(microseconds: row[4]), to: row[5],
                detail: row[6])
        }
        return Array(tickets.values)
    }
}
