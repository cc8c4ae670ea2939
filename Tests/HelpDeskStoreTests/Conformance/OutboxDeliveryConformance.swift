import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// The outbox as a delivery queue: claims with leases (two workers never hold
/// one entry; a dead worker's claim lapses and another takes it), results that
/// only the holder may record, the message's delivery state following, and an
/// operator's retry of a failed delivery.
@Suite struct OutboxDeliveryConformance {
    /// A ticket with one email reply queued; returns the reply's entry id.
    func emailReply(_ acme: TeamFixture, by sam: Member, at second: Int) async throws -> Int64 {
        let ticket = try await acme.openTicket(
            "By email \(second)", at: .moment(second), channel: .email,
            requester: Requester(name: "Ed", email: "ed@example.com"), body: "my printer is broken")
        let entry = try await acme.store.reply(
            OperatorReply(teamID: acme.id, number: ticket.number, author: sam.ref, body: "On it", channel: .email),
            now: .moment(second + 1))
        return entry.id
    }

    @Test(arguments: StoreFactories.all)
    func aClaimIsExclusiveUntilItsLeaseEnds(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam", .online)
            let entryID = try await emailReply(acme, by: sam, at: 1)

            let first = try await store.claimOutbox(
                kinds: [.replyEmail], worker: "a", now: .moment(10), leaseUntil: .moment(70), limit: 10)
            #expect(first.map(\.entryID) == [entryID])
            #expect(first.first?.state == .sending)
            #expect(first.first?.attempts == 1)
            #expect(first.first?.teamID == acme.id)
            // Other kinds and a second worker inside the lease get nothing.
            #expect(
                try await store.claimOutbox(
                    kinds: [.notificationEmail], worker: "b", now: .moment(11), leaseUntil: .moment(71), limit: 10
                ).isEmpty)
            #expect(
                try await store.claimOutbox(
                    kinds: [.replyEmail], worker: "b", now: .moment(69), leaseUntil: .moment(129), limit: 10
                ).isEmpty)
            // Worker a dies: after the lease, b takes it (a second attempt), and a's late result is dropped.
            let second = try await store.claimOutbox(
                kinds: [.replyEmail], worker: "b", now: .moment(70), leaseUntil: .moment(130), limit: 10)
            #expect(second.map(\.attempts) == [2])
            let id = try #require(second.first?.id)
            #expect(try await store.finishOutbox(id: id, worker: "a", result: .sent, now: .moment(71)) == false)
            #expect(try await store.finishOutbox(id: id, worker: "b", result: .sent, now: .moment(72)))
            #expect(try await store.finishOutbox(id: id, worker: "b", result: .sent, now: .moment(73)) == false)

            let outbox = try await store.outbox(teamID: acme.id)
            #expect(outbox.map(\.state) == [.sent])
            #expect(outbox.first?.sentAt == .moment(72))
            let reply = try await store.timeline(teamID: acme.id, number: 10001).last
            guard case .message(_, _, _, let delivery) = reply?.content else {
                Issue.record("the reply is the last entry")
                return
            }
            #expect(delivery == Delivery(state: .sent))
        }
    }

    @Test(arguments: StoreFactories.all)
    func aRetryWaitsItsTurnAndAFailureCanBeRetriedByAnOperator(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam", .online)
            let entryID = try await emailReply(acme, by: sam, at: 1)
            func claim(_ second: Int) async throws -> [OutboxEntry] {
                try await store.claimOutbox(
                    kinds: [.replyEmail], worker: "w", now: .moment(second), leaseUntil: .moment(second + 60), limit: 5)
            }
            func delivery() async throws -> Delivery? {
                let reply = try await store.timeline(teamID: acme.id, number: 10001).first { $0.id == entryID }
                if case .message(_, _, _, let delivery) = reply?.content { return delivery }
                return nil
            }
            let id = try #require(try await claim(10).first?.id)
            #expect(
                try await store.finishOutbox(
                    id: id, worker: "w", result: .retry(at: .moment(40), reason: "451 try later"), now: .moment(11)))
            #expect(try await delivery() == Delivery(state: .queued, error: "451 try later"))
            #expect(try await claim(39).isEmpty, "not before its time")
            #expect(try await claim(40).map(\.id) == [id])
            #expect(
                try await store.finishOutbox(
                    id: id, worker: "w", result: .failed(reason: "550 no such user"), now: .moment(41)))
            #expect(try await delivery() == Delivery(state: .failed, error: "550 no such user"))
            #expect(try await claim(1_000).isEmpty, "failed stays failed")

            // Another team cannot retry it; the team's operator can, once.
            let globex = try await TeamFixture.make(store, name: "Globex")
            #expect(try await store.retryDelivery(teamID: globex.id, entryID: entryID, now: .moment(50)) == false)
            #expect(try await store.retryDelivery(teamID: acme.id, entryID: entryID, now: .moment(50)))
            #expect(try await store.retryDelivery(teamID: acme.id, entryID: entryID, now: .moment(51)) == false)
            #expect(try await delivery() == Delivery(state: .queued))
            #expect(try await claim(50).map(\.attempts) == [1], "a fresh start")
        }
    }
}
