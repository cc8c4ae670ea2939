import Foundation

/// Whether and how a team asks customers to rate the help they got, once a ticket is resolved.
public struct CSATSettings: Sendable, Equatable, Codable {
    public var enabled: Bool
    /// The question the customer sees.
    public var question: String
    /// How long after the resolution to ask, in minutes.
    public var delayMinutes: Int

    public static let questionLimit = 300
    /// A week: a later question would no longer be about the help just given.
    public static let delayLimit = 10_080

    public init(enabled: Bool = false, question: String = CSATSettings.defaultQuestion, delayMinutes: Int = 0) {
        self.enabled = enabled
        self.question = question
        self.delayMinutes = delayMinutes
    }

    public static let defaultQuestion = "How would you rate the help you got?"
    /// Off, with the default question: what a team has until it sets its own.
    public static let standard = CSATSettings()

    /// What is wrong with the settings, each under `csat.<field>`.
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        let trimmed = question.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || question.count > Self.questionLimit {
            errors.append(
                FieldError(field: "csat.question", message: "must be 1 to \(Self.questionLimit) characters"))
        } else if question.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            errors.append(FieldError(field: "csat.question", message: "must not contain control characters"))
        }
        if !(0...Self.delayLimit).contains(delayMinutes) {
            errors.append(
                FieldError(
                    field: "csat.delayMinutes", message: "must be from 0 to \(Self.delayLimit) minutes (a week)"))
        }
        return errors
    }
}

/// The rules of satisfaction ratings: when a customer is asked, and what an answer may hold.
public enum CSAT {
    /// The ratings a customer may give: 1 (bad) to 5 (great).
    public static let ratings = 1...5
    public static let commentLimit = 1_000
    /// How long a resolved ticket stays open to a rating: two weeks.
    public static let answerWindow: TimeInterval = 14 * 86_400

    /// The ticket to ask about now, of a customer's tickets: the most recently resolved one
    /// that is not rated yet, resolved at least the delay ago and within ``answerWindow``;
    /// nil when the team does not ask.
    public static func ticketToAsk(
        among tickets: [Ticket], rated: Set<Int>, settings: CSATSettings, now: Timestamp
    ) -> Ticket? {
        guard settings.enabled else { return nil }
        let delay = TimeInterval(settings.delayMinutes) * 60
        return
            tickets
            .filter { ticket in
                guard ticket.status == .resolved, let resolvedAt = ticket.resolvedAt, !rated.contains(ticket.number)
                else { return false }
                let age = now.date.timeIntervalSince(resolvedAt.date)
                return age >= delay && age <= answerWindow
            }
            .max { ($0.resolvedAt ?? $0.createdAt) < ($1.resolvedAt ?? $1.createdAt) }
    }

    /// Whether `ticket` takes a rating now: resolved, within the answer window. Throws the
    /// refusal a customer sees otherwise (`conflict`).
    public static func checkRateable(_ ticket: Ticket, settings: CSATSettings, now: Timestamp) throws(HelpDeskError) {
        guard settings.enabled else { throw .conflict("this team does not ask for ratings") }
        guard ticket.status == .resolved, let resolvedAt = ticket.resolvedAt else {
            throw .conflict("ticket \(ticket.number) is not resolved; it can be rated once it is")
        }
        guard now.date.timeIntervalSince(resolvedAt.date) <= answerWindow else {
            throw .conflict("ticket \(ticket.number) was resolved more than two weeks ago; it can no longer be rated")
        }
    }

    /// A rating and comment as given, checked: the comment trimmed, empty meaning none.
    public static func validated(rating: Int, comment: String?) throws(HelpDeskError) -> (Int, String?) {
        var errors: [FieldError] = []
        if !ratings.contains(rating) {
            errors.append(FieldError(field: "rating", message: "must be a whole number from 1 to 5"))
        }
        let trimmed = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let trimmed, trimmed.count > commentLimit {
            errors.append(FieldError(field: "comment", message: "must be at most \(commentLimit) characters"))
        }
        guard errors.isEmpty else { throw .invalid(errors) }
        return (rating, trimmed?.isEmpty == false ? trimmed : nil)
    }
}

// MARK: - Asking on the customer's own channel

extension CSAT {
    /// The outbox kind that asks (and thanks) on `channel`; nil for the web widget, which shows
    /// the question in the chat instead of sending it.
    public static func askKind(on channel: Channel) -> OutboxKind? {
        switch channel {
        case .web: nil
        case .telegram: .csatTelegram
        case .whatsapp: .csatWhatsApp
        case .email: .csatEmail
        }
    }

    /// The outbox kinds that ask.
    public static let askKinds: [OutboxKind] = [.csatTelegram, .csatWhatsApp, .csatEmail]

    /// The ask to queue when a change resolves a ticket, due `settings.delayMinutes` after it:
    /// nil when the change does not resolve it, the team does not ask, or the customer cannot
    /// be reached on their channel (a hand-opened chat, an email requester without an address).
    /// Whether it is still worth sending is decided again when it is due (``askStillDue``).
    /// `chatAddress` is the customer's address on a chat channel (the Telegram chat id, the
    /// WhatsApp number), which the ask is sent to (`to` in its payload).
    public static func ask(
        resolving before: Ticket, into after: Ticket, conversation: Conversation, chatAddress: String?,
        settings: CSATSettings, now: Timestamp
    ) -> (message: OutboxMessage, notBefore: Timestamp)? {
        guard settings.enabled, after.status == .resolved, before.status != .resolved, after.mergedInto == nil,
            let kind = askKind(on: conversation.channel)
        else { return nil }
        let message: OutboxMessage
        switch conversation.channel {
        case .telegram, .whatsapp:
            guard conversation.channelID != nil, let chatAddress else { return nil }
            message = OutboxMessage(
                kind: kind, ticketNumber: after.number, conversationID: conversation.id, address: chatAddress)
        case .email:
            guard let address = after.requester.email ?? conversation.requester.email else { return nil }
            message = OutboxMessage(
                kind: kind, ticketNumber: after.number, conversationID: conversation.id, address: address)
        case .web:
            return nil
        }
        return (message, now.adding(seconds: TimeInterval(settings.delayMinutes) * 60))
    }

    /// Why a queued ask is no longer sent when it falls due, or nil to send it: the team stopped
    /// asking, the ticket was reopened, rated, resolved again later (that resolution queued its own
    /// ask), or is past the answer window. `queuedAt` is when the resolution queued it.
    public static func askStillDue(
        _ ticket: Ticket, rated: Bool, settings: CSATSettings, queuedAt: Timestamp, now: Timestamp
    ) -> String? {
        guard settings.enabled else { return "the team no longer asks for ratings" }
        guard ticket.status == .resolved, let resolvedAt = ticket.resolvedAt else {
            return "ticket \(ticket.number) was reopened"
        }
        guard !rated else { return "ticket \(ticket.number) is rated already" }
        guard resolvedAt <= queuedAt else { return "ticket \(ticket.number) was resolved again since" }
        guard now.date.timeIntervalSince(resolvedAt.date) <= answerWindow else {
            return "ticket \(ticket.number) was resolved more than two weeks ago"
        }
        return nil
    }

    /// Whether a customer's ask on their chat still waits for an answer: asked, unrated, resolved
    /// within the window, and the team still asking.
    public static func isPending(_ ticket: Ticket, asked: Bool, rated: Bool, settings: CSATSettings, now: Timestamp)
        -> Bool
    {
        guard settings.enabled, asked, !rated, ticket.status == .resolved, let resolvedAt = ticket.resolvedAt else {
            return false
        }
        return now.date.timeIntervalSince(resolvedAt.date) <= answerWindow
    }

    /// The rating a chat reply gives, when the reply is a rating and nothing else: one digit
    /// from 1 to 5, whitespace and punctuation around it allowed ("5", " 4. ", "5!", "(3)", "3/5");
    /// nil for anything else ("5 minutes ago I…", "12", "great"), which is an ordinary message.
    public static func rating(inReply text: String) -> Int? {
        // Not "-" or "+": "-3" is no rating.
        let ignorable = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ".,;:!?¡¿'\"()[]*"))
        var core = text.trimmingCharacters(in: ignorable)
        if core.hasSuffix("/5") { core = String(core.dropLast(2)).trimmingCharacters(in: .whitespaces) }
        guard core.count == 1, let digit = Int(core), ratings.contains(digit) else { return nil }
        return digit
    }

    /// The instruction under the question on a channel where the answer is typed.
    public static let replyInstruction = "Reply with a number from 1 (bad) to 5 (great)."
    /// The thank-you a customer gets for a rating given on their chat.
    public static let thanks = "Thank you for your rating!"
}
