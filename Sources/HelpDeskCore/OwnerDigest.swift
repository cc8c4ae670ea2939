import Foundation

/// The owners' email about new escalated tickets. A team has at most one queued
/// at a time: each escalation that opens a ticket adds the ticket to the queued
/// email (a digest) instead of queuing another, so a flood of escalations is one
/// email, not one per ticket. Once the email leaves the `queued` state (it was
/// sent, or taken for delivery) the next ticket starts a new digest, due no
/// sooner than `minimumInterval` after the previous one was sent.
///
/// Stored as the outbox payload of a `notification.email` entry; see
/// `OutboxMessage.payload` for the shape.
public struct OwnerDigest: Sendable, Equatable {
    /// At most this many tickets are listed; the count goes on past it.
    public static let listLimit = 100
    /// Seconds between one digest being sent and the next one being due.
    public static let minimumInterval: Double = 5 * 60

    /// One ticket in the digest.
    public struct Item: Sendable, Equatable, Codable {
        public var number: Int
        public var subject: String
        /// The requester's name.
        public var requester: String
        public var channel: Channel
        /// The handoff summary.
        public var summary: String

        public init(number: Int, subject: String, requester: String, channel: Channel, summary: String) {
            self.number = number
            self.subject = subject
            self.requester = requester
            self.channel = channel
            self.summary = summary
        }

        /// The ticket as the digest lists it.
        public init(_ ticket: Ticket, summary: String) {
            self.init(
                number: ticket.number, subject: ticket.subject, requester: ticket.requester.name,
                channel: ticket.channel, summary: summary)
        }
    }

    /// The owners' addresses.
    public var recipients: [String]
    /// The listed tickets, oldest first: at most `listLimit`.
    public var items: [Item]
    /// Every ticket the digest is about, listed or not.
    public var count: Int

    public init(recipients: [String], items: [Item], count: Int) {
        self.recipients = recipients
        self.items = items
        self.count = count
    }

    /// "Ticket 10001: Where is my parcel" for one ticket, "3 new tickets need a person" for more.
    public var subject: String {
        if count == 1, let item = items.first { return "Ticket \(item.number): \(item.subject)" }
        return "\(count) new tickets need a person"
    }

    /// The text: for one ticket its handoff summary, requester and channel; for
    /// more, a line saying how many, then each listed ticket the same way.
    public var body: String {
        if count == 1, let item = items.first {
            return "\(item.summary)\n\nRequester: \(item.requester)\nChannel: \(item.channel.rawValue)"
        }
        var parts = ["\(count) new tickets need a person."]
        for item in items {
            parts.append(
                "Ticket \(item.number): \(item.subject)\nRequester: \(item.requester)\n"
                    + "Channel: \(item.channel.rawValue)\n\(item.summary)")
        }
        if count > items.count {
            parts.append("…and \(count - items.count) more, not listed here: see the inbox.")
        }
        return parts.joined(separator: "\n\n")
    }

    /// The outbox entry: about the first listed ticket, listing all of them.
    public var message: OutboxMessage {
        OutboxMessage(
            kind: .notificationEmail, ticketNumber: items.first?.number ?? 0, recipients: recipients,
            subject: subject, body: body, tickets: items, ticketCount: count)
    }

    /// A digest read back from a stored payload; nil when the payload is not one
    /// (an owners' email queued before digests, which listed no tickets).
    public init?(storedPayload: String) {
        struct Stored: Decodable {
            var to: [String]
            var count: Int
            var tickets: [Item]
        }
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(storedPayload.utf8)),
            !stored.tickets.isEmpty, stored.count >= stored.tickets.count
        else { return nil }
        self.init(recipients: stored.to, items: stored.tickets, count: stored.count)
    }

    /// Decides where a new ticket goes: into the team's queued digest when it has
    /// one (to the owners as they are now), else into a new digest, due now or
    /// `minimumInterval` after the last one was sent, whichever is later. Nil when
    /// there is nobody to notify.
    public static func plan(
        adding item: Item, recipients: [String], queued: QueuedOwnerDigest?, lastSentAt: Timestamp?,
        now: Timestamp, listLimit: Int = OwnerDigest.listLimit, minimumInterval: Double = OwnerDigest.minimumInterval
    ) -> OwnerNotificationPlan? {
        guard !recipients.isEmpty else { return nil }
        if let queued {
            var digest = queued.digest
            digest.recipients = recipients
            if digest.items.count < listLimit { digest.items.append(item) }
            digest.count += 1
            return .append(outboxID: queued.outboxID, digest.message)
        }
        let digest = OwnerDigest(recipients: recipients, items: [item], count: 1)
        let due = lastSentAt.map { max(now, $0.adding(seconds: minimumInterval)) } ?? now
        return .enqueue(digest.message, notBefore: due)
    }
}

/// The team's owners' digest that is still queued, as the store found it in the
/// escalation's transaction.
public struct QueuedOwnerDigest: Sendable, Equatable {
    /// The outbox entry holding it.
    public var outboxID: Int64
    public var digest: OwnerDigest

    public init(outboxID: Int64, digest: OwnerDigest) {
        self.outboxID = outboxID
        self.digest = digest
    }
}

/// What a store does with the owners' email when an escalation opens a ticket.
public enum OwnerNotificationPlan: Sendable, Equatable {
    /// Rewrite the queued outbox entry `outboxID` with this message: the ticket is added to it.
    case append(outboxID: Int64, OutboxMessage)
    /// Queue this message as a new outbox entry, not to be delivered before `notBefore`.
    case enqueue(OutboxMessage, notBefore: Timestamp)
}
