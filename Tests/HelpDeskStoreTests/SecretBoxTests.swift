import Foundation
import GRDB
import HelpDeskCore
import Testing

@testable import HelpDeskStore

/// Agents' API keys are sealed at rest with keys kept outside the database.
@Suite struct SecretBoxTests {
    static func agent(teamID: String, key: String?) -> Agent {
        Agent(
            id: "ag_" + UUID().uuidString.prefix(8), teamID: teamID, name: "Ada", instructions: "",
            brain: .llm(baseURL: "https://llm.example.com/v1", model: "m", apiKey: key), faq: [],
            supportHandover: nil, createdAt: .now(), updatedAt: .now())
    }

    static func rawConfig(_ store: SQLiteStore, _ id: String) async throws -> String {
        try await store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT config FROM agents WHERE id = ?", arguments: [id]) ?? ""
        }
    }

    @Test func anAPIKeyIsStoredSealedAndReadBackOpen() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-secrets-" + UUID().uuidString
        let store = try SQLiteStore(directory: directory)
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let agent = Self.agent(teamID: team.id, key: "sk-live-very-secret")
        try await store.saveAgent(agent)
        let raw = try await Self.rawConfig(store, agent.id)
        #expect(!raw.contains("sk-live-very-secret"))
        #expect(raw.contains("sealed:v1:"))
        #expect(try await store.agent(id: agent.id, teamID: team.id)?.brain == agent.brain)
        let mode =
            try FileManager.default.attributesOfItem(atPath: directory + "/secret.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // With another key the server refuses to start, and says why, rather than lose the secret.
        let stranger = try SecretBox(keys: [SecretBox.freshKey()])
        let error = #expect(throws: SecretBox.Failure.self) { try SQLiteStore(path: store.path, secrets: stranger) }
        #expect(error?.description.contains("not among the configured keys") == true)
    }

    @Test func keysWrittenInTheClearBeforeSealingAreSealedAtTheNextStart() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-secrets-" + UUID().uuidString
        let store = try SQLiteStore(directory: directory)
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let agent = Self.agent(teamID: team.id, key: nil)
        try await store.saveAgent(agent)
        // As an older version wrote it.
        try await store.pool.write { db in
            let config = try String.fetchOne(db, sql: "SELECT config FROM agents WHERE id = ?", arguments: [agent.id])!
            var object = try JSONSerialization.jsonObject(with: Data(config.utf8)) as! [String: Any]
            var brain = object["brain"] as! [String: Any]
            brain["apiKey"] = "sk-old-plain"
            object["brain"] = brain
            let plain = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            try db.execute(sql: "UPDATE agents SET config = ? WHERE id = ?", arguments: [plain, agent.id])
        }
        #expect(try await Self.rawConfig(store, agent.id).contains("sk-old-plain"))
        let reopened = try SQLiteStore(directory: directory)
        #expect(!(try await Self.rawConfig(reopened, agent.id).contains("sk-old-plain")))
        guard case .llm(_, _, let key)? = try await reopened.agent(id: agent.id, teamID: team.id)?.brain else {
            Issue.record("no LLM brain")
            return
        }
        #expect(key == "sk-old-plain")
    }

    @Test func rotationSealsEverythingWithANewKeyAndDropsTheOld() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-secrets-" + UUID().uuidString
        let store = try SQLiteStore(directory: directory)
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let agent = Self.agent(teamID: team.id, key: "sk-rotate-me")
        try await store.saveAgent(agent)
        let before = try String(contentsOfFile: directory + "/secret.key", encoding: .utf8)
        let sealedBefore = try await Self.rawConfig(store, agent.id)
        try SQLiteStore.rotateSecretKey(databasePath: store.path)
        let after = try String(contentsOfFile: directory + "/secret.key", encoding: .utf8)
        #expect(before != after)
        let keyLines = after.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(keyLines.count == 1)
        let reopened = try SQLiteStore(directory: directory)
        #expect(try await Self.rawConfig(reopened, agent.id) != sealedBefore)
        #expect(try await reopened.agent(id: agent.id, teamID: team.id)?.brain == agent.brain)
    }

    @Test func theCopilotKeyIsSealedAndResealedLikeAgentsKeys() async throws {
        let directory = NSTemporaryDirectory() + "helpdesk-secrets-" + UUID().uuidString
        let store = try SQLiteStore(directory: directory)
        let team = try await store.createTeam(name: "A", plan: .pro, now: .now())
        let settings = CopilotSettings(
            mode: .llm, baseURL: "https://llm.example.com/v1", model: "m", apiKey: "sk-copilot-secret")
        try await store.saveCopilotSettings(teamID: team.id, settings)
        func raw(_ store: SQLiteStore) async throws -> String {
            try await store.pool.read { db in
                try String.fetchOne(db, sql: "SELECT copilot FROM teams WHERE id = ?", arguments: [team.id]) ?? ""
            }
        }
        let sealed = try await raw(store)
        #expect(!sealed.contains("sk-copilot-secret") && sealed.contains("sealed:v1:"))
        // Rotation seals it again with the new key, and it still opens.
        try SQLiteStore.rotateSecretKey(databasePath: store.path)
        let reopened = try SQLiteStore(directory: directory)
        #expect(try await raw(reopened) != sealed)
        #expect(try await reopened.copilotSettings(teamID: team.id) == settings)
        // A key in the clear (written by hand) is sealed at the next start.
        try await reopened.pool.write { db in
            try db.execute(
                sql: "UPDATE teams SET copilot = ? WHERE id = ?",
                arguments: [
                    #"{"mode":"llm","baseURL":"https://llm.example.com/v1","model":"m","apiKey":"sk-plain","timeoutSeconds":20}"#,
                    team.id,
                ])
        }
        let again = try SQLiteStore(directory: directory)
        #expect(!(try await raw(again).contains("sk-plain")))
        #expect(try await again.copilotSettings(teamID: team.id).apiKey == "sk-plain")
    }

    @Test func keysFromTheEnvironmentTakePrecedence() throws {
        let key = SecretBox.freshKey()
        let file = NSTemporaryDirectory() + "helpdesk-unused-" + UUID().uuidString + ".key"
        let box = try SecretBox.load(file: file, environment: ["HELPDESK_SECRET_KEY": key.base64EncodedString()])
        #expect(box.keys.map(\.bytes) == [key])
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(throws: SecretBox.Failure.self) {
            try SecretBox.load(file: file, environment: ["HELPDESK_SECRET_KEY": "too-short"])
        }
        // An older key listed after the newest still opens what it sealed.
        let old = try SecretBox(keys: [SecretBox.freshKey()])
        let sealed = try old.seal("kept")
        let both = try SecretBox(keys: [key, old.keys[0].bytes])
        #expect(try both.open(sealed) == "kept")
        #expect(!both.isCurrent(sealed))
    }
}
