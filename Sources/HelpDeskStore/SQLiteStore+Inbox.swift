import Foundation
import GRDB
import HelpDeskCore

// MARK: - Inbox

/// The part of an inbox walk a row comes from: the waiting tickets of a waiting sort, the due
/// tickets of a due sort, or the rest in the view's usual order.
enum InboxPart: Sendable { case waiting, due, rest }

extension SQLiteStore {
    /// Each view is walked as one or more index ranges, each already in inbox
    /// order (last activity, newest first; ties by id), so a page costs `limit`
    /// index steps whatever the table size:
    /// - mine, unassigned: the partial index of unresolved tickets by assignee;
    /// - all: the status index, one range per status (open, pending, resolved);
    /// - resolved: the status index's resolved range.
    ///
    /// Sorted by waiting, a view first walks its waiting tickets (the partial
    /// indexes on `waiting_since`, longest wait first), then the rest as above,
    /// with its unresolved ranges on the partial indexes of tickets nobody waits on.
    public func inbox(teamID: String, callerID: String, query: InboxQuery) async throws -> InboxPage {
        try await pool.read { db in
            let walk = try Self.inboxWalk(db, teamID: teamID, callerID: callerID, query: query)
            var page = walk.page
            page.triage = try Self.triage(db, page.items, waitingSince: walk.waitingSince)
            return page
        }
    }

    public func slaFacts(teamID: String, tickets: [Ticket]) async throws -> [Int64: SLAFacts] {
        guard !tickets.isEmpty else { return [:] }
        return try await pool.read { db in try Self.slaFacts(db, teamID: teamID, tickets: tickets) }
    }

    /// The entries that move SLA clocks, found through each conversation's entries (a ticket's
    /// timeline lives in its conversation); one statement per page.
    static func slaFacts(_ db: Database, teamID: String, tickets: [Ticket]) throws -> [Int64: SLAFacts] {
        var facts = SLAFacts.none(for: tickets)
        let conversations = Array(Set(tickets.map(\.conversationID)))
        let list = String(decoding: try JSONEncoder().encode(conversations), as: UTF8.self)
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT e.ticket_id, e.kind, e.at, e.to_value
                    FROM json_each(?) c JOIN entries e ON e.conversation_id = c.value
                    WHERE e.team_id = ? AND e.ticket_id IS NOT NULL
                        AND ((e.kind = 'message' AND e.author_kind = 'operator')
                            OR (e.kind = 'event' AND e.event IN ('statusChanged', 'resolved', 'reopened')))
                    ORDER BY e.id
                    """), arguments: [list, teamID])
        while let row = try rows.next() {
            facts[row[0] as Int64]?.record(kind: row[1], at: Timestamp(microseconds: row[2]), to: row[3])
        }
        return facts
    }

    /// The rows' triage facts: the customer's last words (one statement per
    /// page, index lookups per row of the page, never per candidate) and the
    /// stored start of their wait.
    static func triage(_ db: Database, _ tickets: [Ticket], waitingSince: [Int64: Timestamp]) throws -> [Int64: Triage]
    {
        guard !tickets.isEmpty else { return [:] }
        let conversations = Array(Set(tickets.map(\.conversationID)))
        let statement = try db.cachedStatement(
            sql: """
                SELECT c.value,
                    (SELECT CASE WHEN e.body != '' THEN e.body
                        ELSE (SELECT 'Sent ' || group_concat(name, ', ') FROM attachments WHERE entry_id = e.id) END
                        FROM entries e WHERE e.conversation_id = c.value AND e.kind = 'message'
                        AND e.author_kind = 'customer' ORDER BY e.id DESC LIMIT 1)
                FROM json_each(?) c
                """)
        let list = String(decoding: try JSONEncoder().encode(conversations), as: UTF8.self)
        var previews: [String: String?] = [:]
        let rows = try Row.fetchCursor(statement, arguments: [list])
        while let row = try rows.next() {
            previews[row[0]] = row[1] as String?
        }
        var triage: [Int64: Triage] = [:]
        for ticket in tickets {
            triage[ticket.id] = Triage(
                preview: previews[ticket.conversationID] ?? nil,
                waitingSince: ticket.status == .resolved ? nil : waitingSince[ticket.id])
        }
        return triage
    }

    static func inbox(
        _ db: Database, teamID: String, callerID: String, query: InboxQuery, candidateLimit: Int = searchCandidateLimit
    ) throws -> InboxPage {
        try inboxWalk(db, teamID: teamID, callerID: callerID, query: query, candidateLimit: candidateLimit).page
    }

    /// One page, and since when the customer of each of its rows has waited.
    static func inboxWalk(
        _ db: Database, teamID: String, callerID: String, query: InboxQuery, candidateLimit: Int = searchCandidateLimit
    ) throws -> (page: InboxPage, waitingSince: [Int64: Timestamp]) {
        if let cursor = query.cursor, !cursor.fits(query.sort) {
            throw HelpDeskError.invalid(
                "cursor", "belongs to a walk sorted by \(cursor.sort.rawValue), not \(query.sort.rawValue)")
        }
        var items: [Ticket] = []
        var waitingSince: [Int64: Timestamp] = [:]
        // Per row: the part of the walk it came from, and its due time.
        var parts: [InboxPart] = []
        var dueAt: [Int64: Int64] = [:]
        let wanted = query.limit + 1
        var candidates = try query.text.flatMap {
            try searchCandidates(db, teamID: teamID, text: $0, limit: candidateLimit)
        }
        if let tag = query.tag {
            // A tag on few tickets: those, looked up by id, as for a rare word. On many, the walk tests each row.
            let tagged = try Int64.fetchAll(
                db, cachedSQL: "SELECT ticket_id FROM ticket_tags WHERE team_id = ? AND name = ? LIMIT ?",
                arguments: [teamID, tag, candidateLimit + 1])
            if tagged.count <= candidateLimit {
                candidates = (candidates.map { Set($0).intersection(tagged) } ?? Set(tagged)).sorted()
            }
        }
        let statements = inboxStatements(teamID: teamID, callerID: callerID, query: query, candidates: candidates)
        for statement in statements where items.count < wanted {
            var arguments = statement.arguments
            _ = arguments.append(contentsOf: [wanted - items.count])
            // Without search words the statement's text takes one of a bounded number of shapes (the
            // filters, view, sort and cursor kind), so its compiled form is kept; a search's varies.
            // Rows are read from a cursor: each decodes straight from the statement's columns,
            // without a copy of the row first.
            let rows =
                query.text == nil
                ? try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: arguments)
                : try Row.fetchCursor(db, sql: statement.sql, arguments: arguments)
            while let row = try rows.next() {
                let ticket = try ticket(row: row)
                items.append(ticket)
                parts.append(statement.part)
                if let since = row[19] as Int64? { waitingSince[ticket.id] = Timestamp(microseconds: since) }
                if let due = row[22] as Int64? { dueAt[ticket.id] = due }
            }
        }
        guard items.count > query.limit else { return (InboxPage(items: items, nextCursor: nil), waitingSince) }
        items.removeLast(items.count - query.limit)
        let last = items[items.count - 1]
        let cursor =
            switch parts[items.count - 1] {
            case .waiting:
                InboxCursor(
                    sort: query.sort,
                    position: .waiting(since: waitingSince[last.id]?.microseconds ?? 0, id: last.id))
            case .due: InboxCursor(sort: query.sort, position: .due(at: dueAt[last.id] ?? 0, id: last.id))
            case .rest: InboxCursor(after: last, sort: query.sort)
            }
        return (InboxPage(items: items, nextCursor: cursor), waitingSince)
    }

    /// One index-range query of a page, and the part of the walk it is.
    typealias InboxStatement = (sql: String, arguments: StatementArguments, part: InboxPart)

    /// The index-range queries that make up one page, in walk order; each ends
    /// in `LIMIT ?`, bound by the caller to the rows still wanted.
    static func inboxStatements(
        teamID: String, callerID: String, query: InboxQuery, candidates: [Int64]? = nil
    ) -> [InboxStatement] {
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
        if let tag = query.tag {
            filters.append("t.id IN (SELECT ticket_id FROM ticket_tags WHERE team_id = ? AND name = ?)")
            _ = arguments.append(contentsOf: [teamID, tag])
        }
        // SLA filters read the tracked clocks (`SLATracked`), current once the service refreshed them.
        // They list unresolved tickets only: the walk leaves out the resolved range (below).
        let slaFiltered = query.slaBreached != nil || query.dueBefore != nil
        if slaFiltered, query.view == .resolved || query.status == .resolved { return [] }
        let now = (query.slaNow ?? Timestamp(Date())).microseconds
        switch query.slaBreached {
        case true?:
            filters.append("(t.sla_breached = 1 OR t.sla_due_at < ?)")
            _ = arguments.append(contentsOf: [now])
        case false?:
            filters.append("t.sla_breached = 0 AND (t.sla_due_at IS NULL OR t.sla_due_at >= ?)")
            _ = arguments.append(contentsOf: [now])
        case nil:
            break
        }
        if let dueBefore = query.dueBefore {
            filters.append("t.sla_due_at < ?")
            _ = arguments.append(contentsOf: [dueBefore.microseconds])
        }
        if let candidates {
            // A rare word or tag: the few tickets it matches, looked up by id and sorted, instead of a walk.
            if candidates.isEmpty { return [] }
            filters.append("t.id IN (SELECT value FROM json_each(?))")
            _ = arguments.append(contentsOf: ["[" + candidates.map(String.init).joined(separator: ",") + "]"])
        }
        if let text = query.text {
            // Every word must occur somewhere in the ticket: its subject, its requester or a message.
            let terms = ftsTerms(text)
            if terms.isEmpty { return [] }
            for term in terms {
                filters.append(textMatch)
                _ = arguments.append(contentsOf: [term, term])
            }
        }

        /// One index range to walk: its condition and arguments, the index it
        /// walks, and its status rank (nil for "every unresolved one").
        struct Segment {
            var sql: String
            var arguments: StatementArguments
            var index: String
            var rank: Int? = nil
            var part = InboxPart.rest
        }
        var segments: [Segment] = []
        var position = query.cursor?.position
        let byAssignee = query.view == .mine || query.view == .unassigned
        if byAssignee, query.status == .resolved { return [] }
        let assignee = query.view == .mine ? "t.assignee_id = ?" : "t.assignee_id IS NULL"
        let assigneeArguments: StatementArguments = query.view == .mine ? [callerID] : []
        let status = query.status.map { _ in " AND t.status_rank = ?" } ?? ""
        let statusArguments: StatementArguments = query.status.map { [$0.rank] } ?? []

        // Sorted by waiting or by due time, a walk first takes its front part, then the rest below
        // without it: the waiting tickets (unresolved by the column's rule), longest wait first; or
        // the tickets with a running, unpaused clock (all open), soonest due first. A cursor past
        // the front part skips it.
        let waiting = query.sort == .waiting
        let due = query.sort == .due
        let front: (part: InboxPart, key: String, sql: String, arguments: StatementArguments, index: String)? =
            if waiting, query.view != .resolved, query.status != .resolved {
                (
                    .waiting, "t.waiting_since", "t.waiting_since IS NOT NULL AND t.status_rank < 2\(status)",
                    statusArguments, byAssignee ? "tickets_waiting_by_assignee" : "tickets_waiting"
                )
            } else if due, query.view != .resolved, query.status == nil || query.status == .open {
                (
                    .due, "t.sla_due_at", "t.sla_due_at IS NOT NULL", [],
                    byAssignee ? "tickets_by_assignee_due" : "tickets_by_due"
                )
            } else {
                nil
            }
        if let front {
            var sql = front.sql
            var segmentArguments = front.arguments
            if byAssignee {
                sql = "\(assignee) AND \(sql)"
                segmentArguments = assigneeArguments + segmentArguments
            }
            var walksIt = true
            switch position {
            case .waiting(let key, let id) where front.part == .waiting, .due(let key, let id) where front.part == .due:
                sql += " AND (\(front.key), t.id) > (?, ?)"
                _ = segmentArguments.append(contentsOf: [key, id])
                position = nil  // the rest then starts at its beginning
            case nil:
                break
            default:
                walksIt = false  // past the front part (a cursor of another sort never fits: refused above)
            }
            if walksIt {
                segments.append(Segment(sql: sql, arguments: segmentArguments, index: front.index, part: front.part))
            }
        }
        let undue = due ? " AND t.sla_due_at IS NULL" : ""

        // The usual order. In a waiting walk, its unresolved ranges leave out the waiting tickets
        // (resolved tickets never wait) and walk the partial indexes of the others.
        if byAssignee {
            segments.append(
                Segment(
                    sql:
                        "\(assignee) AND t.status_rank < 2\(waiting ? " AND t.waiting_since IS NULL" : "")\(undue)\(status)",
                    arguments: assigneeArguments + statusArguments,
                    index: waiting ? "tickets_answered_by_assignee" : "tickets_unresolved_by_assignee"))
        } else {
            var ranks = query.view == .resolved ? [TicketStatus.resolved.rank] : TicketStatus.ranks
            if let status = query.status { ranks = ranks.filter { $0 == status.rank } }
            if case .activity(let statusRank, _, _) = position { ranks = ranks.filter { $0 >= statusRank } }
            if slaFiltered { ranks = ranks.filter { $0 < TicketStatus.resolved.rank } }
            for rank in ranks {
                if waiting, rank != TicketStatus.resolved.rank {
                    segments.append(
                        Segment(
                            sql: "t.status_rank = ? AND t.status_rank != 2 AND t.waiting_since IS NULL",
                            arguments: [rank], index: "tickets_answered_by_status", rank: rank))
                } else {
                    segments.append(
                        Segment(
                            sql: "t.status_rank = ?\(undue)", arguments: [rank], index: "tickets_by_status", rank: rank)
                    )
                }
            }
        }

        return segments.map { segment in
            var sql =
                "\(ticketSelect(using: candidates == nil ? segment.index : nil)) WHERE \(filters.joined(separator: " AND ")) AND \(segment.sql)"
            var segmentArguments = arguments
            _ = segmentArguments.append(contentsOf: segment.arguments)
            switch segment.part {
            case .waiting: return (sql + " ORDER BY t.waiting_since, t.id LIMIT ?", segmentArguments, .waiting)
            case .due: return (sql + " ORDER BY t.sla_due_at, t.id LIMIT ?", segmentArguments, .due)
            case .rest: break
            }
            if case .activity(let statusRank, let lastActivity, let id) = position,
                segment.rank == nil || segment.rank == statusRank
            {
                sql += " AND (t.last_activity_at, t.id) < (?, ?)"
                _ = segmentArguments.append(contentsOf: [lastActivity, id])
            }
            sql += " ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?"
            return (sql, segmentArguments, .rest)
        }
    }

    /// A ticket whose subject, requester or messages contain an FTS term (bound twice).
    static let textMatch = """
        (t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)
         OR t.conversation_id IN (SELECT conversation_id FROM message_search WHERE message_search MATCH ?))
        """

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
                db, cachedSQL: "SELECT rowid FROM ticket_search WHERE ticket_search MATCH ? LIMIT ?",
                arguments: [term, limit + 1])
            guard inTickets.count <= limit else { continue }
            let inMessages = try Int64.fetchAll(
                db,
                cachedSQL: """
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
