import HelpDeskCore
import HelpDeskStore
import Testing

/// Merging a ticket into another and undoing it: the source becomes `merged`
/// and stops counting as open work, the target's timeline shows the source's
/// entries marked with its number, the customer's next message follows the
/// merge, and an undo within ten minutes restores both; each within its team.
@Suite struct MergeConformance {
    /// A timeline without the merge and undo events, which stay as history.
    static func withoutMergeEvents(_ entries: [TimelineEntry]) -> [TimelineEntry] {
        entries.filter {
            guard let event = $0.event else { return true }
            return ![.merged, .mergedInto, .unmerged].contains(event.kind)
        }
    }

    @Test(arguments: StoreFactories.all)
    func aMergeJoinsTheTimelinesAndAnUndoRestoresBothTickets(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .balanced)
            let ann = try await acme.member("Ann", .online)
            let source = try await acme.openTicket("Parcel late", at: .moment(1), body: "Where is it?")
            #expect(source.assignee == ann.ref)
            try await acme.patch(source.number, by: ann, at: .moment(2), status: .pending, priority: .high)
            _ = try await store.addNote(
                teamID: acme.id, number: source.number, author: ann.ref, body: "Asked the courier", now: .moment(3))
            let target = try await acme.openTicket("Parcel", at: .moment(4), body: "Hello")
            let before = (
                source: try await acme.ticket(source.number), target: try await acme.ticket(target.number),
                sourceTimeline: try await store.timeline(teamID: acme.id, number: source.number),
                targetTimeline: try await store.timeline(teamID: acme.id, number: target.number)
            )
            let openBefore = try await store.members(teamID: acme.id).first { $0.member.id == ann.id }?.openTickets

            let merged = try await store.mergeTicket(
                teamID: acme.id, number: source.number, into: target.number, actor: ann.ref, now: .moment(10))
            #expect(merged.source.status == .merged)
            #expect(merged.source.mergedInto == target.number)
            #expect(merged.source.assignee == ann.ref && merged.source.priority == .high)
            #expect(merged.target == before.target)
            #expect(try await acme.ticket(source.number) == merged.source)
            let openDuring = try await store.members(teamID: acme.id).first { $0.member.id == ann.id }?.openTickets
            #expect(openDuring == (openBefore ?? 0) - 1)
            #expect(!(try await acme.page(InboxQuery(view: .mine), caller: ann)).contains(source.number))
            #expect(try await acme.page(InboxQuery(view: .resolved)) == [source.number])

            let joined = try await store.timeline(teamID: acme.id, number: target.number)
            #expect(joined.first?.event?.kind == .created && joined.first?.mergedFrom == nil)
            #expect(joined.dropFirst().map(\.id) == joined.dropFirst().map(\.id).sorted())
            let fromSource = joined.filter { $0.mergedFrom == source.number }
            // Every entry the source showed, and the source's `mergedInto` event.
            let sourceIDs = Set(before.sourceTimeline.map(\.id))
            #expect(Set(fromSource.map(\.id)).subtracting(sourceIDs) == Set([fromSource.last?.id ?? -1]))
            #expect(Set(fromSource.map(\.id)).isSuperset(of: sourceIDs))
            #expect(fromSource.last?.event?.kind == .mergedInto)
            #expect(joined.filter { $0.mergedFrom == nil }.map(\.id).starts(with: before.targetTimeline.map(\.id)))
            #expect(joined.last?.event == TicketEvent(kind: .merged, actor: ann.ref, from: String(source.number)))
            // Pages of the joined timeline are the same entries.
            let firstPage = try await store.timeline(teamID: acme.id, number: target.number, after: nil, limit: 4)
            let rest = try await store.timeline(
                teamID: acme.id, number: target.number, after: firstPage.last?.id, limit: nil)
            #expect((firstPage + rest).map(\.id) == joined.map(\.id))

            let undone = try await store.unmergeTicket(
                teamID: acme.id, number: source.number, actor: ann.ref, now: .moment(10 + 600))
            #expect(undone.source == before.source)
            #expect(undone.target == before.target)
            #expect(try await acme.ticket(source.number) == before.source)
            let openAfter = try await store.members(teamID: acme.id).first { $0.member.id == ann.id }?.openTickets
            #expect(openAfter == openBefore)
            #expect(
                Self.withoutMergeEvents(try await store.timeline(teamID: acme.id, number: source.number))
                    == before.sourceTimeline)
            #expect(
                Self.withoutMergeEvents(try await store.timeline(teamID: acme.id, number: target.number))
                    == before.targetTimeline)
            #expect(
                try await acme.events(target.number).map(\.kind).filter { [.merged, .unmerged].contains($0) }
                    == [.merged, .unmerged])
        }
    }

    @Test(arguments: StoreFactories.all)
    func refusalsTheUndoWindowAndTeams(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let other = try await TeamFixture.make(store, name: "Other", assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            let olga = try await other.member("Olga", .online)
            let a = try await acme.openTicket("A", at: .moment(1))
            let b = try await acme.openTicket("B", at: .moment(2))
            let c = try await acme.openTicket("C", at: .moment(3))
            for second in 4..<8 { _ = try await other.openTicket("Theirs", at: .moment(second)) }

            func merge(_ number: Int, into: Int, in team: TeamFixture = acme, by: Member? = nil, at second: Int)
                async -> HelpDeskError?
            {
                await helpDeskError {
                    try await store.mergeTicket(
                        teamID: team.id, number: number, into: into, actor: (by ?? ann).ref, now: .moment(second))
                }
            }
            #expect(await merge(a.number, into: a.number, at: 10)?.conflictMessage?.contains("itself") == true)
            #expect(await merge(a.number, into: 10004, at: 10)?.isNotFound == true)
            #expect(await merge(10004, into: a.number, at: 10)?.isNotFound == true)
            #expect(await merge(a.number, into: b.number, at: 10) == nil)
            #expect(await merge(a.number, into: c.number, at: 11)?.conflictMessage?.contains("already") == true)
            #expect(await merge(c.number, into: a.number, at: 11)?.conflictMessage?.contains("itself merged") == true)
            // The other team's ticket with the same number is its own.
            #expect(try await other.ticket(a.number).status == .open)
            let theirs = await helpDeskError {
                try await store.unmergeTicket(teamID: other.id, number: a.number, actor: olga.ref, now: .moment(12))
            }
            #expect(theirs?.conflictMessage?.contains("not merged") == true)
            // Someone of another team is not an actor here.
            #expect(await merge(c.number, into: b.number, by: olga, at: 12)?.isNotFound == true)

            let late = await helpDeskError {
                try await store.unmergeTicket(teamID: acme.id, number: a.number, actor: ann.ref, now: .moment(10 + 601))
            }
            #expect(late?.conflictMessage?.contains("can no longer be undone") == true)
            #expect(try await acme.ticket(a.number).status == .merged)
            let notMerged = await helpDeskError {
                try await store.unmergeTicket(teamID: acme.id, number: b.number, actor: ann.ref, now: .moment(20))
            }
            #expect(notMerged?.conflictMessage?.contains("not merged") == true)
            // A merged ticket takes no other change.
            let patched = await helpDeskError {
                try await acme.patch(a.number, by: ann, at: .moment(21), status: .open)
            }
            #expect(patched?.conflictMessage?.contains("merged into ticket \(b.number)") == true)
        }
    }

    @Test(arguments: StoreFactories.all)
    func theCustomersNextMessageGoesToTheTarget(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let ann = try await acme.member("Ann", .online)
            let agent = try await acme.agent()
            let channel = try await acme.webChannel(for: agent)
            let conversation = try await acme.conversation(agent: agent, channel: channel, at: .moment(1))
            _ = try await store.recordCustomerMessage(
                conversationID: conversation.id, teamID: acme.id, body: "My parcel is late", now: .moment(2))
            let escalated = try await store.escalate(
                EscalationRequest(teamID: acme.id, conversationID: conversation.id, reason: .humanButton),
                now: .moment(3))
            let source = escalated.ticket
            let target = try await acme.openTicket("Parcel", at: .moment(4))
            try await acme.patch(target.number, by: ann, at: .moment(5), status: .resolved)
            _ = try await store.mergeTicket(
                teamID: acme.id, number: source.number, into: target.number, actor: ann.ref, now: .moment(6))

            let mergedSource = try await acme.ticket(source.number)
            // The AI's messages follow the merge too: the merged ticket stays as it was.
            let aiMessage = try await store.recordAIMessage(
                conversationID: conversation.id, teamID: acme.id, author: MessageAuthor(kind: .ai, name: "Ava"),
                body: "Someone will be with you soon.", answered: nil, now: .moment(7))
            #expect(aiMessage != nil)
            #expect(try await acme.ticket(source.number) == mergedSource)
            _ = try await store.recordCustomerMessage(
                conversationID: conversation.id, teamID: acme.id, body: "Any news?", now: .moment(7))
            let reopened = try await acme.ticket(target.number)
            #expect(reopened.status == .open)
            #expect(reopened.lastActivityAt == .moment(7))
            let timeline = try await store.timeline(teamID: acme.id, number: target.number)
            let message = try #require(timeline.first { $0.messageBody == "Any news?" })
            #expect(message.mergedFrom == source.number)
            #expect(timeline.contains { $0.event?.kind == .reopened && $0.mergedFrom == nil })
            #expect(try await acme.ticket(source.number).status == .merged)

            // Asking for a person again repeats on the target, not on a new ticket.
            let again = try await store.escalate(
                EscalationRequest(teamID: acme.id, conversationID: conversation.id, reason: .humanButton),
                now: .moment(8))
            #expect(again.repeated)
            #expect(again.ticket.number == target.number)
            #expect(try await acme.events(target.number).contains { $0.kind == .escalationRepeated })
        }
    }
}
