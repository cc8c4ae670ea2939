import Foundation
import GRDB
import HelpDeskCore

// MARK: - Secrets at rest

extension SQLiteStore {
    /// Seals again, with the newest key, every agent and copilot API key and channel secret that is stored in
    /// the clear (written before sealing existed) or sealed with an older key.
    /// Runs at every open; a no-op when everything is current.
    func resealSecrets() throws {
        try pool.write { db in
            let rows = try Row.fetchAll(db, cachedSQL: "SELECT id, config FROM agents")
            for row in rows {
                let config: String = row["config"]
                var record = try JSONDecoder().decode(AgentRecord.self, from: Data(config.utf8))
                guard let stored = record.brain.apiKey, !secrets.isCurrent(stored) else { continue }
                record.brain.apiKey = try secrets.seal(try secrets.open(stored))
                let sealed = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
                try db.execute(
                    cachedSQL: "UPDATE agents SET config = ? WHERE id = ?", arguments: [sealed, row["id"] as String])
            }
            let channels = try Row.fetchAll(db, cachedSQL: "SELECT id, config FROM channels WHERE kind = 'telegram'")
            for row in channels {
                let config: String = row["config"]
                var record = try JSONDecoder().decode(TelegramChannelRecord.self, from: Data(config.utf8))
                guard !secrets.isCurrent(record.botToken) || !secrets.isCurrent(record.secretToken) else { continue }
                record.botToken = try secrets.seal(try secrets.open(record.botToken))
                record.secretToken = try secrets.seal(try secrets.open(record.secretToken))
                let sealed = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
                try db.execute(
                    cachedSQL: "UPDATE channels SET config = ? WHERE id = ?", arguments: [sealed, row["id"] as String])
            }
            let mail = try Row.fetchAll(db, cachedSQL: "SELECT id, config FROM channels WHERE kind = 'email'")
            for row in mail {
                let config: String = row["config"]
                var record = try JSONDecoder().decode(EmailChannelRecord.self, from: Data(config.utf8))
                guard let password = record.smtpPassword, !secrets.isCurrent(password) else { continue }
                record.smtpPassword = try secrets.seal(try secrets.open(password))
                let sealed = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
                try db.execute(
                    cachedSQL: "UPDATE channels SET config = ? WHERE id = ?", arguments: [sealed, row["id"] as String])
            }
            let numbers = try Row.fetchAll(db, cachedSQL: "SELECT id, config FROM channels WHERE kind = 'whatsapp'")
            for row in numbers {
                let config: String = row["config"]
                var record = try JSONDecoder().decode(WhatsAppChannelRecord.self, from: Data(config.utf8))
                let fields = [record.accessToken, record.appSecret, record.verifyToken]
                guard !fields.allSatisfy(secrets.isCurrent) else { continue }
                record.accessToken = try secrets.seal(try secrets.open(record.accessToken))
                record.appSecret = try secrets.seal(try secrets.open(record.appSecret))
                record.verifyToken = try secrets.seal(try secrets.open(record.verifyToken))
                let sealed = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
                try db.execute(
                    cachedSQL: "UPDATE channels SET config = ? WHERE id = ?", arguments: [sealed, row["id"] as String])
            }
            try Self.resealCopilotKeys(db, secrets: secrets)
        }
    }

    /// Rotates the key file beside the database: a new key goes first, every
    /// secret is sealed again with it, then the old keys are dropped. Safe to
    /// interrupt: until the last step the file still holds every key in use.
    /// Refused when the keys come from `HELPDESK_SECRET_KEY` (rotate that by
    /// listing the new key first, starting once, then removing the old one).
    public static func rotateSecretKey(databasePath path: String) throws {
        guard (ProcessInfo.processInfo.environment["HELPDESK_SECRET_KEY"] ?? "").isEmpty else {
            throw SecretBox.Failure(
                description:
                    "the keys come from HELPDESK_SECRET_KEY: put a new key first in that list, start once, then drop the old key"
            )
        }
        let file = secretKeyFile(besideDatabase: path)
        let old = try SecretBox.load(file: file)
        let fresh = SecretBox.freshKey()
        let all = [fresh] + old.keys.map(\.bytes)
        try SecretBox.write(keys: all, to: file)
        // Opening seals every secret again with the newest key.
        _ = try SQLiteStore(path: path, secrets: try SecretBox(keys: all))
        try SecretBox.write(keys: [fresh], to: file)
    }
}
