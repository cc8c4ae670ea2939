import HelpDeskCore
import HelpDeskStore
import Testing

/// How long the customer has waited (`Triage.waitingSince`) and the inbox
/// sorted by it (`InboxSort.waiting`): the customer waits from their first
/// unanswered message until an operator answers or the ticket is resolved.
@Suite struct WaitingConformance {
    @Test(arguments: StoreFactories.all)
    func aCustomerWaitsFromTheirFirstUnansweredMessageUntilAPersonAnswers(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            _ = try await acme.openTicket("Printer", at: .moment(1), body: "it jams")
            _ = try await acme.openTicket("Opened by hand", at: .moment(2))
            // The ticket's first customer message starts the wait; a ticket without one does not wait.
            #expect(try await acme.waitingSince(10001) == .moment(1))
            #expect(try await acme.waitingSince(10002) == nil)

            // More customer words, an AI reply, a note, a change: the wait goes on from the first message.
            try await acme.message(10001, .customer, at: .moment(3))
            try await acme.message(10001, .ai, at: .moment(4))
            try await acme.message(10001, .system, at: .moment(5))
            _ = try await store.addNote(teamID: acme.id, number: 10001, author: ann.ref, body: "hm", now: .moment(6))
            try await acme.patch(10001, by: ann, at: .moment(7), status: .pending, assignee: .some(ann.id))
            #expect(try await acme.waitingSince(10001) == .moment(1))

            // An operator's message ends it; the customer's next message starts a new one.
            try await acme.message(10001, .operator, at: .moment(8), by: ann)
            #expect(try await acme.waitingSince(10001) == nil)
            try await acme.message(10001, .customer, at: .moment(9))
            try await acme.message(10001, .customer, at: .moment(10))
            #expect(try await acme.waitingSince(10001) == .moment(9))

            // Resolving ends it too.
            try await acme.patch(10001, by: ann, at: .moment(11), status: .resolved)
            #expect(try await acme.waitingSince(10001) == nil)
            #expect(try await acme.page(InboxQuery(view: .all, sort: .waiting)) == [10002, 10001])

            // The customer writes again: the ticket reopens and a new wait starts with that message.
            let ticket = try await acme.ticket(10001)
            let wrote = try await store.recordCustomerMessage(
                conversationID: ticket.conversationID, teamID: acme.id, body: "still jams", now: .moment(12))
            #expect(wrote.reopened?.number == 10001)
            #expect(try await acme.waitingSince(10001) == .moment(12))

            // Reopened by an operator with no customer word since the resolve: nobody waits.
            try await acme.patch(10001, by: ann, at: .moment(13), status: .resolved)
            try await acme.patch(10001, by: ann, at: .moment(14), status: .open)
            #expect(try await acme.waitingSince(10001) == nil)
            try await acme.message(10001, .customer, at: .moment(15))
            #expect(try await acme.waitingSince(10001) == .moment(15))

            // A customer message that reaches a resolved ticket without reopening it does not make it
            // wait; an operator who reopens it then finds the customer waiting since that message.
            try await acme.patch(10002, by: ann, at: .moment(16), status: .resolved)
            try await acme.message(10002, .customer, at: .moment(17))
            #expect(try await acme.waitingSince(10002) == nil, "a resolved ticket never waits")
            try await acme.patch(10002, by: ann, at: .moment(18), status: .open)
            #expect(try await acme.waitingSince(10002) == .moment(17))
        }
    }

    /// A ticket opened on a conversation the customer already wrote on (an
    /// escalation after a chat with the AI) waits from the first message no
    /// operator answered.
    @Test(arguments: StoreFactories.all)
    func aTicketOpenedOnAConversationWaitsFromItsFirstUnansweredMessage(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let agent = try await acme.agent()
            let channel = try await acme.webChannel(for: agent)
            let conversation = try await acme.conversation(agent: agent, channel: channel)
            _ = try await store.recordCustomerMessage(
                conversationID: conversation.id, teamID: acme.id, body: "where is my order", now: .moment(2))
            _ = try await store.recordAIMessage(
                conversationID: conversation.id, teamID: acme.id, author: MessageAuthor(kind: .ai, name: "Bot"),
                body: "Let me check.", answered: true, now: .moment(3))
            _ = try await store.recordCustomerMessage(
                conversationID: conversation.id, teamID: acme.id, body: "a person please", now: .moment(4))
            let ticket = try await store.createTicket(
                NewTicket(
                    teamID: acme.id, subject: "Order", requester: conversation.requester, priority: .normal,
                    channel: .web, agent: agent.ref, conversationID: conversation.id),
                now: .moment(5))
            #expect(try await acme.waitingSince(ticket.number) == .moment(2))
        }
    }

    /// Six tickets; the waiting ones first, longest wait first, then the rest
    /// in the view's usual order:
    ///
    /// | number | state    | assignee | waits since | last activity |
    /// |--------|----------|----------|-------------|---------------|
    /// | 10001  | open     | —        | 1           | 10 |
    /// | 10002  | open     | Ann      | 2           | 7  |
    /// | 10003  | open     | —        | 13          | 13 |
    /// | 10004  | open     | Ann      | — (answered at 9) | 9 |
    /// | 10005  | pending  | Ann      | 5           | 12 |
    /// | 10006  | resolved | —        | — (resolved) | 11 |
    @Test(arguments: StoreFactories.all)
    func sortedByWaitingTheLongestWaitComesFirstThenTheRest(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            for index in 1...6 {
                _ = try await acme.openTicket("Ticket \(index)", at: .moment(index), body: index == 3 ? nil : "hi")
            }
            try await acme.pickUp(10002, by: ann, at: .moment(7))
            try await acme.pickUp(10005, by: ann, at: .moment(8))
            try await acme.pickUp(10004, by: ann, at: .moment(8))
            try await acme.message(10004, .operator, at: .moment(9), by: ann)
            try await acme.message(10001, .customer, at: .moment(10))
            try await acme.patch(10006, by: ann, at: .moment(11), status: .resolved)
            try await acme.patch(10005, by: ann, at: .moment(12), status: .pending)
            try await acme.message(10003, .customer, at: .moment(13))

            #expect(try await acme.page(InboxQuery(view: .all)) == [10003, 10001, 10004, 10002, 10005, 10006])
            #expect(
                try await acme.page(InboxQuery(view: .all, sort: .waiting))
                    == [10001, 10002, 10005, 10003, 10004, 10006])
            #expect(try await acme.page(InboxQuery(view: .mine, sort: .waiting), caller: ann) == [10002, 10005, 10004])
            #expect(try await acme.page(InboxQuery(view: .unassigned, sort: .waiting)) == [10001, 10003])
            #expect(try await acme.page(InboxQuery(view: .resolved, sort: .waiting)) == [10006])
            // Filters narrow both parts.
            #expect(
                try await acme.page(InboxQuery(view: .all, status: .open, sort: .waiting))
                    == [10001, 10002, 10003, 10004])
            #expect(try await acme.page(InboxQuery(view: .all, status: .pending, sort: .waiting)) == [10005])
            #expect(try await acme.page(InboxQuery(view: .all, status: .resolved, sort: .waiting)) == [10006])
            #expect(
                try await acme.page(InboxQuery(view: .all, assigneeID: ann.id, sort: .waiting))
                    == [10002, 10005, 10004])
            #expect(try await acme.page(InboxQuery(view: .mine, status: .resolved, sort: .waiting), caller: ann) == [])
            #expect(try await acme.page(InboxQuery(view: .all, text: "ticket", sort: .waiting)).count == 6)

            // Rows say since when, and the sort agrees with them.
            let page = try await store.inbox(
                teamID: acme.id, callerID: ann.id, query: InboxQuery(view: .all, sort: .waiting))
            let waits = page.items.map { page.triage[$0.id]?.waitingSince }
            #expect(waits == [.moment(1), .moment(2), .moment(5), .moment(13), nil, nil])

            // Equal waits: the older ticket first.
            let same = try await (1...3).asyncMap { index in
                try await acme.openTicket("Same \(index)", at: .moment(30), body: "hi")
            }
            let numbers = try await acme.page(InboxQuery(view: .unassigned, sort: .waiting))
            #expect(numbers == [10001, 10003] + same.sorted { $0.id < $1.id }.map(\.number))
        }
    }

    /// Small pages cross from the waiting tickets to the rest without losing
    /// or repeating one, in every view and with filters.
    @Test(arguments: StoreFactories.all)
    func cursorsWalkAcrossBothPartsOfAWaitingSort(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            for index in 1...24 {
                let ticket = try await acme.openTicket(
                    "Lamp \(index)", at: .moment(index), priority: index.isMultiple(of: 2) ? .high : .normal,
                    body: "lamp flickers")
                if index.isMultiple(of: 4) { try await acme.pickUp(ticket.number, by: ann, at: .moment(100 + index)) }
                // A third are answered; equal waits too, so ties are crossed by the cursor.
                if index.isMultiple(of: 3) {
                    try await acme.message(ticket.number, .operator, at: .moment(200 + index), by: ann)
                }
                if index.isMultiple(of: 5) {
                    try await acme.patch(ticket.number, by: ann, at: .moment(300 + index), status: .pending)
                }
                if index.isMultiple(of: 7) {
                    try await acme.patch(ticket.number, by: ann, at: .moment(400 + index), status: .resolved)
                }
                if index > 15 { try await acme.message(ticket.number, .customer, at: .moment(500)) }
            }
            let queries: [(InboxQuery, Member?)] = [
                (InboxQuery(view: .all, sort: .waiting), nil),
                (InboxQuery(view: .unassigned, sort: .waiting), nil),
                (InboxQuery(view: .mine, sort: .waiting), ann),
                (InboxQuery(view: .resolved, sort: .waiting), nil),
                (InboxQuery(view: .all, status: .pending, sort: .waiting), nil),
                (InboxQuery(view: .all, priority: .high, sort: .waiting), nil),
                (InboxQuery(view: .all, text: "lamp", sort: .waiting), nil),
            ]
            for (query, caller) in queries {
                var whole = query
                whole.limit = InboxQuery.maxLimit
                let expected = try await acme.page(whole, caller: caller)
                #expect(!expected.isEmpty)
                for limit in [1, 2, 3, 5] {
                    var paged = query
                    paged.limit = limit
                    #expect(
                        try await acme.walk(paged, caller: caller) == expected,
                        "\(query.view) \(query.status?.rawValue ?? "") limit \(limit)")
                }
            }
            // The whole walk, checked against the rule.
            let all = try await acme.page(InboxQuery(view: .all, sort: .waiting, limit: InboxQuery.maxLimit))
            #expect(all.count == 24)
            let waiting = try await acme.page(InboxQuery(view: .all, sort: .waiting, limit: 12))
            #expect(waiting.prefix(3) == [10001, 10002, 10004])
        }
    }

    /// Keyset pages in a waiting walk: tickets that start waiting meanwhile
    /// join its end of the waiting part; none already there is skipped or repeated.
    @Test(arguments: StoreFactories.all)
    func aWaitingWalkNeverSkipsOrRepeatsWhileTicketsArrive(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            for index in 1...12 {
                let ticket = try await acme.openTicket("Lamp \(index)", at: .moment(index), body: "lamp")
                if index.isMultiple(of: 2) {
                    try await acme.message(ticket.number, .operator, at: .moment(100 + index), by: ann)
                }
            }
            let before = try await acme.page(InboxQuery(view: .all, sort: .waiting, limit: InboxQuery.maxLimit))
            var query = InboxQuery(view: .all, sort: .waiting, limit: 2)
            var walked: [Int] = []
            var clock = 1_000
            for _ in 0..<100 {
                let page = try await store.inbox(teamID: acme.id, callerID: "", query: query)
                walked += page.items.map(\.number)
                guard let cursor = page.nextCursor else { break }
                query.cursor = cursor
                clock += 1
                _ = try await acme.openTicket("Lamp new \(clock)", at: .moment(clock), body: "lamp")
            }
            #expect(Set(walked).count == walked.count, "no ticket twice")
            #expect(walked.filter { before.contains($0) } == before, "every ticket that was there, in order")
        }
    }

    @Test(arguments: StoreFactories.all)
    func aCursorContinuesOnlyTheSortItWasIssuedFor(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            for index in 1...3 { _ = try await acme.openTicket("T\(index)", at: .moment(index), body: "hi") }
            let waiting = try await store.inbox(
                teamID: acme.id, callerID: "", query: InboxQuery(view: .all, sort: .waiting, limit: 1))
            let activity = try await store.inbox(
                teamID: acme.id, callerID: "", query: InboxQuery(view: .all, limit: 1))
            let waitingCursor = try #require(waiting.nextCursor)
            let activityCursor = try #require(activity.nextCursor)
            #expect(waitingCursor.sort == .waiting && activityCursor.sort == .activity)
            for (cursor, sort) in [(waitingCursor, InboxSort.activity), (activityCursor, .waiting)] {
                let error = await helpDeskError {
                    try await store.inbox(
                        teamID: acme.id, callerID: "", query: InboxQuery(view: .all, sort: sort, cursor: cursor))
                }
                #expect(error?.isInvalid == true, "a \(cursor.sort) cursor in a \(sort) walk")
            }
        }
    }
}

extension TeamFixture {
    /// A message on the ticket's conversation, through `addMessage`.
    @discardableResult
    func message(_ number: Int, _ kind: AuthorKind, at now: Timestamp, by member: Member? = nil) async throws
        -> TimelineEntry
    {
        let ticket = try await ticket(number)
        return try await store.addMessage(
            NewMessage(
                teamID: id, conversationID: ticket.conversationID,
                author: MessageAuthor(kind: kind, id: member?.id, name: member?.displayName ?? "Ana"),
                channel: ticket.channel, body: "\(kind.rawValue) at \(now.rfc3339)"),
            now: now)
    }

    /// Since when the ticket's customer has waited, as its inbox row says.
    func waitingSince(_ number: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Timestamp? {
        let ticket = try await ticket(number)
        let page = try await store.inbox(
            teamID: id, callerID: "", query: InboxQuery(view: .all, limit: InboxQuery.maxLimit))
        let triage = try #require(page.triage[ticket.id], sourceLocation: sourceLocation)
        return triage.waitingSince
    }
}

extension HelpDeskError {
    var isInvalid: Bool {
        if case .invalid = self { true } else { false }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
