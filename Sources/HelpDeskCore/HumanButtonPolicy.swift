import Foundation

/// Whether the widget shows the "Talk to a human" button, and if not, why.
public struct HumanButtonVisibility: Sendable, Equatable {
    /// Whether the button is shown.
    public let visible: Bool
    /// When hidden, a short machine-readable cause: `planExcludesHelpDesk`,
    /// `buttonDisabled`, `belowMessageThreshold` or `outsideBusinessHours`.
    /// `nil` when visible.
    public let reason: String?

    /// Creates a visibility answer.
    public init(visible: Bool, reason: String?) {
        self.visible = visible
        self.reason = reason
    }

    /// The button is shown.
    public static let shown = HumanButtonVisibility(visible: true, reason: nil)

    /// The button is hidden for `reason`.
    public static func hidden(_ reason: String) -> HumanButtonVisibility {
        HumanButtonVisibility(visible: false, reason: reason)
    }
}

/// The rule for showing the human button in the web widget (spec §2, §4, §10).
public enum HumanButtonPolicy {
    /// Decides whether the human button is visible at `now`.
    ///
    /// Visible only if the team's plan includes the Help Desk, the agent's
    /// Support Handover enables the button, at least `messageThreshold` messages
    /// have been exchanged, and business hours (when enabled) are open. The
    /// first failing condition, checked in that order, is the reason.
    public static func evaluate(
        humanButtonEnabled: Bool,
        messageThreshold: Int,
        messageCount: Int,
        businessHours: BusinessHours,
        plan: Plan,
        now: Date
    ) -> HumanButtonVisibility {
        guard plan.includesHelpDesk else { return .hidden("planExcludesHelpDesk") }
        guard humanButtonEnabled else { return .hidden("buttonDisabled") }
        guard messageCount >= messageThreshold else { return .hidden("belowMessageThreshold") }
        guard businessHours.isOpen(at: now) else { return .hidden("outsideBusinessHours") }
        return .shown
    }
}
