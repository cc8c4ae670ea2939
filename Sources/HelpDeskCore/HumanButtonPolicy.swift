import Foundation

/// Why the widget hides the "Talk to a human" button. The raw values are what
/// the widget API sends as `humanButton.reason`.
public enum HumanButtonHiddenReason: String, Sendable, Equatable, CaseIterable {
    /// The team's plan has no Help Desk.
    case planExcludesHelpDesk
    /// The agent's Support Handover turns the button off.
    case buttonDisabled
    /// Fewer messages than the handover's threshold have been exchanged.
    case belowMessageThreshold
    /// The team's business calendar is closed now.
    case outsideBusinessHours
    /// A person already holds the chat.
    case alreadyConnected
    /// The customer already asked for a person and a ticket waits for one.
    case alreadyWaiting
}

/// Whether the widget shows the "Talk to a human" button, and if not, why.
public struct HumanButtonVisibility: Sendable, Equatable {
    /// Whether the button is shown.
    public let visible: Bool
    /// When hidden, why; `nil` when visible.
    public let reason: HumanButtonHiddenReason?

    /// Creates a visibility answer.
    public init(visible: Bool, reason: HumanButtonHiddenReason?) {
        self.visible = visible
        self.reason = reason
    }

    /// The button is shown.
    public static let shown = HumanButtonVisibility(visible: true, reason: nil)

    /// The button is hidden for `reason`.
    public static func hidden(_ reason: HumanButtonHiddenReason) -> HumanButtonVisibility {
        HumanButtonVisibility(visible: false, reason: reason)
    }
}

/// The rule for showing the human button in the web widget.
public enum HumanButtonPolicy {
    /// Decides whether the human button is visible at `now`.
    ///
    /// Visible only if the team's plan includes the Help Desk, the agent's
    /// Support Handover enables the button, at least `messageThreshold` messages
    /// have been exchanged, and the team's business calendar is open. The
    /// first failing condition, checked in that order, is the reason.
    public static func evaluate(
        humanButtonEnabled: Bool,
        messageThreshold: Int,
        messageCount: Int,
        calendar: BusinessCalendar,
        plan: Plan,
        now: Date
    ) -> HumanButtonVisibility {
        guard plan.includesHelpDesk else { return .hidden(.planExcludesHelpDesk) }
        guard humanButtonEnabled else { return .hidden(.buttonDisabled) }
        guard messageCount >= messageThreshold else { return .hidden(.belowMessageThreshold) }
        guard calendar.isOpen(at: now) else { return .hidden(.outsideBusinessHours) }
        return .shown
    }
}
