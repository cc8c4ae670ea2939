import HelpDeskCore

/// One earlier turn of a conversation, as a brain sees it.
public struct BrainTurn: Sendable, Equatable {
    public var author: AuthorKind
    public var text: String
    public init(author: AuthorKind, text: String) {
        self.author = author
        self.text = text
    }
}

/// What a brain is asked: the agent, the conversation so far (oldest first,
/// ending with the customer's new message) and how many answers in a row it
/// could not give before this one.
public struct BrainRequest: Sendable {
    public var agent: Agent
    public var history: [BrainTurn]
    public var previousMisses: Int

    public init(agent: Agent, history: [BrainTurn], previousMisses: Int) {
        self.agent = agent
        self.history = history
        self.previousMisses = previousMisses
    }

    /// The customer's newest message.
    public var latestCustomerMessage: String {
        history.last(where: { $0.author == .customer })?.text ?? ""
    }
}

/// Why a conversation is escalated to people.
public enum EscalationCause: Sendable, Equatable {
    /// The customer pressed the human button.
    case humanButton
    /// The customer asked for a person in words; `evidence` quotes them.
    case customerAsked(evidence: String)
    /// The agent tried and could not resolve it (two misses in a row).
    case unresolved
    /// The LLM called the handover tool, with its reason.
    case agentDecided(reason: String)
}

/// A brain's answer to one customer message.
public struct BrainResponse: Sendable, Equatable {
    /// The AI's reply to send, if any.
    public var reply: String?
    /// Whether the reply actually answered the customer (false for "I don't know").
    public var answered: Bool
    /// Set when the conversation should become a ticket.
    public var escalation: EscalationCause?
    /// A short model-written summary for the handoff (LLM brain only).
    public var summary: String?

    public init(reply: String?, answered: Bool, escalation: EscalationCause? = nil, summary: String? = nil) {
        self.reply = reply
        self.answered = answered
        self.escalation = escalation
        self.summary = summary
    }
}

/// An agent brain: answers a customer message or decides to escalate.
/// Brains never throw: when they fail they answer politely and say so in the log.
public protocol Brain: Sendable {
    func respond(to request: BrainRequest) async -> BrainResponse
}
