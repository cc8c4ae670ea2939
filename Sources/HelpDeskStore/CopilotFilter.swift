import HelpDeskCore

/// What the copilot reads: filters on a team's tickets, resolved to ids and
/// instants by the service (names to member and agent ids, days to the team's
/// midnights). `visibleTo` narrows everything to one member's tickets (an
/// operator sees only what is assigned to them).
public struct CopilotFilter: Sendable, Equatable {
    public enum Assignee: Sendable, Equatable {
        case unassigned
        case member(String)
    }

    public var statuses: [TicketStatus]?
    public var assignee: Assignee?
    public var priority: Priority?
    public var channel: Channel?
    public var agentID: String?
    /// Words that must all occur in the requester's name, email, phone or handle.
    public var requester: String?
    /// Words that must all occur in the subject, the requester or a message.
    public var text: String?
    /// Created at or after `createdFrom` and before `createdBefore`.
    public var createdFrom: Timestamp?
    public var createdBefore: Timestamp?
    /// Last activity at or after `updatedFrom` and before `updatedBefore`.
    public var updatedFrom: Timestamp?
    public var updatedBefore: Timestamp?
    public var visibleTo: String?

    public init(
        statuses: [TicketStatus]? = nil, assignee: Assignee? = nil, priority: Priority? = nil, channel: Channel? = nil,
        agentID: String? = nil, requester: String? = nil, text: String? = nil, createdFrom: Timestamp? = nil,
        createdBefore: Timestamp? = nil, updatedFrom: Timestamp? = nil, updatedBefore: Timestamp? = nil,
        visibleTo: String? = nil
    ) {
        self.statuses = statuses
        self.assignee = assignee
        self.priority = priority
        self.channel = channel
        self.agentID = agentID
        self.requester = requester
        self.text = text
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.updatedFrom = updatedFrom
        self.updatedBefore = updatedBefore
        self.visibleTo = visibleTo
    }

    /// What a count is broken down by.
    public enum GroupBy: String, Sendable, Equatable {
        case channel, assignee, status, priority, agent
    }
}
