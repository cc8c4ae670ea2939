import HelpDeskCore
import HelpDeskStore
import Testing

/// A team owns everything; no read or write may cross teams (spec §2). Every
/// call below names Globex's team id with Acme's objects (or Acme's with
/// Globex's) and must see nothing, change nothing, or throw `notFound`.
@Suite struct TeamIsolationConformance {
    /// Acme: an agent, a channel, an escalated conversation and three tickets
    /// (10001–10003). Globex: one hand-opened ticket, 10001.
    struct Teams {
        let acme: TeamFixture
        let globex: TeamFixture
        let ann: Member
        let gus: Member
        let agent: Agent
        let channel: ChannelConnection
        let conversation: Conversation
        var store: any Store { acme.store }

        static func make(_ store: any Store) async throws -> Teams {
            let acme = try await TeamFixture.make(store, name: "Acme", assignment: .manual)
            let globex = try await TeamFixture.make(store, name: "Globex", assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            let gus = try await globex.member("Gus", .online)
            let agent = try await acme.agent("Acme Assistant")
            let channel = try await acme.webChannel(for: agent)
            let conversation = try await acme.conversation(agent: agent, channel: channel, at: .moment(1))
            _ = try await store.recordCustomerMessage(
                conversationID: conversation.id, teamID: acme.id, body: "zanzibar shipment lost", now: .moment(2))
            _ = try await store.escalate(
                EscalationRequest(teamID: acme.id, conversationID: conversation.id, reason: .humanButton),
                now: .moment(3))
            _ = try await acme.openTicket("Acme zanzibar two", at: .moment(4), agent: agent, body: "zanzibar")
            _ = try await acme.openTicket("Acme zanzibar three", at: .moment(5), body: "zanzibar")
            try await acme.pickUp(10002, by: ann, at: .moment(6))
            _ = try await globex.openTicket("Globex only", at: .moment(7), body: "globex words")
            return Teams(
                acme: acme, globex: globex, ann: ann, gus: gus, agent: agent, channel: channel,
                conversation: conversation)
        }
    }

    static func expectNotFound<T>(
        _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
    ) async {
        let error = await helpDeskError(sourceLocation: sourceLocation, body)
        #expect(error?.isNotFound == true, "\(what): \(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test(arguments: StoreFactories.all)
    func ticketsTimelinesAndTheInboxNeverCrossTeams(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let teams = try await Teams.make(store)
            let (acme, globex, ann) = (teams.acme, teams.globex, teams.ann)
            let acmeTicket = try await acme.ticket(10002)
            let acmeTimeline = try await store.timeline(teamID: acme.id, number: 10002)

            // The same number in another team is that team's ticket.
            let own = try #require(try await store.ticket(teamID: globex.id, number: 10001))
            #expect(own.teamID == globex.id && own.subject == "Globex only")
            #expect(try await store.ticket(teamID: globex.id, number: 10002) == nil)
            await Self.expectNotFound("timeline") { try await store.timeline(teamID: globex.id, number: 10002) }
            let globexTimeline = try await store.timeline(teamID: globex.id, number: 10001)
            #expect(!globexTimeline.contains { $0.messageBody?.contains("zanzibar") == true })

            // Writes with the wrong team find nothing and change nothing.
            await Self.expectNotFound("addNote") {
                try await store.addNote(
                    teamID: globex.id, number: 10002, author: teams.gus.ref, body: "x", now: .moment(10))
            }
            await Self.expectNotFound("patch") {
                try await store.updateTicket(
                    teamID: globex.id, number: 10002,
                    .patch(
                        status: .resolved, priority: nil, assigneeID: nil, subject: "mine now", actor: teams.gus.ref),
                    now: .moment(10))
            }
            await Self.expectNotFound("pickUp") {
                try await store.updateTicket(teamID: globex.id, number: 10003, .pickUp(teams.gus.ref), now: .moment(10))
            }
            await Self.expectNotFound("takeOver") {
                try await store.takeOver(
                    teamID: globex.id, number: 10001 + 1, by: teams.gus.ref, connectedLabel: nil, now: .moment(10))
            }
            await Self.expectNotFound("release") {
                try await store.release(
                    teamID: globex.id, number: 10002, by: teams.gus.ref, mayOverride: true, now: .moment(10))
            }
            await Self.expectNotFound("reply") {
                try await store.reply(
                    OperatorReply(teamID: globex.id, number: 10002, author: teams.gus.ref, body: "x", channel: .email),
                    now: .moment(10))
            }
            // A member of another team cannot be made the assignee.
            let foreignAssignee = await helpDeskError {
                try await acme.patch(10003, by: ann, at: .moment(10), assignee: .some(teams.gus.id))
            }
            #expect(foreignAssignee != nil)
            #expect(try await acme.ticket(10003).assignee == nil)
            #expect(try await acme.ticket(10002) == acmeTicket)
            #expect(try await store.timeline(teamID: acme.id, number: 10002) == acmeTimeline)

            // The inbox, with every view and filter, shows only the team's own tickets.
            for view in InboxView.allCases {
                let page = try await store.inbox(teamID: globex.id, callerID: ann.id, query: InboxQuery(view: view))
                #expect(page.items.allSatisfy { $0.teamID == globex.id }, "\(view)")
            }
            #expect(try await globex.page(InboxQuery(view: .all)) == [10001])
            #expect(try await globex.page(InboxQuery(view: .mine), caller: ann) == [])
            #expect(try await globex.page(InboxQuery(view: .all, text: "zanzibar")) == [])
            #expect(try await globex.page(InboxQuery(view: .all, agentID: teams.agent.id)) == [])
            #expect(try await globex.page(InboxQuery(view: .all, assigneeID: ann.id)) == [])
            #expect(try await acme.page(InboxQuery(view: .all, text: "globex")) == [])
            #expect(try await acme.page(InboxQuery(view: .all)).sorted() == [10001, 10002, 10003])

            // Counts and the live feed too.
            let counts = try await store.ticketCounts(teamID: globex.id, memberID: ann.id, cap: 100)
            #expect(counts.asList == [0, 1, 1, 0])
            let feed = try await store.liveEntries(teamID: globex.id, after: 0, limit: 100)
            #expect(!feed.isEmpty)
            #expect(feed.allSatisfy { $0.ticket.teamID == globex.id })
            _ = try await store.addNote(
                teamID: acme.id, number: 10001, author: ann.ref, body: "latest", now: .moment(11))
            #expect(try await store.latestEntryID(teamID: globex.id) < store.latestEntryID(teamID: acme.id))
            #expect(try await store.liveEntries(teamID: globex.id, after: 0, limit: 100).count == feed.count)
        }
    }

    @Test(arguments: StoreFactories.all)
    func conversationsNeverCrossTeams(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let teams = try await Teams.make(store)
            let (acme, globex, conversation) = (teams.acme, teams.globex, teams.conversation)
            let messages = try await store.messages(conversationID: conversation.id, teamID: acme.id, after: nil)
            #expect(!messages.isEmpty)

            #expect(try await store.conversation(id: conversation.id, teamID: globex.id) == nil)
            #expect(try await store.messages(conversationID: conversation.id, teamID: globex.id, after: nil).isEmpty)
            #expect(
                try await store.recentMessages(conversationID: conversation.id, teamID: globex.id, limit: 10).isEmpty)
            #expect(try await store.tickets(conversationID: conversation.id, teamID: globex.id).isEmpty)

            await Self.expectNotFound("recordCustomerMessage") {
                try await store.recordCustomerMessage(
                    conversationID: conversation.id, teamID: globex.id, body: "injected", now: .moment(10))
            }
            await Self.expectNotFound("recordAIMessage") {
                try await store.recordAIMessage(
                    conversationID: conversation.id, teamID: globex.id, author: MessageAuthor(kind: .ai, name: "Bot"),
                    body: "injected", answered: true, now: .moment(10))
            }
            await Self.expectNotFound("addMessage") {
                try await store.addMessage(
                    NewMessage(
                        teamID: globex.id, conversationID: conversation.id,
                        author: MessageAuthor(kind: .customer, name: "X"),
                        channel: .web, body: "injected"),
                    now: .moment(10))
            }
            await Self.expectNotFound("escalate") {
                try await store.escalate(
                    EscalationRequest(teamID: globex.id, conversationID: conversation.id, reason: .humanButton),
                    now: .moment(10))
            }
            await Self.expectNotFound("createTicket on a foreign conversation") {
                try await store.createTicket(
                    NewTicket(
                        teamID: globex.id, subject: "Hijack", requester: Requester(name: "X"), priority: .normal,
                        channel: .web, conversationID: conversation.id),
                    now: .moment(10))
            }
            #expect(try await store.messages(conversationID: conversation.id, teamID: acme.id, after: nil) == messages)
            #expect(try await store.tickets(conversationID: conversation.id, teamID: acme.id).count == 1)
            // The refused attempts used no ticket number.
            #expect(try await globex.openTicket("Next", at: .moment(11)).number == 10002)
            #expect(try await acme.openTicket("Next", at: .moment(12)).number == 10004)
        }
    }

    @Test(arguments: StoreFactories.all)
    func membersAgentsChannelsAndSettingsNeverCrossTeams(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let teams = try await Teams.make(store)
            let (acme, globex, ann) = (teams.acme, teams.globex, teams.ann)

            // Members.
            #expect(try await store.members(teamID: globex.id).map(\.member.id) == [teams.gus.id])
            #expect(try await store.member(id: ann.id, teamID: globex.id) == nil)
            let changed = try await store.updateMember(
                id: ann.id, teamID: globex.id, MemberChange(displayName: "Hijacked", availability: .away),
                now: .moment(10))
            #expect(changed == nil)
            let annNow = try #require(try await store.member(id: ann.id, teamID: acme.id))
            #expect(annNow.displayName == "Ann" && annNow.availability == .online)

            // Agents.
            #expect(try await store.agents(teamID: globex.id).isEmpty)
            #expect(try await store.agent(id: teams.agent.id, teamID: globex.id) == nil)
            #expect(try await store.deleteAgent(id: teams.agent.id, teamID: globex.id, now: .moment(10)) == false)
            var hijacked = teams.agent
            hijacked.teamID = globex.id
            hijacked.name = "Hijacked"
            hijacked.supportHandover = nil
            try? await store.saveAgent(hijacked)
            #expect(
                try await store.agent(id: teams.agent.id, teamID: acme.id) == teams.agent, "untouched by another team")
            #expect(try await store.agents(teamID: acme.id) == [teams.agent])

            // Channels.
            #expect(try await store.channels(teamID: globex.id).isEmpty)
            #expect(try await store.deleteChannel(id: teams.channel.id, teamID: globex.id, now: .moment(10)) == false)
            #expect(try await store.channels(teamID: acme.id) == [teams.channel])
            let foreignAgent = ChannelConnection(
                id: Identifier.make("ch"), teamID: globex.id, agentID: teams.agent.id, kind: .web,
                configuration: .web(allowedOrigins: ["*"]), createdAt: .moment(10))
            #expect(await helpDeskError { try await store.createChannel(foreignAgent) } != nil)
            #expect(try await store.channels(teamID: globex.id).isEmpty)

            // Settings.
            var settings = try await store.settings(teamID: globex.id)
            settings.assignment = .roundRobin
            settings.emailNotifications = true
            _ = try await store.updateSettings(teamID: globex.id, settings)
            let acmeSettings = try await store.settings(teamID: acme.id)
            #expect(acmeSettings.assignment == .manual && acmeSettings.emailNotifications == false)
        }
    }

    /// `TicketUpdate.pickUp` and `takeOver` carry a `MemberRef`; the store checks
    /// it against the team, as it does a PATCH's `assigneeId`.
    @Test(arguments: StoreFactories.all)
    func aMemberOfAnotherTeamCannotPickUpOrTakeOver(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let teams = try await Teams.make(store)
            let (acme, globex, gus) = (teams.acme, teams.globex, teams.gus)
            let pickUp = await helpDeskError { try await acme.pickUp(10003, by: gus, at: .moment(10)) }
            #expect(pickUp != nil, "a member of Globex picked up Acme's ticket")
            let takeOver = await helpDeskError {
                try await store.takeOver(
                    teamID: acme.id, number: 10001, by: gus.ref, connectedLabel: nil, now: .moment(11))
            }
            #expect(takeOver != nil, "a member of Globex took over Acme's chat")
            #expect(try await acme.ticket(10003).assignee == nil)
            #expect(try await acme.ticket(10001).assignee == nil)
            #expect(try await store.members(teamID: globex.id).map(\.openTickets) == [0], "Gus holds nothing of Acme")
        }
    }
}
