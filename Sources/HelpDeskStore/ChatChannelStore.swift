import HelpDeskCore

/// What chat channels reached from outside (Telegram now, WhatsApp next) need
/// of the store: taking a provider's update exactly once, the AI's answers
/// owed, what a queued chat message says and where it goes, and a long
/// poller's place in the provider's queue.
public protocol ChatChannelStore: Sendable {
    /// Every channel of one kind, in every team (pollers and webhooks are started per channel).
    func channels(kind: Channel) async throws -> [ChannelConnection]

    /// Stores a customer's message from a chat channel, once per provider event:
    /// nil when this event was taken before (the message is not stored again).
    /// The conversation is the one of this channel and chat, started when new.
    /// When `awaitsAnswer` and the AI may speak, the conversation owes an answer
    /// to this message (see `awaitingAnswer`), in the same transaction.
    func recordChatMessage(_ message: InboundChatMessage, now: Timestamp) async throws -> ChatMessageResult?

    /// Takes a provider event that stores no message (a Telegram button press, a WhatsApp reply
    /// taken as a rating) once: true the first time, false for a redelivery. It shares the
    /// message events' record, so a message with the same id is then a duplicate too.
    func takeChannelEvent(channelID: String, eventID: String, now: Timestamp) async throws -> Bool

    /// The conversation of a chat on a channel, if it started.
    func conversation(channelID: String, externalID: String) async throws -> Conversation?

    /// The newest customer message a conversation's AI has yet to answer, if any.
    func awaitingAnswer(conversationID: String, teamID: String) async throws -> Int64?
    /// The AI answered up to this message: nothing is owed unless a newer one came meanwhile, which is
    /// returned (read in the same transaction, so the caller needs no second read to know).
    func finishAnswer(conversationID: String, teamID: String, upTo entryID: Int64) async throws -> Int64?
    /// Conversations owed an answer, oldest request first (a restart picks them up).
    func conversationsAwaitingAnswer(limit: Int) async throws -> [ConversationRef]

    /// A chat message queued for delivery: its text, its channel and the customer's
    /// address there; nil when the entry, its conversation or its channel is gone.
    func outboundChatMessage(entryID: Int64, teamID: String) async throws -> OutboundChatMessage?

    /// A provider's receipt for a message it was sent (WhatsApp's statuses): the
    /// message's delivery state moves on (never back: receipts come out of
    /// order), and a failure fails the outbox entry with the reason so an
    /// operator can retry it. False when no sent message has this id on this
    /// channel, or the receipt changes nothing (a repeat).
    func recordReceipt(channelID: String, providerID: String, state: DeliveryState, error: String?, now: Timestamp)
        async throws -> Bool

    /// A long-polling channel's next offset in the provider's queue (nil: from the start).
    func pollOffset(channelID: String) async throws -> Int64?
    func setPollOffset(channelID: String, _ offset: Int64) async throws
    /// Forgets provider events taken before `before` (providers redeliver for a day at most).
    func pruneChannelEvents(before: Timestamp) async throws
}

/// A conversation by id and team.
public struct ConversationRef: Sendable, Equatable, Hashable {
    public var id: String
    public var teamID: String

    public init(id: String, teamID: String) {
        self.id = id
        self.teamID = teamID
    }
}

/// A customer's message as a chat channel delivered it.
public struct InboundChatMessage: Sendable {
    /// The channel it came through (its team and agent take the conversation).
    public var channel: ChannelConnection
    /// The provider's id of this event (Telegram's `update_id`), unique per channel.
    public var eventID: String
    /// The customer's address on the channel (a Telegram chat id).
    public var externalID: String
    /// Who wrote, for a new conversation.
    public var contact: Requester
    public var body: String
    /// Whether the AI should answer it (not, for instance, an edit of an earlier message).
    public var awaitsAnswer: Bool

    public init(
        channel: ChannelConnection, eventID: String, externalID: String, contact: Requester, body: String,
        awaitsAnswer: Bool
    ) {
        self.channel = channel
        self.eventID = eventID
        self.externalID = externalID
        self.contact = contact
        self.body = body
        self.awaitsAnswer = awaitsAnswer
    }
}

/// What storing a chat message came to.
public struct ChatMessageResult: Sendable {
    public var entry: TimelineEntry
    /// The conversation as it was when the message was stored.
    public var conversation: Conversation
    /// Whether this message started the conversation.
    public var started: Bool
    /// The ticket the message reopened, if any.
    public var reopened: Ticket?
    /// Whether the AI now owes an answer.
    public var awaitingAnswer: Bool

    public init(
        entry: TimelineEntry, conversation: Conversation, started: Bool, reopened: Ticket?, awaitingAnswer: Bool
    ) {
        self.entry = entry
        self.conversation = conversation
        self.started = started
        self.reopened = reopened
        self.awaitingAnswer = awaitingAnswer
    }
}

/// A queued chat message, ready for its channel's adapter.
public struct OutboundChatMessage: Sendable {
    public var body: String
    public var channel: ChannelConnection
    /// The customer's address on the channel.
    public var externalID: String
    public var conversationID: String

    public init(body: String, channel: ChannelConnection, externalID: String, conversationID: String) {
        self.body = body
        self.channel = channel
        self.externalID = externalID
        self.conversationID = conversationID
    }
}
