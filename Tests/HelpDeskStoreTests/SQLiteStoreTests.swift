import Foundation
import GRDB
import HelpDeskCore
import Testing

@testable import HelpDeskStore

/// Store-level rules that hold whatever calls the store.
@Suite struct SQLiteStoreTests {
    static func makeStore() throws -> SQLiteStore {
        try SQLiteStore(directory: NSTemporaryDirectory() + "helpdesk-store-" + UUID().uuidString)
    }

    static func newTicket(_ teamID: String, _ subject: String) -> NewTicket {
        NewTicket(
            teamID: teamID, subject: subject, requester: Requester(name: "Ana"), priority: .normal, channel: .web,
            body: "hello")
    }

    @Test func numbersArePerTeamFrom10001() async throws {
        let store = try Self.makeStore()
        let a = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let b = try await store.createTeam(name: "B", plan: .pro, now: .now())
        var numbers: [String: [Int]] = [:]
        for index in 0..<6 {
            let team = index.isMultiple(of: 2) ? a : b
            let ticket = try await store.createTicket(Self.newTicket(team.id, "T\(index)"), now: .now())
            numbers[team.id, default: []].append(ticket.number)
        }
        #expect(numbers[a.id] == [10001, 10002, 10003])
        #expect(numbers[b.id] == [10001, 10002, 10003])
    }

    @Test func openTicketCountsFollowEveryAssignmentAndStatusChange() async throws {
        let store = try Self.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        _ = try await store.updateSettings(teamID: team.id, TeamSettings(assignment: .manual))
        var members: [Member] = []
        for name in ["Ann", "Ben", "Cid"] {
            members.append(
                try await store.createMember(
                    NewMember(
                        teamID: team.id, email: "\(name)@a.test", passwordHash: "x", role: .operator, displayName: name),
                    now: .now()))
        }
        var generator = SystemRandomNumberGenerator()
        var numbers: [Int] = []
        for index in 0..<30 {
            numbers.append(try await store.createTicket(Self.newTicket(team.id, "T\(index)"), now: .now()).number)
        }
        for _ in 0..<300 {
            let number = numbers.randomElement(using: &generator)!
            let actor = members[0].ref
            let change: TicketUpdate
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                change = .patch(
                    status: nil, priority: nil, assigneeID: .some(members.randomElement(using: &generator)!.id),
                    subject: nil, actor: actor)
            case 1: change = .patch(status: nil, priority: nil, assigneeID: .some(nil), subject: nil, actor: actor)
            case 2:
                change = .patch(
                    status: TicketStatus.allCases.randomElement(using: &generator)!, priority: nil, assigneeID: nil,
                    subject: nil, actor: actor)
            default: change = .pickUp(members.randomElement(using: &generator)!.ref)
            }
            _ = try? await store.updateTicket(teamID: team.id, number: number, change, now: .now())
        }
        // The counter kept by triggers equals the count derived from the tickets.
        let derived = try await store.pool.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.id, m.open_tickets,
                            (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = m.id AND t.status_rank < 2) AS derived
                        FROM members m
                        """
                ).map { row -> (String, [Int]) in (row["id"], [row["open_tickets"], row["derived"]]) })
        }
        for (_, pair) in derived { #expect(pair[0] == pair[1]) }
        let summaries = try await store.members(teamID: team.id)
        let listed: Int = summaries.map(\.openTickets).reduce(0, +)
        let counted: Int = derived.values.map { $0[1] }.reduce(0, +)
        #expect(listed == counted)
        #expect(counted > 0)
    }

    @Test(arguments: InboxView.allCases)
    func inboxQueriesWalkTheirIndexWithoutSorting(view: InboxView) async throws {
        let store = try Self.makeStore()
        let cursor = InboxCursor(statusRank: 0, lastActivity: 1, id: 1)
        let queries = [
            InboxQuery(view: view), InboxQuery(view: view, cursor: cursor),
            InboxQuery(view: view, priority: .high, channel: .web),
            // A tag on many tickets: the walk tests each row against the tag's index.
            InboxQuery(view: view, tag: "vip"),
        ]
        let expectedIndex =
            view == .mine || view == .unassigned ? "tickets_unresolved_by_assignee" : "tickets_by_status"
        for query in queries {
            let statements = SQLiteStore.inboxStatements(teamID: "tm_x", callerID: "mb_x", query: query)
            #expect(!statements.isEmpty)
            for statement in statements {
                var bound = statement.arguments
                _ = bound.append(contentsOf: [51])
                let arguments = bound
                let plan = try await store.pool.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(statement.sql)", arguments: arguments)
                        .map { $0["detail"] as String }.joined(separator: " | ")
                }
                #expect(plan.contains("SEARCH t USING INDEX \(expectedIndex)"), "\(plan)")
                #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
            }
        }
    }
}

@Suite struct SearchPathTests {
    /// Rare words are looked up by id, common ones walk the index; both must
    /// give the same pages in the same order.
    @Test func theRareWordPathAndTheIndexWalkAgree() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let other = try await store.createTeam(name: "B", plan: .pro, now: .now())
        for index in 0..<40 {
            let words = index % 3 == 0 ? "printer jam" : "printer"
            _ = try await store.createTicket(
                NewTicket(
                    teamID: team.id, subject: "Ticket \(index) \(words)", requester: Requester(name: "Ana"),
                    priority: .normal, channel: .web, body: index % 5 == 0 ? "the toner smells" : "hello"), now: .now())
            _ = try await store.createTicket(
                NewTicket(
                    teamID: other.id, subject: "printer jam toner", requester: Requester(name: "X"), priority: .normal,
                    channel: .web),
                now: .now())
        }
        for text in ["printer", "jam", "toner", "printer jam", "jam toner", "nothing"] {
            for view in [InboxView.all, .unassigned] {
                var byID: [Int] = []
                var walked: [Int] = []
                for (limit, into) in [(5_000, 0), (0, 1)] {
                    var query = InboxQuery(view: view, text: text, limit: 7)
                    var numbers: [Int] = []
                    while true {
                        let current = query
                        let page = try await store.pool.read { db in
                            try SQLiteStore.inbox(
                                db, teamID: team.id, callerID: "", query: current, candidateLimit: limit)
                        }
                        numbers += page.items.map(\.number)
                        guard let cursor = page.nextCursor else { break }
                        query.cursor = cursor
                    }
                    if into == 0 { byID = numbers } else { walked = numbers }
                }
                #expect(byID == walked, "\(text) \(view)")
            }
        }
        let jam = try await store.inbox(
            teamID: team.id, callerID: "", query: InboxQuery(view: .all, text: "jam", limit: 200))
        #expect(jam.items.count == 14)
    }

    /// A tag on few tickets is looked up by id, one on many walks the index: the same pages either way.
    @Test func theFewTaggedPathAndTheIndexWalkAgree() async throws {
        let store = try SQLiteStoreTests.makeStore()
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let actor = MemberRef(id: "mb_nobody", displayName: "Nobody")
        for index in 0..<30 {
            let ticket = try await store.createTicket(
                NewTicket(
                    teamID: team.id, subject: "Ticket \(index) printer", requester: Requester(name: "Ana"),
                    priority: .normal, channel: .web),
                now: .moment(index))
            if index % 3 == 0 {
                _ = try await store.tagTicket(
                    teamID: team.id, number: ticket.number, name: "vip", actor: actor, now: .moment(100))
            }
            if index % 4 == 0 {
                _ = try await store.updateTicket(
                    teamID: team.id, number: ticket.number,
                    .patch(status: .resolved, priority: nil, assigneeID: nil, subject: nil, actor: actor),
                    now: .moment(200 + index))
            }
        }
        for query in [
            InboxQuery(view: .all, tag: "vip", limit: 4), InboxQuery(view: .resolved, tag: "vip", limit: 2),
            InboxQuery(view: .all, text: "printer", tag: "vip", limit: 3),
            InboxQuery(view: .all, tag: "vip", sort: .waiting, limit: 4),
        ] {
            var pages: [[Int]] = []
            for limit in [5_000, 0] {
                var query = query
                var numbers: [Int] = []
                while true {
                    let current = query
                    let page = try await store.pool.read { db in
                        try SQLiteStore.inbox(db, teamID: team.id, callerID: "", query: current, candidateLimit: limit)
                    }
                    numbers += page.items.map(\.number)
                    guard let cursor = page.nextCursor else { break }
                    query.cursor = cursor
                }
                pages.append(numbers)
            }
            #expect(pages[0] == pages[1], "\(query)")
            #expect(pages[0].count == (query.view == .resolved ? 3 : 10), "\(query)")
        }
    }
}
