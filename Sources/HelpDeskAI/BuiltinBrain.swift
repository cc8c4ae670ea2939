import HelpDeskCore

/// The default brain, which works offline: it answers from the agent's FAQ
/// by text similarity, and escalates when the customer asks for a person or
/// after it failed to answer twice in a row.
///
/// Only agents with the Support Handover action escalate; the others never
/// promise a person, and keep asking the customer to rephrase.
public struct BuiltinBrain: Brain {
    /// Failed answers in a row, counting the current one, that make a ticket.
    public static let missesBeforeEscalation = 2

    /// The FAQ match confidence needed to answer with an entry.
    public let threshold: Double

    private let detector = HumanRequestDetector()
    /// The agents' FAQ indexes, built off the path of other agents' lookups.
    let indexes: FAQIndexCache

    public init(threshold: Double = FAQIndex.defaultThreshold) {
        self.init(threshold: threshold, indexes: FAQIndexCache())
    }

    init(threshold: Double = FAQIndex.defaultThreshold, indexes: FAQIndexCache) {
        self.threshold = threshold
        self.indexes = indexes
    }

    public func respond(to request: BrainRequest) async -> BrainResponse {
        let message = request.latestCustomerMessage
        let canEscalate = request.agent.supportHandover != nil

        if detector.isRequestingHuman(message) {
            guard canEscalate else { return BrainResponse(reply: Reply.noPeopleHere, answered: false) }
            // No reply: the server shows the waiting label, or the auto-reply when nobody is available.
            return BrainResponse(
                reply: nil, answered: true,
                escalation: .customerAsked(evidence: detector.evidence(in: message) ?? message))
        }

        let index = await indexes.index(for: request.agent)
        if let match = index.bestMatch(for: message), match.confidence >= threshold {
            return BrainResponse(reply: match.entry.answer, answered: true)
        }

        let misses = request.previousMisses + 1
        guard canEscalate else { return BrainResponse(reply: Reply.rephrase, answered: false) }
        if misses >= Self.missesBeforeEscalation {
            return BrainResponse(reply: Reply.passedToTeam, answered: false, escalation: .unresolved)
        }
        return BrainResponse(reply: Reply.rephraseOrAskForPerson, answered: false)
    }

    /// What the brain says when it has no FAQ answer.
    enum Reply {
        static let rephraseOrAskForPerson =
            "I'm not sure I can answer that. Could you rephrase your question, or ask to talk to a person?"
        static let rephrase = "I'm not sure I can answer that. Could you rephrase your question?"
        static let passedToTeam =
            "I'm sorry, I couldn't find an answer to that. I've passed your question to our team, and someone will take a look."
        static let noPeopleHere =
            "I'm sorry, I can't connect you with a person from this chat. Could you tell me what you need? I'll do my best to help."
    }
}
