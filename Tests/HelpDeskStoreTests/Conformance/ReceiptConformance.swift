import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// Providers' receipts (WhatsApp's statuses) for sent chat messages: found by
/// the provider's id on the channel, moving the message's delivery state only
/// forward, a failure failing the outbox entry so it can be retried, and the
/// customer's last message time kept for the 24-hour window.
@Suite struct ReceiptConformance {
    @Test(arguments: StoreFactories.all)
    func receiptsMoveTheDeliveryStateForwardOnly(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let agent = try await acme.agent()
            let channel = ChannelConnection(
                id: Identifier.make("ch"), teamID: acme.id, agentID: agent.id, kind: .whatsapp,
                configuration: .whatsapp(
                    WhatsAppSettings(
                        phoneNumberID: "1122334455667", accessToken: "EAAGtoken", appSecret: "0123456789abcdef",
                        verifyToken: "verify")), createdAt: .moment(0))
            try await store.createChannel(channel)
            #expect(
                try await store.channel(id: channel.id)?.configuration == channel.configuration, "secrets round-trip")

            let taken = try #require(
                try await store.recordChatMessage(
                    InboundChatMessage(
                        channel: channel, eventID: "wamid.IN1", externalID: "5511999990000",
                        contact: Requester(name: "Ana", phone: "+5511999990000"), body: "Hello", awaitsAnswer: true),
                    now: .moment(5)))
            #expect(
                try await store.conversation(id: taken.conversation.id, teamID: acme.id)?.lastCustomerMessageAt
                    == .moment(5))
            let answer = try #require(
                try await store.recordAIMessage(
                    conversationID: taken.conversation.id, teamID: acme.id,
                    author: MessageAuthor(kind: .ai, id: agent.id, name: agent.name), body: "Hi Ana", answered: true,
                    now: .moment(6)))
            let claimed = try await store.claimOutbox(
                kinds: [.replyWhatsApp], worker: "w", now: .moment(7), leaseUntil: .moment(67), limit: 10)
            let outboxID = try #require(claimed.first?.id)
            #expect(
                try await store.finishOutbox(
                    id: outboxID, worker: "w", result: .sentAs(providerIDs: ["wamid.A", "wamid.B"]), now: .moment(8)))

            func state() async throws -> Delivery? {
                let messages = try await store.messages(
                    conversationID: taken.conversation.id, teamID: acme.id, after: nil, limit: nil)
                guard case .message(_, _, _, let delivery) = messages.first(where: { $0.id == answer.id })?.content
                else { return nil }
                return delivery
            }
            #expect(try await state()?.state == .sent)
            #expect(
                try await store.recordReceipt(
                    channelID: channel.id, providerID: "wamid.B", state: .read, error: nil, now: .moment(9)))
            #expect(try await state()?.state == .read)
            #expect(
                try await store.recordReceipt(
                    channelID: channel.id, providerID: "wamid.A", state: .delivered, error: nil, now: .moment(10))
                    == false, "never back from read")
            #expect(
                try await store.recordReceipt(
                    channelID: "ch_other", providerID: "wamid.A", state: .read, error: nil, now: .moment(10)) == false,
                "another channel's ids are not this one's")
            #expect(
                try await store.recordReceipt(
                    channelID: channel.id, providerID: "wamid.NONE", state: .read, error: nil, now: .moment(10))
                    == false)
        }
    }

    @Test(arguments: StoreFactories.all)
    func aReportedFailureFailsTheEntrySoItCanBeRetried(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let agent = try await acme.agent()
            let channel = ChannelConnection(
                id: Identifier.make("ch"), teamID: acme.id, agentID: agent.id, kind: .whatsapp,
                configuration: .whatsapp(
                    WhatsAppSettings(
                        phoneNumberID: "1", accessToken: "EAAGtoken", appSecret: "0123456789abcdef",
                        verifyToken: "v")), createdAt: .moment(0))
            try await store.createChannel(channel)
            let taken = try #require(
                try await store.recordChatMessage(
                    InboundChatMessage(
                        channel: channel, eventID: "wamid.IN1", externalID: "55", contact: Requester(name: "Ana"),
                        body: "Hello", awaitsAnswer: true), now: .moment(5)))
            let answer = try #require(
                try await store.recordAIMessage(
                    conversationID: taken.conversation.id, teamID: acme.id,
                    author: MessageAuthor(kind: .ai, id: agent.id, name: agent.name), body: "Hi", answered: true,
                    now: .moment(6)))
            let claimed = try await store.claimOutbox(
                kinds: [.replyWhatsApp], worker: "w", now: .moment(7), leaseUntil: .moment(67), limit: 10)
            _ = try await store.finishOutbox(
                id: try #require(claimed.first?.id), worker: "w", result: .sentAs(providerIDs: ["wamid.X"]),
                now: .moment(8))
            #expect(
                try await store.recordReceipt(
                    channelID: channel.id, providerID: "wamid.X", state: .failed, error: "window closed",
                    now: .moment(9)))
            #expect(try await store.outbox(teamID: acme.id).map(\.state) == [.failed])
            #expect(try await store.outbox(teamID: acme.id).first?.lastError == "window closed")
            #expect(try await store.retryDelivery(teamID: acme.id, entryID: answer.id, now: .moment(10)))
            #expect(try await store.outbox(teamID: acme.id).map(\.state) == [.queued])
        }
    }
}
