import HelpDeskCore
import HelpDeskStore
import Testing

/// The inbox views, their order, filters, text search and keyset cursors
/// (spec §6; `InboxQuery`): each view sorted by last activity, newest first,
/// ties by id; `all` groups open, pending, resolved in that order.
@Suite struct InboxConformance {
    /// Seven tickets in every state, with known last-activity times:
    ///
    /// | number | state    | assignee | last activity |
    /// |--------|----------|----------|---------------|
    /// | 10001  | open     | —        | 17 (a customer message) |
    /// | 10002  | open     | Ann      | 10 |
    /// | 10003  | resolved | —        | 13 |
    /// | 10004  | pending  | —        | 14 |
    /// | 10005  | pending  | Ann      | 15 |
    /// | 10006  | open     | Ben      | 12 |
    /// | 10007  | resolved | —        | 16 |
    @Test(arguments: StoreFactories.all)
    func everyViewHoldsItsTicketsNewestActivityFirst(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            let ben = try await acme.member("Ben", .online)
            let olga = try await acme.member("Olga", .online, role: .owner)
            for index in 1...7 { _ = try await acme.openTicket("Ticket \(index)", at: .moment(index), body: "hello") }
            try await acme.patch(10002, by: olga, at: .moment(10), assignee: .some(ann.id))
            try await acme.patch(10005, by: olga, at: .moment(11), assignee: .some(ann.id))
            try await acme.patch(10006, by: olga, at: .moment(12), assignee: .some(ben.id))
            try await acme.patch(10003, by: olga, at: .moment(13), status: .resolved)
            try await acme.patch(10004, by: olga, at: .moment(14), status: .pending)
            try await acme.patch(10005, by: olga, at: .moment(15), status: .pending)
            try await acme.patch(10007, by: olga, at: .moment(16), status: .resolved)
            // A customer message is activity too: it moves 10001 to the top.
            let first = try await acme.ticket(10001)
            _ = try await store.addMessage(
                NewMessage(
                    teamID: acme.id, conversationID: first.conversationID,
                    author: MessageAuthor(kind: .customer, name: "Ana"), channel: .web, body: "anyone?"),
                now: .moment(17))
            #expect(try await acme.ticket(10001).lastActivityAt == .moment(17))

            #expect(try await acme.page(InboxQuery(view: .all)) == [10001, 10006, 10002, 10005, 10004, 10007, 10003])
            #expect(try await acme.page(InboxQuery(view: .mine), caller: ann) == [10005, 10002])
            #expect(try await acme.page(InboxQuery(view: .mine), caller: ben) == [10006])
            #expect(try await acme.page(InboxQuery(view: .mine), caller: olga) == [])
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10001, 10004])
            #expect(try await acme.page(InboxQuery(view: .resolved)) == [10007, 10003])

            // The status filter narrows a view and never widens it.
            #expect(try await acme.page(InboxQuery(view: .all, status: .pending)) == [10005, 10004])
            #expect(try await acme.page(InboxQuery(view: .all, status: .resolved)) == [10007, 10003])
            #expect(try await acme.page(InboxQuery(view: .unassigned, status: .open)) == [10001])
            #expect(try await acme.page(InboxQuery(view: .mine, status: .pending), caller: ann) == [10005])
            #expect(try await acme.page(InboxQuery(view: .mine, status: .resolved), caller: ann) == [])
            #expect(try await acme.page(InboxQuery(view: .unassigned, status: .resolved)) == [])
            #expect(try await acme.page(InboxQuery(view: .resolved, status: .open)) == [])

            // Rows carry what the inbox shows.
            let row = try #require(
                try await store.inbox(teamID: acme.id, callerID: ann.id, query: InboxQuery(view: .mine)).items.first)
            #expect(row.number == 10005 && row.status == .pending && row.assignee == ann.ref)
            #expect(row.subject == "Ticket 5" && row.requester.name == "Ana" && row.lastActivityAt == .moment(15))

            // Counts for the tabs agree with the views, and stop at the cap.
            let counts = try await store.ticketCounts(teamID: acme.id, memberID: ann.id, cap: 100)
            #expect(counts.asList == [2, 2, 5, 2])
            let capped = try await store.ticketCounts(teamID: acme.id, memberID: ann.id, cap: 3)
            #expect(capped.asList == [2, 2, 3, 2])
        }
    }

    @Test(arguments: StoreFactories.all)
    func equalActivityIsOrderedByIdNewestFirst(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            var tickets: [Ticket] = []
            for index in 0..<4 { tickets.append(try await acme.openTicket("Same moment \(index)", at: .moment(5))) }
            let expected = tickets.sorted { $0.id > $1.id }.map(\.number)
            #expect(try await acme.page(InboxQuery(view: .all)) == expected)
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == expected)
            // The cursor breaks the tie the same way: one ticket per page, none lost.
            #expect(try await acme.walk(InboxQuery(view: .all, limit: 1)) == expected)
            #expect(try await acme.walk(InboxQuery(view: .unassigned, limit: 1)) == expected)
        }
    }

    @Test(arguments: StoreFactories.all)
    func filtersNarrowEveryViewAndKeepItsOrder(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            let ben = try await acme.member("Ben", .online)
            let helper = try await acme.agent("Helper")
            let sales = try await acme.agent("Sales")
            struct Spec {
                var priority: Priority
                var channel: Channel
                var agent: Agent?
                var assignee: Member?
                var status: TicketStatus
            }
            let specs: [Int: Spec] = [
                10001: Spec(priority: .low, channel: .web, agent: helper, assignee: nil, status: .open),
                10002: Spec(priority: .high, channel: .email, agent: helper, assignee: ann, status: .open),
                10003: Spec(priority: .high, channel: .web, agent: sales, assignee: ben, status: .pending),
                10004: Spec(priority: .urgent, channel: .telegram, agent: nil, assignee: nil, status: .open),
                10005: Spec(priority: .high, channel: .web, agent: helper, assignee: ann, status: .resolved),
                10006: Spec(priority: .normal, channel: .whatsapp, agent: sales, assignee: nil, status: .pending),
                10007: Spec(priority: .high, channel: .web, agent: helper, assignee: nil, status: .resolved),
            ]
            for number in specs.keys.sorted() {
                let spec = specs[number]!
                let ticket = try await acme.openTicket(
                    "Ticket \(number)", at: .moment(number - 10000), priority: spec.priority, channel: spec.channel,
                    agent: spec.agent)
                #expect(ticket.number == number)
                if let assignee = spec.assignee {
                    try await acme.patch(
                        number, by: assignee, at: .moment(20 + number - 10000), assignee: .some(assignee.id))
                }
                if spec.status != .open {
                    try await acme.patch(number, by: ann, at: .moment(40 + number - 10000), status: spec.status)
                }
            }
            let unfiltered: [InboxView: [Int]] = [
                .all: try await acme.page(InboxQuery(view: .all)),
                .mine: try await acme.page(InboxQuery(view: .mine), caller: ann),
                .unassigned: try await acme.page(InboxQuery(view: .unassigned)),
                .resolved: try await acme.page(InboxQuery(view: .resolved)),
            ]
            #expect(unfiltered[.all]?.count == 7)
            #expect(Set(unfiltered[.mine] ?? []) == [10002])
            #expect(Set(unfiltered[.unassigned] ?? []) == [10001, 10004, 10006])
            #expect(Set(unfiltered[.resolved] ?? []) == [10005, 10007])

            let filters: [(String, (inout InboxQuery) -> Void, (Spec) -> Bool)] = [
                ("priority high", { $0.priority = .high }, { $0.priority == .high }),
                ("channel web", { $0.channel = .web }, { $0.channel == .web }),
                ("channel telegram", { $0.channel = .telegram }, { $0.channel == .telegram }),
                ("agent Helper", { $0.agentID = helper.id }, { $0.agent?.id == helper.id }),
                ("agent Sales", { $0.agentID = sales.id }, { $0.agent?.id == sales.id }),
                ("assignee Ann", { $0.assigneeID = ann.id }, { $0.assignee?.id == ann.id }),
                ("assignee Ben", { $0.assigneeID = ben.id }, { $0.assignee?.id == ben.id }),
                ("status pending", { $0.status = .pending }, { $0.status == .pending }),
                (
                    "high on the web by Helper",
                    {
                        $0.priority = .high
                        $0.channel = .web
                        $0.agentID = helper.id
                    },
                    { $0.priority == .high && $0.channel == .web && $0.agent?.id == helper.id }
                ),
                ("unknown agent", { $0.agentID = "ag_nobody" }, { _ in false }),
            ]
            for (name, apply, matches) in filters {
                for view in InboxView.allCases {
                    var query = InboxQuery(view: view)
                    apply(&query)
                    let expected = (unfiltered[view] ?? []).filter { matches(specs[$0]!) }
                    let got = try await acme.page(query, caller: ann)
                    #expect(got == expected, "\(name) in \(view)")
                }
            }
        }
    }

    @Test(arguments: StoreFactories.all)
    func textSearchFindsSubjectRequesterAndMessageWords(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let other = try await TeamFixture.make(store, name: "Other", assignment: .manual)
            let olga = try await acme.member("Olga", .online, role: .owner)
            _ = try await acme.openTicket(
                "Printer on fire", at: .moment(1),
                requester: Requester(name: "Ana Lima", email: "ana@example.com"), body: "the smoke alarm went off")
            _ = try await acme.openTicket(
                "Invoice wrong", at: .moment(2), requester: Requester(name: "Bruno", email: "bruno@shop.test"),
                body: "charged twice for order 4821")
            let third = try await acme.openTicket("Password reset", at: .moment(3), requester: Requester(name: "Carla"))
            _ = try await acme.openTicket("Printer cartridge", at: .moment(4), requester: Requester(name: "Dora"))
            try await acme.patch(10004, by: olga, at: .moment(5), status: .resolved)
            // A message added later is searchable too.
            _ = try await store.addMessage(
                NewMessage(
                    teamID: acme.id, conversationID: third.conversationID,
                    author: MessageAuthor(kind: .customer, name: "Carla"), channel: .web, body: "and my printer jams"),
                now: .moment(6))
            _ = try await other.openTicket("Printer jams at Other", at: .moment(7), body: "smoke and invoice")

            func search(_ text: String, _ view: InboxView = .all) async throws -> [Int] {
                try await acme.page(InboxQuery(view: view, text: text))
            }
            #expect(try await search("printer") == [10003, 10001, 10004])  // all-view order: open first, then resolved
            #expect(try await search("PRINTER") == [10003, 10001, 10004])
            #expect(try await search("printer", .unassigned) == [10003, 10001])
            #expect(try await search("printer", .resolved) == [10004])
            #expect(try await search("smoke") == [10001])  // the first message
            #expect(try await search("jams") == [10003])  // a later message
            #expect(try await search("4821") == [10002])
            #expect(try await search("bruno") == [10002])  // requester name
            #expect(try await search("bruno@shop.test") == [10002])  // requester email
            #expect(try await search("Lima") == [10001])
            #expect(try await search("printer fire") == [10001])  // every word must match
            #expect(try await search("printer invoice") == [])
            #expect(try await search("zyzzyva") == [])
            // Another team's words never surface here, and the other way round.
            #expect(try await other.page(InboxQuery(view: .all, text: "printer")) == [10001])
            #expect(try await other.page(InboxQuery(view: .all, text: "password")) == [])
            // Search pages like any view.
            #expect(try await acme.walk(InboxQuery(view: .all, text: "printer", limit: 1)) == [10003, 10001, 10004])
        }
    }

    /// Keyset pagination: tickets added between pages (newer than the walk's
    /// position) never shift a page, so no ticket is skipped or repeated.
    @Test(arguments: StoreFactories.all)
    func aCursorWalkNeverSkipsOrRepeatsWhileTicketsAreAdded(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            for index in 1...20 {
                let ticket = try await acme.openTicket("Lamp \(index)", at: .moment(index), body: "lamp flickers")
                if index.isMultiple(of: 4) { try await acme.pickUp(ticket.number, by: ann, at: .moment(100 + index)) }
                if index.isMultiple(of: 3) {
                    try await acme.patch(ticket.number, by: ann, at: .moment(200 + index), status: .pending)
                }
                if index.isMultiple(of: 5) {
                    try await acme.patch(ticket.number, by: ann, at: .moment(300 + index), status: .resolved)
                }
            }
            var clock = 1_000
            let queries: [(InboxQuery, Member?)] = [
                (InboxQuery(view: .all, limit: 3), nil),
                (InboxQuery(view: .unassigned, limit: 3), nil),
                (InboxQuery(view: .mine, limit: 2), ann),
                (InboxQuery(view: .resolved, limit: 1), nil),
                (InboxQuery(view: .all, text: "lamp", limit: 4), nil),
                (InboxQuery(view: .all, priority: .normal, limit: 5), nil),
            ]
            for (start, caller) in queries {
                let snapshot = try await acme.page(
                    {
                        var q = start
                        q.limit = 200
                        return q
                    }(), caller: caller)
                #expect(!snapshot.isEmpty)
                var query = start
                var walked: [Int] = []
                for pageCount in 0... {
                    guard pageCount < 100 else {
                        Issue.record("the walk did not end: \(start.view)")
                        break
                    }
                    let page = try await store.inbox(teamID: acme.id, callerID: caller?.id ?? "", query: query)
                    walked += page.items.map(\.number)
                    guard let cursor = page.nextCursor else { break }
                    query.cursor = cursor
                    // Meanwhile, two new tickets arrive in the same view.
                    for _ in 0..<2 {
                        clock += 1
                        let new = try await acme.openTicket("Lamp new \(clock)", at: .moment(clock), body: "lamp")
                        if start.view == .mine { try await acme.pickUp(new.number, by: ann, at: .moment(clock)) }
                        if start.view == .resolved {
                            try await acme.patch(new.number, by: ann, at: .moment(clock), status: .resolved)
                        }
                    }
                }
                #expect(walked == snapshot, "\(start.view) \(start.text ?? "")")
                #expect(Set(walked).count == walked.count, "no ticket twice")
            }
        }
    }
}
