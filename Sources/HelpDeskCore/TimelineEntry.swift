/// Who wrote a message on a conversation.
public struct MessageAuthor: Sendable, Equatable, Codable {
    public var kind: AuthorKind
    public var id: String?
    public var name: String

    public init(kind: AuthorKind, id: String? = nil, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }
}

/// The delivery state of a message sent on an external channel.
public struct Delivery: Sendable, Equatable, Codable {
    public var state: DeliveryState
    public var error: String?
    public init(state: DeliveryState, error: String? = nil) {
        self.state = state
        self.error = error
    }
}

/// One entry of a ticket's timeline: a message, an internal note or an event.
/// Entries share one sequence, so the timeline is ordered by `id`.
public struct TimelineEntry: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case message(author: MessageAuthor, channel: Channel, body: String, delivery: Delivery?)
        /// An internal note, with the ids of the members it @mentions (see `Mentions`).
        case note(author: MemberRef, body: String, mentions: [String] = [])
        case event(TicketEvent)
    }

    public var id: Int64
    public var at: Timestamp
    public var content: Content
    /// The files a message or note carries, in the order they were sent.
    public var attachments: [Attachment]

    public init(id: Int64, at: Timestamp, content: Content, attachments: [Attachment] = []) {
        self.id = id
        self.at = at
        self.content = content
        self.attachments = attachments
    }
}

/// Something that happened to a ticket, with who did it.
public struct TicketEvent: Sendable, Equatable {
    public var kind: TicketEventKind
    /// The member who did it; nil for the system (routing, escalation).
    public var actor: MemberRef?
    public var from: String?
    public var to: String?
    /// Human words on why, e.g. the assignment reason.
    public var detail: String?

    public init(
        kind: TicketEventKind, actor: MemberRef? = nil, from: String? = nil, to: String? = nil,
        detail: String? = nil
    ) {
        self.kind = kind
        self.actor = actor
        self.from = from
        self.to = to
        self.detail = detail
    }
}
