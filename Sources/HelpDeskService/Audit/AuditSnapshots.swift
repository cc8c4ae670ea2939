import HelpDeskCore
import HelpDeskStore

/// What the audit log keeps of each configurable thing: the fields a person
/// changes, with every secret as `AuditValue.secret` so the record hides it
/// (see `AuditRedaction`). Nothing else about a thing is recorded.
enum AuditSnapshot {
    static func settings(_ settings: TeamSettings) -> AuditValue {
        .object([
            "calendar": AuditValue(encoding: settings.calendar),
            "sla": AuditValue(encoding: settings.sla),
            "emailNotifications": .bool(settings.emailNotifications),
            "assignment": .string(settings.assignment.rawValue),
            "supportInbox": .object([
                "enabled": .bool(settings.supportInboxEnabled), "address": .optional(settings.supportInboxAddress),
            ]),
            "csat": AuditValue(encoding: settings.csat),
        ])
    }

    /// A member's account, without availability (the member's own status, not configuration).
    static func member(_ member: Member) -> AuditValue {
        .object([
            "email": .string(member.email), "displayName": .string(member.displayName),
            "role": .string(member.role.rawValue), "sendingEmail": .optional(member.sendingEmail),
            "signature": .optional(member.signature),
        ])
    }

    /// The most FAQ text kept in full; a larger FAQ is recorded by its size.
    static let faqTextLimit = 20_000

    static func agent(_ agent: Agent) -> AuditValue {
        let brain: AuditValue =
            switch agent.brain {
            case .builtin: .object(["kind": .string("builtin")])
            case .llm(let baseURL, let model, let apiKey):
                .object([
                    "kind": .string("llm"), "baseURL": .string(baseURL), "model": .string(model),
                    "apiKey": .secret(apiKey),
                ])
            }
        let faqText = agent.faq.reduce(0) { $0 + $1.question.count + $1.answer.count }
        let faq: AuditValue =
            faqText <= faqTextLimit
            ? AuditValue(encoding: agent.faq)
            : .object(["entries": .int(agent.faq.count), "characters": .int(faqText)])
        return .object([
            "name": .string(agent.name), "instructions": .string(agent.instructions), "brain": brain, "faq": faq,
            "supportHandover": agent.supportHandover.map { AuditValue(encoding: $0) } ?? .null,
        ])
    }

    static func channel(_ channel: ChannelConnection) -> AuditValue {
        let config: AuditValue =
            switch channel.configuration {
            case .web(let origins, let preChat):
                .object([
                    "allowedOrigins": .array(origins.map(AuditValue.string)), "preChat": .string(preChat.rawValue),
                ])
            case .telegram(let settings):
                .object([
                    "botToken": .secret(settings.botToken), "secretToken": .secret(settings.secretToken),
                    "apiBaseURL": .string(settings.apiBaseURL),
                ])
            case .whatsapp(let settings):
                .object([
                    "phoneNumberId": .string(settings.phoneNumberID), "accessToken": .secret(settings.accessToken),
                    "appSecret": .secret(settings.appSecret), "verifyToken": .secret(settings.verifyToken),
                    "apiBaseURL": .string(settings.apiBaseURL),
                    "ratingTemplate": .string(settings.ratingTemplate),
                    "ratingTemplateLanguage": .string(settings.ratingTemplateLanguage),
                ])
            case .email(let settings):
                .object([
                    "address": .string(settings.address),
                    "smtp": .object([
                        "host": .string(settings.smtp.host), "port": .int(settings.smtp.port),
                        "username": .optional(settings.smtp.username), "password": .secret(settings.smtp.password),
                        "tls": .string(settings.smtp.security.rawValue),
                    ]),
                ])
            }
        return .object(["kind": .string(channel.kind.rawValue), "agentId": .string(channel.agentID), "config": config])
    }

    static func copilot(_ settings: CopilotSettings) -> AuditValue {
        .object([
            "mode": .string(settings.mode.rawValue), "baseURL": .optional(settings.baseURL),
            "model": .optional(settings.model), "apiKey": .secret(settings.apiKey),
            "timeoutSeconds": .int(settings.timeoutSeconds),
        ])
    }

    static func cannedReply(_ reply: CannedReply) -> AuditValue {
        .object(["title": .string(reply.title), "body": .string(reply.body)])
    }

    static func tag(_ tag: TicketTag) -> AuditValue {
        .object(["name": .string(tag.name), "color": .string(tag.color)])
    }

    /// A webhook; its signing secret appears only as changed or not (`secret`), never in the clear.
    static func webhook(_ webhook: Webhook, secret: String? = nil) -> AuditValue {
        var fields: [String: AuditValue] = [
            "url": .string(webhook.url), "events": .array(webhook.events.map { .string($0.rawValue) }),
            "active": .bool(webhook.active), "description": .optional(webhook.description),
        ]
        if let secret { fields["secret"] = .secret(secret) }
        return .object(fields)
    }
}

extension AuditSubject {
    static func settings(_ team: Team) -> AuditSubject { AuditSubject(type: .settings, id: team.id, name: "Settings") }
    static func member(_ member: Member) -> AuditSubject {
        AuditSubject(type: .member, id: member.id, name: member.displayName)
    }
    static func agent(_ agent: Agent) -> AuditSubject { AuditSubject(type: .agent, id: agent.id, name: agent.name) }
    static func channel(_ channel: ChannelConnection) -> AuditSubject {
        let name =
            switch channel.configuration {
            case .email(let settings): "email channel \(settings.address)"
            default: "\(channel.kind.rawValue) channel"
            }
        return AuditSubject(type: .channel, id: channel.id, name: name)
    }
    static func cannedReply(_ reply: CannedReply) -> AuditSubject {
        AuditSubject(type: .cannedReply, id: reply.id, name: reply.title)
    }
    static func tag(_ name: String) -> AuditSubject { AuditSubject(type: .tag, id: name, name: name) }
    static func copilotSettings(_ team: Team) -> AuditSubject {
        AuditSubject(type: .copilotSettings, id: team.id, name: "Copilot settings")
    }
    static func team(_ team: Team) -> AuditSubject { AuditSubject(type: .team, id: team.id, name: team.name) }
    static func webhook(_ webhook: Webhook) -> AuditSubject {
        AuditSubject(type: .webhook, id: webhook.id, name: webhook.url)
    }
}
