import Foundation
import HelpDeskCore
import HelpDeskStore
import PostgresNIO

// MARK: - Inbox

extension PostgresStore {
    /// The same walk as `SQLiteStore.inbox`: each view is one or more index
    /// ranges already in inbox order (last activity, newest first; ties by id),
    /// and a waiting sort first walks its waiting tickets, longest wait first.
    /// The indexes are SQLite's; PostgreSQL's planner picks them without hints.
    /// Words are matched with the GIN indexes on `tickets.search` and `entries.search`.
    public func inbox(teamID: String, callerID: String, query: InboxQuery) async throws -> InboxPage {
        try await read { db in
            let walk = try await Self.inboxWalk(db, teamID: teamID, callerID: callerID, query: query)
            var page = walk.page
            page.triage = try await Self.triage(db, page.items, waitingSince: walk.waitingSince)
            return page
        }
    }

    public func slaFacts(teamID: String, tickets: [Ticket]) async throws -> [Int64: SLAFacts] {
        guard !tickets.isEmpty else { return [:] }
        return try await read { db in
            var facts = SLAFacts.none(for: tickets)
            let conversations = Array(Set(tickets.map(\.conversationID)))
            for row in try await db.rows(
                """
                SELECT e.ticket_id, e.kind, e.at, e.to_value
                FROM unnest(\(conversations)::text[]) AS c(id) JOIN entries e ON e.conversation_id = c.id
                WHERE e.team_id = \(teamID) AND e.ticket_id IS NOT NULL
                    AND ((e.kind = 'message' AND e.author_kind = 'operator')
                        OR (e.kind = 'event' AND e.event IN ('statusChanged', 'resolved', 'reopened')))
                ORDER BY e.id
                """)
            {
                facts[try row["ticket_id"] as Int64]?.record(
                    kind: try row["kind"], at: Timestamp(microseconds: try row["at"]), to: try row["to_value"])
            }
            return facts
        }
    }

    /// The rows' triage facts: the customer's last words and the stored start of their wait.
    static func triage(_ db: PostgresTransaction, _ tickets: [Ticket], waitingSince: [Int64: Timestamp]) async throws
        -> [Int64: Triage]
    {
        guard !tickets.isEmpty else { return [:] }
        let conversations = Array(Set(tickets.map(\.conversationID)))
        var previews: [String: String?] = [:]
        for row in try await db.rows(
            """
            SELECT c.id,
                (SELECT CASE WHEN e.body <> '' THEN e.body
                    ELSE (SELECT 'Sent ' || string_agg(a.name, ', ' ORDER BY a.position) FROM attachments a
                        WHERE a.entry_id = e.id) END
                    FROM entries e WHERE e.conversation_id = c.id AND e.kind = 'message'
                    AND e.author_kind = 'customer' ORDER BY e.id DESC LIMIT 1) AS preview
            FROM unnest(\(conversations)::text[]) AS c(id)
            """)
        {
            previews[try row["id"]] = try row["preview"] as String?
        }
        var triage: [Int64: Triage] = [:]
        for ticket in tickets {
            triage[ticket.id] = Triage(
                preview: previews[ticket.conversationID] ?? nil,
                waitingSince: ticket.status == .resolved ? nil : waitingSince[ticket.id])
        }
        return triage
    }

    /// One page, and since when the customer of each of its rows has waited.
    static func inboxWalk(_ db: PostgresTransaction, teamID: String, callerID: String, query: InboxQuery) async throws
        -> (page: InboxPage, waitingSince: [Int64: Timestamp])
    {
        if let cursor = query.cursor, !cursor.fits(query.sort) {
            throw HelpDeskError.invalid(
                "cursor", "belongs to a walk sorted by \(cursor.sort.rawValue), not \(query.sort.rawValue)")
        }
        var items: [Ticket] = []
        var waitingSince: [Int64: Timestamp] = [:]
        // Per row: the part of the walk it came from, and its due time.
        var parts: [Part] = []
        var dueAt: [Int64: Int64] = [:]
        let wanted = query.limit + 1
        for statement in inboxStatements(teamID: teamID, callerID: callerID, query: query) where items.count < wanted {
            var sql = statement.sql
            sql.text += " LIMIT \(sql.bind(wanted - items.count))"
            for row in try await db.rows(sql.query) {
                let ticket = try ticket(row: row)
                items.append(ticket)
                parts.append(statement.part)
                if let since = try row.optionalTime("waiting_since") { waitingSince[ticket.id] = since }
                if let due = try row["sla_due_at"] as Int64? { dueAt[ticket.id] = due }
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

    /// The part of a walk a row comes from: the waiting tickets of a waiting sort, the due tickets
    /// of a due sort, or the rest in the view's usual order.
    enum Part { case waiting, due, rest }

    /// One index-range query of a page, without its `LIMIT`, and the part of the walk it is.
    struct InboxStatement {
        var sql: SQL
        var part: Part
    }

    /// The index-range queries that make up one page, in walk order (SQLite's `inboxStatements`).
    static func inboxStatements(teamID: String, callerID: String, query: InboxQuery) -> [InboxStatement] {
        let terms = query.text.map { TextSearch.terms($0) }
        if let terms, terms.isEmpty { return [] }
        let slaFiltered = query.slaBreached != nil || query.dueBefore != nil
        if slaFiltered, query.view == .resolved || query.status == .resolved { return [] }
        let now = (query.slaNow ?? Timestamp(Date())).microseconds

        /// One index range to walk: its condition, and its status rank (nil for "every unresolved one").
        struct Segment {
            var condition: (inout SQL) -> String
            var rank: Int? = nil
            var part = Part.rest
        }
        var segments: [Segment] = []
        var position = query.cursor?.position
        let byAssignee = query.view == .mine || query.view == .unassigned
        if byAssignee, query.status == .resolved { return [] }
        let assignee: (inout SQL) -> String = { sql in
            query.view == .mine ? "t.assignee_id = \(sql.bind(callerID))" : "t.assignee_id IS NULL"
        }
        let status: (inout SQL) -> String = { sql in
            query.status.map { " AND t.status_rank = \(sql.bind($0.rank))" } ?? ""
        }

        // Sorted by waiting or by due time, a walk first takes its front part (the waiting tickets,
        // longest wait first; or those with a running, unpaused clock, soonest due first), then the
        // rest below without it. A cursor past the front part skips it.
        let waiting = query.sort == .waiting
        let due = query.sort == .due
        let front: (part: Part, key: String, condition: (inout SQL) -> String)? =
            if waiting, query.view != .resolved, query.status != .resolved {
                (
                    .waiting, "t.waiting_since",
                    { sql in "t.waiting_since IS NOT NULL AND t.status_rank < 2\(status(&sql))" }
                )
            } else if due, query.view != .resolved, query.status == nil || query.status == .open {
                (.due, "t.sla_due_at", { _ in "t.sla_due_at IS NOT NULL" })
            } else {
                nil
            }
        if let front {
            var after: (key: Int64, id: Int64)?
            var walksIt = true
            switch position {
            case .waiting(let key, let id) where front.part == .waiting, .due(let key, let id) where front.part == .due:
                after = (key, id)
                position = nil  // the rest then starts at its beginning
            case nil:
                break
            default:
                walksIt = false  // past the front part (a cursor of another sort never fits: refused above)
            }
            if walksIt {
                segments.append(
                    Segment(
                        condition: { sql in
                            var text = byAssignee ? "\(assignee(&sql)) AND " : ""
                            text += front.condition(&sql)
                            if let after {
                                text += " AND (\(front.key), t.id) > (\(sql.bind(after.key)), \(sql.bind(after.id)))"
                            }
                            return text
                        }, part: front.part))
            }
        }
        let undue = due ? " AND t.sla_due_at IS NULL" : ""

        // The usual order. In a waiting walk, its unresolved ranges leave out the waiting tickets.
        if byAssignee {
            segments.append(
                Segment(condition: { sql in
                    "\(assignee(&sql)) AND t.status_rank < 2\(waiting ? " AND t.waiting_since IS NULL" : "")\(undue)\(status(&sql))"
                }))
        } else {
            var ranks = query.view == .resolved ? [TicketStatus.resolved.rank] : TicketStatus.ranks
            if let status = query.status { ranks = ranks.filter { $0 == status.rank } }
            if case .activity(let statusRank, _, _) = position { ranks = ranks.filter { $0 >= statusRank } }
            if slaFiltered { ranks = ranks.filter { $0 < TicketStatus.resolved.rank } }
            for rank in ranks {
                if waiting, rank != TicketStatus.resolved.rank {
                    segments.append(
                        Segment(
                            condition: { sql in
                                "t.status_rank = \(sql.bind(rank)) AND t.status_rank <> 2 AND t.waiting_since IS NULL"
                            }, rank: rank))
                } else {
                    segments.append(
                        Segment(condition: { sql in "t.status_rank = \(sql.bind(rank))\(undue)" }, rank: rank))
                }
            }
        }

        return segments.map { segment in
            var sql = SQL()
            var filters = ["t.team_id = \(sql.bind(teamID))"]
            if let priority = query.priority { filters.append("t.priority = \(sql.bind(priority.rawValue))") }
            if let channel = query.channel { filters.append("t.channel = \(sql.bind(channel.rawValue))") }
            if let agentID = query.agentID { filters.append("t.agent_id = \(sql.bind(agentID))") }
            if let assigneeID = query.assigneeID { filters.append("t.assignee_id = \(sql.bind(assigneeID))") }
            if let tag = query.tag {
                filters.append(
                    "t.id IN (SELECT tt.ticket_id FROM ticket_tags tt WHERE tt.team_id = \(sql.bind(teamID)) AND tt.name = \(sql.bind(tag)))"
                )
            }
            // Every word must occur somewhere in the ticket: its subject, its requester or a message.
            for term in terms ?? [] { filters.append(textMatch(&sql, term)) }
            switch query.slaBreached {
            case true?:
                filters.append("(t.sla_breached OR t.sla_due_at < \(sql.bind(now)))")
            case false?:
                filters.append(
                    "NOT t.sla_breached AND (t.sla_due_at IS NULL OR t.sla_due_at >= \(sql.bind(now)))"
                )
            case nil:
                break
            }
            if let dueBefore = query.dueBefore {
                filters.append("t.sla_due_at < \(sql.bind(dueBefore.microseconds))")
            }
            filters.append(segment.condition(&sql))
            sql.text = "\(ticketSelect) WHERE \(filters.joined(separator: " AND "))"
            switch segment.part {
            case .waiting:
                sql.text += " ORDER BY t.waiting_since, t.id"
                return InboxStatement(sql: sql, part: .waiting)
            case .due:
                sql.text += " ORDER BY t.sla_due_at, t.id"
                return InboxStatement(sql: sql, part: .due)
            case .rest:
                break
            }
            if case .activity(let statusRank, let lastActivity, let id) = position,
                segment.rank == nil || segment.rank == statusRank
            {
                sql.text += " AND (t.last_activity_at, t.id) < (\(sql.bind(lastActivity)), \(sql.bind(id)))"
            }
            sql.text += " ORDER BY t.last_activity_at DESC, t.id DESC"
            return InboxStatement(sql: sql, part: .rest)
        }
    }

    /// A ticket whose subject, requester or messages contain a word (a `tsquery` term).
    static func textMatch(_ sql: inout SQL, _ term: String) -> String {
        let query = sql.bind(term)
        return """
            (t.search @@ \(query)::tsquery
             OR t.conversation_id IN (SELECT e.conversation_id FROM entries e WHERE e.search @@ \(query)::tsquery))
            """
    }
}
