import GRDB
import HelpDeskCore

// MARK: - Inbox

extension SQLiteStore {
    /// Each view is walked as one or more index ranges, each already in inbox
    /// order (last activity, newest first; ties by id), so a page costs `limit`
    /// index steps whatever the table size:
    /// - mine, unassigned: the partial index of unresolved tickets by assignee;
    /// - all: the status index, one range per status (open, pending, resolved);
    /// - resolved: the status index's resolved range.
    public func inbox(teamID: String, callerID: String, query: InboxQuery) async throws -> InboxPage {
        try await pool.read { db in try Self.inbox(db, teamID: teamID, callerID: callerID, query: query) }
    }

    static func inbox(_ db: Database, teamID: String, callerID: String, query: InboxQuery) throws -> InboxPage {
        var filters: [String] = ["t.team_id = ?"]
        var arguments: StatementArguments = [teamID]
        if let priority = query.priority {
            filters.append("t.priority = ?")
            _ = arguments.append(contentsOf: [priority.rawValue])
        }
        if let channel = query.channel {
            filters.append("t.channel = ?")
            _ = arguments.append(contentsOf: [channel.rawValue])
        }
        if let agentID = query.agentID {
            filters.append("t.agent_id = ?")
            _ = arguments.append(contentsOf: [agentID])
        }
        if let assigneeID = query.assigneeID {
            filters.append("t.assignee_id = ?")
            _ = arguments.append(contentsOf: [assigneeID])
        }
        if let text = query.text {
            guard let match = ftsQuery(text) else { return InboxPage(items: [], nextCursor: nil) }
            filters.append(
                """
                (t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)
                 OR t.conversation_id IN (SELECT conversation_id FROM message_search WHERE message_search MATCH ?))
                """)
            _ = arguments.append(contentsOf: [match, match])
        }

        // The segments to walk, in order: (extra condition, its arguments, status rank or nil).
        var segments: [(sql: String, arguments: StatementArguments, rank: Int?)] = []
        switch query.view {
        case .mine, .unassigned:
            if query.status == .resolved { return InboxPage(items: [], nextCursor: nil) }
            var sql = query.view == .mine ? "t.assignee_id = ? AND t.status_rank < 2" : "t.assignee_id IS NULL AND t.status_rank < 2"
            var segmentArguments: StatementArguments = query.view == .mine ? [callerID] : []
            if let status = query.status {
                sql += " AND t.status_rank = ?"
                _ = segmentArguments.append(contentsOf: [status.rank])
            }
            segments.append((sql, segmentArguments, nil))
        case .all, .resolved:
            var ranks = query.view == .resolved ? [TicketStatus.resolved.rank] : TicketStatus.allCases.map(\.rank)
            if let status = query.status { ranks = ranks.filter { $0 == status.rank } }
            if let cursor = query.cursor { ranks = ranks.filter { $0 >= cursor.statusRank } }
            for rank in ranks { segments.append(("t.status_rank = ?", [rank], rank)) }
        }

        var items: [Ticket] = []
        let wanted = query.limit + 1
        for segment in segments where items.count < wanted {
            var sql = "\(ticketSelect) WHERE \(filters.joined(separator: " AND ")) AND \(segment.sql)"
            var segmentArguments = arguments
            _ = segmentArguments.append(contentsOf: segment.arguments)
            if let cursor = query.cursor, segment.rank == nil || segment.rank == cursor.statusRank {
                sql += " AND (t.last_activity_at, t.id) < (?, ?)"
                _ = segmentArguments.append(contentsOf: [cursor.lastActivity, cursor.id])
            }
            sql += " ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?"
            _ = segmentArguments.append(contentsOf: [wanted - items.count])
            items += try Row.fetchAll(db, sql: sql, arguments: segmentArguments).map(ticket(row:))
        }
        guard items.count > query.limit else { return InboxPage(items: items, nextCursor: nil) }
        items.removeLast(items.count - query.limit)
        return InboxPage(items: items, nextCursor: InboxCursor(after: items[items.count - 1]))
    }

    /// Turns free text into an FTS5 query that cannot be a syntax error: each
    /// word becomes a quoted prefix term, all required. Nil when no word is left.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).prefix(16)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }
}
