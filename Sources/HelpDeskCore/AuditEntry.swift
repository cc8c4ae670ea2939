/// What a configuration change did, as the audit log names it.
public enum AuditAction: String, Sendable, CaseIterable {
    case settingsUpdated = "settings.updated"
    case memberInvited = "member.invited"
    case memberUpdated = "member.updated"
    case memberRoleChanged = "member.role_changed"
    case memberRemoved = "member.removed"
    case passwordChanged = "password.changed"
    case agentCreated = "agent.created"
    case agentUpdated = "agent.updated"
    case agentDeleted = "agent.deleted"
    case channelCreated = "channel.created"
    case channelUpdated = "channel.updated"
    case channelDeleted = "channel.deleted"
    case cannedReplyCreated = "cannedReply.created"
    case cannedReplyUpdated = "cannedReply.updated"
    case cannedReplyDeleted = "cannedReply.deleted"
    case tagCreated = "tag.created"
    case tagUpdated = "tag.updated"
    case tagDeleted = "tag.deleted"
    case copilotSettingsUpdated = "copilotSettings.updated"
    case planChanged = "plan.changed"
    case webhookCreated = "webhook.created"
    case webhookUpdated = "webhook.updated"
    case webhookDeleted = "webhook.deleted"

    /// The kind of thing the action changes.
    public var subjectType: AuditSubjectType {
        switch self {
        case .settingsUpdated: .settings
        case .memberInvited, .memberUpdated, .memberRoleChanged, .memberRemoved, .passwordChanged: .member
        case .agentCreated, .agentUpdated, .agentDeleted: .agent
        case .channelCreated, .channelUpdated, .channelDeleted: .channel
        case .cannedReplyCreated, .cannedReplyUpdated, .cannedReplyDeleted: .cannedReply
        case .tagCreated, .tagUpdated, .tagDeleted: .tag
        case .copilotSettingsUpdated: .copilotSettings
        case .planChanged: .team
        case .webhookCreated, .webhookUpdated, .webhookDeleted: .webhook
        }
    }
}

/// The kinds of things audit entries are about.
public enum AuditSubjectType: String, Sendable, CaseIterable {
    case settings, member, agent, channel, cannedReply, tag, copilotSettings, team, webhook
}

extension AuditAction: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}
extension AuditSubjectType: WireEnum {
    public init(from decoder: any Decoder) throws { self = try Self.decodeWire(from: decoder) }
}

/// Who made a change: a member, or the system (the command line, the demo seeder).
public struct AuditActor: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case member, system }

    public var kind: Kind
    /// The member's id; nil for the system.
    public var id: String?
    public var name: String

    public init(kind: Kind, id: String?, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }

    public static func member(_ member: Member) -> AuditActor {
        AuditActor(kind: .member, id: member.id, name: member.displayName)
    }

    /// The instance administrator's command line.
    public static let commandLine = AuditActor(kind: .system, id: nil, name: "CLI")
}

/// What a change was made to: its kind, id and a name a person recognises.
public struct AuditSubject: Sendable, Equatable {
    public var type: AuditSubjectType
    public var id: String
    public var name: String?

    public init(type: AuditSubjectType, id: String, name: String?) {
        self.type = type
        self.id = id
        self.name = name
    }
}

/// A configuration change to record: who, when, what, and the subject before and after
/// (secrets still held as ``AuditValue/secret(_:)``; recording redacts them).
public struct AuditRecord: Sendable, Equatable {
    public var teamID: String
    public var at: Timestamp
    public var actor: AuditActor
    public var action: AuditAction
    public var subject: AuditSubject
    public var before: AuditValue?
    public var after: AuditValue?

    /// A record whose snapshots are already redacted (``AuditRedaction/redact(before:after:)``).
    public init(
        teamID: String, at: Timestamp, actor: AuditActor, action: AuditAction, subject: AuditSubject,
        before: AuditValue?, after: AuditValue?
    ) {
        self.teamID = teamID
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        let redacted = AuditRedaction.redact(before: before, after: after)
        self.before = redacted.before
        self.after = redacted.after
    }
}

/// One entry of a team's audit log, as stored.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var record: AuditRecord

    public init(id: Int64, record: AuditRecord) {
        self.id = id
        self.record = record
    }

    /// The fields the change changed (see ``AuditDiff``).
    public var changes: [AuditChange] { AuditDiff.changes(before: record.before, after: record.after) }
}
