/// The pure rules of escalation: the ticket's subject, the handoff
/// summary operators read first, and what the customer is told.
public enum Escalation {
    /// Why a conversation became a ticket, in a form the store can keep.
    public enum Reason: Sendable, Equatable {
        case humanButton
        case customerAsked(evidence: String)
        case unresolved
        case agentDecided(reason: String)

        /// Plain words for the timeline.
        public var description: String {
            switch self {
            case .humanButton: "the customer pressed the human button"
            case .customerAsked(let evidence): "the customer asked for a person (\(evidence))"
            case .unresolved: "the agent tried and could not resolve it"
            case .agentDecided(let reason): "the agent handed over: \(reason)"
            }
        }
    }

    /// A subject from the customer's words: their first message that says
    /// something, on one line, at most 80 characters.
    public static func subject(customerMessages: [String], fallback: String) -> String {
        let meaningful = customerMessages.first { $0.split(separator: " ").count >= 3 } ?? customerMessages.first
        guard let text = meaningful?.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingWhitespace(),
            !text.isEmpty
        else { return fallback }
        guard text.count > 80 else { return text }
        let cut = text.prefix(80)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return String(atWord) + "…"
    }

    /// The handoff summary: why, what the customer last asked, and the model's
    /// own summary when there is one.
    public static func summary(reason: Reason, lastAsked: String?, modelSummary: String?) -> String {
        var parts = ["Escalated because \(reason.description)."]
        if let lastAsked = lastAsked?.trimmingWhitespace(), !lastAsked.isEmpty {
            let quoted = lastAsked.count > 300 ? String(lastAsked.prefix(300)) + "…" : lastAsked
            parts.append("The customer last asked: \"\(quoted)\"")
        }
        if let modelSummary = modelSummary?.trimmingWhitespace(), !modelSummary.isEmpty {
            parts.append("Summary: \(modelSummary)")
        }
        return parts.joined(separator: " ")
    }

    /// What the customer is told on escalation.
    public enum Notice: Sendable, Equatable {
        case waiting(String)
        case autoReply(String)

        public var text: String {
            switch self {
            case .waiting(let text), .autoReply(let text): text
            }
        }
    }

    /// The waiting label when someone can come, else the auto-reply (nobody
    /// online, or the business calendar is closed): today's holiday auto-reply
    /// when there is one, the handover's usual message otherwise.
    public static func notice(
        handover: SupportHandover, anyoneOnline: Bool, withinBusinessHours: Bool, holidayAutoReply: String? = nil
    ) -> Notice {
        anyoneOnline && withinBusinessHours
            ? .waiting(handover.waitingLabel) : .autoReply(holidayAutoReply ?? handover.autoReplyMessage)
    }
}
