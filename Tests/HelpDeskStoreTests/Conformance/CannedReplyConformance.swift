import HelpDeskCore
import HelpDeskStore
import Testing

/// Canned replies: listed by title, created, replaced and deleted, always
/// within one team, with titles unique in a team ignoring case.
@Suite struct CannedReplyConformance {
    static func reply(_ team: TeamFixture, _ title: String, body: String = "Hi {{customer.name}}", at second: Int = 0)
        -> CannedReply
    {
        CannedReply(
            id: Identifier.make("cr"), teamID: team.id, title: title, body: body, createdAt: .moment(second),
            updatedAt: .moment(second))
    }

    @Test(arguments: StoreFactories.all)
    func createListByTitleUpdateAndDelete(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            #expect(try await store.cannedReplies(teamID: acme.id).isEmpty)

            let refund = Self.reply(acme, "apology for the delay", at: 1)
            let greeting = Self.reply(acme, "Greeting", body: "Hello {{ customer.name }},\n\nthanks!", at: 2)
            let closing = Self.reply(acme, "Closing", at: 3)
            for reply in [refund, greeting, closing] { try await store.createCannedReply(reply) }

            // By title, ignoring case (a byte order would put "apology" last); each exactly as stored.
            #expect(try await store.cannedReplies(teamID: acme.id) == [refund, closing, greeting])
            #expect(try await store.cannedReply(id: greeting.id, teamID: acme.id) == greeting)
            #expect(try await store.cannedReply(id: "cr_missing", teamID: acme.id) == nil)

            let changed = try await store.updateCannedReply(
                id: refund.id, teamID: acme.id, title: "Zulu refund", body: "Done, {{operator.name}}", now: .moment(10))
            let expected = CannedReply(
                id: refund.id, teamID: acme.id, title: "Zulu refund", body: "Done, {{operator.name}}",
                createdAt: .moment(1), updatedAt: .moment(10))
            #expect(changed == expected)
            #expect(try await store.cannedReply(id: refund.id, teamID: acme.id) == expected)
            #expect(
                try await store.cannedReplies(teamID: acme.id).map(\.title) == ["Closing", "Greeting", "Zulu refund"])
            #expect(
                try await store.updateCannedReply(
                    id: "cr_missing", teamID: acme.id, title: "X", body: "Y", now: .moment(11)) == nil)

            #expect(try await store.deleteCannedReply(id: closing.id, teamID: acme.id))
            #expect(try await store.deleteCannedReply(id: closing.id, teamID: acme.id) == false)
            #expect(try await store.cannedReply(id: closing.id, teamID: acme.id) == nil)
            #expect(try await store.cannedReplies(teamID: acme.id).map(\.id) == [greeting.id, refund.id])
        }
    }

    @Test(arguments: StoreFactories.all)
    func aTitleIsUniqueInATeamIgnoringCase(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, name: "Acme")
            let globex = try await TeamFixture.make(store, name: "Globex")
            let greeting = Self.reply(acme, "Greeting")
            let closing = Self.reply(acme, "Closing")
            try await store.createCannedReply(greeting)
            try await store.createCannedReply(closing)

            let duplicate = await helpDeskError { try await store.createCannedReply(Self.reply(acme, "GREETING")) }
            #expect(duplicate?.conflictMessage?.contains("\"Greeting\"") == true, "\(String(describing: duplicate))")
            let renamed = await helpDeskError {
                try await store.updateCannedReply(
                    id: closing.id, teamID: acme.id, title: "greeting", body: "x", now: .moment(5))
            }
            #expect(renamed?.conflictMessage != nil)
            #expect(try await store.cannedReplies(teamID: acme.id) == [closing, greeting], "nothing changed")

            // Its own title (in another case) is no conflict, and other teams have their own titles.
            let recased = try await store.updateCannedReply(
                id: greeting.id, teamID: acme.id, title: "GREETING", body: "Hi", now: .moment(6))
            #expect(recased?.title == "GREETING")
            try await store.createCannedReply(Self.reply(globex, "Greeting"))
            #expect(try await store.cannedReplies(teamID: globex.id).map(\.title) == ["Greeting"])
        }
    }

    @Test(arguments: StoreFactories.all)
    func anotherTeamsCannedReplyIsNotFound(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, name: "Acme")
            let globex = try await TeamFixture.make(store, name: "Globex")
            let secret = Self.reply(acme, "Acme only", body: "zanzibar")
            try await store.createCannedReply(secret)

            #expect(try await store.cannedReplies(teamID: globex.id).isEmpty)
            #expect(try await store.cannedReply(id: secret.id, teamID: globex.id) == nil)
            #expect(
                try await store.updateCannedReply(
                    id: secret.id, teamID: globex.id, title: "Hijacked", body: "x", now: .moment(5)) == nil)
            #expect(try await store.deleteCannedReply(id: secret.id, teamID: globex.id) == false)
            #expect(try await store.cannedReplies(teamID: acme.id) == [secret], "untouched by another team")
        }
    }
}
