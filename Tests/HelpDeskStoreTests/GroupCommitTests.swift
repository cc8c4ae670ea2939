import Foundation
import GRDB
import HelpDeskCore
import Synchronization
import Testing

@testable import HelpDeskStore

/// Writes that queue together share one transaction, and each still succeeds or fails alone.
@Suite struct GroupCommitTests {
    struct Refused: Error {}

    /// The statements a store ran, in order.
    final class StatementLog: Sendable {
        let statements = Mutex<[String]>([])
        func append(_ sql: String) { statements.withLock { $0.append(sql) } }
        var commits: Int { statements.withLock { $0.filter { $0 == "COMMIT TRANSACTION" }.count } }
    }

    /// A store that counts its commits, with a table of its own to write to.
    static func makeStore() throws -> (SQLiteStore, StatementLog) {
        let directory = NSTemporaryDirectory() + "helpdesk-group-commit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let log = StatementLog()
        let store = try SQLiteStore(path: directory + "/helpdesk.sqlite", statements: { sql in log.append(sql) })
        try store.pool.write { db in try db.execute(sql: "CREATE TABLE notes (n INTEGER PRIMARY KEY)") }
        return (store, log)
    }

    /// Holds the writer with a write that waits for `gate`, so that the next writes queue behind it.
    static func holdWriter(_ store: SQLiteStore, until gate: DispatchSemaphore) async throws -> Task<Void, any Error> {
        let started = Atomic<Bool>(false)
        let holder = Task {
            try await store.write { db in
                started.store(true, ordering: .sequentiallyConsistent)
                gate.wait()  // on the writer's own thread, not Swift's cooperative pool
                try db.execute(sql: "INSERT INTO notes (n) VALUES (0)")
            }
        }
        while !started.load(ordering: .sequentiallyConsistent) { try await Task.sleep(for: .milliseconds(5)) }
        return holder
    }

    @Test func writesThatQueueTogetherShareOneCommitAndAThrowingOneFailsAlone() async throws {
        let (store, statements) = try Self.makeStore()
        let gate = DispatchSemaphore(value: 0)
        let holder = try await Self.holdWriter(store, until: gate)
        let commitsBefore = statements.commits
        let writers = (1...10).map { n in
            Task {
                try await store.write { db in
                    try db.execute(sql: "INSERT INTO notes (n) VALUES (?)", arguments: [n])
                    // The fifth wrote its row, then refuses: its row must not stay.
                    if n == 5 { throw Refused() }
                    return n
                }
            }
        }
        while store.commits.queued < 10 { try await Task.sleep(for: .milliseconds(5)) }
        gate.signal()
        try await holder.value
        var answered: [Int] = []
        var refused = 0
        for writer in writers {
            do { answered.append(try await writer.value) } catch is Refused { refused += 1 }
        }
        #expect(answered == [1, 2, 3, 4, 6, 7, 8, 9, 10])
        #expect(refused == 1)
        // The holder's own transaction, then one for the ten that queued behind it.
        let commits = statements.commits - commitsBefore
        #expect(commits == 2)
        let rows = try await store.pool.read { db in try Int.fetchAll(db, sql: "SELECT n FROM notes ORDER BY n") }
        #expect(rows == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10])
        try store.close()
    }

    @Test func aWriteIsAnsweredOnlyOnceItsCommitIsVisibleToReaders() async throws {
        let (store, _) = try Self.makeStore()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...50 {
                group.addTask {
                    try await store.write { db in
                        try db.execute(sql: "INSERT INTO notes (n) VALUES (?)", arguments: [n])
                    }
                    let seen = try await store.pool.read { db in
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes WHERE n = ?", arguments: [n])
                    }
                    #expect(seen == 1)
                }
            }
            try await group.waitForAll()
        }
        try store.close()
    }

    @Test func aWriteAloneThatThrowsLeavesNothing() async throws {
        let (store, _) = try Self.makeStore()
        await #expect(throws: Refused.self) {
            try await store.write { db in
                try db.execute(sql: "INSERT INTO notes (n) VALUES (1)")
                throw Refused()
            }
        }
        let count = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes") }
        #expect(count == 0)
        try store.close()
    }
}
