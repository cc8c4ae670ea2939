/// Who may speak on a conversation: one explicit, server-side state. The AI
/// never sends while an operator holds the conversation.
public enum Speaker: Sendable, Equatable {
    case ai
    case `operator`(MemberRef)
    case nobody

    public var rawValue: String {
        switch self {
        case .ai: "ai"
        case .operator: "operator"
        case .nobody: "nobody"
        }
    }
}

/// A conversation between a customer and an agent on one channel.
public struct Conversation: Sendable, Equatable {
    public var id: String
    public var teamID: String
    public var agentID: String?
    /// The channel connection it came through (nil for hand-opened tickets).
    public var channelID: String?
    public var channel: Channel
    public var requester: Requester
    public var speaker: Speaker
    /// Answers in a row the AI could not give (the built-in brain escalates at two).
    public var aiMisses: Int
    public var createdAt: Timestamp
    public var lastMessageAt: Timestamp
    /// Where and how a web visitor started the chat (empty for other channels).
    public var visitor: VisitorContext
    /// When the customer last wrote (WhatsApp's customer-service window counts from it).
    public var lastCustomerMessageAt: Timestamp?

    public init(
        id: String, teamID: String, agentID: String?, channelID: String?, channel: Channel, requester: Requester,
        speaker: Speaker, aiMisses: Int, createdAt: Timestamp, lastMessageAt: Timestamp,
        visitor: VisitorContext = VisitorContext(), lastCustomerMessageAt: Timestamp? = nil
    ) {
        self.id = id
        self.teamID = teamID
        self.agentID = agentID
        self.channelID = channelID
        self.channel = channel
        self.requester = requester
        self.speaker = speaker
        self.aiMisses = aiMisses
        self.createdAt = createdAt
        self.lastMessageAt = lastMessageAt
        self.visitor = visitor
        self.lastCustomerMessageAt = lastCustomerMessageAt
    }
}

/// A connection of an agent to the outside world.
public struct ChannelConnection: Sendable, Equatable {
    public var id: String
    public var teamID: String
    public var agentID: String
    public var kind: Channel
    public var configuration: ChannelConfiguration
    public var createdAt: Timestamp

    public init(
        id: String, teamID: String, agentID: String, kind: Channel, configuration: ChannelConfiguration,
        createdAt: Timestamp
    ) {
        self.id = id
        self.teamID = teamID
        self.agentID = agentID
        self.kind = kind
        self.configuration = configuration
        self.createdAt = createdAt
    }
}

/// Per-kind channel settings. Secrets live here and are never returned by the API.
public enum ChannelConfiguration: Sendable, Equatable {
    /// The web widget: the page origins allowed to call the widget API (CORS),
    /// and whether the widget asks for a name and an email before the chat.
    case web(allowedOrigins: [String], preChat: PreChatForm = .off)
    /// A Telegram bot: its token, the webhook's secret and the Bot API it talks to.
    case telegram(TelegramSettings)
    /// A WhatsApp Business number on the Cloud API.
    case whatsapp(WhatsAppSettings)
    /// The support address and the SMTP server mail leaves through.
    case email(EmailSettings)

    /// The page origins a web widget may run on (none for other kinds).
    public var allowedOrigins: [String] {
        switch self {
        case .web(let origins, _): origins
        case .telegram, .whatsapp, .email: []
        }
    }

    /// The web widget's pre-chat form, if any.
    public var preChat: PreChatForm {
        switch self {
        case .web(_, let preChat): preChat
        case .telegram, .whatsapp, .email: .off
        }
    }

    /// A Telegram channel's settings; nil for other kinds.
    public var telegram: TelegramSettings? {
        if case .telegram(let settings) = self { settings } else { nil }
    }

    /// An email channel's settings; nil for other kinds.
    public var email: EmailSettings? {
        if case .email(let settings) = self { settings } else { nil }
    }

    /// A WhatsApp channel's settings; nil for other kinds.
    public var whatsapp: WhatsAppSettings? {
        if case .whatsapp(let settings) = self { settings } else { nil }
    }

    /// Whether a browser page at `origin` may use this channel.
    public func allows(origin: String) -> Bool {
        switch self {
        case .web(let origins, _):
            let normalized = origin.lowercased().trimmingTrailingSlash()
            return origins.contains { $0 == "*" || $0.lowercased().trimmingTrailingSlash() == normalized }
        case .telegram, .whatsapp, .email:
            return false
        }
    }
}

extension String {
    func trimmingTrailingSlash() -> String { hasSuffix("/") ? String(dropLast()) : self }
}

/// What the web widget shows about who is answering. The raw values are what
/// the widget API sends as `state`.
public enum WidgetState: String, Sendable, Equatable, CaseIterable {
    /// The AI answers; no ticket is open.
    case ai
    /// A ticket is open and waits for a person; the AI still answers meanwhile.
    case waiting
    /// A person holds the chat.
    case connected

    /// The state of a conversation with this speaker and these tickets.
    public init(speaker: Speaker, tickets: [Ticket]) {
        if case .operator = speaker {
            self = .connected
        } else if tickets.contains(where: { $0.status != .resolved }) {
            self = .waiting
        } else {
            self = .ai
        }
    }
}
