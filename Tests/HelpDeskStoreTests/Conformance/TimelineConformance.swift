import HelpDeskCore
import HelpDeskStore
import Testing

/// The ticket timeline (spec §6): messages, notes and events in the order they
/// happened — one sequence, not the clock — with the `created` event, which
/// carries the handoff summary, first (`TimelineEntry.handoffFirst`).
@Suite struct TimelineConformance {
    @Test(arguments: StoreFactories.all)
    func messagesNotesAndEventsComeInInsertionOrderWithTheCreatedEventFirst(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam", .online)
            let ticket = try await acme.openTicket("Broken kettle", at: .moment(1), body: "my kettle is broken")
            let conversation = ticket.conversationID
            func say(_ kind: AuthorKind, _ body: String) async throws {
                _ = try await store.addMessage(
                    NewMessage(
                        teamID: acme.id, conversationID: conversation,
                        author: MessageAuthor(kind: kind, name: "\(kind)"),
                        channel: .web, body: body),
                    now: .moment(2))
            }
            // Everything below happens at the same moment: only the order of insertion can order it.
            try await say(.customer, "it sparks")
            _ = try await store.addNote(
                teamID: acme.id, number: ticket.number, author: sam.ref, body: "check the fuse", now: .moment(2))
            try await acme.patch(ticket.number, by: sam, at: .moment(2), priority: .urgent)
            try await say(.ai, "Please unplug it.")
            _ = try await store.addNote(
                teamID: acme.id, number: ticket.number, author: sam.ref, body: "called them", now: .moment(2))
            try await say(.customer, "done")

            let timeline = try await store.timeline(teamID: acme.id, number: ticket.number)
            #expect(
                timeline.map(\.label) == [
                    "event: created", "customer: my kettle is broken", "customer: it sparks", "note: check the fuse",
                    "event: priorityChanged", "ai: Please unplug it.", "note: called them", "customer: done",
                ])
            // After the created event, the ids follow the same order.
            let ids = timeline.dropFirst().map(\.id)
            #expect(ids == ids.sorted() && Set(ids).count == ids.count)
            #expect(timeline.first?.at == .moment(1))
            #expect(timeline.dropFirst(2).allSatisfy { $0.at == .moment(2) })
            // Events and notes say who.
            let priority = try #require(timeline.compactMap(\.event).first { $0.kind == .priorityChanged })
            #expect(priority.actor == sam.ref && priority.from == "normal" && priority.to == "urgent")
            guard case .note(let author, _, _) = timeline[3].content else {
                Issue.record("not a note: \(timeline[3])")
                return
            }
            #expect(author == sam.ref)

            // The conversation's messages alone, in the same order; `after` and `recentMessages` slice it.
            let messages = try await store.messages(conversationID: conversation, teamID: acme.id, after: nil)
            #expect(messages.map(\.label) == timeline.filter { $0.messageBody != nil }.map(\.label))
            let afterSecond = try await store.messages(
                conversationID: conversation, teamID: acme.id, after: messages[1].id)
            #expect(afterSecond == Array(messages.dropFirst(2)))
            let recent = try await store.recentMessages(conversationID: conversation, teamID: acme.id, limit: 2)
            #expect(recent == Array(messages.suffix(2)))
        }
    }

    @Test(arguments: StoreFactories.all)
    func aSecondTicketOnAConversationShowsEveryMessageButOnlyItsOwnNotesAndEvents(_ factory: StoreFactory) async throws
    {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam", .online)
            let first = try await acme.openTicket("First", at: .moment(1), body: "first problem")
            _ = try await store.addNote(
                teamID: acme.id, number: first.number, author: sam.ref, body: "note on the first", now: .moment(2))
            try await acme.patch(first.number, by: sam, at: .moment(3), status: .resolved)
            let second = try await store.createTicket(
                NewTicket(
                    teamID: acme.id, subject: "Second", requester: first.requester, priority: .normal, channel: .web,
                    conversationID: first.conversationID),
                now: .moment(4))
            #expect(second.number == first.number + 1)
            #expect(second.conversationID == first.conversationID)
            _ = try await store.addMessage(
                NewMessage(
                    teamID: acme.id, conversationID: first.conversationID,
                    author: MessageAuthor(kind: .customer, name: "Ana"), channel: .web, body: "second problem"),
                now: .moment(5))
            _ = try await store.addNote(
                teamID: acme.id, number: second.number, author: sam.ref, body: "note on the second", now: .moment(6))

            let timeline = try await store.timeline(teamID: acme.id, number: second.number)
            // Resolving the first told the live customer so; that message is part of the conversation.
            #expect(
                timeline.map(\.label) == [
                    "event: created", "customer: first problem", "system: \(SupportHandover().resolvedMessage)",
                    "customer: second problem", "note: note on the second",
                ])
            let firstTimeline = try await store.timeline(teamID: acme.id, number: first.number)
            #expect(!firstTimeline.contains { $0.noteBody == "note on the second" })
            #expect(firstTimeline.contains { $0.noteBody == "note on the first" })
            #expect(firstTimeline.filter { $0.event?.kind == .created }.count == 1)
        }
    }

    @Test(arguments: StoreFactories.all)
    func theLiveFeedReturnsTheTeamsEntriesInOrderAfterAnId(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let sam = try await acme.member("Sam", .online)
            #expect(try await store.latestEntryID(teamID: acme.id) == 0)
            let ticket = try await acme.openTicket("Live", at: .moment(1))
            let start = try await store.latestEntryID(teamID: acme.id)
            #expect(start > 0)
            let note = try await store.addNote(
                teamID: acme.id, number: ticket.number, author: sam.ref, body: "one", now: .moment(2))
            try await acme.patch(ticket.number, by: sam, at: .moment(3), status: .pending)
            let feed = try await store.liveEntries(teamID: acme.id, after: start, limit: 10)
            #expect(feed.map(\.entry.label) == ["note: one", "event: statusChanged"])
            #expect(feed.first?.entry == note)
            #expect(feed.allSatisfy { $0.ticket.number == ticket.number })
            #expect(feed.last?.ticket.status == .pending)
            #expect(try await store.latestEntryID(teamID: acme.id) == feed.last?.entry.id)
            #expect(try await store.liveEntries(teamID: acme.id, after: start, limit: 1).map(\.entry) == [note])
        }
    }
}
