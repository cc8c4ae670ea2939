import Foundation
import HelpDeskCore

/// What the email channel needs of the store: an inbound mail stored once,
/// threaded onto a ticket or opening one, with its files; the lookups that
/// threading uses; and a bounce failing the delivery it reports.
public protocol EmailStore: Sendable {
    /// Stores an inbound mail in one transaction: nil when its Message-ID was taken before on this
    /// channel (a provider's retry). Threaded onto `ticketNumber`'s conversation (reopening a resolved
    /// ticket), or a new ticket from `newTicket`.
    func recordInboundEmail(_ mail: InboundEmailRecord, now: Timestamp) async throws -> InboundEmailResult?
    /// The ticket of the team's message with this Message-ID (a customer's mail), if any.
    func ticketNumber(teamID: String, messageID: String) async throws -> Int?
    /// The ticket a timeline entry belongs to, if any.
    func ticketNumber(teamID: String, entryID: Int64) async throws -> Int?
    /// A bounce for a sent message: its delivery fails with the reason (the outbox row too, so it can be retried).
    func recordBounce(teamID: String, entryID: Int64, reason: String, now: Timestamp) async throws -> Bool
    /// What a queued email reply says, its ticket, its author and the customer's mails it answers; nil when gone.
    func outboundEmail(teamID: String, entryID: Int64) async throws -> OutboundEmailContext?
}

/// A queued email reply as the deliverer needs it.
public struct OutboundEmailContext: Sendable {
    public var body: String
    public var ticket: Ticket
    /// The member who wrote it (nil for the system).
    public var authorID: String?
    public var authorName: String
    /// The Message-IDs of the customer's mails on the ticket's conversation, newest first (at most 10).
    public var customerMessageIDs: [String]

    public init(body: String, ticket: Ticket, authorID: String?, authorName: String, customerMessageIDs: [String]) {
        self.body = body
        self.ticket = ticket
        self.authorID = authorID
        self.authorName = authorName
        self.customerMessageIDs = customerMessageIDs
    }
}

/// An inbound mail, threaded and checked, ready to store.
public struct InboundEmailRecord: Sendable {
    public var channel: ChannelConnection
    public var messageID: String?
    /// The ticket it continues; nil opens `newTicket`.
    public var ticketNumber: Int?
    public var newTicket: NewTicket?
    public var body: String
    /// Files accepted by `AttachmentPolicy`.
    public var attachments: [File]
    /// How a threaded mail found its ticket, in words for the timeline (an `emailThreaded` event).
    public var threadedBy: String?

    public struct File: Sendable {
        public var name: String
        public var contentType: String
        public var data: Data
        public init(name: String, contentType: String, data: Data) {
            self.name = name
            self.contentType = contentType
            self.data = data
        }
    }

    public init(
        channel: ChannelConnection, messageID: String?, ticketNumber: Int?, newTicket: NewTicket?, body: String,
        attachments: [File], threadedBy: String? = nil
    ) {
        self.threadedBy = threadedBy
        self.channel = channel
        self.messageID = messageID
        self.ticketNumber = ticketNumber
        self.newTicket = newTicket
        self.body = body
        self.attachments = attachments
    }
}

public struct InboundEmailResult: Sendable {
    /// The ticket as it is after the mail.
    public var ticket: Ticket
    public var entry: TimelineEntry
    /// Whether the mail opened the ticket.
    public var opened: Bool
    /// Whether the mail reopened a resolved ticket.
    public var reopened: Bool

    package init(ticket: Ticket, entry: TimelineEntry, opened: Bool, reopened: Bool) {
        self.ticket = ticket
        self.entry = entry
        self.opened = opened
        self.reopened = reopened
    }
}
