import HelpDeskCore
import HelpDeskStore
import Testing

/// Backfill (`Backfill`): when a member becomes available — comes online, or
/// frees a slot by resolving under balanced — the oldest waiting unassigned
/// tickets are offered to them, in the same change.
@Suite struct BackfillConformance {
    @Test(arguments: StoreFactories.all)
    func comingOnlineUnderBalancedTakesTheOldestWaitingUntilCaughtUp(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let olga = try await acme.member("Olga", .offline, role: .owner)
            let ann = try await acme.member("Ann", .online)
            let ben = try await acme.member("Ben", .offline)
            _ = try await acme.openTicket("Old but resolved", at: .moment(1))
            try await acme.patch(10001, by: olga, at: .moment(2), status: .resolved)
            for index in 2...7 { _ = try await acme.openTicket("Ticket \(index)", at: .moment(index + 1)) }
            try await acme.pickUp(10002, by: ann, at: .moment(10))
            try await acme.pickUp(10003, by: ann, at: .moment(11))
            try await acme.setAssignment(.balanced)
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10007, 10006, 10005, 10004])

            // Ben (0) takes the oldest waiting until he has as many as Ann (2), and no more.
            try await acme.setAvailability(ben, .online, at: .moment(20))
            #expect(try await acme.page(InboxQuery(view: .mine), caller: ben) == [10005, 10004])
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10007, 10006])
            #expect(try await acme.ticket(10001).assignee == nil, "a resolved ticket is not waiting")
            let event = try #require(try await acme.events(10004).last { $0.kind == .assigned })
            #expect(event.to == "Ben")
            #expect(event.actor == nil)
            #expect(event.detail?.contains("backfill") == true, "\(event.detail ?? "no detail")")

            // Going away and back while level takes nothing: Ann was assigned less recently.
            try await acme.setAvailability(ben, .away, at: .moment(21))
            try await acme.setAvailability(ben, .online, at: .moment(22))
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10007, 10006])
            // Saying "online" while already online is not coming online.
            try await acme.setAvailability(ann, .online, at: .moment(23))
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10007, 10006])
            // Another change (away → busy) is not coming online either.
            try await acme.setAvailability(ann, .away, at: .moment(24))
            try await acme.setAvailability(ann, .busy, at: .moment(25))
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10007, 10006])
        }
    }

    @Test(arguments: StoreFactories.all)
    func comingOnlineUnderRoundRobinTakesOneAndTheRotationContinuesAfterThem(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            _ = try await acme.member("Ann", .online)
            let ben = try await acme.member("Ben", .offline)
            _ = try await acme.member("Cid", .online)
            for index in 1...3 { _ = try await acme.openTicket("Waiting \(index)", at: .moment(index)) }
            try await acme.setAssignment(.roundRobin)
            try await acme.setAvailability(ben, .online, at: .moment(10))
            #expect(try await acme.page(InboxQuery(view: .mine), caller: ben) == [10001])
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10003, 10002])
            // It was Ben's turn; the next new ticket goes to the one after him.
            var order: [String] = []
            for index in 0..<3 {
                order.append(
                    try await acme.openTicket("New \(index)", at: .moment(20 + index)).assignee?.displayName ?? "nobody"
                )
            }
            #expect(order == ["Cid", "Ann", "Ben"])
        }
    }

    @Test(arguments: StoreFactories.all)
    func comingOnlineUnderManualMovesNothing(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .offline)
            for index in 1...2 { _ = try await acme.openTicket("Waiting \(index)", at: .moment(index)) }
            try await acme.setAvailability(ann, .online, at: .moment(10))
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10002, 10001])
            #expect(try await acme.page(InboxQuery(view: .mine), caller: ann) == [])
        }
    }

    @Test(arguments: StoreFactories.all)
    func resolvingUnderBalancedPullsWaitingTicketsUntilCaughtUp(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            let ben = try await acme.member("Ben", .online)
            for index in 1...6 { _ = try await acme.openTicket("Ticket \(index)", at: .moment(index)) }
            try await acme.pickUp(10001, by: ann, at: .moment(10))
            try await acme.pickUp(10002, by: ben, at: .moment(11))
            try await acme.pickUp(10003, by: ben, at: .moment(12))
            try await acme.setAssignment(.balanced)

            // Ann resolves her only ticket: 0 against Ben's 2, she takes the two oldest waiting.
            try await acme.patch(10001, by: ann, at: .moment(20), status: .resolved)
            #expect(try await acme.page(InboxQuery(view: .mine), caller: ann) == [10005, 10004])
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10006])
            let event = try #require(try await acme.events(10004).last { $0.kind == .assigned })
            #expect(event.to == "Ann")
            #expect(event.detail?.contains("backfill") == true, "\(event.detail ?? "no detail")")

            // Ben resolves one: 1 against Ann's 2, he takes the last waiting ticket.
            try await acme.patch(10002, by: ben, at: .moment(21), status: .resolved)
            #expect(try await acme.page(InboxQuery(view: .mine), caller: ben) == [10006, 10003])
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [])
        }
    }

    @Test(arguments: StoreFactories.all)
    func resolvingUnderRoundRobinOrManualMovesNothing(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            for index in 1...4 { _ = try await acme.openTicket("Ticket \(index)", at: .moment(index)) }
            try await acme.pickUp(10001, by: ann, at: .moment(10))
            try await acme.pickUp(10002, by: ann, at: .moment(11))
            try await acme.patch(10001, by: ann, at: .moment(12), status: .resolved)
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10004, 10003])
            try await acme.setAssignment(.roundRobin)
            try await acme.patch(10002, by: ann, at: .moment(13), status: .resolved)
            #expect(try await acme.page(InboxQuery(view: .unassigned)) == [10004, 10003])
        }
    }
}
