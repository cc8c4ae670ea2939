/// A team (workspace): it owns members, agents, channels, conversations and tickets.
public struct Team: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var plan: Plan
    public var createdAt: Timestamp

    public init(id: String, name: String, plan: Plan, createdAt: Timestamp) {
        self.id = id
        self.name = name
        self.plan = plan
        self.createdAt = createdAt
    }
}

/// A member of a team. Every member can handle tickets; the profile fields are
/// what customers see (display name) and what email replies use.
public struct Member: Sendable, Equatable, Codable {
    public var id: String
    public var teamID: String
    public var email: String
    public var role: Role
    public var displayName: String
    public var sendingEmail: String?
    public var signature: String?
    public var availability: Availability
    public var createdAt: Timestamp

    public init(
        id: String, teamID: String, email: String, role: Role, displayName: String,
        sendingEmail: String?, signature: String?, availability: Availability, createdAt: Timestamp
    ) {
        self.id = id
        self.teamID = teamID
        self.email = email
        self.role = role
        self.displayName = displayName
        self.sendingEmail = sendingEmail
        self.signature = signature
        self.availability = availability
        self.createdAt = createdAt
    }

    public var ref: MemberRef { MemberRef(id: id, displayName: displayName) }
}

/// A reference to a member as shown on rows and timeline entries.
public struct MemberRef: Sendable, Equatable, Codable, Hashable {
    public var id: String
    public var displayName: String
    public init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}

/// A reference to the AI agent a ticket came from.
public struct AgentRef: Sendable, Equatable, Codable, Hashable {
    public var id: String
    public var name: String
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// The authenticated member making a request, with their team.
public struct Caller: Sendable, Equatable {
    public var member: Member
    public var team: Team

    public init(member: Member, team: Team) {
        self.member = member
        self.team = team
    }

    /// Throws 403 unless the team's plan includes the Help Desk.
    public func requireHelpDesk() throws(HelpDeskError) {
        guard team.plan.includesHelpDesk else { throw .planRequired(team.plan) }
    }

    /// Throws 403 unless the caller may change settings, agents, channels and members.
    public func requireConfigure(_ what: String) throws(HelpDeskError) {
        guard member.role.canConfigure else {
            throw .forbidden("only owners and managers can \(what); you are an operator")
        }
    }
}
