import Foundation
import GRDB
import HelpDeskCore
import Testing

@testable import HelpDeskStore

/// `tickets.waiting_since`: the migration fills it by the rule, the triggers
/// keep it equal to the rule, and waiting walks use their indexes.
@Suite struct WaitingSinceTests {
    /// Every ticket whose stored wait differs from the rule, as "number: stored ≠ rule".
    static func drift(_ store: SQLiteStore) async throws -> [String] {
        try await store.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT number, waiting_since AS stored,
                        CASE WHEN status_rank < 2 THEN \(SQLiteMigrations.waitStart(of: "tickets")) END AS rule
                    FROM tickets ORDER BY number
                    """
            ).compactMap { row in
                let stored: Int64? = row["stored"]
                let rule: Int64? = row["rule"]
                return stored == rule
                    ? nil
                    : "\(row["number"] as Int): \(stored.map(String.init) ?? "nil") ≠ \(rule.map(String.init) ?? "nil")"
            }
        }
    }

    /// Random work on a few conversations, several tickets each: after every
    /// step, the column the triggers keep equals the rule computed afresh.
    @Test func theTriggersKeepTheColumnEqualToTheRule() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .moment(0))
        let ann = try await store.createMember(
            NewMember(
                teamID: team.id, email: "ann@a.test", passwordHash: "x", role: .operator, displayName: "Ann",
                availability: .online),
            now: .moment(0))
        var random = SplitMix(seed: 7)
        var tickets: [Ticket] = []
        for index in 0..<4 {
            tickets.append(
                try await store.createTicket(
                    NewTicket(
                        teamID: team.id, subject: "T\(index)", requester: Requester(name: "Ana"), priority: .normal,
                        channel: .web, body: index.isMultiple(of: 2) ? "hello" : nil), now: .moment(index)))
        }
        var steps: [String] = []
        for step in 1...300 {
            let now = Timestamp.moment(10 + step)
            let ticket = tickets[Int(random.next() % UInt64(tickets.count))]
            switch random.next() % 9 {
            case 0, 1:
                steps.append("customer on \(ticket.number)")
                _ = try await store.recordCustomerMessage(
                    conversationID: ticket.conversationID, teamID: team.id, body: "hi", now: now)
            case 2:
                steps.append("customer (no reopen) on \(ticket.number)")
                _ = try await store.addMessage(
                    NewMessage(
                        teamID: team.id, conversationID: ticket.conversationID,
                        author: MessageAuthor(kind: .customer, name: "Ana"), channel: .web, body: "hi"), now: now)
            case 3:
                steps.append("operator on \(ticket.number)")
                _ = try await store.addMessage(
                    NewMessage(
                        teamID: team.id, conversationID: ticket.conversationID,
                        author: MessageAuthor(kind: .operator, id: ann.id, name: "Ann"), channel: .web, body: "yes"),
                    now: now)
            case 4:
                steps.append("ai on \(ticket.number)")
                _ = try await store.addMessage(
                    NewMessage(
                        teamID: team.id, conversationID: ticket.conversationID,
                        author: MessageAuthor(kind: .ai, name: "Bot"), channel: .web, body: "beep"), now: now)
            case 5:
                steps.append("resolve \(ticket.number)")
                _ = try await store.updateTicket(
                    teamID: team.id, number: ticket.number,
                    .patch(status: .resolved, priority: nil, assigneeID: nil, subject: nil, actor: ann.ref), now: now)
            case 6:
                let status: TicketStatus = random.next().isMultiple(of: 2) ? .open : .pending
                steps.append("\(status) \(ticket.number)")
                _ = try await store.updateTicket(
                    teamID: team.id, number: ticket.number,
                    .patch(status: status, priority: nil, assigneeID: nil, subject: nil, actor: ann.ref), now: now)
            case 7:
                steps.append("note on \(ticket.number)")
                _ = try await store.addNote(
                    teamID: team.id, number: ticket.number, author: ann.ref, body: "n", now: now)
            default:
                guard tickets.count < 10 else { continue }
                steps.append("new ticket on \(ticket.number)'s conversation")
                tickets.append(
                    try await store.createTicket(
                        NewTicket(
                            teamID: team.id, subject: "More", requester: Requester(name: "Ana"), priority: .normal,
                            channel: .web, conversationID: ticket.conversationID), now: now))
            }
            let drift = try await Self.drift(store)
            #expect(drift.isEmpty, "after \(steps.suffix(5))")
            if !drift.isEmpty { break }
        }
        let waiting = try await store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets WHERE waiting_since IS NOT NULL") ?? 0
        }
        #expect(waiting > 0, "the walk reached waiting tickets")
    }

    /// A database made before v11 gets the column filled by the rule when it migrates.
    @Test func theMigrationFillsTheColumnByTheRule() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("helpdesk.sqlite")
        let queue = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(queue, upTo: "v10: where a web visitor started the chat")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO teams (id, name, plan, created_at) VALUES ('tm_a', 'A', 'pro', 0)")
            // Per conversation: its entries (kind, author or event, at) and its ticket's status.
            let cases: [(entries: [(String, String, Int)], status: TicketStatus, expected: Int?)] = [
                ([("message", "customer", 1), ("message", "ai", 2), ("message", "customer", 3)], .open, 1),
                ([("message", "customer", 1), ("message", "operator", 2)], .open, nil),
                ([("message", "customer", 1), ("message", "operator", 2), ("message", "customer", 3)], .pending, 3),
                ([("message", "customer", 1)], .resolved, nil),
                ([("message", "customer", 1), ("event", "resolved", 2), ("message", "customer", 3)], .open, 3),
                ([("message", "customer", 1), ("event", "resolved", 2), ("event", "reopened", 3)], .open, nil),
                ([("note", "operator", 1), ("message", "system", 2)], .open, nil),
            ]
            for (index, test) in cases.enumerated() {
                let conversation = "cv_\(index)"
                try db.execute(
                    sql: """
                        INSERT INTO conversations (id, team_id, channel, requester_name, created_at, last_message_at)
                        VALUES (?, 'tm_a', 'web', 'Ana', 0, 0)
                        """, arguments: [conversation])
                try db.execute(
                    sql: """
                        INSERT INTO tickets (team_id, number, conversation_id, status, status_rank, priority, subject,
                            requester_name, channel, created_at, last_activity_at)
                        VALUES ('tm_a', ?, ?, ?, ?, 'normal', 'S', 'Ana', 'web', 0, 0)
                        """, arguments: [10001 + index, conversation, test.status.rawValue, test.status.rank])
                let ticketID = db.lastInsertedRowID
                for (kind, who, at) in test.entries {
                    try db.execute(
                        sql: """
                            INSERT INTO entries (team_id, conversation_id, ticket_id, kind, at, author_kind, event)
                            VALUES ('tm_a', ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            conversation, ticketID, kind, Timestamp.moment(at).microseconds,
                            kind == "event" ? nil : who, kind == "event" ? who : nil,
                        ])
                }
            }
        }
        try queue.close()

        let store = try SQLiteStore(directory: directory)
        let stored = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT number, waiting_since FROM tickets ORDER BY number").map {
                ($0[0] as Int, ($0[1] as Int64?).map(Timestamp.init(microseconds:)))
            }
        }
        #expect(stored.map(\.1) == [.moment(1), nil, .moment(3), nil, .moment(3), nil, nil])
        #expect(try await Self.drift(store).isEmpty)
        // And the inbox reads it.
        let page = try await store.inbox(teamID: "tm_a", callerID: "", query: InboxQuery(view: .all, sort: .waiting))
        #expect(page.items.map(\.number).prefix(3) == [10001, 10003, 10005])
    }

    /// Each statement of a waiting walk walks an index in its order: no sort step.
    @Test(arguments: InboxView.allCases)
    func waitingWalksUseTheirIndexesWithoutSorting(view: InboxView) async throws {
        let store = try SQLiteStoreTests.makeStore()
        let cursors: [InboxCursor?] = [
            nil, InboxCursor(sort: .waiting, position: .waiting(since: 5, id: 3)),
            InboxCursor(sort: .waiting, position: .activity(statusRank: 0, lastActivity: 1, id: 1)),
            InboxCursor(sort: .waiting, position: .activity(statusRank: 1, lastActivity: 1, id: 1)),
        ]
        var queries: [InboxQuery] = []
        for cursor in cursors {
            queries.append(InboxQuery(view: view, sort: .waiting, cursor: cursor))
            queries.append(InboxQuery(view: view, priority: .high, channel: .web, sort: .waiting, cursor: cursor))
            queries.append(InboxQuery(view: view, status: .pending, sort: .waiting, cursor: cursor))
        }
        let waitingIndex = view == .mine || view == .unassigned ? "tickets_waiting_by_assignee" : "tickets_waiting"
        let restIndex =
            view == .mine || view == .unassigned ? "tickets_answered_by_assignee" : "tickets_answered_by_status"
        for query in queries {
            let statements = SQLiteStore.inboxStatements(teamID: "tm_x", callerID: "mb_x", query: query)
            if view != .resolved { #expect(!statements.isEmpty) }
            for statement in statements {
                var bound = statement.arguments
                _ = bound.append(contentsOf: [51])
                let arguments = bound
                let plan = try await store.pool.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(statement.sql)", arguments: arguments)
                        .map { $0["detail"] as String }.joined(separator: " | ")
                }
                let resolvedRange = !statement.sql.contains("t.waiting_since IS")
                let index = statement.part == .waiting ? waitingIndex : resolvedRange ? "tickets_by_status" : restIndex
                #expect(plan.contains("SEARCH t USING INDEX \(index)"), "\(plan)")
                #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
            }
        }
    }
}

/// A small deterministic random source, so a failing walk can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The due walk's statements, like the waiting walk's: each walks an index in its order.
@Suite struct DueWalkPlanTests {
    @Test(arguments: InboxView.allCases)
    func dueWalksUseTheirIndexesWithoutSorting(view: InboxView) async throws {
        let store = try SQLiteStoreTests.makeStore()
        let cursors: [InboxCursor?] = [
            nil, InboxCursor(sort: .due, position: .due(at: 5, id: 3)),
            InboxCursor(sort: .due, position: .activity(statusRank: 0, lastActivity: 1, id: 1)),
        ]
        var queries: [InboxQuery] = []
        for cursor in cursors {
            queries.append(InboxQuery(view: view, sort: .due, cursor: cursor))
            queries.append(InboxQuery(view: view, priority: .high, channel: .web, sort: .due, cursor: cursor))
            var breached = InboxQuery(view: view, sort: .due, cursor: cursor)
            breached.slaBreached = true
            queries.append(breached)
        }
        let byAssignee = view == .mine || view == .unassigned
        for query in queries {
            for statement in SQLiteStore.inboxStatements(teamID: "tm_x", callerID: "mb_x", query: query) {
                var bound = statement.arguments
                _ = bound.append(contentsOf: [51])
                let arguments = bound
                let plan = try await store.pool.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(statement.sql)", arguments: arguments)
                        .map { $0["detail"] as String }.joined(separator: " | ")
                }
                let index =
                    statement.part == .due
                    ? (byAssignee ? "tickets_by_assignee_due" : "tickets_by_due")
                    : (byAssignee ? "tickets_unresolved_by_assignee" : "tickets_by_status")
                #expect(plan.contains("SEARCH t USING INDEX \(index)"), "\(plan)")
                #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
            }
        }
    }
}
