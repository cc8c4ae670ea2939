import Foundation
import HelpDeskCore
import HelpDeskPostgres
import HelpDeskStore
import Testing

/// Secrets on PostgreSQL: sealed at rest with keys kept outside the database,
/// which every instance on one database must share.
@Suite(.enabled(if: StoreFactories.databaseURL != nil, "needs HELPDESK_TEST_DATABASE_URL"))
struct PostgresSecretsTests {
    @Test func anAPIKeyIsSealedAtRestAndAnInstanceWithOtherKeysRefusesToStart() async throws {
        let url = try #require(StoreFactories.databaseURL)
        let schema = PostgresTestDatabase.freshSchemaName()
        let first = try await PostgresTestDatabase.open(url: url, schema: schema)
        let acme = try await TeamFixture.make(first)
        let agent = Agent(
            id: Identifier.make("ag"), teamID: acme.id, name: "Model", instructions: "Be kind.",
            brain: .llm(baseURL: "https://llm.example", model: "small", apiKey: "sk-very-secret"), faq: [],
            supportHandover: nil, createdAt: .moment(0), updatedAt: .moment(0))
        try await first.saveAgent(agent)
        #expect(try await first.agent(id: agent.id, teamID: acme.id)?.brain == agent.brain, "opened on reading")
        await first.close()

        let otherKeys = try SecretBox(keys: [Data(repeating: 9, count: 32)])
        let refusal = await #expect(throws: (any Error).self) {
            let second = try await PostgresStore.open(
                PostgresStore.Options(url: url, schema: schema), secrets: otherKeys)
            await second.close()
        }
        #expect("\(refusal.map { "\($0)" } ?? "")".contains("not among the configured keys"))

        // The same keys open it again; the database alone never held the key in the clear.
        let again = try await PostgresTestDatabase.open(url: url, schema: schema)
        #expect(try await again.agent(id: agent.id, teamID: acme.id)?.brain == agent.brain)
        await again.close()
        try await PostgresTestDatabase.dropSchema(schema, url: url)
    }
}
