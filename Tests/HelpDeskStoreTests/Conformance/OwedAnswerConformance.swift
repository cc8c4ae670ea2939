import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// What the AI owes a conversation: the newest unanswered customer message, kept until an answer covers it.
@Suite struct OwedAnswerConformance {
    @Test(arguments: StoreFactories.all)
    func finishingAnAnswerClearsWhatItCoveredAndReportsANewerMessage(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let agent = try await acme.agent()
            let conversation = try await acme.conversation(agent: agent, channel: try await acme.webChannel(for: agent))
            func customerSays(_ body: String, at second: Int) async throws -> Int64 {
                try await store.recordCustomerMessage(
                    conversationID: conversation.id, teamID: acme.id, body: body, attachmentIDs: [], owesAnswer: true,
                    now: .moment(second)
                ).entry.id
            }
            #expect(
                try await store.owedAnswer(conversationID: conversation.id, teamID: acme.id, historyLimit: 5) == nil)
            let first = try await customerSays("Where is my parcel?", at: 2)
            #expect(try await store.awaitingAnswer(conversationID: conversation.id, teamID: acme.id) == first)
            // What answering reads comes together: the message owed, the conversation, its agent, its history.
            let owed = try #require(
                try await store.owedAnswer(conversationID: conversation.id, teamID: acme.id, historyLimit: 5))
            #expect(owed.upTo == first)
            #expect(owed.conversation.id == conversation.id)
            #expect(owed.agent?.id == agent.id)
            #expect(owed.history.map(\.id) == [first])
            #expect(try await store.conversationsAwaitingAnswer(limit: 10).map(\.id) == [conversation.id])
            // A second message comes while the first is being answered: finishing the first leaves the second owed.
            let second = try await customerSays("It was due on Monday.", at: 3)
            let left = try await store.finishAnswer(conversationID: conversation.id, teamID: acme.id, upTo: first)
            #expect(left == second)
            #expect(try await store.awaitingAnswer(conversationID: conversation.id, teamID: acme.id) == second)
            let again = try await store.owedAnswer(conversationID: conversation.id, teamID: acme.id, historyLimit: 1)
            #expect(again?.upTo == second)
            #expect(again?.history.map(\.id) == [second], "the limit keeps the newest")
            #expect(
                try await store.owedAnswer(conversationID: conversation.id, teamID: "tm_other", historyLimit: 5) == nil)
            // Another team's id finishes nothing.
            let globex = try await TeamFixture.make(store, name: "Globex")
            #expect(
                try await store.finishAnswer(conversationID: conversation.id, teamID: globex.id, upTo: second) == nil)
            #expect(try await store.awaitingAnswer(conversationID: conversation.id, teamID: acme.id) == second)
            #expect(try await store.finishAnswer(conversationID: conversation.id, teamID: acme.id, upTo: second) == nil)
            #expect(try await store.awaitingAnswer(conversationID: conversation.id, teamID: acme.id) == nil)
            #expect(try await store.conversationsAwaitingAnswer(limit: 10).isEmpty)
        }
    }
}
