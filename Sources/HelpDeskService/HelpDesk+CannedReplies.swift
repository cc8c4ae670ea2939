import HelpDeskCore
import HelpDeskStore

extension HelpDesk {
    // MARK: - Canned replies

    /// The team's canned replies by title: every member of a team with the Help Desk reads them.
    public func cannedReplies(_ caller: Caller) async throws -> [CannedReply] {
        try caller.requireHelpDesk()
        return try await store.cannedReplies(teamID: caller.team.id)
    }

    /// Adds a canned reply (owners and managers); see `CannedReply.validated` for the rules.
    public func createCannedReply(_ caller: Caller, title: String, body: String) async throws -> CannedReply {
        try caller.requireHelpDesk()
        try caller.requireConfigure("manage canned replies")
        let valid = try CannedReply.validated(title: title, body: body)
        let now = clock()
        let reply = CannedReply(
            id: Identifier.make("cr"), teamID: caller.team.id, title: valid.title, body: valid.body, createdAt: now,
            updatedAt: now)
        try await store.createCannedReply(
            reply,
            audit: auditTrail(
                caller, .cannedReplyCreated, subject: .cannedReply(reply), before: nil,
                after: AuditSnapshot.cannedReply(reply)))
        return reply
    }

    /// Replaces a canned reply's title and body (owners and managers).
    public func updateCannedReply(_ caller: Caller, id: String, title: String, body: String) async throws
        -> CannedReply
    {
        try caller.requireHelpDesk()
        try caller.requireConfigure("manage canned replies")
        let valid = try CannedReply.validated(title: title, body: body)
        let audit = AuditTrail<(before: CannedReply, after: CannedReply)> { change in
            let before = AuditSnapshot.cannedReply(change.before)
            let after = AuditSnapshot.cannedReply(change.after)
            guard before != after else { return [] }
            return [
                self.auditRecord(
                    caller, .cannedReplyUpdated, subject: .cannedReply(change.after), before: before, after: after)
            ]
        }
        guard
            let reply = try await store.updateCannedReply(
                id: id, teamID: caller.team.id, title: valid.title, body: valid.body, now: clock(), audit: audit)
        else { throw HelpDeskError.notFound("no canned reply with id \(id) in this team") }
        return reply
    }

    /// Deletes a canned reply (owners and managers).
    public func deleteCannedReply(_ caller: Caller, id: String) async throws {
        try caller.requireHelpDesk()
        try caller.requireConfigure("manage canned replies")
        guard let reply = try await store.cannedReply(id: id, teamID: caller.team.id),
            try await store.deleteCannedReply(
                id: id, teamID: caller.team.id,
                audit: auditTrail(
                    caller, .cannedReplyDeleted, subject: .cannedReply(reply),
                    before: AuditSnapshot.cannedReply(reply), after: nil))
        else { throw HelpDeskError.notFound("no canned reply with id \(id) in this team") }
    }

    /// A canned reply's body filled for one ticket and the caller: the customer
    /// is the ticket's requester, the operator the caller, the agent the ticket's
    /// source agent (empty for a ticket opened by hand). Stores nothing.
    public func cannedReplyPreview(_ caller: Caller, number: Int, id: String) async throws -> String {
        let ticket = try await ticket(caller, number: number)
        guard let reply = try await store.cannedReply(id: id, teamID: caller.team.id) else {
            throw HelpDeskError.notFound("no canned reply with id \(id) in this team")
        }
        return ReplyTemplate.render(
            reply.body,
            ReplyTemplate.Values(
                customerName: ticket.requester.name, ticketNumber: ticket.number,
                operatorName: caller.member.displayName, agentName: ticket.agent?.name))
    }
}
