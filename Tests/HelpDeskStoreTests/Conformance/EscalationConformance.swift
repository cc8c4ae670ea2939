import HelpDeskCore
import HelpDeskStore
import Testing

/// Escalation (spec §5): a conversation becomes one ticket, never two; the
/// customer is told to wait, or gets the auto-reply when nobody can come.
@Suite struct EscalationConformance {
    /// A team with a handover agent on the web widget and one conversation in it.
    struct Scene {
        let acme: TeamFixture
        let agent: Agent
        let channel: ChannelConnection
        let conversation: Conversation
        var store: any Store { acme.store }

        static func make(
            _ store: any Store, plan: Plan = .pro, assignment: AssignmentMethod = .balanced,
            handover: SupportHandover? = SupportHandover(
                defaultPriority: .high, waitingLabel: "A person is on the way.",
                connectedLabel: "You are talking to our team.",
                autoReplyMessage: "Nobody is here right now; leave a message.")
        ) async throws -> Scene {
            let acme = try await TeamFixture.make(store, plan: plan, assignment: assignment)
            let agent = try await acme.agent(handover: handover)
            let channel = try await acme.webChannel(for: agent)
            let conversation = try await acme.conversation(agent: agent, channel: channel, at: .moment(1))
            return Scene(acme: acme, agent: agent, channel: channel, conversation: conversation)
        }

        /// Another conversation on the same agent and channel.
        func another(_ name: String, at now: Timestamp) async throws -> Conversation {
            try await acme.conversation(
                agent: agent, channel: channel, requester: Requester(name: name, handle: "visitor:\(name)"), at: now)
        }

        func customerSays(_ body: String, at now: Timestamp, in conversation: Conversation? = nil) async throws {
            _ = try await store.recordCustomerMessage(
                conversationID: (conversation ?? self.conversation).id, teamID: acme.id, body: body, now: now)
        }

        func escalate(
            _ reason: Escalation.Reason = .humanButton, at now: Timestamp, in conversation: Conversation? = nil
        ) async throws -> EscalationResult {
            try await store.escalate(
                EscalationRequest(
                    teamID: acme.id, conversationID: (conversation ?? self.conversation).id, reason: reason),
                now: now)
        }
    }

    @Test(arguments: StoreFactories.all)
    func anEscalationOpensOneTicketWithTheConversationsFacts(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store)
            let sam = try await scene.acme.member("Sam", .online)
            try await scene.customerSays("My order 4821 never arrived and the tracking link is dead", at: .moment(2))
            let ai = try await store.recordAIMessage(
                conversationID: scene.conversation.id, teamID: scene.acme.id,
                author: MessageAuthor(kind: .ai, id: scene.agent.id, name: scene.agent.name),
                body: "Sorry to hear that. Let me check.", answered: false, now: .moment(3))
            #expect(ai != nil)
            try await scene.customerSays("I want to talk to a person", at: .moment(4))

            let result = try await scene.escalate(.customerAsked(evidence: "talk to a person"), at: .moment(5))
            #expect(!result.repeated)
            let ticket = result.ticket
            #expect(ticket.number == 10001)
            #expect(ticket.status == .open)
            #expect(ticket.priority == .high, "the agent's default priority")
            #expect(ticket.channel == .web)
            #expect(ticket.agent == scene.agent.ref)
            #expect(ticket.requester == scene.conversation.requester)
            #expect(ticket.conversationID == scene.conversation.id)
            #expect(ticket.subject == "My order 4821 never arrived and the tracking link is dead")
            #expect(ticket.assignee == sam.ref, "routed like any new ticket")
            #expect(try await scene.acme.ticket(10001) == ticket)

            // The customer is told to wait; the notice is part of the conversation.
            #expect(result.noticeKind == .waiting("A person is on the way."))
            #expect(result.notice?.messageBody == "A person is on the way.")
            let messages = try await store.messages(
                conversationID: scene.conversation.id, teamID: scene.acme.id, after: nil)
            #expect(messages.last == result.notice)
            #expect(
                messages.map(\.label) == [
                    "customer: My order 4821 never arrived and the tracking link is dead",
                    "ai: Sorry to hear that. Let me check.", "customer: I want to talk to a person",
                    "system: A person is on the way.",
                ])

            // The handoff summary comes first: why, and what the customer last asked.
            let timeline = try await store.timeline(teamID: scene.acme.id, number: 10001)
            let created = try #require(timeline.first?.event)
            #expect(created.kind == .created)
            #expect(
                created.detail?.contains(Escalation.Reason.customerAsked(evidence: "talk to a person").description)
                    == true)
            #expect(created.detail?.contains("I want to talk to a person") == true, "\(created.detail ?? "")")
            #expect(timeline.compactMap(\.messageBody) == messages.compactMap(\.messageBody))
            #expect(try await store.tickets(conversationID: scene.conversation.id, teamID: scene.acme.id) == [ticket])
        }
    }

    @Test(arguments: StoreFactories.all)
    func aRepeatIsRecordedOnTheOpenTicketAndAfterResolvingANewTicketOpens(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store)
            let sam = try await scene.acme.member("Sam", .online)
            try await scene.customerSays("Where is my parcel, please?", at: .moment(2))
            let first = try await scene.escalate(at: .moment(3))
            let messagesBefore = try await store.messages(
                conversationID: scene.conversation.id, teamID: scene.acme.id, after: nil)

            try await scene.customerSays("hello?? a human please", at: .moment(4))
            let repeated = try await scene.escalate(.customerAsked(evidence: "a human please"), at: .moment(5))
            #expect(repeated.repeated)
            #expect(repeated.ticket.number == first.ticket.number)
            #expect(repeated.notice == nil && repeated.noticeKind == nil)
            #expect(try await store.tickets(conversationID: scene.conversation.id, teamID: scene.acme.id).count == 1)
            #expect(try await scene.acme.page(InboxQuery(view: .all)) == [10001])
            let events = try await scene.acme.events(10001)
            #expect(events.filter { $0.kind == .escalationRepeated }.count == 1)
            #expect(events.filter { $0.kind == .created }.count == 1)
            // No second notice: the only new message is the customer's.
            let messagesAfter = try await store.messages(
                conversationID: scene.conversation.id, teamID: scene.acme.id, after: nil)
            #expect(messagesAfter.count == messagesBefore.count + 1)
            #expect(try await scene.acme.ticket(10001).lastActivityAt == .moment(5), "the repeat is activity")

            // Once resolved, the conversation may escalate again: a new ticket.
            try await scene.acme.patch(10001, by: sam, at: .moment(6), status: .resolved)
            let again = try await scene.escalate(at: .moment(7))
            #expect(!again.repeated)
            #expect(again.ticket.number == 10002)
            #expect(again.ticket.conversationID == scene.conversation.id)
            #expect(
                try await store.tickets(conversationID: scene.conversation.id, teamID: scene.acme.id).map(\.number) == [
                    10002, 10001,
                ])
        }
    }

    @Test(arguments: StoreFactories.all)
    func concurrentEscalationsOfOneConversationMakeOneTicket(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store, assignment: .roundRobin)
            _ = try await scene.acme.member("Sam", .online)
            var conversations = [scene.conversation]
            for name in ["Bo", "Cy"] { conversations.append(try await scene.another(name, at: .moment(1))) }
            for (index, conversation) in conversations.enumerated() {
                try await scene.customerSays("I need help with my account \(index)", at: .moment(2), in: conversation)
            }
            let results = try await withThrowingTaskGroup(of: (String, EscalationResult).self) { group in
                for conversation in conversations {
                    for attempt in 0..<4 {
                        group.addTask {
                            (conversation.id, try await scene.escalate(at: .moment(10 + attempt), in: conversation))
                        }
                    }
                }
                var results: [(String, EscalationResult)] = []
                for try await result in group { results.append(result) }
                return results
            }
            for conversation in conversations {
                let mine = results.filter { $0.0 == conversation.id }.map(\.1)
                #expect(mine.count == 4)
                #expect(mine.filter { !$0.repeated }.count == 1, "exactly one escalation opens the ticket")
                #expect(Set(mine.map(\.ticket.number)).count == 1)
                #expect(mine.filter { $0.notice != nil }.count == 1, "the customer is told once")
                let tickets = try await store.tickets(conversationID: conversation.id, teamID: scene.acme.id)
                #expect(tickets.count == 1)
                let number = try #require(tickets.first?.number)
                #expect(try await scene.acme.events(number).filter { $0.kind == .escalationRepeated }.count == 3)
            }
            #expect(try await scene.acme.walk(InboxQuery(view: .all)).sorted() == [10001, 10002, 10003])
        }
    }

    @Test(arguments: StoreFactories.all)
    func withNobodyToComeTheCustomerGetsTheAutoReply(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store)
            let sam = try await scene.acme.member("Sam", .away)

            // Nobody online: the auto-reply, and the ticket waits.
            try await scene.customerSays("Can I speak to someone please?", at: .moment(2))
            let nobody = try await scene.escalate(at: .moment(3))
            #expect(nobody.noticeKind == .autoReply("Nobody is here right now; leave a message."))
            #expect(nobody.notice?.messageBody == "Nobody is here right now; leave a message.")
            #expect(nobody.ticket.assignee == nil)

            // Someone online but outside business hours (a Saturday): the auto-reply too.
            try await scene.acme.setAvailability(sam, .online, at: .moment(4))
            var settings = try await store.settings(teamID: scene.acme.id)
            settings.businessHours = BusinessHours(
                enabled: true, start: ClockTime(hour: 9, minute: 0)!, end: ClockTime(hour: 17, minute: 0)!,
                timeZone: "Europe/Berlin")
            _ = try await store.updateSettings(teamID: scene.acme.id, settings)
            let saturday = try #require(Timestamp(rfc3339: "2026-11-28T12:00:00Z"))
            let weekend = try await scene.another("Weekend", at: saturday)
            try await scene.customerSays("Anybody there on Saturday?", at: saturday, in: weekend)
            let closed = try await scene.escalate(at: saturday.adding(seconds: 1), in: weekend)
            #expect(closed.noticeKind == .autoReply("Nobody is here right now; leave a message."))

            // Inside business hours (Monday 11:00 in Berlin) with someone online: the waiting label.
            let monday = try await scene.another("Monday", at: .moment(10))
            try await scene.customerSays("Help with my invoice please", at: .moment(11), in: monday)
            let open = try await scene.escalate(at: .moment(12), in: monday)
            #expect(open.noticeKind == .waiting("A person is on the way."))
            #expect(open.notice?.messageAuthorKind == .system)
        }
    }

    @Test(arguments: [Plan.free, .hobby].flatMap { plan in StoreFactories.all.map { (plan, $0) } })
    func aPlanWithoutTheHelpDeskCannotEscalate(_ plan: Plan, _ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store, plan: plan)
            _ = try await scene.acme.member("Sam", .online)
            try await scene.customerSays("I want to talk to a person", at: .moment(2))
            let error = await helpDeskError { try await scene.escalate(at: .moment(3)) }
            #expect(error == .planRequired(plan))
            #expect(try await store.tickets(conversationID: scene.conversation.id, teamID: scene.acme.id).isEmpty)
            #expect(try await scene.acme.page(InboxQuery(view: .all)).isEmpty)
            let messages = try await store.messages(
                conversationID: scene.conversation.id, teamID: scene.acme.id, after: nil)
            #expect(messages.count == 1, "no notice was stored")
        }
    }

    @Test(arguments: StoreFactories.all)
    func anAgentWithoutTheSupportHandoverCannotEscalate(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store, handover: nil)
            try await scene.customerSays("I want to talk to a person", at: .moment(2))
            let error = await helpDeskError { try await scene.escalate(at: .moment(3)) }
            guard case .unprocessable = error else {
                Issue.record("expected unprocessable, got \(String(describing: error))")
                return
            }
            #expect(try await store.tickets(conversationID: scene.conversation.id, teamID: scene.acme.id).isEmpty)
        }
    }
}
