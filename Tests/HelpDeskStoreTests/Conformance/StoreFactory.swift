import Foundation
import HelpDeskStore
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
    static let all: [StoreFactory] = [sqlite, QueryPlanCheck.factory]

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
}
