import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// The store wakes live feeds after the writes they show, and only those:
/// a feed that is not woken does no work, so a missed topic is a feed that
/// stays stale, and a needless one is work for every idle socket.
@Suite struct ChangeConformance {
    /// A subscription's next wake-up, or nil when none comes within `wait`.
    /// Stores publish before the write returns, so a wake-up that is due is
    /// already waiting: the short wait only bounds the "none" answer.
    final class Listener: Sendable {
        let task: Task<Set<ChangeTopic>?, Never>

        init(_ feed: ChangeFeed, _ topics: Set<ChangeTopic>) {
            let wakeups = feed.subscribe(topics)
            task = Task {
                for await topics in wakeups { return topics }
                return nil
            }
        }

        func next(within wait: Duration = .milliseconds(300)) async -> Set<ChangeTopic>? {
            let task = self.task
            return await withTaskGroup(of: Set<ChangeTopic>?.self) { group in
                group.addTask { await task.value }
                group.addTask {
                    try? await Task.sleep(for: wait)
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                task.cancel()
                return first
            }
        }
    }

    @Test(arguments: StoreFactories.all)
    func aCustomerMessageWakesItsTeamAndItsConversationOnly(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await EscalationConformance.Scene.make(store)
            let other = try await scene.another("Olga", at: .moment(2))
            let globex = try await TeamFixture.make(store, name: "Globex")
            let team = Listener(store.changes, [.team(scene.acme.id)])
            let conversation = Listener(store.changes, [.conversation(scene.conversation.id)])
            let otherConversation = Listener(store.changes, [.conversation(other.id)])
            let otherTeam = Listener(store.changes, [.team(globex.id)])
            try await scene.customerSays("Where is my parcel?", at: .moment(3))
            #expect(await team.next() == [.team(scene.acme.id)])
            #expect(await conversation.next() == [.conversation(scene.conversation.id)])
            #expect(await otherConversation.next() == nil)
            #expect(await otherTeam.next() == nil)
        }
    }

    @Test(arguments: StoreFactories.all)
    func wakeUpsCoalesceAndEndWithTheSubscriber(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await EscalationConformance.Scene.make(store)
            let before = store.changes.subscriberCount
            let wakeups = store.changes.subscribe([.conversation(scene.conversation.id), .team(scene.acme.id)])
            #expect(store.changes.subscriberCount == before + 1)
            for second in 3...5 { try await scene.customerSays("Hello \(second)", at: .moment(second)) }
            let reader = Task { () -> Set<ChangeTopic>? in
                for await topics in wakeups { return topics }
                return nil
            }
            // Three writes while nobody read: one wake-up that names both topics.
            #expect(await reader.value == [.conversation(scene.conversation.id), .team(scene.acme.id)])
            let waiting = Task {
                for await _ in wakeups {}
            }
            waiting.cancel()
            await waiting.value
            #expect(store.changes.subscriberCount == before)
        }
    }

    @Test(arguments: StoreFactories.all)
    func aNewTicketDoesNotWakeTheTeamsWidgets(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await EscalationConformance.Scene.make(store)
            let setup = Listener(store.changes, [.teamSetup(scene.acme.id)])
            let conversation = Listener(store.changes, [.conversation(scene.conversation.id)])
            // Numbering and rotation write to the team's row; widgets do not show them.
            _ = try await scene.acme.openTicket("By hand", at: .moment(3))
            #expect(await setup.next() == nil)
            #expect(await conversation.next() == nil)
        }
    }

    @Test(arguments: StoreFactories.all)
    func whoMaySpeakWakesTheConversation(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let scene = try await EscalationConformance.Scene.make(store, assignment: .manual)
            let sam = try await scene.acme.member("Sam", .online)
            let number = try await scene.escalate(at: .moment(3)).ticket.number
            let conversation = Listener(store.changes, [.conversation(scene.conversation.id)])
            _ = try await store.takeOver(
                teamID: scene.acme.id, number: number, by: sam.ref, connectedLabel: nil, now: .moment(4))
            #expect(await conversation.next() == [.conversation(scene.conversation.id)])
        }
    }

    @Test(arguments: StoreFactories.all)
    func setupAndAccessChangesWakeTheirTeam(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let globex = try await TeamFixture.make(store, name: "Globex")
            let ann = try await acme.member("Ann")
            try await store.createSession(AccountConformance.session("ann-1", for: ann))

            var setup = Listener(store.changes, [.teamSetup(acme.id)])
            var otherSetup = Listener(store.changes, [.teamSetup(globex.id)])
            _ = try await store.setPlan(teamID: acme.id, plan: .free)
            #expect(await setup.next() == [.teamSetup(acme.id)])
            #expect(await otherSetup.next() == nil)

            setup = Listener(store.changes, [.teamSetup(acme.id)])
            otherSetup = Listener(store.changes, [.teamSetup(globex.id)])
            _ = try await acme.agent("Another agent")
            #expect(await setup.next() == [.teamSetup(acme.id)])
            #expect(await otherSetup.next() == nil)

            var access = Listener(store.changes, [.access(acme.id)])
            var otherAccess = Listener(store.changes, [.access(globex.id)])
            _ = try await store.updateMember(id: ann.id, teamID: acme.id, MemberChange(role: .manager), now: .moment(5))
            #expect(await access.next() == [.access(acme.id)])
            #expect(await otherAccess.next() == nil)

            // A deleted session no longer says whose it was: every access subscriber checks.
            access = Listener(store.changes, [.access(acme.id)])
            otherAccess = Listener(store.changes, [.access(globex.id)])
            try await store.deleteSession(tokenHash: "ann-1")
            #expect(await access.next() == [.access(acme.id)])
            #expect(await otherAccess.next() == [.access(globex.id)])
        }
    }
}
