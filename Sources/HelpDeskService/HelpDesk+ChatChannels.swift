import Foundation
import HelpDeskCore
import HelpDeskStore

/// The verbs chat channel adapters (Telegram, WhatsApp) call: what
/// their webhooks and pollers take in, the AI's answers they run off the
/// request path, and what their outbox deliverers send. The adapters are not
/// members of a team, so these take no caller: a webhook proves itself with
/// the channel's secret before it calls them.
extension HelpDesk {
    /// A channel of `kind` by id, or 404.
    public func chatChannel(id: String, kind: Channel) async throws -> ChannelConnection {
        guard let channel = try await store.channel(id: id), channel.kind == kind else {
            throw HelpDeskError.notFound("no \(kind.rawValue) channel with id \(id)")
        }
        return channel
    }

    /// Every channel of `kind`, in every team: the server starts their pollers.
    public func chatChannels(kind: Channel) async throws -> [ChannelConnection] {
        try await store.channels(kind: kind)
    }

    /// What a chat's `/start` (the first thing Telegram sends for a user who opens
    /// the bot) gets: a greeting from the agent, not an answer from the brain.
    public static func greeting(agentName: String) -> String {
        "Hello! I'm \(agentName). How can I help you today?"
    }

    /// A customer's message from a chat channel, stored once per provider event
    /// (nil when the event was taken before). The AI's answer is owed, not given
    /// here: the caller runs `answerAwaiting` off the request path. A `/start`
    /// is greeted by the agent at once instead.
    public func receiveChatMessage(_ message: InboundChatMessage, isStart: Bool = false) async throws
        -> ChatMessageResult?
    {
        var message = message
        // Providers cap their own messages; a body past the shared limit is cut rather than lost.
        if !TextLimits.fits(message.body, max: TextLimits.messageBody) {
            message.body = String(
                String.UnicodeScalarView(message.body.unicodeScalars.prefix(TextLimits.messageBody)))
        }
        if isStart { message.awaitsAnswer = false }
        guard let result = try await store.recordChatMessage(message, now: clock()) else { return nil }
        if isStart, result.conversation.speaker == .ai,
            let agent = try await store.agent(
                id: message.channel.agentID, teamID: message.channel.teamID)
        {
            _ = try await store.recordAIMessage(
                conversationID: result.conversation.id, teamID: result.conversation.teamID,
                author: MessageAuthor(kind: .ai, id: agent.id, name: agent.name),
                body: Self.greeting(agentName: agent.name), answered: nil, now: clock())
        }
        return result
    }

    /// How long an instance holds a conversation's owed answer: longer than a brain takes (an LLM call
    /// times out well within it), so only an instance that died loses it to another.
    public static let answerLeaseSeconds: Double = 300

    /// Answers what a conversation's customer is owed, again until nothing is
    /// (messages that came while the brain worked get one answer together): the brain, the escalation, the labels, as on the widget, with
    /// every answer leaving through the outbox. Nothing is answered while a person
    /// holds the chat. `clientAddress` keys the escalation limit (a chat, not an IP).
    ///
    /// One instance at a time answers a conversation: this one holds the answer's lease while it
    /// works, and returns false at once when another instance holds it (that one answers; if it
    /// dies, the lease lapses and a later sweep answers). After giving the lease up it looks once
    /// more, so a message another instance stored while it held the lease is not left owed.
    @discardableResult
    public func answerAwaiting(_ conversation: ConversationRef, clientAddress: String) async throws -> Bool {
        let lease = LeaseName.owedAnswer(conversationID: conversation.id)
        while try await store.awaitingAnswer(conversationID: conversation.id, teamID: conversation.teamID) != nil {
            let now = clock()
            guard
                try await store.takeLease(
                    lease, holder: instanceID, now: now, until: now.adding(seconds: Self.answerLeaseSeconds))
            else { return false }
            var gone = true
            do {
                // One read for what is owed and what answering it reads; the finishing write says whether
                // more came meanwhile.
                while let owed = try await store.owedAnswer(
                    conversationID: conversation.id, teamID: conversation.teamID, historyLimit: Self.brainHistoryLimit)
                {
                    gone = false
                    _ = try await answer(
                        owed.conversation, clientAddress: clientAddress, agent: owed.agent, history: owed.history)
                    let newer = try await store.finishAnswer(
                        conversationID: conversation.id, teamID: conversation.teamID, upTo: owed.upTo)
                    if newer == nil { break }
                }
            } catch {
                try? await store.releaseLease(lease, holder: instanceID)
                throw error
            }
            try await store.releaseLease(lease, holder: instanceID)
            // Nothing was read under the lease: the conversation is gone (or its answer was finished elsewhere).
            if gone { break }
        }
        return true
    }

    /// Takes or renews this instance's hold on long polling a channel, for `seconds`: false while
    /// another instance polls it (two pollers of one bot make Telegram refuse both).
    public func holdPolling(channelID: String, seconds: Double) async throws -> Bool {
        let now = clock()
        return try await store.takeLease(
            LeaseName.telegramPolling(channelID: channelID), holder: instanceID, now: now,
            until: now.adding(seconds: seconds))
    }

    /// Gives up this instance's hold on polling a channel, so another instance takes it over at once.
    public func releasePolling(channelID: String) async throws {
        try await store.releaseLease(LeaseName.telegramPolling(channelID: channelID), holder: instanceID)
    }

    /// The conversation of a chat on a channel, if it started.
    public func chatConversation(channelID: String, externalID: String) async throws -> Conversation? {
        try await store.conversation(channelID: channelID, externalID: externalID)
    }

    /// Conversations owed an answer, oldest first (what a restart picks up).
    public func conversationsAwaitingAnswer(limit: Int = 100) async throws -> [ConversationRef] {
        try await store.conversationsAwaitingAnswer(limit: limit)
    }

    /// What a queued chat message says and where it goes; 404 when its
    /// conversation has no chat on a connected channel (the channel was removed,
    /// or the ticket was opened by hand).
    public func chatDelivery(_ entry: OutboxEntry) async throws -> OutboundChatMessage {
        guard let entryID = entry.entryID,
            let message = try await store.outboundChatMessage(entryID: entryID, teamID: entry.teamID)
        else {
            throw HelpDeskError.notFound(
                "this conversation has no chat on a connected channel (the channel was removed, or the ticket was opened by hand)"
            )
        }
        return message
    }

    /// A long-polling channel's next offset in the provider's queue.
    public func pollOffset(channelID: String) async throws -> Int64? {
        try await store.pollOffset(channelID: channelID)
    }

    public func savePollOffset(channelID: String, _ offset: Int64) async throws {
        try await store.setPollOffset(channelID: channelID, offset)
    }

    /// Forgets provider event ids older than eight days: Telegram keeps an update
    /// a day at most and Meta retries a webhook for up to seven, so none of them
    /// can come again.
    public func pruneChannelEvents() async throws {
        try await store.pruneChannelEvents(before: clock().adding(seconds: -8 * 24 * 3600))
    }

    /// A provider's receipt for a message it was sent (WhatsApp's statuses): the
    /// message's delivery state moves on, never back; a failure shows its reason
    /// on the message and can be retried. False when it changed nothing.
    @discardableResult
    public func recordReceipt(channel: ChannelConnection, providerID: String, state: DeliveryState, error: String?)
        async throws -> Bool
    {
        try await store.recordReceipt(
            channelID: channel.id, providerID: providerID, state: state, error: error, now: clock())
    }
}
