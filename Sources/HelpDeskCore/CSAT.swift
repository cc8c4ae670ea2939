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
