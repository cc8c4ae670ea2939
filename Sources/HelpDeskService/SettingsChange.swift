import HelpDeskCore
import HelpDeskStore

/// A replacement of a team's settings, as an owner or manager sends it.
public struct SettingsChange: Sendable {
    /// The team's opening hours, in either form the API accepts.
    public enum Hours: Sendable {
        /// The whole business calendar.
        case calendar(BusinessCalendar)
        /// The older single Monday–Friday range, which becomes
        /// ``BusinessCalendar/from(_:)``.
        case businessHours(BusinessHours)
    }

    public var hours: Hours
    /// The SLA policy; `nil` keeps the team's current one, so a client that
    /// predates SLAs does not erase them by saving its settings.
    public var sla: SLAPolicy?
    public var emailNotifications: Bool
    public var assignment: AssignmentMethod
    public var supportInboxEnabled: Bool
    public var supportInboxAddress: String?
    /// Whether and how customers are asked for ratings; `nil` keeps the team's current settings.
    public var csat: CSATSettings?

    public init(
        hours: Hours, sla: SLAPolicy?, emailNotifications: Bool, assignment: AssignmentMethod,
        supportInboxEnabled: Bool, supportInboxAddress: String?, csat: CSATSettings? = nil
    ) {
        self.hours = hours
        self.sla = sla
        self.csat = csat
        self.emailNotifications = emailNotifications
        self.assignment = assignment
        self.supportInboxEnabled = supportInboxEnabled
        self.supportInboxAddress = supportInboxAddress
    }
}
