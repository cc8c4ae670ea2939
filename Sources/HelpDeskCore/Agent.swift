/// One question-and-answer pair of an agent's small knowledge base.
public struct FAQEntry: Sendable, Equatable, Codable {
    public var question: String
    public var answer: String
    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }
}

/// The Support Handover action of an agent: when and how a conversation
/// is handed to people.
public struct SupportHandover: Sendable, Equatable, Codable {
    /// Guidance for the agent on when to escalate; part of the LLM tool description.
    public var whenToUse: String
    public var defaultPriority: Priority
    /// Show a "Talk to a human" button in the widget.
    public var humanButton: Bool
    /// Messages exchanged before the human button appears.
    public var messageThreshold: Int
    /// Shown to the customer while waiting for a person.
    public var waitingLabel: String
    /// Shown once a person has joined.
    public var connectedLabel: String
    /// Sent when nobody is available (nobody online, or outside business hours).
    public var autoReplyMessage: String
    /// Shown to the customer of a live chat when their ticket is resolved;
    /// the AI answers again from then on.
    public var resolvedMessage: String

    public init(
        whenToUse: String = "The customer asks for a person, or you cannot resolve their request.",
        defaultPriority: Priority = .normal, humanButton: Bool = true, messageThreshold: Int = 0,
        waitingLabel: String = "Connecting you with our team. You can keep writing here meanwhile.",
        connectedLabel: String = "You are now chatting with our team.",
        autoReplyMessage: String =
            "Our team is not available right now. Leave us a message and we will get back to you.",
        resolvedMessage: String =
            "Our team has marked this conversation as resolved. Write again any time: the assistant will answer, and the team will see it."
    ) {
        self.whenToUse = whenToUse
        self.defaultPriority = defaultPriority
        self.humanButton = humanButton
        self.messageThreshold = messageThreshold
        self.waitingLabel = waitingLabel
        self.connectedLabel = connectedLabel
        self.autoReplyMessage = autoReplyMessage
        self.resolvedMessage = resolvedMessage
    }

    enum CodingKeys: String, CodingKey {
        case whenToUse, defaultPriority, humanButton, messageThreshold, waitingLabel, connectedLabel, autoReplyMessage,
            resolvedMessage
    }

    /// Missing fields take their defaults, so a client can send only what it changes; `null` is refused.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SupportHandover()
        self.init(
            whenToUse: try c.decodeUnlessAbsent(String.self, forKey: .whenToUse) ?? defaults.whenToUse,
            defaultPriority: try c.decodeUnlessAbsent(Priority.self, forKey: .defaultPriority)
                ?? defaults.defaultPriority,
            humanButton: try c.decodeUnlessAbsent(Bool.self, forKey: .humanButton) ?? defaults.humanButton,
            messageThreshold: try c.decodeUnlessAbsent(Int.self, forKey: .messageThreshold)
                ?? defaults.messageThreshold,
            waitingLabel: try c.decodeUnlessAbsent(String.self, forKey: .waitingLabel) ?? defaults.waitingLabel,
            connectedLabel: try c.decodeUnlessAbsent(String.self, forKey: .connectedLabel) ?? defaults.connectedLabel,
            autoReplyMessage: try c.decodeUnlessAbsent(String.self, forKey: .autoReplyMessage)
                ?? defaults.autoReplyMessage,
            resolvedMessage: try c.decodeUnlessAbsent(String.self, forKey: .resolvedMessage)
                ?? defaults.resolvedMessage)
    }

    /// Labels are at most this long.
    public static let labelLimit = 500

    /// Every problem, each naming its field under `supportHandover.`.
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if messageThreshold < 0 {
            errors.append(FieldError(field: "supportHandover.messageThreshold", message: "must be 0 or more"))
        }
        for (name, value) in [
            ("waitingLabel", waitingLabel), ("connectedLabel", connectedLabel), ("autoReplyMessage", autoReplyMessage),
            ("resolvedMessage", resolvedMessage),
        ] {
            let trimmed = value.trimmingWhitespace()
            if trimmed.isEmpty {
                errors.append(FieldError(field: "supportHandover.\(name)", message: "must not be empty"))
            } else if !TextLimits.fits(value, max: Self.labelLimit) {
                errors.append(
                    FieldError(
                        field: "supportHandover.\(name)", message: "must be at most \(Self.labelLimit) characters"))
            }
        }
        if !TextLimits.fits(whenToUse, max: 2_000) {
            errors.append(FieldError(field: "supportHandover.whenToUse", message: "must be at most 2000 characters"))
        }
        return errors
    }
}

/// Which brain answers for an agent.
public enum BrainChoice: Sendable, Equatable {
    /// Offline FAQ matching and human-request detection.
    case builtin
    /// Any OpenAI-compatible chat-completions endpoint.
    case llm(baseURL: String, model: String, apiKey: String?)
}

/// An AI chat agent.
public struct Agent: Sendable, Equatable {
    public var id: String
    public var teamID: String
    public var name: String
    /// The system prompt.
    public var instructions: String
    public var brain: BrainChoice
    public var faq: [FAQEntry]
    /// nil when the agent cannot escalate.
    public var supportHandover: SupportHandover?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, teamID: String, name: String, instructions: String, brain: BrainChoice, faq: [FAQEntry],
        supportHandover: SupportHandover?, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.teamID = teamID
        self.name = name
        self.instructions = instructions
        self.brain = brain
        self.faq = faq
        self.supportHandover = supportHandover
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var ref: AgentRef { AgentRef(id: id, name: name) }
}
