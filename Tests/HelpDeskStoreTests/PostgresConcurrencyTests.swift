import Foundation
import HelpDeskCore
import HelpDeskPostgres
import HelpDeskStore
import Testing

/// Two `PostgresStore` instances on one database, as two servers behind a load
/// balancer: what SQLite gets from its single writer must hold when both write at once.
@Suite(.enabled(if: StoreFactories.databaseURL != nil, "needs HELPDESK_TEST_DATABASE_URL"))
struct PostgresConcurrencyTests {
    /// Opens two stores on one fresh schema, runs `body`, and drops the schema.
    static func withTwoInstances(_ body: (PostgresStore, PostgresStore) async throws -> Void) async throws {
        let url = try #require(StoreFactories.databaseURL)
        let schema = PostgresTestDatabase.freshSchemaName()
        // Both migrate at once: the advisory lock lets one do it and the other find it done.
        async let openingFirst = PostgresTestDatabase.open(url: url, schema: schema)
        async let openingSecond = PostgresTestDatabase.open(url: url, schema: schema)
        let (first, second) = try await (openingFirst, openingSecond)
        do {
            try await body(first, second)
        } catch {
            await first.close()
            await second.close()
            try? await PostgresTestDatabase.dropSchema(schema, url: url)
            throw error
        }
        await first.close()
        await second.close()
        try await PostgresTestDatabase.dropSchema(schema, url: url)
    }

    @Test func concurrentEscalationsAndTicketsOnTwoInstancesAreNumberedWithoutGapsAndNeverDuplicated() async throws {
        try await Self.withTwoInstances { first, second in
            let scene = try await EscalationConformance.Scene.make(first)
            let acme = scene.acme
            let members = [
                try await acme.member("Ann", .online), try await acme.member("Ben", .online),
                try await acme.member("Cid", .online),
            ]
            var conversations: [Conversation] = []
            for index in 0..<24 {
                let conversation = try await scene.another("Visitor \(index)", at: .moment(2))
                try await scene.customerSays("I need help with order \(index)", at: .moment(3), in: conversation)
                conversations.append(conversation)
            }
            let stores: [any Store] = [first, second]
            // Each conversation is escalated three times, spread over both instances, while tickets
            // are also opened by hand on both.
            let handOpened = 12
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, conversation) in conversations.enumerated() {
                    for attempt in 0..<3 {
                        let store = stores[(index + attempt) % 2]
                        group.addTask {
                            _ = try await store.escalate(
                                EscalationRequest(
                                    teamID: acme.id, conversationID: conversation.id, reason: .humanButton),
                                now: .moment(10 + attempt))
                        }
                    }
                }
                for index in 0..<handOpened {
                    let store = stores[index % 2]
                    group.addTask {
                        _ = try await store.createTicket(
                            NewTicket(
                                teamID: acme.id, subject: "By hand \(index)",
                                requester: Requester(name: "Caller \(index)"), priority: .normal, channel: .web,
                                body: "Hello"),
                            now: .moment(20))
                    }
                }
                try await group.waitForAll()
            }

            let page = try await first.inbox(
                teamID: acme.id, callerID: members[0].id, query: InboxQuery(view: .all, limit: 100))
            let numbers = page.items.map(\.number).sorted()
            let expected = conversations.count + handOpened
            #expect(numbers == Array(TicketNumbering.first..<(TicketNumbering.first + expected)), "gap-free, each once")
            for conversation in conversations {
                let tickets = try await second.tickets(conversationID: conversation.id, teamID: acme.id)
                #expect(tickets.count == 1, "one ticket for conversation \(conversation.requester.name)")
            }
            // Balanced assignment stays exact across instances: the counts differ by at most one.
            let counts = try await second.members(teamID: acme.id).map(\.openTickets)
            #expect(counts.reduce(0, +) == expected)
            #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= 1, "balanced counts \(counts)")
        }
    }

    @Test func workersOnTwoInstancesNeverClaimTheSameOutboxEntry() async throws {
        try await Self.withTwoInstances { first, second in
            let acme = try await TeamFixture.make(first, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            let ticket = try await acme.openTicket(
                "Mail me", at: .moment(2), channel: .email, requester: Requester(name: "Ed", email: "ed@example.com"),
                body: "my printer is broken")
            for index in 0..<20 {
                _ = try await first.reply(
                    OperatorReply(
                        teamID: acme.id, number: ticket.number, author: ann.ref, body: "Reply \(index)",
                        channel: .email),
                    now: .moment(3))
            }
            let stores: [any Store] = [first, second, first, second]
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        try await store.claimOutbox(
                            kinds: [.replyEmail], worker: "worker-\(index)", now: .moment(10),
                            leaseUntil: .moment(70), limit: 8
                        ).map(\.id)
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claimed.count == 20, "every entry claimed")
            #expect(Set(claimed).count == claimed.count, "no entry claimed twice")
        }
    }

    @Test func aWriteOnOneInstanceWakesTheLiveFeedsOfTheOther() async throws {
        try await Self.withTwoInstances { first, second in
            let scene = try await EscalationConformance.Scene.make(first)
            let globex = try await TeamFixture.make(first, name: "Globex")
            let team = ChangeConformance.Listener(second.changes, [.team(scene.acme.id)])
            let conversation = ChangeConformance.Listener(second.changes, [.conversation(scene.conversation.id)])
            let otherTeam = ChangeConformance.Listener(second.changes, [.team(globex.id)])
            try await scene.customerSays("Where is my parcel?", at: .moment(3))
            #expect(await team.next(within: .seconds(5)) == [.team(scene.acme.id)])
            #expect(await conversation.next(within: .seconds(5)) == [.conversation(scene.conversation.id)])
            #expect(await otherTeam.next() == nil)

            // A rolled-back write notifies nobody.
            let setup = ChangeConformance.Listener(second.changes, [.teamSetup(scene.acme.id)])
            await #expect(throws: (any Error).self) {
                try await first.createChannel(
                    ChannelConnection(
                        id: "ch_missing_agent", teamID: scene.acme.id, agentID: "ag_none", kind: .web,
                        configuration: .web(allowedOrigins: [], preChat: .off), createdAt: .moment(4)))
            }
            #expect(await setup.next() == nil)
        }
    }

    @Test func twoInstancesSpendFromTheSameBucketsAndCountTheSameFailedSignIns() async throws {
        try await Self.withTwoInstances { first, second in
            let stores: [any Store] = [first, second]
            let limit = RateLimit(burst: 10, count: 1, per: 3600)
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await stores[index % 2].admit([("session.address:10.0.0.1", limit)], now: .moment(1)) == nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 10, "one allowance for the address, not one per instance")
            try await first.recordSignInFailure(
                keys: ["account:ann@example.com"], at: .moment(2), forgettingBefore: .moment(-100))
            try await second.recordSignInFailure(
                keys: ["account:ann@example.com"], at: .moment(3), forgettingBefore: .moment(-100))
            #expect(
                try await first.signInFailures(keys: ["account:ann@example.com"], since: .moment(0))
                    == ["account:ann@example.com": [.moment(2), .moment(3)]])
        }
    }
}
