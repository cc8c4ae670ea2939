import HelpDeskCore
import HelpDeskStore
import Testing

/// Who may speak on a conversation (spec §6): take over pauses the AI — checked
/// in the transaction that would store each AI message — and release hands the
/// conversation back.
@Suite struct TakeoverConformance {
    typealias Scene = EscalationConformance.Scene

    static func aiSays(_ scene: Scene, _ body: String, answered: Bool? = true, at now: Timestamp) async throws
        -> TimelineEntry?
    {
        try await scene.store.recordAIMessage(
            conversationID: scene.conversation.id, teamID: scene.acme.id,
            author: MessageAuthor(kind: .ai, id: scene.agent.id, name: scene.agent.name), body: body,
            answered: answered,
            now: now)
    }

    static func speaker(_ scene: Scene) async throws -> Speaker {
        try #require(try await scene.store.conversation(id: scene.conversation.id, teamID: scene.acme.id)).speaker
    }

    @Test(arguments: StoreFactories.all)
    func whileAnOperatorHoldsTheChatTheAIIsSilentUntilRelease(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store, assignment: .manual)
            let sam = try await scene.acme.member("Sam", .online)
            let riley = try await scene.acme.member("Riley", .online)
            try await scene.customerSays("I need a human to fix my invoice", at: .moment(2))
            let number = try await scene.escalate(at: .moment(3)).ticket.number
            #expect(try await Self.speaker(scene) == .ai)
            #expect(
                try await Self.aiSays(scene, "While you wait: invoices are in your account.", at: .moment(4)) != nil)

            let held = try await store.takeOver(
                teamID: scene.acme.id, number: number, by: sam.ref, connectedLabel: "You are talking to Sam.",
                now: .moment(5))
            #expect(held.assignee == sam.ref, "taking over an unassigned ticket assigns it")
            #expect(try await Self.speaker(scene) == .operator(sam.ref))
            let messages = try await store.messages(
                conversationID: scene.conversation.id, teamID: scene.acme.id, after: nil)
            #expect(messages.last?.label == "system: You are talking to Sam.")

            // The AI may not speak now; nothing is stored. The customer still may.
            #expect(try await Self.aiSays(scene, "AI answer that must never be stored", at: .moment(6)) == nil)
            try await scene.customerSays("thanks, waiting", at: .moment(7))
            let bodies = try await store.messages(
                conversationID: scene.conversation.id, teamID: scene.acme.id, after: nil
            )
            .compactMap(\.messageBody)
            #expect(!bodies.contains("AI answer that must never be stored"))
            #expect(bodies.last == "thanks, waiting")

            // Only one holder: another operator is told who has it; the holder again is a no-op.
            let taken = await helpDeskError {
                try await store.takeOver(
                    teamID: scene.acme.id, number: number, by: riley.ref, connectedLabel: nil, now: .moment(8))
            }
            #expect(taken?.conflictMessage?.contains("Sam") == true, "\(String(describing: taken))")
            let eventsBefore = try await scene.acme.events(number)
            _ = try await store.takeOver(
                teamID: scene.acme.id, number: number, by: sam.ref, connectedLabel: nil, now: .moment(9))
            #expect(try await scene.acme.events(number) == eventsBefore)

            // Only the holder, or someone allowed to override, releases.
            let refused = await helpDeskError {
                try await store.release(
                    teamID: scene.acme.id, number: number, by: riley.ref, mayOverride: false, now: .moment(10))
            }
            #expect(refused?.conflictMessage?.contains("Sam") == true, "\(String(describing: refused))")
            #expect(try await Self.speaker(scene) == .operator(sam.ref))
            _ = try await store.release(
                teamID: scene.acme.id, number: number, by: riley.ref, mayOverride: true, now: .moment(11))
            #expect(try await Self.speaker(scene) == .ai)
            let notHeld = await helpDeskError {
                try await store.release(
                    teamID: scene.acme.id, number: number, by: sam.ref, mayOverride: true, now: .moment(12))
            }
            #expect(notHeld?.conflictMessage != nil, "\(String(describing: notHeld))")

            // The AI speaks again.
            #expect(try await Self.aiSays(scene, "I am back.", at: .moment(13))?.messageBody == "I am back.")

            let events = try await scene.acme.events(number)
            let takenOver = try #require(events.first { $0.kind == .takenOver })
            #expect(takenOver.actor == sam.ref)
            let released = try #require(events.first { $0.kind == .released })
            #expect(released.actor == riley.ref)
            #expect(released.from == "Sam")
            #expect(events.filter { $0.kind == .takenOver }.count == 1)
        }
    }

    @Test(arguments: StoreFactories.all)
    func aTakeoverKeepsAnExistingAssignee(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store, assignment: .balanced)
            let ben = try await scene.acme.member("Ben", .online)
            try await scene.customerSays("Please get me a person", at: .moment(2))
            let ticket = try await scene.escalate(at: .moment(3)).ticket
            #expect(ticket.assignee == ben.ref)
            let sam = try await scene.acme.member("Sam", .online)
            let held = try await store.takeOver(
                teamID: scene.acme.id, number: ticket.number, by: sam.ref, connectedLabel: nil, now: .moment(4))
            #expect(held.assignee == ben.ref)
            #expect(try await Self.speaker(scene) == .operator(sam.ref))
        }
    }

    @Test(arguments: StoreFactories.all)
    func thereIsNoLiveChatToTakeOverOnEmailOrOnAResolvedTicket(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam", .online)
            let email = try await acme.openTicket(
                "By email", at: .moment(1), channel: .email, requester: Requester(name: "Ed", email: "ed@example.com"),
                body: "my printer is broken")
            let onEmail = await helpDeskError {
                try await store.takeOver(
                    teamID: acme.id, number: email.number, by: sam.ref, connectedLabel: nil, now: .moment(2))
            }
            guard case .unprocessable = onEmail else {
                Issue.record("expected unprocessable, got \(String(describing: onEmail))")
                return
            }
            let chat = try await acme.openTicket("On the web", at: .moment(3), channel: .web, body: "hi")
            try await acme.patch(chat.number, by: sam, at: .moment(4), status: .resolved)
            let resolved = await helpDeskError {
                try await store.takeOver(
                    teamID: acme.id, number: chat.number, by: sam.ref, connectedLabel: nil, now: .moment(5))
            }
            #expect(resolved?.conflictMessage != nil, "\(String(describing: resolved))")
            #expect(try await acme.ticket(chat.number).assignee == nil)
        }
    }

    @Test(arguments: StoreFactories.all)
    func theAIsMissesAreCountedAndReleaseResetsThem(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store, assignment: .manual)
            let sam = try await scene.acme.member("Sam", .online)
            func misses() async throws -> Int {
                try #require(try await store.conversation(id: scene.conversation.id, teamID: scene.acme.id)).aiMisses
            }
            _ = try await Self.aiSays(scene, "Not sure.", answered: false, at: .moment(2))
            _ = try await Self.aiSays(scene, "Still not sure.", answered: false, at: .moment(3))
            #expect(try await misses() == 2)
            _ = try await Self.aiSays(scene, "Here it is.", answered: true, at: .moment(4))
            #expect(try await misses() == 0)
            _ = try await Self.aiSays(scene, "A notice.", answered: nil, at: .moment(5))
            _ = try await Self.aiSays(scene, "Not sure.", answered: false, at: .moment(6))
            #expect(try await misses() == 1)
            try await scene.customerSays("a person please", at: .moment(7))
            let number = try await scene.escalate(at: .moment(8)).ticket.number
            _ = try await store.takeOver(
                teamID: scene.acme.id, number: number, by: sam.ref, connectedLabel: nil, now: .moment(9))
            _ = try await store.release(
                teamID: scene.acme.id, number: number, by: sam.ref, mayOverride: false, now: .moment(10))
            #expect(try await misses() == 0)
        }
    }

    @Test(arguments: StoreFactories.all)
    func repliesGoLiveOnlyAfterTakeoverAndByEmailWhenThereIsAnAddress(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store, assignment: .manual)
            let sam = try await scene.acme.member("Sam", .online)
            try await scene.customerSays("a person please", at: .moment(2))
            let number = try await scene.escalate(at: .moment(3)).ticket.number
            func reply(_ body: String, _ channel: Channel, at now: Timestamp) async throws -> TimelineEntry {
                try await store.reply(
                    OperatorReply(teamID: scene.acme.id, number: number, author: sam.ref, body: body, channel: channel),
                    now: now)
            }
            let before = try await store.timeline(teamID: scene.acme.id, number: number)
            let notLive = await helpDeskError { try await reply("Hi on the web", .web, at: .moment(4)) }
            guard case .unprocessable = notLive else {
                Issue.record("expected unprocessable, got \(String(describing: notLive))")
                return
            }
            #expect(try await store.timeline(teamID: scene.acme.id, number: number) == before, "nothing stored")

            let byEmail = try await reply("We will email you.", .email, at: .moment(5))
            guard case .message(let author, .email, "We will email you.", let delivery) = byEmail.content else {
                Issue.record("not an email message: \(byEmail)")
                return
            }
            #expect(author.kind == .operator && author.id == sam.id)
            #expect(delivery?.state == .queued)

            _ = try await store.takeOver(
                teamID: scene.acme.id, number: number, by: sam.ref, connectedLabel: nil, now: .moment(6))
            let live = try await reply("Sam here.", .web, at: .moment(7))
            guard case .message(_, .web, "Sam here.", let liveDelivery) = live.content else {
                Issue.record("not a web message: \(live)")
                return
            }
            #expect(liveDelivery?.state == .sent)
            let timeline = try await store.timeline(teamID: scene.acme.id, number: number)
            #expect(timeline.suffix(1).map(\.label) == ["operator: Sam here."])
            #expect(timeline.contains(byEmail))
        }
    }

    @Test(arguments: StoreFactories.all)
    func aCustomerMessageReopensAResolvedTicket(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await Scene.make(store, assignment: .manual)
            let sam = try await scene.acme.member("Sam", .online)
            try await scene.customerSays("a person please", at: .moment(2))
            let number = try await scene.escalate(at: .moment(3)).ticket.number
            try await scene.acme.patch(number, by: sam, at: .moment(4), status: .resolved)
            let result = try await store.recordCustomerMessage(
                conversationID: scene.conversation.id, teamID: scene.acme.id, body: "it broke again", now: .moment(5))
            #expect(result.reopened?.number == number)
            #expect(result.reopened?.status == .open)
            let ticket = try await scene.acme.ticket(number)
            #expect(ticket.status == .open && ticket.resolvedAt == nil)
            #expect(try await scene.acme.events(number).last?.kind == .reopened)
            // An open ticket is not reopened again.
            let next = try await store.recordCustomerMessage(
                conversationID: scene.conversation.id, teamID: scene.acme.id, body: "hello?", now: .moment(6))
            #expect(next.reopened == nil)
            #expect(try await store.tickets(conversationID: scene.conversation.id, teamID: scene.acme.id).count == 1)
        }
    }
}
