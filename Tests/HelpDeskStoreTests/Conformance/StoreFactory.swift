import Foundation
import HelpDeskPostgres
import HelpDeskStore
import Logging
import PostgresNIO
import Testing

/// One store implementation under test: how to open a fresh, empty, migrated
/// store, and how to dispose of it afterwards.
///
/// The conformance suite talks only to `any Store`, so a new implementation
/// passes the same suite by adding one factory to `StoreFactories.all`.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    /// A store that is open, with what to do when the test is done with it.
    struct OpenStore: Sendable {
        var store: any Store
        var close: @Sendable () async throws -> Void
    }

    /// Names the implementation in test results, e.g. `SQLite`.
    let name: String
    /// Opens a new store that shares nothing with any other store it opened.
    let open: @Sendable () async throws -> OpenStore

    var testDescription: String { name }

    /// Runs `body` on a fresh store and closes it afterwards, whether or not `body` threw.
    func withStore<Result>(_ body: (any Store) async throws -> Result) async throws -> Result {
        let opened = try await open()
        do {
            let result = try await body(opened.store)
            try await opened.close()
            return result
        } catch {
            try? await opened.close()
            throw error
        }
    }
}

/// Every store implementation the conformance suite runs against.
enum StoreFactories {
    /// SQLite always, once more with its query plans checked; PostgreSQL too when
    /// `HELPDESK_TEST_DATABASE_URL` names a database (`eval "$(scripts/postgres start)"` starts one and sets it).
    static let all: [StoreFactory] = [sqlite, QueryPlanCheck.factory] + (postgres.map { [$0] } ?? [])

    /// The embedded store on its own temporary directory, removed afterwards.
    static let sqlite = StoreFactory(name: "SQLite") {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("helpdesk-conformance-" + UUID().uuidString).path
        let store = try SQLiteStore(directory: directory)
        return StoreFactory.OpenStore(store: store) {
            try store.close()
            try FileManager.default.removeItem(atPath: directory)
        }
    }

    /// The database the PostgreSQL tests use, when the environment names one.
    static let databaseURL = ProcessInfo.processInfo.environment["HELPDESK_TEST_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// The PostgreSQL store in a schema of its own in the test database, dropped afterwards.
    static let postgres: StoreFactory? = databaseURL.map { url in
        StoreFactory(name: "PostgreSQL") {
            let schema = PostgresTestDatabase.freshSchemaName()
            let store = try await PostgresTestDatabase.open(url: url, schema: schema)
            return StoreFactory.OpenStore(store: store) {
                await store.close()
                try await PostgresTestDatabase.dropSchema(schema, url: url)
            }
        }
    }
}

/// The test database's schemas: one per store, so tests share nothing.
enum PostgresTestDatabase {
    /// The keys every test store seals with (tests never see a key file).
    static let secrets = try! SecretBox(keys: [Data(repeating: 7, count: 32)])

    static func freshSchemaName() -> String {
        "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// A store on `schema` (created when absent), with a small pool.
    static func open(url: String, schema: String, poolSize: Int = 4) async throws -> PostgresStore {
        var logger = Logger(label: "helpdesk.test.postgres")
        logger.logLevel = .warning
        return try await PostgresStore.open(
            PostgresStore.Options(url: url, poolSize: poolSize, schema: schema), secrets: secrets, logger: logger)
    }

    /// Drops a test schema and everything in it.
    static func dropSchema(_ schema: String, url: String) async throws {
        guard let components = URLComponents(string: url), let host = components.host else { return }
        var logger = Logger(label: "helpdesk.test.postgres")
        logger.logLevel = .warning
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let configuration = PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: path.isEmpty ? nil : path, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            try await connection.query(
                PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(PostgresStore.quoted(schema)) CASCADE"),
                logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
