import HelpDeskCore
import HelpDeskStore

/// The configuration changes as the store tests make them: straight to the store, without the
/// audit entries a verb of the service hands over (`AuditConformance` checks those are written
/// with the change, and only when it happens).
extension Store {
    func setPlan(teamID: String, plan: Plan) async throws -> Team? {
        try await setPlan(teamID: teamID, plan: plan, audit: .none)
    }

    func updateSettings(teamID: String, _ settings: TeamSettings) async throws -> TeamSettings {
        try await updateSettings(teamID: teamID, settings, audit: .none)
    }

    func saveCopilotSettings(teamID: String, _ settings: CopilotSettings) async throws {
        try await saveCopilotSettings(teamID: teamID, settings, audit: .none)
    }

    func createMember(_ member: NewMember, now: Timestamp) async throws -> Member {
        try await createMember(member, now: now, audit: .none)
    }

    func updateMember(id: String, teamID: String, _ change: MemberChange, now: Timestamp) async throws -> Member? {
        try await updateMember(id: id, teamID: teamID, change, now: now, audit: .none)
    }

    func setPassword(memberID: String, teamID: String, passwordHash: String, keepingSession tokenHash: String?)
        async throws
    {
        try await setPassword(
            memberID: memberID, teamID: teamID, passwordHash: passwordHash, keepingSession: tokenHash, audit: .none)
    }

    func removeMember(id: String, teamID: String, now: Timestamp) async throws -> Bool {
        try await removeMember(id: id, teamID: teamID, now: now, audit: .none)
    }

    func createCannedReply(_ reply: CannedReply) async throws {
        try await createCannedReply(reply, audit: .none)
    }

    func updateCannedReply(id: String, teamID: String, title: String, body: String, now: Timestamp) async throws
        -> CannedReply?
    {
        try await updateCannedReply(id: id, teamID: teamID, title: title, body: body, now: now, audit: .none)
    }

    func deleteCannedReply(id: String, teamID: String) async throws -> Bool {
        try await deleteCannedReply(id: id, teamID: teamID, audit: .none)
    }

    func createTag(_ tag: TicketTag) async throws {
        try await createTag(tag, audit: .none)
    }

    func updateTag(teamID: String, name: String, color: String, now: Timestamp) async throws -> TicketTag? {
        try await updateTag(teamID: teamID, name: name, color: color, now: now, audit: .none)
    }

    func deleteTag(teamID: String, name: String) async throws -> Bool {
        try await deleteTag(teamID: teamID, name: name, audit: .none)
    }

    func tagTicket(teamID: String, number: Int, name: String, actor: MemberRef, now: Timestamp) async throws -> Ticket {
        try await tagTicket(teamID: teamID, number: number, name: name, actor: actor, now: now, audit: .none)
    }

    func saveAgent(_ agent: Agent) async throws {
        try await saveAgent(agent, audit: .none)
    }

    func deleteAgent(id: String, teamID: String, now: Timestamp) async throws -> Bool {
        try await deleteAgent(id: id, teamID: teamID, now: now, audit: .none)
    }

    func createChannel(_ channel: ChannelConnection) async throws {
        try await createChannel(channel, audit: .none)
    }

    func updateChannel(id: String, teamID: String, configuration: ChannelConfiguration) async throws
        -> ChannelConnection?
    {
        try await updateChannel(id: id, teamID: teamID, configuration: configuration, audit: .none)
    }

    func deleteChannel(id: String, teamID: String, now: Timestamp) async throws -> Bool {
        try await deleteChannel(id: id, teamID: teamID, now: now, audit: .none)
    }

    func createWebhook(_ webhook: Webhook, secret: String) async throws {
        try await createWebhook(webhook, secret: secret, audit: .none)
    }

    func updateWebhook(_ webhook: Webhook) async throws -> Bool {
        try await updateWebhook(webhook, audit: .none)
    }

    func deleteWebhook(id: String, teamID: String) async throws -> Bool {
        try await deleteWebhook(id: id, teamID: teamID, audit: .none)
    }

    func rotateWebhookSecret(id: String, teamID: String, secret: String) async throws -> Bool {
        try await rotateWebhookSecret(id: id, teamID: teamID, secret: secret, audit: .none)
    }

    func saveWebhookSettings(teamID: String, _ settings: WebhookSettings) async throws {
        try await saveWebhookSettings(teamID: teamID, settings, audit: .none)
    }
}
