import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// What a web visitor tells about themselves: the context kept with the
/// conversation, and a name and email given later reaching its tickets and search.
@Suite struct VisitorConformance {
    @Test(arguments: StoreFactories.all)
    func theContextIsKeptAndALaterNameAndEmailReachTheTicketsOfThatConversationOnly(_ factory: StoreFactory)
        async throws
    {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let agent = try await acme.agent()
            let channel = try await acme.webChannel(for: agent)
            var started = Conversation(
                id: Identifier.make("cv"), teamID: acme.id, agentID: agent.id, channelID: channel.id, channel: .web,
                requester: Requester(name: "Visitor", handle: "visitor:1"), speaker: .ai, aiMisses: 0,
                createdAt: .moment(1), lastMessageAt: .moment(1),
                visitor: VisitorContext(
                    page: "https://shop.example/cart", browser: "Firefox 132 on Linux", language: "de"))
            try await store.startConversation(started)
            let read = try #require(try await store.conversation(id: started.id, teamID: acme.id))
            #expect(read.visitor == started.visitor)

            let ticket = try await store.createTicket(
                NewTicket(
                    teamID: acme.id, subject: "Parcel", requester: started.requester, priority: .normal, channel: .web,
                    conversationID: started.id),
                now: .moment(2))
            let other = try await acme.openTicket("Someone else", at: .moment(3), requester: Requester(name: "Bo"))

            try await store.updateRequester(
                conversationID: started.id, teamID: acme.id, name: "Ada Lovelace", email: "ada@example.com")
            started = try #require(try await store.conversation(id: started.id, teamID: acme.id))
            #expect(started.requester.name == "Ada Lovelace")
            #expect(started.requester.email == "ada@example.com")
            #expect(started.requester.handle == "visitor:1", "the handle stays")
            #expect(try await acme.ticket(ticket.number).requester.email == "ada@example.com")
            #expect(try await acme.ticket(other.number).requester.name == "Bo")
            #expect(try await acme.page(InboxQuery(view: .all, text: "lovelace")) == [ticket.number])

            // A name alone keeps the email given before.
            try await store.updateRequester(conversationID: started.id, teamID: acme.id, name: "Ada L.", email: nil)
            #expect(
                try await acme.ticket(ticket.number).requester
                    == Requester(
                        name: "Ada L.", email: "ada@example.com", handle: "visitor:1"))
        }
    }
}
