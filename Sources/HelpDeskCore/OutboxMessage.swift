/// What an outbox entry delivers. The raw values are the `kind` column.
public enum OutboxKind: String, Sendable, CaseIterable, Codable {
    /// An email to the team's owners about a new escalated ticket.
    case notificationEmail = "notification.email"
    /// An operator's reply that leaves by email.
    case replyEmail = "reply.email"
    /// A message that leaves by Telegram: an operator's reply, the AI's answer, a notice.
    case replyTelegram = "reply.telegram"
    /// A message that leaves by WhatsApp.
    case replyWhatsApp = "reply.whatsapp"
    /// A signed POST of an event to a team's webhook; the payload is
    /// `{"deliveryId"}`, the body and target being on the delivery's row.
    case webhook = "webhook"
    /// Asking a customer on Telegram to rate a resolved ticket (a 1–5 keyboard), or, with a
    /// `body`, thanking them for their rating. Due the team's CSAT delay after the resolution.
    case csatTelegram = "csat.telegram"
    /// Asking on WhatsApp (the question and "reply with a number"), or thanking with a `body`.
    case csatWhatsApp = "csat.whatsapp"
    /// Asking by email, with five signed rating links.
    case csatEmail = "csat.email"

    /// The outbox kind for a reply on `channel`; nil for the web widget, whose
    /// replies are read from the timeline instead of being sent.
    public static func reply(on channel: Channel) -> OutboxKind? {
        switch channel {
        case .web: nil
        case .email: .replyEmail
        case .telegram: .replyTelegram
        case .whatsapp: .replyWhatsApp
        }
    }
}

/// Where an outbox entry stands. The raw values are the `state` column.
///
/// A delivery worker takes an entry out of `queued` before it delivers it: an
/// owners' digest is appended to only while it is `queued`, so a ticket is never
/// added to an email that is already on its way.
public enum OutboxState: String, Sendable, CaseIterable, Codable {
    /// Waiting for delivery (retries included).
    case queued
    /// Claimed by a worker, which holds it until its lease ends (then another may take it).
    case sending
    /// Delivered.
    case sent
    /// Given up on.
    case failed
}

/// Something to deliver outside the process, written to the outbox in the same
/// transaction as the change that caused it. Fields a kind does not use are nil.
public struct OutboxMessage: Sendable, Equatable, Codable {
    public var kind: OutboxKind
    /// The ticket it is about (nil for the AI's answer on a conversation that has none yet).
    public var ticketNumber: Int?
    /// The conversation a chat message goes to.
    public var conversationID: String?
    /// Recipients of a notification.
    public var recipients: [String]?
    /// The recipient address of an email reply.
    public var address: String?
    /// The operator who wrote a reply.
    public var memberID: String?
    /// A notification's subject line.
    public var subject: String?
    /// A notification's text.
    public var body: String?
    /// The tickets an owners' digest lists.
    public var tickets: [OwnerDigest.Item]?
    /// How many tickets an owners' digest is about, listed or not.
    public var ticketCount: Int?

    public init(
        kind: OutboxKind, ticketNumber: Int?, conversationID: String? = nil, recipients: [String]? = nil,
        address: String? = nil, memberID: String? = nil, subject: String? = nil, body: String? = nil,
        tickets: [OwnerDigest.Item]? = nil, ticketCount: Int? = nil
    ) {
        self.kind = kind
        self.ticketNumber = ticketNumber
        self.conversationID = conversationID
        self.recipients = recipients
        self.address = address
        self.memberID = memberID
        self.subject = subject
        self.body = body
        self.tickets = tickets
        self.ticketCount = ticketCount
    }

    /// The payload as stored (JSON, keys sorted): the fields that are set, under
    /// their stored names. An owners' digest (`notification.email`) is
    /// `{"to": [addresses], "subject", "body", "ticketNumber": the first listed,
    /// "count": tickets in all, "tickets": [{"number", "subject", "requester",
    /// "channel", "summary"}]}`; a reply is `{"ticketNumber", "memberId"}` plus
    /// `"to": address` by email; a chat message (Telegram, WhatsApp) is
    /// `{"conversationId", "ticketNumber"?, "memberId"?}`, its text being the
    /// timeline entry the outbox row names.
    public var payload: [String: PayloadValue] {
        var payload: [String: PayloadValue] = [:]
        if let ticketNumber { payload["ticketNumber"] = .number(ticketNumber) }
        if let conversationID { payload["conversationId"] = .text(conversationID) }
        if let recipients { payload["to"] = .list(recipients) }
        if let address { payload["to"] = .text(address) }
        if let memberID { payload["memberId"] = .text(memberID) }
        if let subject { payload["subject"] = .text(subject) }
        if let body { payload["body"] = .text(body) }
        if let tickets { payload["tickets"] = .tickets(tickets) }
        if let ticketCount { payload["count"] = .number(ticketCount) }
        return payload
    }

    /// One value of a stored payload.
    public enum PayloadValue: Sendable, Equatable, Encodable {
        case text(String)
        case number(Int)
        case list([String])
        case tickets([OwnerDigest.Item])

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .list(let list): try container.encode(list)
            case .tickets(let tickets): try container.encode(tickets)
            }
        }
    }
}
