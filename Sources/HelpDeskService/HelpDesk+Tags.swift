import HelpDeskAI
import HelpDeskCore
import HelpDeskStore

extension HelpDesk {
    // MARK: - Tags

    /// The team's tags by name: every member of a team with the Help Desk reads them.
    public func tags(_ caller: Caller) async throws -> [TicketTag] {
        try caller.requireHelpDesk()
        return try await store.tags(teamID: caller.team.id)
    }

    /// Adds a tag to the team (owners and managers); see `TicketTag.validated` for the rules, nil
    /// `color` for `TicketTag.defaultColor`.
    public func createTag(_ caller: Caller, name: String, color: String?) async throws -> TicketTag {
        try caller.requireHelpDesk()
        try caller.requireConfigure("manage the team's tags")
        let valid = try TicketTag.validated(name: name, color: color)
        let now = clock()
        let tag = TicketTag(
            teamID: caller.team.id, name: valid.name, color: valid.color, createdAt: now, updatedAt: now)
        try await store.createTag(
            tag,
            audit: auditTrail(caller, .tagCreated, subject: .tag(tag.name), before: nil, after: AuditSnapshot.tag(tag)))
        return tag
    }

    /// Changes a tag's colour (owners and managers).
    public func recolorTag(_ caller: Caller, name: String, color: String) async throws -> TicketTag {
        try caller.requireHelpDesk()
        try caller.requireConfigure("manage the team's tags")
        let name = try TicketTag.validName(name)
        let color = try TicketTag.validColor(color)
        let audit = AuditTrail<(before: TicketTag, after: TicketTag)> { change in
            guard change.before.color != change.after.color else { return [] }
            return [
                self.auditRecord(
                    caller, .tagUpdated, subject: .tag(change.after.name), before: AuditSnapshot.tag(change.before),
                    after: AuditSnapshot.tag(change.after))
            ]
        }
        guard
            let tag = try await store.updateTag(
                teamID: caller.team.id, name: name, color: color, now: clock(), audit: audit)
        else { throw HelpDeskError.notFound("no tag \"\(name)\" in this team") }
        return tag
    }

    /// Deletes a tag, taking it off every ticket (owners and managers).
    public func deleteTag(_ caller: Caller, name: String) async throws {
        try caller.requireHelpDesk()
        try caller.requireConfigure("manage the team's tags")
        let name = try TicketTag.validName(name)
        guard let previous = try await store.tags(teamID: caller.team.id).first(where: { $0.name == name }),
            try await store.deleteTag(
                teamID: caller.team.id, name: name,
                audit: auditTrail(
                    caller, .tagDeleted, subject: .tag(name), before: AuditSnapshot.tag(previous), after: nil))
        else { throw HelpDeskError.notFound("no tag \"\(name)\" in this team") }
    }

    /// Puts a tag on a ticket, for any member who may work on the ticket (as notes are). A name
    /// the team has no tag for creates that tag with the default colour, as operators expect of
    /// tags; one the ticket has already changes nothing. Returns the ticket with its tags.
    public func tagTicket(_ caller: Caller, number: Int, name: String) async throws -> Ticket {
        try caller.requireHelpDesk()
        let name = try TicketTag.validName(name)
        // A new name makes a new tag of the team's: that is recorded like a tag made on the Tags page.
        let audit = AuditTrail<TicketTag> { tag in
            [self.auditRecord(caller, .tagCreated, subject: .tag(tag.name), before: nil, after: AuditSnapshot.tag(tag))]
        }
        return try await store.tagTicket(
            teamID: caller.team.id, number: number, name: name, actor: caller.member.ref, now: clock(), audit: audit)
    }

    /// Takes a tag off a ticket; one it lacks changes nothing. Returns the ticket with its tags.
    public func untagTicket(_ caller: Caller, number: Int, name: String) async throws -> Ticket {
        try caller.requireHelpDesk()
        let name = try TicketTag.validName(name)
        return try await store.untagTicket(
            teamID: caller.team.id, number: number, name: name, actor: caller.member.ref, now: clock())
    }
}

extension HelpDesk {
    // MARK: - Tag suggestions

    /// After the built-in brain hands a conversation over on a new ticket: suggests up to
    /// `TagSuggester.limit` of the team's tags that the customer's messages mention. A failure
    /// here leaves the ticket as it is: suggestions are a help, not part of the handoff.
    func suggestTags(for ticket: Ticket, customerMessages: [String]) async {
        guard let tags = try? await store.tags(teamID: ticket.teamID).map(\.name), !tags.isEmpty else { return }
        let names = TagSuggester().suggest(tags: tags, messages: customerMessages)
        try? await store.suggestTags(teamID: ticket.teamID, ticketID: ticket.id, names: names, now: clock())
    }

    /// The ticket's open tag suggestions, with their tags' colours.
    public func tagSuggestions(_ caller: Caller, number: Int) async throws -> [TicketTag] {
        try caller.requireHelpDesk()
        let names = try await store.tagSuggestions(teamID: caller.team.id, number: number)
        let tags = try await store.tags(teamID: caller.team.id)
        return names.compactMap { name in tags.first { $0.name == name } }
    }

    /// Accepts an open suggestion, putting the tag on the ticket (a `tagAdded` event), or rejects
    /// it; any member who may tag the ticket may. Returns the ticket with its tags.
    public func decideTagSuggestion(_ caller: Caller, number: Int, name: String, accept: Bool) async throws -> Ticket {
        try caller.requireHelpDesk()
        let name = try TicketTag.validName(name)
        return try await store.decideTagSuggestion(
            teamID: caller.team.id, number: number, name: name, accept: accept, actor: caller.member.ref,
            now: clock())
    }

    /// How the team's tag suggestions fared, for every member of the team.
    public func tagSuggestionStats(_ caller: Caller) async throws -> TagSuggestionStats {
        try caller.requireHelpDesk()
        return try await store.tagSuggestionStats(teamID: caller.team.id)
    }
}
