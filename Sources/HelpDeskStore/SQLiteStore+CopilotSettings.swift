import Foundation
import GRDB
import HelpDeskCore

/// The team's copilot settings as stored in `teams.copilot`: JSON, with the API key sealed.
struct CopilotSettingsRecord: Codable {
    var mode: String
    var baseURL: String?
    var model: String?
    var apiKey: String?
    var timeoutSeconds: Int

    /// The record to store: the API key sealed.
    init(_ settings: CopilotSettings, secrets: SecretBox) throws {
        mode = settings.mode.rawValue
        baseURL = settings.baseURL
        model = settings.model
        apiKey = try settings.apiKey.map(secrets.seal)
        timeoutSeconds = settings.timeoutSeconds
    }

    /// The settings, with the API key opened.
    func settings(secrets: SecretBox) throws -> CopilotSettings {
        CopilotSettings(
            mode: try stored(mode, column: "teams.copilot.mode"), baseURL: baseURL, model: model,
            apiKey: try apiKey.map(secrets.open), timeoutSeconds: timeoutSeconds)
    }
}

// MARK: - Copilot settings

extension SQLiteStore {
    public func copilotSettings(teamID: String) async throws -> CopilotSettings {
        let secrets = secrets
        return try await pool.read { db in
            guard
                let row = try Row.fetchOne(db, cachedSQL: "SELECT copilot FROM teams WHERE id = ?", arguments: [teamID])
            else { throw HelpDeskError.notFound("no such team") }
            guard let json = row["copilot"] as String? else { return CopilotSettings() }
            return try JSONDecoder().decode(CopilotSettingsRecord.self, from: Data(json.utf8))
                .settings(secrets: secrets)
        }
    }

    public func saveCopilotSettings(teamID: String, _ settings: CopilotSettings, audit: AuditTrail<Void>) async throws {
        let record = try CopilotSettingsRecord(settings, secrets: secrets)
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        try await write { db in
            try db.execute(cachedSQL: "UPDATE teams SET copilot = ? WHERE id = ?", arguments: [json, teamID])
            guard db.changesCount == 1 else { throw HelpDeskError.notFound("no such team") }
            try Self.insertAudit(db, audit.records)
        }
    }

    /// Seals the copilot API keys stored in the clear or with an older key again (part of `resealSecrets`).
    static func resealCopilotKeys(_ db: Database, secrets: SecretBox) throws {
        let rows = try Row.fetchAll(db, cachedSQL: "SELECT id, copilot FROM teams WHERE copilot IS NOT NULL")
        for row in rows {
            let json: String = row["copilot"]
            var record = try JSONDecoder().decode(CopilotSettingsRecord.self, from: Data(json.utf8))
            guard let key = record.apiKey, !secrets.isCurrent(key) else { continue }
            record.apiKey = try secrets.seal(try secrets.open(key))
            let sealed = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
            try db.execute(
                cachedSQL: "UPDATE teams SET copilot = ? WHERE id = ?", arguments: [sealed, row["id"] as String])
        }
    }
}
