import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// A requester's other tickets: the same conversation's and the same email's, in the team only.
@Suite struct OtherTicketsConformance {
    @Test(arguments: StoreFactories.all)
    func theSameEmailOrConversationInTheTeamOnlyMostRecentFirst(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let globex = try await TeamFixture.make(store, name: "Globex")
            let ana = Requester(name: "Ana", email: "ana@example.com")
            let first = try await acme.openTicket("First", at: .moment(1), requester: ana)
            let second = try await acme.openTicket(
                "Second", at: .moment(2), requester: Requester(name: "Ana P.", email: "ANA@example.com"))
            _ = try await acme.openTicket(
                "Someone else", at: .moment(3), requester: Requester(name: "Bo", email: "bo@x.y"))
            _ = try await acme.openTicket("No email", at: .moment(4), requester: Requester(name: "Ana"))
            _ = try await globex.openTicket("Other team", at: .moment(5), requester: ana)
            let sameConversation = try await store.createTicket(
                NewTicket(
                    teamID: acme.id, subject: "Same chat", requester: Requester(name: "Ana"), priority: .normal,
                    channel: .web, conversationID: first.conversationID),
                now: .moment(6))

            let others = try await store.otherTickets(of: first, limit: 10)
            #expect(others.map(\.subject) == ["Same chat", "Second"], "by activity, case-insensitive email")
            #expect(try await store.otherTickets(of: second, limit: 10).map(\.subject) == ["First"])
            #expect(try await store.otherTickets(of: first, limit: 1).map(\.number) == [sameConversation.number])
            let noEmail = try #require(try await store.ticket(teamID: acme.id, number: first.number + 3))
            #expect(try await store.otherTickets(of: noEmail, limit: 10).isEmpty, "no email: only its own conversation")
        }
    }

    @Test(arguments: StoreFactories.all)
    func theUnresolvedOnesWithTheSamePhoneOrHandleWithoutEmail(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let globex = try await TeamFixture.make(store, name: "Globex")
            let bea = try await acme.openTicket(
                "Bea", at: .moment(1), requester: Requester(name: "Bea", phone: "+44 (20) 7946-0018"))
            _ = try await acme.openTicket(
                "Same phone", at: .moment(2), requester: Requester(name: "B.", phone: "44.20.7946.0018"))
            let resolved = try await acme.openTicket(
                "Same phone, resolved", at: .moment(3), requester: Requester(name: "B.", phone: "+442079460018"))
            let sam = try await acme.member("Sam")
            try await acme.patch(resolved.number, by: sam, at: .moment(4), status: .resolved)
            _ = try await acme.openTicket(
                "Other phone", at: .moment(5), requester: Requester(name: "C", phone: "+44 20 7946 0019"))
            _ = try await globex.openTicket(
                "Other team", at: .moment(6), requester: Requester(name: "Bea", phone: "+442079460018"))
            #expect(try await store.otherTickets(of: bea, limit: 10).map(\.subject) == ["Same phone"])

            let tg = Requester(name: "Dan", handle: "dan_k")
            let dan = try await acme.openTicket("Dan", at: .moment(7), channel: .telegram, requester: tg)
            _ = try await acme.openTicket(
                "Same handle", at: .moment(8), channel: .telegram, requester: Requester(name: "D", handle: "Dan_K"))
            _ = try await acme.openTicket("Handle elsewhere", at: .moment(9), channel: .web, requester: tg)
            #expect(try await store.otherTickets(of: dan, limit: 10).map(\.subject) == ["Same handle"])
            let withEmail = try await acme.openTicket(
                "With email", at: .moment(10), channel: .telegram,
                requester: Requester(name: "Dan", email: "dan@example.com", handle: "dan_k"))
            #expect(
                try await store.otherTickets(of: withEmail, limit: 10).isEmpty, "with an email, the handle is not asked"
            )
        }
    }
}
