import Foundation

/// The JSON body of a webhook delivery, written once when the event happens
/// (so retries and replays send the very same bytes):
/// `{"id", "type", "createdAt", "teamId", "data": {"ticket"?, "message"?, "change"?, "actor"?}}`.
public struct WebhookEventBody: Sendable, Encodable {
    public var id: String
    public var type: WebhookEventType
    public var createdAt: String
    public var teamId: String
    public var data: EventData

    public struct EventData: Sendable, Encodable {
        public var ticket: TicketData?
        public var message: MessageData?
        /// A change's `from` and `to` (a status, an assignee's name).
        public var change: Change?
        /// The member who did it; nil for the system.
        public var actor: Actor?
    }

    public struct TicketData: Sendable, Encodable {
        var number: Int
        var subject: String
        var status: String
        var priority: String
        var channel: String
        var conversationId: String
        var requester: Requester
        var assignee: Actor?
        var tags: [String]
        var createdAt: String
        var lastActivityAt: String
        var resolvedAt: String?

        public init(_ ticket: Ticket) {
            number = ticket.number
            subject = ticket.subject
            status = ticket.status.rawValue
            priority = ticket.priority.rawValue
            channel = ticket.channel.rawValue
            conversationId = ticket.conversationID
            requester = ticket.requester
            assignee = ticket.assignee.map { Actor(id: $0.id, name: $0.displayName) }
            tags = ticket.tags
            createdAt = ticket.createdAt.rfc3339
            lastActivityAt = ticket.lastActivityAt.rfc3339
            resolvedAt = ticket.resolvedAt?.rfc3339
        }
    }

    public struct MessageData: Sendable, Encodable {
        var id: Int64
        var conversationId: String
        var author: MessageAuthor
        var channel: String
        var body: String
        var createdAt: String
    }

    public struct Change: Sendable, Encodable {
        var from: String?
        var to: String?
    }

    public struct Actor: Sendable, Encodable {
        var id: String
        var name: String
    }

    /// A ticket event's body (`WebhookEventType.of(event)` says which type).
    public static func ticketEvent(
        _ type: WebhookEventType, eventID: String, ticket: Ticket, event: TicketEvent?, at: Timestamp
    ) -> WebhookEventBody {
        let change = event.flatMap { $0.from == nil && $0.to == nil ? nil : Change(from: $0.from, to: $0.to) }
        return WebhookEventBody(
            id: eventID, type: type, createdAt: at.rfc3339, teamId: ticket.teamID,
            data: EventData(
                ticket: TicketData(ticket), message: nil, change: change,
                actor: event?.actor.map { Actor(id: $0.id, name: $0.displayName) }))
    }

    /// A message's body, with its ticket when it has one.
    public static func message(
        eventID: String, teamID: String, entryID: Int64, conversationID: String, author: MessageAuthor,
        channel: Channel, body: String, ticket: Ticket?, at: Timestamp
    ) -> WebhookEventBody {
        WebhookEventBody(
            id: eventID, type: .messageCreated, createdAt: at.rfc3339, teamId: teamID,
            data: EventData(
                ticket: ticket.map(TicketData.init),
                message: MessageData(
                    id: entryID, conversationId: conversationID, author: author, channel: channel.rawValue,
                    body: body, createdAt: at.rfc3339), change: nil, actor: nil))
    }

    /// The bytes sent: JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
