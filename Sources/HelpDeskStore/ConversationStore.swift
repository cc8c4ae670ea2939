import Foundation
import HelpDeskCore

/// Agents, channels and conversations: what comes before and around a ticket.
public protocol ConversationStore: Sendable {
    // MARK: Agents
    func saveAgent(_ agent: Agent, audit: AuditTrail<Void>) async throws
    func agents(teamID: String) async throws -> [Agent]
    func agent(id: String, teamID: String) async throws -> Agent?
    /// Removes an agent from lists; its tickets keep showing its name. False when not found.
    func deleteAgent(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws -> Bool

    // MARK: Channels
    func createChannel(_ channel: ChannelConnection, audit: AuditTrail<Void>) async throws
    func channels(teamID: String) async throws -> [ChannelConnection]
    /// A channel by id alone, for the public widget and webhooks.
    func channel(id: String) async throws -> ChannelConnection?
    func deleteChannel(id: String, teamID: String, now: Timestamp, audit: AuditTrail<Void>) async throws -> Bool
    /// Replaces a channel's configuration (its kind stays); nil when the team has no such channel.
    func updateChannel(
        id: String, teamID: String, configuration: ChannelConfiguration, audit: AuditTrail<ChannelConnection>
    ) async throws -> ChannelConnection?

    // MARK: Conversations
    func startConversation(_ conversation: Conversation) async throws
    func conversation(id: String, teamID: String) async throws -> Conversation?
    /// The customer says who they are (the widget's pre-chat form): the
    /// conversation and its tickets take the name and, when given, the email.
    func updateRequester(conversationID: String, teamID: String, name: String, email: String?) async throws
    /// The messages of a conversation in order, optionally only those after an
    /// entry id, and at most `limit` of them (nil: all).
    func messages(conversationID: String, teamID: String, after: Int64?, limit: Int?) async throws -> [TimelineEntry]
    /// The last `limit` messages of a conversation, oldest first.
    func recentMessages(conversationID: String, teamID: String, limit: Int) async throws -> [TimelineEntry]
    /// The tickets of a conversation, newest first.
    func tickets(conversationID: String, teamID: String) async throws -> [Ticket]
    /// Stores a customer's message carrying their unsent uploads `attachmentIDs`
    /// (see `AttachmentPolicy.checkSendable`; refused with nothing written);
    /// reopens the conversation's resolved ticket if it has one and no open one.
    /// With `owesAnswer`, the AI owes this message an answer (see `ChatChannelStore.awaitingAnswer`),
    /// recorded in the same transaction so a restart finds it.
    func recordCustomerMessage(
        conversationID: String, teamID: String, body: String, attachmentIDs: [String], owesAnswer: Bool,
        now: Timestamp
    ) async throws -> CustomerMessageResult
    /// Stores an AI message only if the AI may speak now (checked in the same
    /// transaction); nil when an operator holds the conversation.
    func recordAIMessage(
        conversationID: String, teamID: String, author: MessageAuthor, body: String, answered: Bool?, now: Timestamp
    ) async throws -> TimelineEntry?
    /// Escalates: a new ticket, or an `escalationRepeated` event on the open one.
    func escalate(_ escalation: EscalationRequest, now: Timestamp) async throws -> EscalationResult
    /// The caller holds the conversation: the AI is paused and the customer gets the connected label.
    func takeOver(teamID: String, number: Int, by member: MemberRef, connectedLabel: String?, now: Timestamp)
        async throws -> Ticket
    /// Hands the conversation back to the AI.
    func release(teamID: String, number: Int, by member: MemberRef, mayOverride: Bool, now: Timestamp) async throws
        -> Ticket
    /// Stores an operator's reply on a ticket's conversation, with its outbox entry when it leaves by email.
    func reply(_ reply: OperatorReply, now: Timestamp) async throws -> TimelineEntry
    /// The team's outbox, oldest first: what is queued for delivery and what was delivered.
    func outbox(teamID: String) async throws -> [OutboxEntry]
    /// Marks a queued outbox entry delivered, at `now`; the team's next owners'
    /// notification then starts a new digest. False when the team has no such queued entry.
    func markOutboxSent(id: Int64, teamID: String, now: Timestamp) async throws -> Bool
    /// Claims up to `limit` entries of these kinds for `worker` until `leaseUntil`: those
    /// queued and due, and those whose previous claim's lease ended (a worker that died).
    /// Each claim counts an attempt. Two workers never hold one entry at once.
    func claimOutbox(kinds: [OutboxKind], worker: String, now: Timestamp, leaseUntil: Timestamp, limit: Int)
        async throws -> [OutboxEntry]
    /// Records what an attempt came to, if `worker` still holds the claim (false otherwise:
    /// the lease ended and someone else took over, so this result is dropped). The
    /// message's delivery state on the timeline follows in the same transaction.
    func finishOutbox(id: Int64, worker: String, result: OutboxResult, now: Timestamp) async throws -> Bool
    /// An operator retries a failed delivery of a message: queued again, due now. False
    /// when the team has no failed delivery of that entry.
    func retryDelivery(teamID: String, entryID: Int64, now: Timestamp) async throws -> Bool
    /// Timeline entries of the team's tickets after an entry id, oldest first (the live feed).
    func liveEntries(teamID: String, after: Int64, limit: Int) async throws -> [(entry: TimelineEntry, ticket: Ticket)]
    func latestEntryID(teamID: String) async throws -> Int64
    /// Changes of messages' delivery states in the team after a change id, oldest first, each with
    /// the message and its ticket as they are now (the live feed sends them on).
    func deliveryChanges(teamID: String, after: Int64, limit: Int) async throws -> [(
        id: Int64, entry: TimelineEntry, ticket: Ticket
    )]
    /// The newest delivery change id of a team (where a fresh live connection starts).
    func latestDeliveryChangeID(teamID: String) async throws -> Int64
    /// Ticket counts for the inbox tabs, each capped.
    func ticketCounts(teamID: String, memberID: String, cap: Int) async throws -> TicketCounts
    /// A 32-byte instance secret, created on first use and shared by every instance on this database.
    func secret(named name: String) async throws -> Data
}

extension ConversationStore {
    /// Stores a customer's message without files.
    public func recordCustomerMessage(conversationID: String, teamID: String, body: String, now: Timestamp)
        async throws -> CustomerMessageResult
    {
        try await recordCustomerMessage(
            conversationID: conversationID, teamID: teamID, body: body, attachmentIDs: [], owesAnswer: false, now: now)
    }

    /// Stores a customer's message; nothing is owed by the background (the caller answers it).
    public func recordCustomerMessage(
        conversationID: String, teamID: String, body: String, attachmentIDs: [String], now: Timestamp
    ) async throws -> CustomerMessageResult {
        try await recordCustomerMessage(
            conversationID: conversationID, teamID: teamID, body: body, attachmentIDs: attachmentIDs,
            owesAnswer: false, now: now)
    }
}

public struct CustomerMessageResult: Sendable {
    public var entry: TimelineEntry
    public var conversation: Conversation
    /// The ticket that the message reopened, if any.
    public var reopened: Ticket?

    package init(entry: TimelineEntry, conversation: Conversation, reopened: Ticket?) {
        self.entry = entry
        self.conversation = conversation
        self.reopened = reopened
    }
}

/// An escalation to carry out in one transaction.
public struct EscalationRequest: Sendable {
    public var teamID: String
    public var conversationID: String
    public var reason: Escalation.Reason
    public var modelSummary: String?
    /// What a customer message says for the subject and summary, nil to skip
    /// it (a bare request for a person); see `HumanRequestDetector.substance(of:)`.
    public var substance: @Sendable (String) -> String?

    public init(
        teamID: String, conversationID: String, reason: Escalation.Reason, modelSummary: String? = nil,
        substance: @escaping @Sendable (String) -> String? = { $0 }
    ) {
        self.teamID = teamID
        self.conversationID = conversationID
        self.reason = reason
        self.modelSummary = modelSummary
        self.substance = substance
    }
}

public struct EscalationResult: Sendable {
    public var ticket: Ticket
    /// True when the conversation already had an unresolved ticket.
    public var repeated: Bool
    /// The waiting label or auto-reply stored for the customer (nil on a repeat).
    public var notice: TimelineEntry?
    public var noticeKind: Escalation.Notice?

    package init(ticket: Ticket, repeated: Bool, notice: TimelineEntry?, noticeKind: Escalation.Notice?) {
        self.ticket = ticket
        self.repeated = repeated
        self.notice = notice
        self.noticeKind = noticeKind
    }
}

/// An outbox entry as stored: something to deliver outside the process.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var kind: OutboxKind
    public var state: OutboxState
    /// The JSON payload, as `OutboxMessage.payload` describes it.
    public var payload: String
    public var attempts: Int
    /// Not to be delivered before this (an owners' digest waits out the minimum interval).
    public var nextAttemptAt: Timestamp
    public var createdAt: Timestamp
    public var sentAt: Timestamp?
    /// The team, the timeline entry it delivers (nil for notifications) and the last failure.
    public var teamID: String
    public var entryID: Int64?
    public var lastError: String?

    public init(
        id: Int64, kind: OutboxKind, state: OutboxState, payload: String, attempts: Int, nextAttemptAt: Timestamp,
        createdAt: Timestamp, sentAt: Timestamp?, teamID: String = "", entryID: Int64? = nil, lastError: String? = nil
    ) {
        self.teamID = teamID
        self.entryID = entryID
        self.lastError = lastError
        self.id = id
        self.kind = kind
        self.state = state
        self.payload = payload
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

/// What the outbox records after an attempt.
public enum OutboxResult: Sendable, Equatable {
    case sent
    /// Sent, and the provider named the message (one id per part of a long one): its receipts name these ids.
    case sentAs(providerIDs: [String])
    /// Try again at this time; the reason is kept and shown with the message.
    case retry(at: Timestamp, reason: String)
    case failed(reason: String)
}

/// An operator's reply to store.
public struct OperatorReply: Sendable {
    public var teamID: String
    public var number: Int
    public var author: MemberRef
    public var body: String
    public var channel: Channel
    /// The author's unsent uploads on this ticket that the reply carries.
    public var attachmentIDs: [String]

    public init(
        teamID: String, number: Int, author: MemberRef, body: String, channel: Channel, attachmentIDs: [String] = []
    ) {
        self.teamID = teamID
        self.number = number
        self.author = author
        self.body = body
        self.channel = channel
        self.attachmentIDs = attachmentIDs
    }
}
