import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// Ratings asked on the customer's own channel: resolving a chat's ticket queues the question
/// in the same transaction, due after the team's delay; `csatAsked` tells whether it went out;
/// a rating given on the chat queues its thank-you with it; a provider event that stores no
/// message is taken once.
@Suite struct CSATAskConformance {
    @Test(arguments: StoreFactories.all)
    func resolvingAChatTicketQueuesTheQuestionAfterTheDelay(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let olga = try await acme.member("Olga", .online)
            let agent = try await acme.agent()
            let channel = ChannelConnection(
                id: Identifier.make("ch"), teamID: acme.id, agentID: agent.id, kind: .telegram,
                configuration: .telegram(TelegramSettings(botToken: "1:abc", secretToken: "secret")),
                createdAt: .moment(0))
            try await store.createChannel(channel)
            var settings = try await store.settings(teamID: acme.id)
            settings.csat = CSATSettings(enabled: true, question: "How did we do?", delayMinutes: 30)
            _ = try await store.updateSettings(teamID: acme.id, settings)

            let taken = try #require(
                try await store.recordChatMessage(
                    InboundChatMessage(
                        channel: channel, eventID: "1", externalID: "4242", contact: Requester(name: "Ana"),
                        body: "A person, please", awaitsAnswer: false),
                    now: .moment(5)))
            let number = try await store.escalate(
                EscalationRequest(
                    teamID: acme.id, conversationID: taken.conversation.id,
                    reason: .customerAsked(evidence: "a person")),
                now: .moment(10)
            ).ticket.number
            func asks() async throws -> [OutboxEntry] {
                try await store.outbox(teamID: acme.id).filter { $0.kind == .csatTelegram }
            }
            #expect(try await asks().isEmpty)

            try await acme.patch(number, by: olga, at: .moment(100), status: .resolved)
            let ask = try #require(try await asks().first)
            #expect(ask.nextAttemptAt == Timestamp.moment(100).adding(seconds: 1_800))
            #expect(ask.entryID == nil)
            let payload = try #require(
                try JSONSerialization.jsonObject(with: Data(ask.payload.utf8)) as? [String: Any])
            #expect(payload["ticketNumber"] as? Int == number)
            #expect(payload["to"] as? String == "4242")
            #expect(try await store.csatAsked(teamID: acme.id, number: number) == false)

            // Not due before the delay; sent after it, and then asked.
            #expect(
                try await store.claimOutbox(
                    kinds: [.csatTelegram], worker: "w", now: .moment(1_000), leaseUntil: .moment(1_060), limit: 5
                ).isEmpty)
            let claimed = try await store.claimOutbox(
                kinds: [.csatTelegram], worker: "w", now: .moment(1_900), leaseUntil: .moment(1_960), limit: 5)
            #expect(claimed.map(\.id) == [ask.id])
            #expect(try await store.finishOutbox(id: ask.id, worker: "w", result: .sent, now: .moment(1_901)))
            #expect(try await store.csatAsked(teamID: acme.id, number: number))

            // A rating on the chat queues its thank-you in the same transaction.
            try await store.rateTicket(
                teamID: acme.id, number: number, rating: 4, comment: nil, channel: .telegram,
                thanks: OutboxMessage(
                    kind: .csatTelegram, ticketNumber: number, conversationID: taken.conversation.id, address: "4242",
                    body: "Thanks!"),
                now: .moment(2_000))
            let thanks = try #require(try await asks().last)
            #expect(thanks.id != ask.id)
            #expect(thanks.payload.contains("\"body\":\"Thanks!\""))
            #expect(try await store.ratedTickets(teamID: acme.id, numbers: [number]) == [number])
            let refused = await helpDeskError {
                try await store.rateTicket(
                    teamID: acme.id, number: number, rating: 1, comment: nil, channel: .telegram,
                    thanks: OutboxMessage(kind: .csatTelegram, ticketNumber: number, address: "4242", body: "Again"),
                    now: .moment(2_001))
            }
            #expect(refused?.conflictMessage != nil)
            #expect(try await asks().count == 2, "a refused rating queues no thank-you")

            // Reopened and resolved again: a new question is queued; a web ticket queues none.
            try await acme.patch(number, by: olga, at: .moment(3_000), status: .open)
            try await acme.patch(number, by: olga, at: .moment(3_100), status: .resolved)
            #expect(try await asks().count == 3)
            let web = try await acme.openTicket("From the site", at: .moment(3_200))
            try await acme.patch(web.number, by: olga, at: .moment(3_300), status: .resolved)
            #expect(try await store.outbox(teamID: acme.id).filter { CSAT.askKinds.contains($0.kind) }.count == 3)
        }
    }

    @Test(arguments: StoreFactories.all)
    func aProviderEventThatStoresNoMessageIsTakenOnce(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let agent = try await acme.agent()
            let channel = ChannelConnection(
                id: Identifier.make("ch"), teamID: acme.id, agentID: agent.id, kind: .telegram,
                configuration: .telegram(TelegramSettings(botToken: "1:abc", secretToken: "secret")),
                createdAt: .moment(0))
            try await store.createChannel(channel)
            #expect(try await store.takeChannelEvent(channelID: channel.id, eventID: "77", now: .moment(1)))
            #expect(try await store.takeChannelEvent(channelID: channel.id, eventID: "77", now: .moment(2)) == false)
            #expect(try await store.takeChannelEvent(channelID: channel.id, eventID: "78", now: .moment(2)))
            // A message with a taken event id is a redelivery: not stored.
            #expect(
                try await store.recordChatMessage(
                    InboundChatMessage(
                        channel: channel, eventID: "77", externalID: "4242", contact: Requester(name: "Ana"),
                        body: "5", awaitsAnswer: true),
                    now: .moment(3)) == nil)
        }
    }
}
