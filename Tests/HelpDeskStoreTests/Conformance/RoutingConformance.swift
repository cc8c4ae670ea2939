import HelpDeskCore
import HelpDeskStore
import Testing

/// Routing of new tickets by the team's assignment method (spec §7), as the
/// store applies it in the transaction that creates the ticket.
@Suite struct RoutingConformance {
    /// The `assigned` events the routing wrote on a ticket.
    static func assignedEvents(_ fixture: TeamFixture, _ number: Int) async throws -> [TicketEvent] {
        try await fixture.events(number).filter { $0.kind == .assigned }
    }

    @Test(arguments: StoreFactories.all)
    func balancedGoesToFewestUnresolvedThenLeastRecentlyAssigned(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            let ben = try await acme.member("Ben", .online)
            let cid = try await acme.member("Cid", .online)
            _ = try await acme.member("Dee", .away)
            _ = try await acme.member("Eve", .busy)
            _ = try await acme.member("Fay", .offline)
            // Before balanced: Ann holds two tickets, Ben one (assigned after Ann's).
            for index in 1...3 { _ = try await acme.openTicket("Earlier \(index)", at: .moment(index)) }
            try await acme.pickUp(10001, by: ann, at: .moment(10))
            try await acme.pickUp(10002, by: ann, at: .moment(11))
            try await acme.pickUp(10003, by: ben, at: .moment(12))
            // A resolved ticket does not count against its assignee.
            _ = try await acme.openTicket("Done", at: .moment(13))
            try await acme.pickUp(10004, by: cid, at: .moment(14))
            try await acme.patch(10004, by: cid, at: .moment(15), status: .resolved)
            try await acme.setAssignment(.balanced)

            var winners: [String] = []
            for index in 0..<4 {
                let ticket = try await acme.openTicket("Routed \(index)", at: .moment(20 + index))
                winners.append(ticket.assignee?.displayName ?? "nobody")
            }
            // Cid has 0 → Cid; Ben and Cid tie at 1, Ben was assigned less recently → Ben;
            // Cid alone at 1 → Cid; all at 2, Ann was assigned least recently → Ann.
            #expect(winners == ["Cid", "Ben", "Cid", "Ann"])
            let summaries = try await store.members(teamID: acme.id)
            let open = Dictionary(uniqueKeysWithValues: summaries.map { ($0.member.displayName, $0.openTickets) })
            #expect(open == ["Ann": 3, "Ben": 2, "Cid": 2, "Dee": 0, "Eve": 0, "Fay": 0])

            // The assigned event names who got it and why.
            let events = try await Self.assignedEvents(acme, 10005)
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.to == "Cid")
            #expect(event.actor == nil, "routing is the system, not a member")
            #expect(event.detail?.contains("balanced") == true, "\(event.detail ?? "no detail")")
        }
    }

    @Test(arguments: StoreFactories.all)
    func pendingTicketsCountAsUnresolvedUnderBalanced(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            _ = try await acme.member("Ben", .online)
            _ = try await acme.openTicket("Waiting on the customer", at: .moment(1))
            try await acme.pickUp(10001, by: ann, at: .moment(2))
            try await acme.patch(10001, by: ann, at: .moment(3), status: .pending)
            try await acme.setAssignment(.balanced)
            #expect(try await acme.openTicket("New", at: .moment(4)).assignee?.displayName == "Ben")
        }
    }

    @Test(arguments: StoreFactories.all)
    func roundRobinAdvancesSkipsWhoIsNotOnlineAndWraps(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .roundRobin)
            _ = try await acme.member("Ann", .online)
            let ben = try await acme.member("Ben", .away)
            _ = try await acme.member("Cid", .online)
            _ = try await acme.member("Dee", .online)
            _ = try await acme.member("Eve", .offline)
            var order: [String] = []
            for index in 0..<5 {
                order.append(
                    try await acme.openTicket("RR \(index)", at: .moment(index)).assignee?.displayName ?? "nobody")
            }
            #expect(order == ["Ann", "Cid", "Dee", "Ann", "Cid"])
            // Ben comes back (nothing is waiting, so nothing moves); the rotation goes on after Cid.
            try await acme.setAvailability(ben, .online, at: .moment(10))
            order = []
            for index in 0..<4 {
                order.append(
                    try await acme.openTicket("RR more \(index)", at: .moment(20 + index)).assignee?.displayName
                        ?? "nobody")
            }
            #expect(order == ["Dee", "Ann", "Ben", "Cid"])
            let event = try #require(try await Self.assignedEvents(acme, 10001).first)
            #expect(event.to == "Ann")
            #expect(event.detail?.contains("round robin") == true, "\(event.detail ?? "no detail")")
        }
    }

    @Test(arguments: StoreFactories.all)
    func roundRobinNeverSkipsOrRepeatsUnderConcurrency(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .roundRobin)
            for name in ["Ann", "Ben", "Cid"] { _ = try await acme.member(name, .online) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask { _ = try await acme.openTicket("Burst \(index)", at: .moment(index)) }
                }
                try await group.waitForAll()
            }
            let open = try await store.members(teamID: acme.id).map(\.openTickets)
            #expect(open == [10, 10, 10])
        }
    }

    @Test(arguments: StoreFactories.all)
    func manualLeavesNewTicketsUnassignedWithoutAnAssignmentEvent(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            _ = try await acme.member("Ann", .online)
            let ticket = try await acme.openTicket("For pick-up", at: .moment(1))
            #expect(ticket.assignee == nil)
            #expect(try await acme.ticket(ticket.number).assignee == nil)
            let events = try await acme.events(ticket.number)
            #expect(events.map(\.kind) == [.created])
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [ticket.number])
        }
    }

    @Test(
        arguments: [AssignmentMethod.balanced, .roundRobin].flatMap { method in
            StoreFactories.all.map { (method, $0) }
        })
    func withNobodyOnlineTheTicketWaitsAndTheTimelineSaysSo(_ method: AssignmentMethod, _ factory: StoreFactory)
        async throws
    {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: method)
            _ = try await acme.member("Ann", .away)
            _ = try await acme.member("Ben", .busy)
            _ = try await acme.member("Cid", .offline)
            let ticket = try await acme.openTicket("Nobody here", at: .moment(1))
            #expect(ticket.assignee == nil)
            let events = try await acme.events(ticket.number)
            #expect(!events.contains { $0.kind == .assigned })
            #expect(
                events.contains { $0.kind != .created && $0.detail?.contains("nobody online") == true },
                "\(events)")
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [ticket.number])
        }
    }

    @Test(arguments: StoreFactories.all)
    func concurrentBalancedRoutingKeepsEveryoneWithinOne(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .balanced)
            for name in ["Ann", "Ben", "Cid"] { _ = try await acme.member(name, .online) }
            _ = try await acme.member("Dee", .away)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<31 {
                    group.addTask { _ = try await acme.openTicket("Burst \(index)", at: .moment(index)) }
                }
                try await group.waitForAll()
            }
            let summaries = try await store.members(teamID: acme.id)
            let open = Dictionary(uniqueKeysWithValues: summaries.map { ($0.member.displayName, $0.openTickets) })
            let online = ["Ann", "Ben", "Cid"].map { open[$0] ?? -1 }
            #expect(online.reduce(0, +) == 31)
            #expect(online.max()! - online.min()! <= 1)
            #expect(open["Dee"] == 0)
        }
    }
}
