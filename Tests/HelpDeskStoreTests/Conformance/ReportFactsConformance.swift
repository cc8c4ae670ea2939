import HelpDeskCore
import HelpDeskStore
import Testing

/// What a report reads: the AI conversations that started in the period with
/// their handover and messages, and the tickets it covers with the entries that
/// move their figures; filtered, and within the team.
@Suite struct ReportFactsConformance {
    @Test(arguments: StoreFactories.all)
    func conversationsAndTicketsOfThePeriod(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let other = try await TeamFixture.make(store, name: "Other", assignment: .manual)
            let olga = try await acme.member("Olga", role: .manager)
            let agent = try await acme.agent()
            let channel = try await acme.webChannel(for: agent)
            func say(_ kind: AuthorKind, _ conversation: Conversation, at second: Int) async throws {
                _ = try await store.addMessage(
                    NewMessage(
                        teamID: acme.id, conversationID: conversation.id,
                        author: MessageAuthor(kind: kind, id: kind == .operator ? olga.id : nil, name: "X"),
                        channel: conversation.channel, body: "words"),
                    now: .moment(second))
            }
            // Before the period: not counted as a conversation of it.
            let early = try await acme.conversation(agent: agent, channel: channel, at: .moment(-7200))
            try await say(.ai, early, at: -7100)
            // In the period: one answered by the AI alone, one handed over after an AI answer.
            let answered = try await acme.conversation(agent: agent, channel: channel, at: .moment(10))
            try await say(.customer, answered, at: 11)
            try await say(.ai, answered, at: 12)
            let handed = try await acme.conversation(agent: agent, channel: channel, kind: .telegram, at: .moment(20))
            try await say(.ai, handed, at: 21)
            let escalation = try await store.escalate(
                EscalationRequest(
                    teamID: acme.id, conversationID: handed.id, reason: .customerAsked(evidence: "a person")),
                now: .moment(30))
            try await say(.ai, handed, at: 31)
            try await say(.operator, handed, at: 40)
            try await acme.patch(escalation.ticket.number, by: olga, at: .moment(50), status: .resolved)
            let byHand = try await acme.openTicket("Phoned in", at: .moment(60))
            _ = try await other.openTicket("Elsewhere", at: .moment(60))

            let facts = try await store.reportFacts(
                teamID: acme.id, start: .moment(0), end: .moment(3600), filter: ReportFilter())
            let conversations = facts.conversations.sorted { $0.startedAt < $1.startedAt }
            #expect(conversations.count == 2)
            #expect(conversations.first?.aiMessages == 1 && conversations.first?.handedOverAt == nil)
            let handover = try #require(conversations.last)
            #expect(handover.channel == .telegram)
            #expect(handover.handedOverAt == .moment(30))
            #expect(handover.handoverReason == .customerAsked)
            #expect(handover.aiMessages == 2 && handover.aiMessagesAfterHandover == 1)
            #expect(handover.operatorMessages == 1)

            let tickets = facts.tickets.sorted { $0.number < $1.number }
            #expect(tickets.map(\.number) == [escalation.ticket.number, byHand.number])
            let escalated = tickets[0]
            #expect(escalated.handoverReason == .customerAsked)
            #expect(escalated.firstResponseAt == .moment(40) && escalated.takenOverAt == .moment(40))
            #expect(escalated.statusChanges == [.init(at: .moment(50), status: .resolved)])
            #expect(escalated.agentID == agent.id)
            #expect(tickets[1].handoverReason == nil)

            // Filters: a channel, an agent, an operator.
            let telegram = try await store.reportFacts(
                teamID: acme.id, start: .moment(0), end: .moment(3600), filter: ReportFilter(channel: .telegram))
            #expect(telegram.conversations.count == 1 && telegram.tickets.map(\.number) == [escalation.ticket.number])
            let nobody = try await store.reportFacts(
                teamID: acme.id, start: .moment(0), end: .moment(3600),
                filter: ReportFilter(agentID: "ag_none", operatorID: olga.id))
            #expect(nobody.conversations.isEmpty && nobody.tickets.isEmpty)
            // A later period counts the unresolved ticket nothing happened to since (for the backlog)
            // without reading it, and neither reads nor counts the resolved one.
            let later = try await store.reportFacts(
                teamID: acme.id, start: .moment(86_400), end: .moment(2 * 86_400), filter: ReportFilter())
            #expect(later.conversations.isEmpty)
            #expect(later.tickets.isEmpty)
            #expect(later.quietBacklog == 1)
            #expect(nobody.quietBacklog == 0)
        }
    }

    @Test(arguments: StoreFactories.all)
    func quietTicketsAreCountedAndActiveOnesRead(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let other = try await TeamFixture.make(store, name: "Other", assignment: .manual)
            let olga = try await acme.member("Olga", role: .manager)
            // Before the period (day 1 starts at 86,400): four unresolved tickets and one resolved.
            let quiet = try await acme.openTicket("Quiet", at: .moment(10))
            let pending = try await acme.openTicket("Pending", at: .moment(20))
            try await acme.patch(pending.number, by: olga, at: .moment(30), status: .pending, assignee: .some(olga.id))
            let touched = try await acme.openTicket("Touched in the period", at: .moment(40))
            let merged = try await acme.openTicket("Merged just before the period", at: .moment(50))
            let done = try await acme.openTicket("Resolved before", at: .moment(60))
            try await acme.patch(done.number, by: olga, at: .moment(70), status: .resolved)
            _ = try await other.openTicket("Another team's", at: .moment(80))
            _ = try await store.mergeTicket(
                teamID: acme.id, number: merged.number, into: quiet.number, actor: olga.ref, now: .moment(86_000))
            _ = try await store.unmergeTicket(
                teamID: acme.id, number: merged.number, actor: olga.ref, now: .moment(86_100))
            try await acme.patch(touched.number, by: olga, at: .moment(90_000), priority: .high)

            let facts = try await store.reportFacts(
                teamID: acme.id, start: .moment(86_400), end: .moment(2 * 86_400), filter: ReportFilter())
            // Quiet and pending are counted; the touched one and the recently merged one are read.
            #expect(facts.quietBacklog == 2)
            #expect(Set(facts.tickets.map(\.number)) == [touched.number, merged.number])
            let olgas = try await store.reportFacts(
                teamID: acme.id, start: .moment(86_400), end: .moment(2 * 86_400),
                filter: ReportFilter(operatorID: olga.id))
            #expect(olgas.quietBacklog == 1)
            // Long after the merge's undo window, the merged ticket is quiet too.
            let next = try await store.reportFacts(
                teamID: acme.id, start: .moment(10 * 86_400), end: .moment(11 * 86_400), filter: ReportFilter())
            #expect(next.quietBacklog == 4 && next.tickets.isEmpty)
        }
    }
}
