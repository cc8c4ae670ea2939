/// The person a ticket is for, as far as the channel told us.
public struct Requester: Sendable, Equatable, Codable, Hashable {
    public var name: String
    public var email: String?
    public var phone: String?
    /// The channel handle (Telegram user name, WhatsApp id, visitor id).
    public var handle: String?

    public init(name: String, email: String? = nil, phone: String? = nil, handle: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.handle = handle
    }

    /// The phone number's digits alone (`+33 (1) 23-45` → `3312345`), so numbers written
    /// differently compare equal; nil when it has fewer than six digits to compare.
    public var phoneDigits: String? {
        guard let phone else { return nil }
        let digits = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        return digits.count >= 6 ? digits : nil
    }
}

/// A ticket: an escalated (or hand-opened) conversation waiting for people.
public struct Ticket: Sendable, Equatable {
    /// Internal row id; also the tie-breaker in inbox order.
    public var id: Int64
    public var teamID: String
    public var number: Int
    public var conversationID: String
    public var status: TicketStatus
    public var priority: Priority
    public var subject: String
    public var requester: Requester
    public var assignee: MemberRef?
    public var agent: AgentRef?
    public var channel: Channel
    public var createdAt: Timestamp
    public var lastActivityAt: Timestamp
    public var resolvedAt: Timestamp?
    /// The names of its tags, in `TicketTag.sorted` order.
    public var tags: [String]
    /// The number of the ticket this one was merged into, while `status` is `merged`.
    public var mergedInto: Int?

    public init(
        id: Int64, teamID: String, number: Int, conversationID: String, status: TicketStatus,
        priority: Priority, subject: String, requester: Requester, assignee: MemberRef?,
        agent: AgentRef?, channel: Channel, createdAt: Timestamp, lastActivityAt: Timestamp,
        resolvedAt: Timestamp?, tags: [String] = [], mergedInto: Int? = nil
    ) {
        self.id = id
        self.teamID = teamID
        self.number = number
        self.conversationID = conversationID
        self.status = status
        self.priority = priority
        self.subject = subject
        self.requester = requester
        self.assignee = assignee
        self.agent = agent
        self.channel = channel
        self.createdAt = createdAt
        self.lastActivityAt = lastActivityAt
        self.resolvedAt = resolvedAt
        self.tags = tags
        self.mergedInto = mergedInto
    }
}

/// Ticket numbers are per team, sequential from 10001, never reused.
public enum TicketNumbering {
    public static let first = 10001
}
