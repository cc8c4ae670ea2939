import Foundation
import Testing

@testable import HelpDeskCore

/// The owners' notification digest: one queued email per team collects the new
/// tickets; a sent one is never added to, and the next waits out the interval.
@Suite struct OwnerDigestTests {
    static let now = Timestamp(microseconds: 1_800_000_000_000_000)
    static let owners = ["owner@example.com"]

    static func item(_ number: Int, _ subject: String = "Where is my parcel", channel: Channel = .web)
        -> OwnerDigest.Item
    {
        OwnerDigest.Item(
            number: number, subject: subject, requester: "Chloé", channel: channel,
            summary: "Escalated because the customer pressed the human button.")
    }

    /// The message a plan writes, whichever way it goes.
    static func message(_ plan: OwnerNotificationPlan?) -> OutboxMessage? {
        switch plan {
        case .append(_, let message), .enqueue(let message, _): message
        case nil: nil
        }
    }

    /// The digest the plan's message stores, read back as the store reads it.
    static func storedDigest(_ plan: OwnerNotificationPlan?) throws -> OwnerDigest {
        let message = try #require(Self.message(plan))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(message.payload), as: UTF8.self)
        return try #require(OwnerDigest(storedPayload: json))
    }

    @Test func withoutAQueuedDigestANewOneIsDueNow() throws {
        let plan = OwnerDigest.plan(
            adding: Self.item(10001), recipients: Self.owners, queued: nil, lastSentAt: nil, now: Self.now)
        guard case .enqueue(let message, let notBefore) = plan else {
            Issue.record("expected a new digest, got \(String(describing: plan))")
            return
        }
        #expect(notBefore == Self.now)
        #expect(message.subject == "Ticket 10001: Where is my parcel")
        #expect(
            message.body
                == "Escalated because the customer pressed the human button.\n\nRequester: Chloé\nChannel: web")
        #expect(message.payload["count"] == .number(1))
        #expect(message.payload["tickets"] == .tickets([Self.item(10001)]))
    }

    @Test func aQueuedDigestGetsTheTicketAddedInsteadOfANewEmail() throws {
        let queued = QueuedOwnerDigest(
            outboxID: 42,
            digest: OwnerDigest(recipients: Self.owners, items: [Self.item(10001), Self.item(10002)], count: 2))
        let plan = OwnerDigest.plan(
            adding: Self.item(10003, "Refund for order 77", channel: .email), recipients: Self.owners,
            queued: queued, lastSentAt: nil, now: Self.now)
        guard case .append(let outboxID, let message) = plan else {
            Issue.record("expected the ticket added to entry 42, got \(String(describing: plan))")
            return
        }
        #expect(outboxID == 42)
        #expect(message.subject == "3 new tickets need a person")
        #expect(message.ticketNumber == 10001, "the ticket that started the digest")
        let body = try #require(message.body)
        #expect(body.hasPrefix("3 new tickets need a person.\n\n"))
        #expect(body.contains("Ticket 10003: Refund for order 77\nRequester: Chloé\nChannel: email\n"))
        #expect(try Self.storedDigest(plan).items.map(\.number) == [10001, 10002, 10003])
        #expect(try Self.storedDigest(plan).count == 3)
    }

    @Test func theDigestGoesToTheOwnersAsTheyAreNow() throws {
        let queued = QueuedOwnerDigest(
            outboxID: 1, digest: OwnerDigest(recipients: ["gone@example.com"], items: [Self.item(10001)], count: 1))
        let plan = OwnerDigest.plan(
            adding: Self.item(10002), recipients: ["owner@example.com", "new@example.com"], queued: queued,
            lastSentAt: nil, now: Self.now)
        #expect(Self.message(plan)?.recipients == ["owner@example.com", "new@example.com"])
    }

    @Test func pastTheListLimitOnlyTheCountGrows() throws {
        var queued: QueuedOwnerDigest?
        for number in 10001...10005 {
            let plan = OwnerDigest.plan(
                adding: Self.item(number), recipients: Self.owners, queued: queued, lastSentAt: nil, now: Self.now,
                listLimit: 3)
            queued = QueuedOwnerDigest(outboxID: 1, digest: try Self.storedDigest(plan))
        }
        let digest = try #require(queued?.digest)
        #expect(digest.items.map(\.number) == [10001, 10002, 10003])
        #expect(digest.count == 5)
        #expect(digest.subject == "5 new tickets need a person")
        #expect(digest.body.hasSuffix("…and 2 more, not listed here: see the inbox."))
    }

    @Test func theNextDigestWaitsOutTheMinimumIntervalAfterTheLastSent() {
        let sent = Self.now.adding(seconds: -60)
        let soon = OwnerDigest.plan(
            adding: Self.item(10002), recipients: Self.owners, queued: nil, lastSentAt: sent, now: Self.now)
        guard case .enqueue(_, let notBefore) = soon else {
            Issue.record("expected a new digest, got \(String(describing: soon))")
            return
        }
        #expect(notBefore == sent.adding(seconds: OwnerDigest.minimumInterval))
        #expect(OwnerDigest.minimumInterval == 300)

        let longAgo = Self.now.adding(seconds: -3_600)
        let later = OwnerDigest.plan(
            adding: Self.item(10002), recipients: Self.owners, queued: nil, lastSentAt: longAgo, now: Self.now)
        guard case .enqueue(_, let due) = later else {
            Issue.record("expected a new digest, got \(String(describing: later))")
            return
        }
        #expect(due == Self.now)
    }

    @Test func nobodyToNotifyIsNoEmail() {
        #expect(
            OwnerDigest.plan(adding: Self.item(10001), recipients: [], queued: nil, lastSentAt: nil, now: Self.now)
                == nil)
    }

    @Test func aPayloadThatIsNotADigestIsNotAppendedTo() {
        // An owners' email queued before digests: one ticket, no list.
        #expect(OwnerDigest(storedPayload: #"{"body":"b","subject":"Ticket 10001: x","ticketNumber":10001}"#) == nil)
        #expect(OwnerDigest(storedPayload: "not json") == nil)
        #expect(OwnerDigest(storedPayload: #"{"to":["a@b.c"],"count":0,"tickets":[]}"#) == nil)
    }

    @Test func theStoredPayloadIsPlainJSONWithTheDocumentedKeys() throws {
        let plan = OwnerDigest.plan(
            adding: Self.item(10001), recipients: Self.owners, queued: nil, lastSentAt: nil, now: Self.now)
        let message = try #require(Self.message(plan))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(message.payload)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["to", "subject", "body", "ticketNumber", "count", "tickets"])
        let ticket = try #require((object["tickets"] as? [[String: Any]])?.first)
        #expect(Set(ticket.keys) == ["number", "subject", "requester", "channel", "summary"])
        #expect(ticket["channel"] as? String == "web")
        #expect(ticket["number"] as? Int == 10001)
    }
}
