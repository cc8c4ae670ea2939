import Foundation
import HelpDeskAI
import HelpDeskCore
import HelpDeskStore

/// What the widget gets back for a visitor's message or the human button.
public struct VisitorReply: Sendable {
    /// The last message stored for the customer (AI answer, waiting label or auto-reply).
    public var reply: TimelineEntry?
    public var escalated: Bool
    public var ticketNumber: Int?
    /// The AI's answer is owed and comes later (an LLM brain answers in the
    /// background, never inside the visitor's request); the caller schedules it.
    public var answerPending: Bool

    public init(reply: TimelineEntry?, escalated: Bool, ticketNumber: Int?, answerPending: Bool = false) {
        self.reply = reply
        self.escalated = escalated
        self.ticketNumber = ticketNumber
        self.answerPending = answerPending
    }
}

/// The widget's view of its session.
public struct WidgetConfig: Sendable {
    public var humanButton: HumanButtonVisibility
    public var waitingLabel: String
    public var connectedLabel: String
    public var state: WidgetState
    public var agentName: String
    /// The channel's pre-chat form, and what the visitor already told.
    public var preChat: PreChatForm
    public var requester: Requester
    /// When the state may change with the clock alone (business hours opening
    /// or closing), though nothing is written; `nil` when only writes change it.
    public var recheckAt: Date?
    /// The largest file the visitor may upload, in bytes.
    public var maxAttachmentBytes: Int
    /// The rating the widget asks for now, if any: a resolved ticket of this visitor's.
    public var csat: CSATRequest?
}

/// A question to the customer about one resolved ticket.
public struct CSATRequest: Sendable, Equatable {
    public var ticketNumber: Int
    public var question: String
}

extension HelpDesk {
    // MARK: - Widget sessions

    /// A web channel by id, or 404.
    public func webChannel(id: String) async throws -> ChannelConnection {
        guard let channel = try await store.channel(id: id), channel.kind == .web else {
            throw HelpDeskError.notFound("no web widget channel with id \(id)")
        }
        return channel
    }

    /// Starts a visitor session, or resumes the one a valid token names. A token
    /// that was sent but is forged, expired or for another channel is 401. New
    /// conversations are rate limited per client address and per channel.
    public func startVisitorSession(
        channelID: String, token: String?, name: String?, email: String?, context: VisitorContext = VisitorContext(),
        clientAddress: String
    ) async throws -> (token: String, conversation: Conversation) {
        try await startVisitorSession(
            channel: try await webChannel(id: channelID), token: token, name: name, email: email, context: context,
            clientAddress: clientAddress)
    }

    /// The same, for a channel the caller already read.
    public func startVisitorSession(
        channel: ChannelConnection, token: String?, name: String?, email: String?,
        context: VisitorContext = VisitorContext(), clientAddress: String
    ) async throws -> (token: String, conversation: Conversation) {
        let now = clock()
        let given = try TextLimits.optional(name, field: "name", max: TextLimits.name)
        let email = try email.flatMap { $0.isEmpty ? nil : try Self.validEmail($0, field: "email") }
        let name = given ?? "Visitor"
        if let token, !token.isEmpty {
            var conversation = try await visitorConversation(channel: channel, token: token)
            // Resuming with a name or an email: the pre-chat form, filled in after the chat began.
            if given != nil || email != nil {
                try await store.updateRequester(
                    conversationID: conversation.id, teamID: conversation.teamID,
                    name: given ?? conversation.requester.name, email: email)
                conversation = try await visitorConversation(channel: channel, token: token)
            }
            return (
                try await visitorTokens.issue(channelID: channel.id, conversationID: conversation.id, now: now),
                conversation
            )
        }
        try await limitAnonymous(
            clientAddress,
            [
                ("session.address:" + clientAddress, anonymousLimits.sessionsPerAddress),
                ("session.channel:" + channel.id, anonymousLimits.sessionsPerChannel),
            ])
        let id = Identifier.make("cv")
        let conversation = Conversation(
            id: id, teamID: channel.teamID, agentID: channel.agentID, channelID: channel.id, channel: .web,
            requester: Requester(name: name, email: email, handle: "visitor:" + id.dropFirst(3)), speaker: .ai,
            aiMisses: 0, createdAt: now, lastMessageAt: now, visitor: context)
        try await store.startConversation(conversation)
        return (try await visitorTokens.issue(channelID: channel.id, conversationID: id, now: now), conversation)
    }

    /// The conversation a visitor token names on this channel, or 401.
    public func visitorConversation(channelID: String, token: String) async throws -> Conversation {
        try await visitorConversation(channel: try await webChannel(id: channelID), token: token)
    }

    /// The same, for a caller that already loaded the channel.
    public func visitorConversation(channel: ChannelConnection, token: String) async throws -> Conversation {
        guard let identity = try await visitorTokens.verify(token, now: clock()), identity.channelID == channel.id
        else {
            throw HelpDeskError.unauthorized("the visitor token is invalid or expired; start a new session")
        }
        guard let conversation = try await store.conversation(id: identity.conversationID, teamID: channel.teamID)
        else {
            throw HelpDeskError.unauthorized("the visitor token names no conversation; start a new session")
        }
        return conversation
    }

    public func widgetConfig(_ conversation: Conversation) async throws -> WidgetConfig {
        let agent = try await conversation.agentID.asyncFlatMap {
            try await store.agent(id: $0, teamID: conversation.teamID)
        }
        let handover = agent?.supportHandover
        let team = try await store.team(id: conversation.teamID)
        let settings = try await store.settings(teamID: conversation.teamID)
        let messages = try await store.messages(
            conversationID: conversation.id, teamID: conversation.teamID, after: nil, limit: nil)
        let exchanged = messages.filter {
            if case .message(let author, _, _, _) = $0.content {
                author.kind == .customer || author.kind == .ai
            } else {
                false
            }
        }.count
        var visibility = HumanButtonPolicy.evaluate(
            humanButtonEnabled: handover?.humanButton ?? false, messageThreshold: handover?.messageThreshold ?? 0,
            messageCount: exchanged, calendar: settings.calendar, plan: team?.plan ?? .free, now: clock().date
        )
        let tickets = try await store.tickets(conversationID: conversation.id, teamID: conversation.teamID)
        let state = WidgetState(speaker: conversation.speaker, tickets: tickets)
        // A person is already in the chat: asking for one makes no sense.
        if state == .connected { visibility = .hidden(.alreadyConnected) }
        // A ticket already waits for a person: asking again adds nothing.
        if state == .waiting, visibility.visible { visibility = .hidden(.alreadyWaiting) }
        let defaults = SupportHandover()
        let now = clock()
        var recheckAt = settings.calendar.nextChange(after: now.date)
        var csat: CSATRequest?
        if settings.csat.enabled {
            let resolved = tickets.filter { $0.status == .resolved }
            let rated = try await store.ratedTickets(teamID: conversation.teamID, numbers: resolved.map(\.number))
            csat = CSAT.ticketToAsk(among: resolved, rated: rated, settings: settings.csat, now: now).map {
                CSATRequest(ticketNumber: $0.number, question: settings.csat.question)
            }
            // A rating still to be asked for, after the delay: the widget checks again then.
            let delay = TimeInterval(settings.csat.delayMinutes) * 60
            let due = resolved.compactMap { $0.resolvedAt.map { $0.date.addingTimeInterval(delay) } }
                .filter { $0 > now.date }.min()
            if let due { recheckAt = min(recheckAt ?? due, due) }
        }
        return WidgetConfig(
            humanButton: visibility, waitingLabel: handover?.waitingLabel ?? defaults.waitingLabel,
            connectedLabel: handover?.connectedLabel ?? defaults.connectedLabel, state: state,
            agentName: agent?.name ?? "Assistant", preChat: try await preChat(of: conversation),
            requester: conversation.requester, recheckAt: recheckAt, maxAttachmentBytes: maxAttachmentBytes,
            csat: csat)
    }

    /// The pre-chat form of the conversation's channel (off when it has none).
    func preChat(of conversation: Conversation) async throws -> PreChatForm {
        guard let channelID = conversation.channelID else { return .off }
        return try await store.channel(id: channelID)?.configuration.preChat ?? .off
    }

    /// A required pre-chat form not yet filled in: nothing the visitor sends is taken.
    func requirePreChat(_ conversation: Conversation) async throws {
        guard conversation.requester.email == nil, try await preChat(of: conversation) == .required else { return }
        throw HelpDeskError.unprocessable(
            "this chat needs your name and email first: send them to POST /widget/v1/{channelId}/sessions "
                + "with your visitor token")
    }

    // MARK: - Customer messages and escalation

    /// A customer's message: stored, then answered by the agent's brain unless
    /// a person holds the conversation; escalates when the brain says so.
    /// Rate limited per conversation and per client address.
    ///
    /// The message may carry the visitor's unsent uploads (`attachmentIDs`),
    /// and then needs no text; a message of files alone is not put to the brain.
    public func receiveCustomerMessage(
        _ conversation: Conversation, body: String, attachmentIDs: [String] = [], clientAddress: String
    ) async throws -> VisitorReply {
        let body = try Self.messageBody(body, attachmentIDs: attachmentIDs)
        try await requirePreChat(conversation)
        try await limitAnonymous(
            clientAddress,
            [
                ("message.conversation:" + conversation.id, anonymousLimits.messagesPerConversation),
                ("message.address:" + clientAddress, anonymousLimits.messagesPerAddress),
            ])
        // A model may take seconds: its answer is owed and given in the background (the caller
        // schedules it); the built-in brain answers within the request.
        var agent: Agent?
        if conversation.speaker == .ai, !body.isEmpty, let agentID = conversation.agentID {
            agent = try await store.agent(id: agentID, teamID: conversation.teamID)
        }
        let slowBrain: Bool =
            if case .llm = agent?.brain { true } else { false }
        let received = try await store.recordCustomerMessage(
            conversationID: conversation.id, teamID: conversation.teamID, body: body, attachmentIDs: attachmentIDs,
            owesAnswer: slowBrain, now: clock())
        // A message of files alone is not put to the brain.
        guard !body.isEmpty else { return VisitorReply(reply: nil, escalated: false, ticketNumber: nil) }
        if slowBrain && received.conversation.speaker == .ai {
            return VisitorReply(reply: nil, escalated: false, ticketNumber: nil, answerPending: true)
        }
        return try await answer(received.conversation, clientAddress: clientAddress, agent: agent)
    }

    /// The agent's brain answers the customer's newest message on a conversation,
    /// unless a person holds it; escalates when the brain says so. The widget
    /// runs it inside the visitor's request, chat channels off the request path.
    /// `known` is the conversation's agent when the caller has just read it (it is not read again).
    func answer(
        _ current: Conversation, clientAddress: String, agent known: Agent? = nil,
        history recent: [TimelineEntry]? = nil
    ) async throws -> VisitorReply {
        guard current.speaker == .ai, let agentID = current.agentID else {
            return VisitorReply(reply: nil, escalated: false, ticketNumber: nil)
        }
        let read = known?.id == agentID ? known : try await store.agent(id: agentID, teamID: current.teamID)
        guard let agent = read else { return VisitorReply(reply: nil, escalated: false, ticketNumber: nil) }

        let history: [BrainTurn]
        if let recent {
            history = Self.brainTurns(recent)
        } else {
            history = try await brainHistory(current)
        }
        let response = await brains.brain(for: agent).respond(
            to: BrainRequest(agent: agent, history: history, previousMisses: current.aiMisses))
        let author = MessageAuthor(kind: .ai, id: agent.id, name: agent.name)

        var last: TimelineEntry?
        if let reply = response.reply, !reply.isEmpty {
            last = try await store.recordAIMessage(
                conversationID: current.id, teamID: current.teamID, author: author, body: reply,
                answered: response.answered, now: clock())
        } else if response.escalation == nil {
            _ = try await store.recordAIMessage(
                conversationID: current.id, teamID: current.teamID, author: author, body: "", answered: false,
                now: clock())
        }
        guard let cause = response.escalation else {
            return VisitorReply(reply: last, escalated: false, ticketNumber: nil)
        }
        let reason: Escalation.Reason =
            switch cause {
            case .humanButton: .humanButton
            case .customerAsked(let evidence): .customerAsked(evidence: evidence)
            case .unresolved: .unresolved
            case .agentDecided(let why): .agentDecided(reason: why)
            }
        do {
            let summary: String?
            if let written = response.summary {
                summary = written
            } else if case .llm = agent.brain {
                summary = await brains.summarize(history, agent)
            } else {
                summary = nil
            }
            let result = try await escalate(
                current, reason: reason, modelSummary: summary, clientAddress: clientAddress)
            if agent.brain == .builtin, !result.repeated {
                await suggestTags(
                    for: result.ticket, customerMessages: history.filter { $0.author == .customer }.map(\.text))
            }
            return VisitorReply(reply: result.notice ?? last, escalated: true, ticketNumber: result.ticket.number)
        } catch is HelpDeskError {
            // No Support Handover, no Help Desk in the plan, or too many requests for a
            // person from this address: the AI keeps the conversation.
            guard last == nil else { return VisitorReply(reply: last, escalated: false, ticketNumber: nil) }
            let apology = "I'm sorry, I can't connect you with a person here, but I'll do my best to help."
            last = try await store.recordAIMessage(
                conversationID: current.id, teamID: current.teamID, author: author, body: apology, answered: nil,
                now: clock())
            return VisitorReply(reply: last, escalated: false, ticketNumber: nil)
        }
    }

    /// The human button: escalates when the policy shows the button now.
    public func pressHumanButton(_ conversation: Conversation, clientAddress: String) async throws -> VisitorReply {
        try await requirePreChat(conversation)
        let config = try await widgetConfig(conversation)
        guard config.humanButton.visible else {
            throw HelpDeskError.forbidden(
                "the human button is not available now (\(config.humanButton.reason?.rawValue ?? "hidden"))")
        }
        var summary: String?
        var agent: Agent?
        if let agentID = conversation.agentID {
            agent = try await store.agent(id: agentID, teamID: conversation.teamID)
        }
        if let agent, case .llm = agent.brain {
            summary = await brains.summarize(try await brainHistory(conversation), agent)
        }
        let result = try await escalate(
            conversation, reason: .humanButton, modelSummary: summary, clientAddress: clientAddress)
        // As at the built-in brain's own handoff: the team's tags the customer's messages mention.
        if agent?.brain == .builtin, !result.repeated {
            let history = try await brainHistory(conversation)
            await suggestTags(
                for: result.ticket, customerMessages: history.filter { $0.author == .customer }.map(\.text))
        }
        return VisitorReply(reply: result.notice, escalated: true, ticketNumber: result.ticket.number)
    }

    /// Tells a customer's request for a person from what they need, for subjects and summaries.
    static let detector = HumanRequestDetector()

    /// Escalates; requests for a person are rate limited per client address, so
    /// one client opening conversation after conversation cannot flood the inbox.
    func escalate(
        _ conversation: Conversation, reason: Escalation.Reason, modelSummary: String?, clientAddress: String
    ) async throws -> EscalationResult {
        try await limitAnonymous(
            clientAddress, [("escalation.address:" + clientAddress, anonymousLimits.escalationsPerAddress)])
        let result = try await store.escalate(
            EscalationRequest(
                teamID: conversation.teamID, conversationID: conversation.id, reason: reason,
                modelSummary: modelSummary, substance: { Self.detector.substance(of: $0) }),
            now: clock())
        if !result.repeated { Self.count(.ticketsCreated) }
        return result
    }

    /// How many of a conversation's last messages the brain reads.
    static let brainHistoryLimit = 40

    func brainHistory(_ conversation: Conversation) async throws -> [BrainTurn] {
        Self.brainTurns(
            try await store.recentMessages(
                conversationID: conversation.id, teamID: conversation.teamID, limit: Self.brainHistoryLimit))
    }

    static func brainTurns(_ messages: [TimelineEntry]) -> [BrainTurn] {
        messages.compactMap { entry in
            guard case .message(let author, _, let body, _) = entry.content, !body.isEmpty else { return nil }
            return BrainTurn(author: author.kind, text: body)
        }
    }

    // MARK: - Operators on conversations

    public func takeOver(_ caller: Caller, number: Int) async throws -> Ticket {
        try caller.requireHelpDesk()
        let ticket = try await self.ticket(caller, number: number)
        var label: String?
        if let agentID = ticket.agent?.id, let agent = try await store.agent(id: agentID, teamID: caller.team.id) {
            label = agent.supportHandover?.connectedLabel
        }
        return try await store.takeOver(
            teamID: caller.team.id, number: number, by: caller.member.ref,
            connectedLabel: label ?? "You are now chatting with \(caller.member.displayName).", now: clock())
    }

    public func release(_ caller: Caller, number: Int) async throws -> Ticket {
        try caller.requireHelpDesk()
        return try await store.release(
            teamID: caller.team.id, number: number, by: caller.member.ref, mayOverride: caller.member.role.canConfigure,
            now: clock())
    }

    public func replyChannels(_ caller: Caller, number: Int) async throws -> [ReplyChannels.Option] {
        let ticket = try await self.ticket(caller, number: number)
        guard let conversation = try await store.conversation(id: ticket.conversationID, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no ticket \(number) in this team")
        }
        return ReplyChannels.options(conversation: conversation, caller: caller.member.ref, now: clock())
    }

    /// Replies to the customer, with the caller's files uploaded on this ticket
    /// (`attachmentIDs`); a reply with files may have no text.
    public func reply(
        _ caller: Caller, number: Int, body: String, channel: Channel?, attachmentIDs: [String] = []
    ) async throws -> TimelineEntry {
        try caller.requireHelpDesk()
        let body = try Self.messageBody(body, attachmentIDs: attachmentIDs)
        let ticket = try await self.ticket(caller, number: number)
        guard let conversation = try await store.conversation(id: ticket.conversationID, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no ticket \(number) in this team")
        }
        let chosen = try ReplyChannels.resolve(
            channel, conversation: conversation, caller: caller.member.ref, now: clock())
        return try await store.reply(
            OperatorReply(
                teamID: caller.team.id, number: number, author: caller.member.ref, body: body, channel: chosen,
                attachmentIDs: attachmentIDs),
            now: clock())
    }

    /// A visitor's rating of one of their resolved tickets (`CSAT.validated`, `CSAT.checkRateable`):
    /// one answer per ticket; another conversation's ticket answers 404 as a missing one does.
    public func rateTicket(_ conversation: Conversation, number: Int, rating: Int, comment: String?) async throws {
        let (rating, comment) = try CSAT.validated(rating: rating, comment: comment)
        let tickets = try await store.tickets(conversationID: conversation.id, teamID: conversation.teamID)
        guard let ticket = tickets.first(where: { $0.number == number }) else {
            throw HelpDeskError.notFound("no ticket \(number) in this chat")
        }
        let settings = try await store.settings(teamID: conversation.teamID)
        try CSAT.checkRateable(ticket, settings: settings.csat, now: clock())
        try await store.rateTicket(
            teamID: conversation.teamID, number: number, rating: rating, comment: comment,
            channel: conversation.channel, now: clock())
    }

    /// A visitor's own tickets, newest first.
    public func visitorTickets(_ conversation: Conversation) async throws -> [Ticket] {
        try await store.tickets(conversationID: conversation.id, teamID: conversation.teamID)
    }

    /// The visitor's messages after an id, at most `limit` (nil: all).
    public func visitorMessages(_ conversation: Conversation, after: Int64?, limit: Int? = nil) async throws
        -> [TimelineEntry]
    {
        try await store.messages(
            conversationID: conversation.id, teamID: conversation.teamID, after: after, limit: limit)
    }
}

extension HelpDesk {
    /// Admits an anonymous request or throws 429 with the wait: every check must
    /// have a token, and none is spent when one refuses. Exempt addresses pass.
    func limitAnonymous(_ clientAddress: String, _ checks: [(key: String, limit: RateLimit)]) async throws {
        guard anonymousLimits.enabled, !anonymousLimits.exempt.contains(where: { $0.contains(clientAddress) })
        else { return }
        if let wait = try await store.admit(checks, now: clock()) {
            // Answered late: a client that floods in a loop then sends a request per delay, not
            // as many as the server can refuse, and the wait costs the server no CPU.
            if anonymousLimits.refusalDelay > .zero { try? await Task.sleep(for: anonymousLimits.refusalDelay) }
            throw HelpDeskError.rateLimited(retryAfterSeconds: wait)
        }
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
