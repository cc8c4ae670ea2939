import Foundation
import HelpDeskPostgres
import HelpDeskStore
import Logging
import PostgresNIO

/// Fresh schemas in the PostgreSQL test database (`HELPDESK_TEST_DATABASE_URL`, set by
/// `eval "$(scripts/postgres start)"`), one per test, so the tests share nothing.
enum PostgresSchemas {
    /// The test database, when the environment names one.
    static let databaseURL = ProcessInfo.processInfo.environment["HELPDESK_TEST_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// The keys every test store seals with.
    static let secrets = try! SecretBox(keys: [Data(repeating: 7, count: 32)])

    static func freshName() -> String {
        "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// A store on `schema` (created and migrated when absent), as one instance opens it.
    static func open(url: String, schema: String, poolSize: Int = 4) async throws -> PostgresStore {
        var logger = Logger(label: "helpdesk.test.postgres")
        logger.logLevel = .warning
        return try await PostgresStore.open(
            PostgresStore.Options(url: url, poolSize: poolSize, schema: schema), secrets: secrets, logger: logger)
    }

    /// Opens `count` stores on one fresh schema (as `count` instances would), runs `body`, closes them
    /// and drops the schema, whether or not `body` threw.
    static func withInstances<R>(
        _ count: Int, poolSize: Int = 4, _ body: (_ stores: [PostgresStore], _ schema: String) async throws -> R
    ) async throws -> R {
        guard let url = databaseURL else { throw NoDatabase() }
        let schema = freshName()
        var stores: [PostgresStore] = []
        do {
            for _ in 0..<count { stores.append(try await open(url: url, schema: schema, poolSize: poolSize)) }
            let result = try await body(stores, schema)
            for store in stores { await store.close() }
            try await dropSchema(schema, url: url)
            return result
        } catch {
            for store in stores { await store.close() }
            try? await dropSchema(schema, url: url)
            throw error
        }
    }

    struct NoDatabase: Error {}

    /// Drops a test schema and everything in it.
    static func dropSchema(_ schema: String, url: String) async throws {
        try await withConnection(url: url) { connection, logger in
            try await connection.query(
                PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(PostgresStore.quoted(schema)) CASCADE"),
                logger: logger)
        }
    }

    /// Runs `body` on a connection of its own to the test database, closed afterwards.
    static func withConnection<R>(
        url: String? = databaseURL, _ body: (PostgresConnection, Logger) async throws -> R
    ) async throws -> R {
        guard let url, let components = URLComponents(string: url), let host = components.host else {
            throw NoDatabase()
        }
        var logger = Logger(label: "helpdesk.test.postgres")
        logger.logLevel = .warning
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: path.isEmpty ? nil : path, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let result = try await body(connection, logger)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
