import Foundation
import HelpDeskCore
import HelpDeskStore

/// An agent as a member writes it (create or full replace).
public struct AgentDraft: Sendable {
    public var name: String
    public var instructions: String
    public var brain: BrainChoice
    public var faq: [FAQEntry]
    public var supportHandover: SupportHandover?

    public init(
        name: String, instructions: String, brain: BrainChoice, faq: [FAQEntry], supportHandover: SupportHandover?
    ) {
        self.name = name
        self.instructions = instructions
        self.brain = brain
        self.faq = faq
        self.supportHandover = supportHandover
    }

    /// Every problem, each naming its field.
    func validationErrors(outbound: OutboundPolicy) -> [FieldError] {
        var errors: [FieldError] = []
        let name = self.name.trimmingWhitespace()
        if name.isEmpty { errors.append(FieldError(field: "name", message: "must not be empty")) }
        if !TextLimits.fits(self.name, max: TextLimits.name) {
            errors.append(FieldError(field: "name", message: "must be at most \(TextLimits.name) characters"))
        }
        if !TextLimits.fits(instructions, max: 20_000) {
            errors.append(FieldError(field: "instructions", message: "must be at most 20000 characters"))
        }
        if faq.count > 5_000 { errors.append(FieldError(field: "faq", message: "must have at most 5000 entries")) }
        for (index, entry) in faq.enumerated() {
            if entry.question.trimmingWhitespace().isEmpty {
                errors.append(FieldError(field: "faq[\(index)].question", message: "must not be empty"))
            }
            if entry.answer.trimmingWhitespace().isEmpty {
                errors.append(FieldError(field: "faq[\(index)].answer", message: "must not be empty"))
            }
            if entry.question.unicodeScalars.count + entry.answer.unicodeScalars.count > 10_000 {
                errors.append(FieldError(field: "faq[\(index)]", message: "must be at most 10000 characters in all"))
            }
        }
        if case .llm(let baseURL, let model, _) = brain {
            if let problem = outbound.problem(withBaseURL: baseURL) {
                errors.append(FieldError(field: "brain.baseURL", message: problem))
            }
            if model.trimmingWhitespace().isEmpty {
                errors.append(FieldError(field: "brain.model", message: "must not be empty"))
            }
        }
        if let handover = supportHandover { errors += handover.validationErrors() }
        return errors
    }
}

extension HelpDesk {
    // MARK: - Agents

    public func agents(_ caller: Caller) async throws -> [Agent] {
        try await store.agents(teamID: caller.team.id)
    }

    public func agent(_ caller: Caller, id: String) async throws -> Agent {
        guard let agent = try await store.agent(id: id, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no agent with id \(id) in this team")
        }
        return agent
    }

    public func createAgent(_ caller: Caller, _ draft: AgentDraft) async throws -> Agent {
        try caller.requireConfigure("create agents")
        let errors = draft.validationErrors(outbound: outbound)
        guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        let now = clock()
        let agent = Agent(
            id: Identifier.make("ag"), teamID: caller.team.id, name: draft.name.trimmingWhitespace(),
            instructions: draft.instructions, brain: draft.brain, faq: draft.faq,
            supportHandover: draft.supportHandover,
            createdAt: now, updatedAt: now)
        try await store.saveAgent(
            agent,
            audit: auditTrail(
                caller, .agentCreated, subject: .agent(agent), before: nil, after: AuditSnapshot.agent(agent)))
        return agent
    }

    /// Replaces an agent. An LLM API key left out keeps the stored one (keys are write-only).
    public func replaceAgent(_ caller: Caller, id: String, _ draft: AgentDraft) async throws -> Agent {
        try caller.requireConfigure("change agents")
        var existing = try await agent(caller, id: id)
        let previous = existing
        let errors = draft.validationErrors(outbound: outbound)
        guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        var brain = draft.brain
        if case .llm(let baseURL, let model, nil) = brain, case .llm(_, _, let storedKey?) = existing.brain {
            brain = .llm(baseURL: baseURL, model: model, apiKey: storedKey)
        }
        existing.name = draft.name.trimmingWhitespace()
        existing.instructions = draft.instructions
        existing.brain = brain
        existing.faq = draft.faq
        existing.supportHandover = draft.supportHandover
        existing.updatedAt = max(clock(), existing.updatedAt.adding(seconds: 0.000001))
        let before = AuditSnapshot.agent(previous)
        let after = AuditSnapshot.agent(existing)
        try await store.saveAgent(
            existing,
            audit: before == after
                ? .none : auditTrail(caller, .agentUpdated, subject: .agent(existing), before: before, after: after))
        return existing
    }

    public func deleteAgent(_ caller: Caller, id: String) async throws {
        try caller.requireConfigure("delete agents")
        guard let agent = try await store.agent(id: id, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no agent with id \(id) in this team")
        }
        // Its channels go with it, each recorded too.
        let connected = try await store.channels(teamID: caller.team.id).filter { $0.agentID == id }
        let records =
            connected.map { channel in
                auditRecord(
                    caller, .channelDeleted, subject: .channel(channel), before: AuditSnapshot.channel(channel),
                    after: nil)
            } + [
                auditRecord(
                    caller, .agentDeleted, subject: .agent(agent), before: AuditSnapshot.agent(agent), after: nil)
            ]
        guard
            try await store.deleteAgent(
                id: id, teamID: caller.team.id, now: clock(), audit: AuditTrail(records: records))
        else { throw HelpDeskError.notFound("no agent with id \(id) in this team") }
    }

    // MARK: - Channels

    public func channels(_ caller: Caller) async throws -> [ChannelConnection] {
        try await store.channels(teamID: caller.team.id)
    }

    public func createChannel(_ caller: Caller, kind: Channel, agentID: String, configuration: ChannelConfiguration)
        async throws -> ChannelConnection
    {
        try caller.requireConfigure("connect channels")
        try validate(kind: kind, configuration)
        let channel = ChannelConnection(
            id: Identifier.make("ch"), teamID: caller.team.id, agentID: agentID, kind: kind,
            configuration: configuration, createdAt: clock())
        try await store.createChannel(
            channel,
            audit: auditTrail(
                caller, .channelCreated, subject: .channel(channel), before: nil, after: AuditSnapshot.channel(channel))
        )
        return channel
    }

    /// Replaces a channel's configuration, such as a web channel's allowed origins.
    public func updateChannel(_ caller: Caller, id: String, configuration: ChannelConfiguration) async throws
        -> ChannelConnection
    {
        try caller.requireConfigure("change channels")
        var previous: ChannelConnection?
        if let current = try await store.channel(id: id), current.teamID == caller.team.id {
            try validate(kind: current.kind, configuration)
            previous = current
        }
        let audit = AuditTrail<ChannelConnection> { [previous] channel in
            let before = previous.map(AuditSnapshot.channel)
            let after = AuditSnapshot.channel(channel)
            guard before != after || previous?.configuration != channel.configuration else { return [] }
            return [self.auditRecord(caller, .channelUpdated, subject: .channel(channel), before: before, after: after)]
        }
        guard
            let channel = try await store.updateChannel(
                id: id, teamID: caller.team.id, configuration: configuration, audit: audit)
        else { throw HelpDeskError.notFound("no channel with id \(id) in this team") }
        return channel
    }

    /// A configuration must be of the channel's kind, and a Telegram or WhatsApp one valid
    /// (every problem named by its field).
    func validate(kind: Channel, _ configuration: ChannelConfiguration) throws {
        switch (kind, configuration) {
        case (.web, .web): return
        case (.telegram, .telegram(let settings)):
            let errors = settings.validationErrors(outbound: outbound)
            guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        case (.email, .email(let settings)):
            let errors = settings.validationErrors(outbound: outbound)
            guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        case (.whatsapp, .whatsapp(let settings)):
            let errors = settings.validationErrors(outbound: outbound)
            guard errors.isEmpty else { throw HelpDeskError.invalid(errors) }
        default:
            throw HelpDeskError.invalid("config", "does not fit a \(kind.rawValue) channel")
        }
    }

    public func deleteChannel(_ caller: Caller, id: String) async throws {
        try caller.requireConfigure("remove channels")
        guard let channel = try await store.channel(id: id), channel.teamID == caller.team.id,
            try await store.deleteChannel(
                id: id, teamID: caller.team.id, now: clock(),
                audit: auditTrail(
                    caller, .channelDeleted, subject: .channel(channel), before: AuditSnapshot.channel(channel),
                    after: nil))
        else { throw HelpDeskError.notFound("no channel with id \(id) in this team") }
    }
}
