import HelpDeskCore
import HelpDeskStore
import Testing

/// Owners' notifications (spec §5.5): with the setting on, a team has at most
/// one queued owners' email, and every ticket an escalation opens is added to it
/// until it is sent.
@Suite struct OwnerNotificationConformance {
    typealias Scene = EscalationConformance.Scene

    /// A team with notifications on and an owner to notify.
    static func scene(_ store: any Store, notifications: Bool = true) async throws -> (Scene, owner: Member) {
        let scene = try await Scene.make(store)
        let owner = try await scene.acme.member("Olga", role: .owner)
        var settings = try await store.settings(teamID: scene.acme.id)
        settings.emailNotifications = notifications
        _ = try await store.updateSettings(teamID: scene.acme.id, settings)
        return (scene, owner)
    }

    /// Escalates a new conversation of the scene's team.
    @discardableResult
    static func escalateNew(_ scene: Scene, _ name: String, at second: Int) async throws -> Ticket {
        let conversation = try await scene.another(name, at: .moment(second))
        try await scene.customerSays("Please help me with order \(name)", at: .moment(second), in: conversation)
        let result = try await scene.escalate(at: .moment(second), in: conversation)
        #expect(!result.repeated)
        return result.ticket
    }

    static func notifications(_ store: any Store, _ teamID: String) async throws -> [OutboxEntry] {
        try await store.outbox(teamID: teamID).filter { $0.kind == .notificationEmail }
    }

    static func digest(_ entry: OutboxEntry?) throws -> OwnerDigest {
        let entry = try #require(entry)
        return try #require(OwnerDigest(storedPayload: entry.payload), "\(entry.payload)")
    }

    @Test(arguments: StoreFactories.all)
    func escalationsFillOneQueuedDigestPerTeam(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let (acme, olga) = try await Self.scene(store)
            let (globex, gus) = try await Self.scene(store)
            for n in 0..<6 { try await Self.escalateNew(acme, "A\(n)", at: 10 + n) }
            try await Self.escalateNew(globex, "G0", at: 20)
            // The scene's own conversation opens ticket 10007; its repeat opens nothing and adds nothing.
            #expect(try await acme.escalate(at: .moment(21)).repeated == false)
            #expect(try await acme.escalate(at: .moment(22)).repeated)
            try await Self.escalateNew(globex, "G1", at: 23)

            let acmeRows = try await Self.notifications(store, acme.acme.id)
            #expect(acmeRows.count == 1)
            #expect(acmeRows.first?.state == .queued)
            #expect(acmeRows.first?.nextAttemptAt == .moment(10), "due from the first ticket")
            let acmeDigest = try Self.digest(acmeRows.first)
            #expect(acmeDigest.items.map(\.number) == Array(10001...10007))
            #expect(acmeDigest.count == 7)
            #expect(acmeDigest.recipients == [olga.email])
            #expect(acmeDigest.subject == "7 new tickets need a person")
            #expect(acmeDigest.items[0].subject == "Please help me with order A0")

            let globexRows = try await Self.notifications(store, globex.acme.id)
            #expect(globexRows.count == 1)
            let globexDigest = try Self.digest(globexRows.first)
            #expect(globexDigest.items.map(\.number) == [10001, 10002])
            #expect(globexDigest.recipients == [gus.email])
        }
    }

    @Test(arguments: StoreFactories.all)
    func aSentDigestIsNeverAddedToAndTheNextWaitsOutTheInterval(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let (scene, _) = try await Self.scene(store)
            let teamID = scene.acme.id
            try await Self.escalateNew(scene, "A", at: 10)
            try await Self.escalateNew(scene, "B", at: 11)
            let first = try #require(try await Self.notifications(store, teamID).first)
            #expect(try await store.markOutboxSent(id: first.id, teamID: teamID, now: .moment(12)))
            #expect(
                try await store.markOutboxSent(id: first.id, teamID: teamID, now: .moment(13)) == false,
                "only a queued entry is sent")

            try await Self.escalateNew(scene, "C", at: 20)
            try await Self.escalateNew(scene, "D", at: 21)
            var rows = try await Self.notifications(store, teamID)
            #expect(rows.map(\.state) == [.sent, .queued])
            #expect(rows[0].sentAt == .moment(12))
            #expect(try Self.digest(rows[0]).items.map(\.number) == [10001, 10002], "the sent email is unchanged")
            #expect(try Self.digest(rows[1]).items.map(\.number) == [10003, 10004])
            #expect(rows[1].nextAttemptAt == Timestamp.moment(12).adding(seconds: OwnerDigest.minimumInterval))

            // Long after the last one was sent, a new digest is due at once.
            #expect(try await store.markOutboxSent(id: rows[1].id, teamID: teamID, now: .moment(30)))
            try await Self.escalateNew(scene, "E", at: 10_000)
            rows = try await Self.notifications(store, teamID)
            #expect(rows.map(\.state) == [.sent, .sent, .queued])
            #expect(rows[2].nextAttemptAt == .moment(10_000))
            #expect(try Self.digest(rows[2]).items.map(\.number) == [10005])
        }
    }

    @Test(arguments: StoreFactories.all)
    func withNotificationsOffNothingIsQueued(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let (scene, _) = try await Self.scene(store, notifications: false)
            try await Self.escalateNew(scene, "A", at: 10)
            #expect(try await store.outbox(teamID: scene.acme.id).isEmpty)
        }
    }

    @Test(arguments: StoreFactories.all)
    func anotherTeamCannotMarkATeamsEntrySent(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let (acme, _) = try await Self.scene(store)
            let (globex, _) = try await Self.scene(store)
            try await Self.escalateNew(acme, "A", at: 10)
            let entry = try #require(try await store.outbox(teamID: acme.acme.id).first)
            #expect(try await store.markOutboxSent(id: entry.id, teamID: globex.acme.id, now: .moment(11)) == false)
            #expect(try await store.outbox(teamID: acme.acme.id).first?.state == .queued)
            #expect(try await store.outbox(teamID: globex.acme.id).isEmpty)
        }
    }
}
