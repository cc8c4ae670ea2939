import Foundation
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
        try await pool.read { db in
            var page = try Self.inbox(db, teamID: teamID, callerID: callerID, query: query)
            page.triage = try Self.triage(db, page.items)
            return page
        }
    }

    /// The rows' triage facts: one statement per page (index lookups per row of the page, never per candidate).
    static func triage(_ db: Database, _ tickets: [Ticket]) throws -> [Int64: Triage] {
        guard !tickets.isEmpty else { return [:] }
        let conversations = Array(Set(tickets.map(\.conversationID)))
        let statement = try db.cachedStatement(
            sql: """
                SELECT c.value,
                    (SELECT CASE WHEN e.body != '' THEN e.body
                        ELSE (SELECT 'Sent ' || group_concat(name, ', ') FROM attachments WHERE entry_id = e.id) END
                        FROM entries e WHERE e.conversation_id = c.value AND e.kind = 'message'
                        AND e.author_kind = 'customer' ORDER BY e.id DESC LIMIT 1),
                    (SELECT MIN(at) FROM entries WHERE conversation_id = c.value AND kind = 'message'
                        AND author_kind = 'customer'
                        AND id > COALESCE((SELECT MAX(id) FROM entries WHERE conversation_id = c.value
                            AND kind = 'message' AND author_kind = 'operator'), 0))
                FROM json_each(?) c
                """)
        let list = String(decoding: try JSONEncoder().encode(conversations), as: UTF8.self)
        var facts: [String: (preview: String?, waitingSince: Int64?)] = [:]
        for row in try Row.fetchAll(statement, arguments: [list]) {
            facts[row[0]] = (row[1], row[2])
        }
        var triage: [Int64: Triage] = [:]
        for ticket in tickets {
            let found = facts[ticket.conversationID]
            let waiting = ticket.status == .resolved ? nil : found?.waitingSince
            triage[ticket.id] = Triage(
                preview: found?.preview, waitingSince: waiting.map(Timestamp.init(microseconds:)))
        }
        return triage
    }

    static func inbox(
        _ db: Database, teamID: String, callerID: String, query: InboxQuery, candidateLimit: Int = searchCandidateLimit
    ) throws -> InboxPage {
        var items: [Ticket] = []
        let wanted = query.limit + 1
        let candidates = try query.text.flatMap {
            try searchCandidates(db, teamID: teamID, text: $0, limit: candidateLimit)
        }
        let statements = inboxStatements(teamID: teamID, callerID: callerID, query: query, candidates: candidates)
        for statement in statements where items.count < wanted {
            var arguments = statement.arguments
            _ = arguments.append(contentsOf: [wanted - items.count])
            items += try Row.fetchAll(db, sql: statement.sql, arguments: arguments).map(ticket(row:))
        }
        guard items.count > query.limit else { return InboxPage(items: items, nextCursor: nil) }
        items.removeLast(items.count - query.limit)
        return InboxPage(items: items, nextCursor: InboxCursor(after: items[items.count - 1]))
    }

    /// The index-range queries that make up one page, in walk order; each ends
    /// in `LIMIT ?`, bound by the caller to the rows still wanted.
    static func inboxStatements(
        teamID: String, callerID: String, query: InboxQuery, candidates: [Int64]? = nil
    ) -> [(sql: String, arguments: StatementArguments)] {
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
        if let candidates {
            // A rare word: the few tickets it matches, looked up by id and sorted, instead of a walk.
            if candidates.isEmpty { return [] }
            filters.append("t.id IN (SELECT value FROM json_each(?))")
            _ = arguments.append(contentsOf: ["[" + candidates.map(String.init).joined(separator: ",") + "]"])
        }
        if let text = query.text {
            // Every word must occur somewhere in the ticket: its subject, its requester or a message.
            let terms = ftsTerms(text)
            if terms.isEmpty { return [] }
            for term in terms {
                filters.append(
                    """
                    (t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)
                     OR t.conversation_id IN (SELECT conversation_id FROM message_search WHERE message_search MATCH ?))
                    """)
                _ = arguments.append(contentsOf: [term, term])
            }
        }

        // The segments to walk, in order: (condition, its arguments, status rank or nil for "unresolved").
        var segments: [(sql: String, arguments: StatementArguments, rank: Int?)] = []
        let index: String
        switch query.view {
        case .mine, .unassigned:
            if query.status == .resolved { return [] }
            var sql = query.view == .mine ? "t.assignee_id = ?" : "t.assignee_id IS NULL"
            sql += " AND t.status_rank < 2"
            var segmentArguments: StatementArguments = query.view == .mine ? [callerID] : []
            if let status = query.status {
                sql += " AND t.status_rank = ?"
                _ = segmentArguments.append(contentsOf: [status.rank])
            }
            segments.append((sql, segmentArguments, nil))
            index = "tickets_unresolved_by_assignee"
        case .all, .resolved:
            var ranks = query.view == .resolved ? [TicketStatus.resolved.rank] : TicketStatus.allCases.map(\.rank)
            if let status = query.status { ranks = ranks.filter { $0 == status.rank } }
            if let cursor = query.cursor { ranks = ranks.filter { $0 >= cursor.statusRank } }
            for rank in ranks { segments.append(("t.status_rank = ?", [rank], rank)) }
            index = "tickets_by_status"
        }

        return segments.map { segment in
            var sql =
                "\(ticketSelect(using: candidates == nil ? index : nil)) WHERE \(filters.joined(separator: " AND ")) AND \(segment.sql)"
            var segmentArguments = arguments
            _ = segmentArguments.append(contentsOf: segment.arguments)
            if let cursor = query.cursor, segment.rank == nil || segment.rank == cursor.statusRank {
                sql += " AND (t.last_activity_at, t.id) < (?, ?)"
                _ = segmentArguments.append(contentsOf: [cursor.lastActivity, cursor.id])
            }
            sql += " ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?"
            return (sql, segmentArguments)
        }
    }

    /// The largest match set looked up by id; above it the index walk is faster.
    static let searchCandidateLimit = 5_000

    /// The ids of tickets matching every rare word (one with at most
    /// `searchCandidateLimit` matches); nil when every word is common (then the
    /// page walks the index and tests each row).
    static func searchCandidates(_ db: Database, teamID: String, text: String, limit: Int) throws -> [Int64]? {
        let terms = ftsTerms(text)
        guard !terms.isEmpty else { return [] }
        var result: Set<Int64>?
        for term in terms {
            // Each side stops at limit + 1 rows, so a common word costs little to recognise.
            let inTickets = try Int64.fetchAll(
                db, sql: "SELECT rowid FROM ticket_search WHERE ticket_search MATCH ? LIMIT ?",
                arguments: [term, limit + 1])
            guard inTickets.count <= limit else { continue }
            let inMessages = try Int64.fetchAll(
                db,
                sql: """
                    SELECT t.id FROM message_search s JOIN tickets t ON t.conversation_id = s.conversation_id
                    WHERE message_search MATCH ? AND t.team_id = ? LIMIT ?
                    """, arguments: [term, teamID, limit + 1])
            guard inMessages.count <= limit else { continue }
            let ids = Set(inTickets).union(inMessages)
            guard ids.count <= limit else { continue }
            result = result.map { $0.intersection(ids) } ?? ids
        }
        // Words with too many matches stay as filters in the page query, checked on these few rows.
        return result.map { $0.sorted() }
    }

    /// Turns free text into FTS5 terms that cannot be a syntax error: each word
    /// becomes a quoted prefix term. Punctuation separates words, as the tokenizer does.
    static func ftsTerms(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).prefix(8).map { "\"\($0)\"*" }
    }
}
