import Foundation
import HelpDeskCore

/// The JSON documents both stores keep in a text column — an agent's
/// configuration, a channel's configuration, a team's copilot settings — with
/// their secrets sealed by a `SecretBox`. One encoding for every store, so a
/// database copied from SQLite to PostgreSQL reads the same.
package enum StoredConfiguration {
    /// An agent's `config` column: instructions, brain (API key sealed), FAQ and Support Handover.
    package static func agentConfig(_ agent: Agent, secrets: SecretBox) throws -> String {
        String(decoding: try JSONEncoder().encode(AgentRecord(agent, secrets: secrets)), as: UTF8.self)
    }

    /// What an agent's `config` holds, decoded, its API key opened.
    package struct AgentSettings: Sendable {
        var instructions: String
        var brain: BrainChoice
        var faq: [FAQEntry]
        var supportHandover: SupportHandover?
    }

    /// A store's memo of decoded documents (see `TextMemo`): an agent's FAQ and a channel's sealed secrets are
    /// decoded once per text rather than on every read.
    package final class Decoded: Sendable {
        /// Fewer agents than channels: an agent's FAQ can run to hundreds of kilobytes.
        let agents = TextMemo<AgentSettings>(limit: 128)
        let channels = TextMemo<ChannelConfiguration>(limit: 512)
        package init() {}
    }

    /// An agent from its columns, the API key opened.
    package static func agent(
        id: String, teamID: String, name: String, config: String, createdAt: Timestamp, updatedAt: Timestamp,
        secrets: SecretBox, decoded: Decoded
    ) throws -> Agent {
        let settings = try decoded.agents.value(for: config) { config in
            let record = try JSONDecoder().decode(AgentRecord.self, from: Data(config.utf8))
            return AgentSettings(
                instructions: record.instructions, brain: try record.brainChoice(secrets: secrets), faq: record.faq,
                supportHandover: record.supportHandover)
        }
        return Agent(
            id: id, teamID: teamID, name: name, instructions: settings.instructions, brain: settings.brain,
            faq: settings.faq, supportHandover: settings.supportHandover, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// An agent's `config` sealed again with the newest key; nil when it is current already.
    package static func resealedAgentConfig(_ config: String, secrets: SecretBox) throws -> String? {
        var record = try JSONDecoder().decode(AgentRecord.self, from: Data(config.utf8))
        guard let stored = record.brain.apiKey, !secrets.isCurrent(stored) else { return nil }
        record.brain.apiKey = try secrets.seal(try secrets.open(stored))
        return String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
    }

    /// A channel's `config` column: JSON, with its secrets sealed.
    package static func channelConfig(_ configuration: ChannelConfiguration, secrets: SecretBox) throws -> String {
        let encoded: Data
        switch configuration {
        case .web(let origins, let preChat):
            encoded = try JSONEncoder().encode(
                SQLiteStore.WebChannelRecord(allowedOrigins: origins, preChat: preChat.rawValue))
        case .telegram(let settings):
            encoded = try JSONEncoder().encode(
                SQLiteStore.TelegramChannelRecord(
                    botToken: try secrets.seal(settings.botToken), secretToken: try secrets.seal(settings.secretToken),
                    apiBaseURL: settings.apiBaseURL))
        case .email(let settings):
            encoded = try JSONEncoder().encode(
                SQLiteStore.EmailChannelRecord(
                    address: settings.address, smtpHost: settings.smtp.host, smtpPort: settings.smtp.port,
                    smtpUsername: settings.smtp.username, smtpPassword: try settings.smtp.password.map(secrets.seal),
                    smtpSecurity: settings.smtp.security.rawValue, inboundSecretHash: settings.inboundSecretHash))
        case .whatsapp(let settings):
            encoded = try JSONEncoder().encode(
                SQLiteStore.WhatsAppChannelRecord(
                    phoneNumberId: settings.phoneNumberID, accessToken: try secrets.seal(settings.accessToken),
                    appSecret: try secrets.seal(settings.appSecret),
                    verifyToken: try secrets.seal(settings.verifyToken),
                    apiBaseURL: settings.apiBaseURL, ratingTemplate: settings.ratingTemplate,
                    ratingTemplateLanguage: settings.ratingTemplateLanguage))
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// A channel's configuration from its `config` column, its secrets opened.
    package static func channelConfiguration(kind: Channel, config text: String, secrets: SecretBox, decoded: Decoded)
        throws -> ChannelConfiguration
    {
        try decoded.channels.value(for: kind.rawValue + "\n" + text) { _ in
            try channelConfiguration(kind: kind, config: text, secrets: secrets)
        }
    }

    static func channelConfiguration(kind: Channel, config text: String, secrets: SecretBox) throws
        -> ChannelConfiguration
    {
        let config = Data(text.utf8)
        switch kind {
        case .telegram:
            let record = try JSONDecoder().decode(SQLiteStore.TelegramChannelRecord.self, from: config)
            return .telegram(
                TelegramSettings(
                    botToken: try secrets.open(record.botToken), secretToken: try secrets.open(record.secretToken),
                    apiBaseURL: record.apiBaseURL))
        case .whatsapp:
            let record = try JSONDecoder().decode(SQLiteStore.WhatsAppChannelRecord.self, from: config)
            return .whatsapp(
                WhatsAppSettings(
                    phoneNumberID: record.phoneNumberId, accessToken: try secrets.open(record.accessToken),
                    appSecret: try secrets.open(record.appSecret), verifyToken: try secrets.open(record.verifyToken),
                    apiBaseURL: record.apiBaseURL, ratingTemplate: record.ratingTemplate ?? "",
                    ratingTemplateLanguage: record.ratingTemplateLanguage ?? WhatsAppSettings.defaultTemplateLanguage))
        case .email:
            let record = try JSONDecoder().decode(SQLiteStore.EmailChannelRecord.self, from: config)
            return .email(
                EmailSettings(
                    address: record.address,
                    smtp: SMTPServer(
                        host: record.smtpHost, port: record.smtpPort, username: record.smtpUsername,
                        password: try record.smtpPassword.map(secrets.open),
                        security: try stored(record.smtpSecurity, column: "channels.config.smtpSecurity")),
                    inboundSecretHash: record.inboundSecretHash))
        case .web:
            let record = try JSONDecoder().decode(SQLiteStore.WebChannelRecord.self, from: config)
            return .web(
                allowedOrigins: record.allowedOrigins,
                preChat: try record.preChat.map { try stored($0, column: "channels.config.preChat") } ?? .off)
        }
    }

    /// A channel's `config` with every secret sealed again with the newest key; nil when all are current.
    package static func resealedChannelConfig(kind: Channel, config: String, secrets: SecretBox) throws -> String? {
        let configuration = try channelConfiguration(kind: kind, config: config, secrets: secrets)
        let current: Bool
        switch kind {
        case .web: current = true
        case .telegram:
            let record = try JSONDecoder().decode(SQLiteStore.TelegramChannelRecord.self, from: Data(config.utf8))
            current = secrets.isCurrent(record.botToken) && secrets.isCurrent(record.secretToken)
        case .whatsapp:
            let record = try JSONDecoder().decode(SQLiteStore.WhatsAppChannelRecord.self, from: Data(config.utf8))
            current = [record.accessToken, record.appSecret, record.verifyToken].allSatisfy(secrets.isCurrent)
        case .email:
            let record = try JSONDecoder().decode(SQLiteStore.EmailChannelRecord.self, from: Data(config.utf8))
            current = record.smtpPassword.map(secrets.isCurrent) ?? true
        }
        return current ? nil : try channelConfig(configuration, secrets: secrets)
    }

    /// A team's `copilot` column: JSON, with the API key sealed.
    package static func copilotJSON(_ settings: CopilotSettings, secrets: SecretBox) throws -> String {
        String(decoding: try JSONEncoder().encode(CopilotSettingsRecord(settings, secrets: secrets)), as: UTF8.self)
    }

    /// A team's copilot settings from its `copilot` column (the built-in interpreter when NULL).
    package static func copilotSettings(json: String?, secrets: SecretBox) throws -> CopilotSettings {
        guard let json else { return CopilotSettings() }
        return try JSONDecoder().decode(CopilotSettingsRecord.self, from: Data(json.utf8)).settings(secrets: secrets)
    }

    /// A team's `copilot` sealed again with the newest key; nil when it is current already.
    package static func resealedCopilotJSON(_ json: String, secrets: SecretBox) throws -> String? {
        var record = try JSONDecoder().decode(CopilotSettingsRecord.self, from: Data(json.utf8))
        guard let key = record.apiKey, !secrets.isCurrent(key) else { return nil }
        record.apiKey = try secrets.seal(try secrets.open(key))
        return String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
    }
}

extension StoredConfiguration {
    /// An outbox row's `payload` column: JSON with sorted keys, readable by the delivery worker and by people.
    package static func outboxPayload(_ message: OutboxMessage) throws -> String {
        try SQLiteStore.payloadJSON(message)
    }
}
