import HelpDeskCore
import Testing

@testable import HelpDeskAI

private func agent(
    id: String = "agent-1", faq: [FAQEntry] = SampleFAQ.entries,
    supportHandover: SupportHandover? = SupportHandover(), updatedAt: Int64 = 1_000
) -> Agent {
    Agent(
        id: id, teamID: "team-1", name: "Ava", instructions: "Be helpful.", brain: .builtin, faq: faq,
        supportHandover: supportHandover, createdAt: Timestamp(microseconds: 1_000),
        updatedAt: Timestamp(microseconds: updatedAt))
}

/// A conversation ending with `message`, after `previousMisses` unanswered ones.
private func request(_ message: String, agent: Agent = agent(), previousMisses: Int = 0) -> BrainRequest {
    BrainRequest(
        agent: agent,
        history: [
            BrainTurn(author: .customer, text: "Hi"),
            BrainTurn(author: .ai, text: "Hello! How can I help?"),
            BrainTurn(author: .customer, text: message),
        ],
        previousMisses: previousMisses)
}

private let passwordAnswer = SampleFAQ.entries[SampleFAQ.index(of: "How do I reset my password?")].answer

@Suite("BuiltinBrain")
struct BuiltinBrainTests {
    let brain = BuiltinBrain()

    @Test func answersFromTheFAQ() async {
        let response = await brain.respond(to: request("forgot my password, how can I change it"))
        #expect(response == BrainResponse(reply: passwordAnswer, answered: true))
    }

    @Test func answersTheLatestCustomerMessage() async {
        let conversation = BrainRequest(
            agent: agent(),
            history: [
                BrainTurn(author: .customer, text: "Where is my order?"),
                BrainTurn(author: .ai, text: "You can track your order from the Orders page."),
                BrainTurn(author: .customer, text: "ok and how do I reset my password?"),
            ],
            previousMisses: 0)
        let response = await brain.respond(to: conversation)
        #expect(response.reply == passwordAnswer)
    }

    @Test func customerAskingForAPersonEscalatesWithEvidence() async throws {
        let message = "I want to talk to a human about my password"
        let response = await brain.respond(to: request(message))
        #expect(response.reply == nil)
        #expect(response.answered)
        guard case .customerAsked(let evidence) = try #require(response.escalation) else {
            Issue.record("expected .customerAsked, got \(String(describing: response.escalation))")
            return
        }
        #expect(evidence == HumanRequestDetector().evidence(in: message))
        #expect(evidence.contains("talk to a human"))
    }

    @Test func customerAskingForAPersonInAnotherLanguageEscalates() async {
        let response = await brain.respond(to: request("Ich möchte mit einem Mitarbeiter sprechen"))
        guard case .customerAsked = response.escalation else {
            Issue.record("expected .customerAsked, got \(String(describing: response.escalation))")
            return
        }
        #expect(response.reply == nil)
    }

    @Test func firstMissAsksToRephraseWithoutEscalating() async throws {
        let response = await brain.respond(to: request("What's the weather like in Paris?", previousMisses: 0))
        #expect(response.answered == false)
        #expect(response.escalation == nil)
        let reply = try #require(response.reply)
        #expect(reply.contains("rephrase"))
        #expect(reply.contains("person"))
    }

    @Test func secondMissInARowEscalatesUnresolved() async throws {
        let response = await brain.respond(to: request("Can I bring my dog to the office?", previousMisses: 1))
        #expect(response.answered == false)
        #expect(response.escalation == .unresolved)
        let reply = try #require(response.reply)
        #expect(reply.contains("team"))
        #expect(BuiltinBrain.missesBeforeEscalation == 2)
    }

    @Test func missesBeyondTheSecondKeepEscalating() async {
        let response = await brain.respond(to: request("tell me a joke", previousMisses: 4))
        #expect(response.escalation == .unresolved)
    }

    @Test func aHitAfterAMissIsAnswered() async {
        let response = await brain.respond(to: request("reset pw", previousMisses: 1))
        #expect(response == BrainResponse(reply: passwordAnswer, answered: true))
    }

    @Test func agentWithoutFAQMissesEveryMessage() async {
        let noFAQ = agent(faq: [])
        let first = await brain.respond(to: request("How do I reset my password?", agent: noFAQ, previousMisses: 0))
        #expect(first.answered == false)
        #expect(first.escalation == nil)
        let second = await brain.respond(to: request("How do I reset my password?", agent: noFAQ, previousMisses: 1))
        #expect(second.answered == false)
        #expect(second.escalation == .unresolved)
        let human = await brain.respond(to: request("I want to talk to a human", agent: noFAQ))
        guard case .customerAsked = human.escalation else {
            Issue.record("expected .customerAsked, got \(String(describing: human.escalation))")
            return
        }
    }

    @Test func agentWithoutSupportHandoverNeverEscalates() async throws {
        let noHandover = agent(supportHandover: nil)
        let human = await brain.respond(to: request("I want to talk to a human", agent: noHandover))
        #expect(human.escalation == nil)
        #expect(human.answered == false)
        #expect(human.reply != nil)
        let miss = await brain.respond(to: request("tell me a joke", agent: noHandover, previousMisses: 3))
        #expect(miss.escalation == nil)
        #expect(miss.answered == false)
        let reply = try #require(miss.reply)
        #expect(!reply.contains("person"))
        let hit = await brain.respond(to: request("reset pw", agent: noHandover))
        #expect(hit == BrainResponse(reply: passwordAnswer, answered: true))
    }

    @Test func thresholdDecidesWhatCountsAsAnAnswer() async {
        let strict = BuiltinBrain(threshold: 1.01)
        let response = await strict.respond(to: request("How do I reset my password?"))
        #expect(response.answered == false)
        #expect(brain.threshold == FAQIndex.defaultThreshold)
    }

    @Test func buildsTheIndexOncePerAgentVersion() async {
        _ = await brain.respond(to: request("reset pw"))
        _ = await brain.respond(to: request("where's my order"))
        #expect(await brain.indexes.builds == 1)

        // The agent is edited: its FAQ changes along with updatedAt.
        let edited = agent(
            faq: [FAQEntry(question: "How do I reset my password?", answer: "Use the new account portal.")],
            updatedAt: 2_000)
        let response = await brain.respond(to: request("reset pw", agent: edited))
        #expect(response.reply == "Use the new account portal.")
        #expect(await brain.indexes.builds == 2)

        _ = await brain.respond(to: request("reset pw", agent: agent(id: "agent-2")))
        #expect(await brain.indexes.builds == 3)
    }

    @Test func answersConcurrentConversations() async {
        let replies = await withTaskGroup(of: String?.self) { group in
            for i in 0..<100 {
                group.addTask {
                    await brain.respond(to: request("reset pw", agent: agent(id: "agent-\(i % 4)"))).reply
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(replies.count == 100)
        #expect(replies.allSatisfy { $0 == passwordAnswer })
        #expect(await brain.indexes.builds == 4)
    }
}
