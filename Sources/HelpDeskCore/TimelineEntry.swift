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
    /// On a target's timeline, the number of the merged ticket this entry comes from.
    public var mergedFrom: Int?

    public init(
        id: Int64, at: Timestamp, content: Content, attachments: [Attachment] = [], mergedFrom: Int? = nil
    ) {
        self.id = id
        self.at = at
        self.content = content
        self.attachments = attachments
        self.mergedFrom = mergedFrom
    }

    /// Joins the entries of tickets merged into a ticket (each marked with its
    /// source's number) with the ticket's own, in timeline order, keeping the
    /// first `limit`. An entry on both (a message of a conversation the two
    /// tickets share) stays the ticket's own.
    public static func joined(_ own: [TimelineEntry], merged: [(number: Int, entries: [TimelineEntry])], limit: Int?)
        -> [TimelineEntry]
    {
        guard !merged.isEmpty else { return own }
        var seen = Set(own.map(\.id))
        var all = own
        for source in merged {
            for var entry in source.entries where seen.insert(entry.id).inserted {
                entry.mergedFrom = source.number
                all.append(entry)
            }
        }
        all.sort { $0.id < $1.id }
        return limit.map { Array(all.prefix($0)) } ?? all
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
