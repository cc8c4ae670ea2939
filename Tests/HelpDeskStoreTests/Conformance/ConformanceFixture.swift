import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

extension Timestamp {
    /// A fixed Monday, 10:00 UTC: the suite's clock starts here.
    static let conformanceStart = Timestamp(rfc3339: "2026-11-23T10:00:00Z")!

    /// `second` seconds after the suite's start, so every order the store
    /// derives from time is known in advance.
    static func moment(_ second: Int) -> Timestamp { conformanceStart.adding(seconds: Double(second)) }
}

/// One team on a store under test, with helpers named after the product's verbs.
/// Everything goes through the public `Store` protocol.
struct TeamFixture: Sendable {
    let store: any Store
    let team: Team
    var id: String { team.id }

    static func make(
        _ store: any Store, name: String = "Acme", plan: Plan = .pro, assignment: AssignmentMethod = .balanced
    ) async throws -> TeamFixture {
        let team = try await store.createTeam(name: name, plan: plan, now: .moment(0))
        let fixture = TeamFixture(store: store, team: team)
        try await fixture.setAssignment(assignment)
        return fixture
    }

    func setAssignment(_ method: AssignmentMethod) async throws {
        var settings = try await store.settings(teamID: id)
        settings.assignment = method
        _ = try await store.updateSettings(teamID: id, settings)
    }

    /// A member with a unique email (emails are unique across the whole store).
    func member(_ name: String, _ availability: Availability = .offline, role: Role = .operator) async throws -> Member
    {
        try await store.createMember(
            NewMember(
                teamID: id, email: "\(name.lowercased())@\(id).test", passwordHash: "not-a-hash", role: role,
                displayName: name, availability: availability),
            now: .moment(0))
    }

    /// Changes availability through `updateMember`, which is where backfill happens.
    @discardableResult
    func setAvailability(_ member: Member, _ availability: Availability, at now: Timestamp) async throws -> Member {
        try #require(
            try await store.updateMember(id: member.id, teamID: id, MemberChange(availability: availability), now: now))
    }

    /// An agent with the Support Handover action (or without, when `handover` is nil).
    func agent(
        _ name: String = "Shop Assistant",
        handover: SupportHandover? = SupportHandover(
            defaultPriority: .high, waitingLabel: "A person is on the way.",
            connectedLabel: "You are talking to our team.",
            autoReplyMessage: "Nobody is here right now; leave a message.")
    ) async throws -> Agent {
        let agent = Agent(
            id: Identifier.make("ag"), teamID: id, name: name, instructions: "Be kind.", brain: .builtin, faq: [],
            supportHandover: handover, createdAt: .moment(0), updatedAt: .moment(0))
        try await store.saveAgent(agent)
        return agent
    }

    func webChannel(for agent: Agent) async throws -> ChannelConnection {
        let channel = ChannelConnection(
            id: Identifier.make("ch"), teamID: id, agentID: agent.id, kind: .web,
            configuration: .web(allowedOrigins: ["https://shop.example"]), createdAt: .moment(0))
        try await store.createChannel(channel)
        return channel
    }

    /// A conversation on `agent` through `channel`, with the AI speaking.
    func conversation(
        agent: Agent, channel: ChannelConnection?, kind: Channel = .web,
        requester: Requester = Requester(name: "Vera Visitor", email: "vera@example.com", handle: "visitor:1"),
        at now: Timestamp = .moment(1)
    ) async throws -> Conversation {
        let conversation = Conversation(
            id: Identifier.make("cv"), teamID: id, agentID: agent.id, channelID: channel?.id, channel: kind,
            requester: requester, speaker: .ai, aiMisses: 0, createdAt: now, lastMessageAt: now)
        try await store.startConversation(conversation)
        return conversation
    }

    /// Opens a ticket by hand (routing applies as for any new ticket).
    func openTicket(
        _ subject: String, at now: Timestamp, priority: Priority = .normal, channel: Channel = .web,
        agent: Agent? = nil, requester: Requester = Requester(name: "Ana"), body: String? = nil
    ) async throws -> Ticket {
        try await store.createTicket(
            NewTicket(
                teamID: id, subject: subject, requester: requester, priority: priority, channel: channel,
                agent: agent?.ref, body: body),
            now: now)
    }

    func ticket(_ number: Int) async throws -> Ticket {
        try #require(try await store.ticket(teamID: id, number: number), "ticket \(number) in \(team.name)")
    }

    @discardableResult
    func patch(
        _ number: Int, by actor: Member, at now: Timestamp, status: TicketStatus? = nil, priority: Priority? = nil,
        assignee: String?? = nil
    ) async throws -> Ticket {
        try await store.updateTicket(
            teamID: id, number: number,
            .patch(status: status, priority: priority, assigneeID: assignee, subject: nil, actor: actor.ref), now: now)
    }

    @discardableResult
    func pickUp(_ number: Int, by member: Member, at now: Timestamp) async throws -> Ticket {
        try await store.updateTicket(teamID: id, number: number, .pickUp(member.ref), now: now)
    }

    func events(_ number: Int) async throws -> [TicketEvent] {
        try await store.timeline(teamID: id, number: number).compactMap(\.event)
    }

    /// One page's ticket numbers.
    func page(_ query: InboxQuery, caller: Member? = nil) async throws -> [Int] {
        try await store.inbox(teamID: id, callerID: caller?.id ?? "", query: query).items.map(\.number)
    }

    /// Every page of a view, following the cursors; fails on a page that is
    /// longer than asked, or one that offers a cursor without being full.
    func walk(_ query: InboxQuery, caller: Member? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> [Int]
    {
        var query = query
        var numbers: [Int] = []
        for _ in 0..<200 {
            let page = try await store.inbox(teamID: id, callerID: caller?.id ?? "", query: query)
            #expect(page.items.count <= query.limit, sourceLocation: sourceLocation)
            numbers += page.items.map(\.number)
            guard let cursor = page.nextCursor else { return numbers }
            #expect(page.items.count == query.limit, "a page with a cursor is full", sourceLocation: sourceLocation)
            query.cursor = cursor
        }
        Issue.record("the walk did not end", sourceLocation: sourceLocation)
        return numbers
    }
}

extension TimelineEntry {
    var event: TicketEvent? {
        if case .event(let event) = content { event } else { nil }
    }

    var messageBody: String? {
        if case .message(_, _, let body, _) = content { body } else { nil }
    }

    var messageAuthorKind: AuthorKind? {
        if case .message(let author, _, _, _) = content { author.kind } else { nil }
    }

    var noteBody: String? {
        if case .note(_, let body, _) = content { body } else { nil }
    }

    /// A short label of what the entry is, for comparing whole timelines.
    var label: String {
        switch content {
        case .message(let author, _, let body, _): "\(author.kind.rawValue): \(body)"
        case .note(_, let body, _): "note: \(body)"
        case .event(let event): "event: \(event.kind.rawValue)"
        }
    }
}

/// The `HelpDeskError` that `body` throws; nil when it returns. Any other
/// error is recorded as an issue.
func helpDeskError<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T) async
    -> HelpDeskError?
{
    do {
        _ = try await body()
        return nil
    } catch let error as HelpDeskError {
        return error
    } catch {
        Issue.record("expected a HelpDeskError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension HelpDeskError {
    var isNotFound: Bool {
        if case .notFound = self { true } else { false }
    }

    /// The message of a conflict; nil for any other error.
    var conflictMessage: String? {
        if case .conflict(let message) = self { message } else { nil }
    }
}

extension TicketCounts {
    /// Mine, unassigned, unresolved, resolved: the tabs in order.
    var asList: [Int] { [mine, unassigned, unresolved, resolved] }
}
