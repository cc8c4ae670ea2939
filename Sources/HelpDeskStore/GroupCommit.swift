import GRDB
import Synchronization

/// Group commit: the store's writes share transactions when they arrive
/// together.
///
/// SQLite has one writer. Under load, most of a short write's cost is not its
/// own statements but the transaction around them: the hop to the writer's
/// queue, the commit that appends the changed pages to the WAL, and the change
/// observer's reads after each commit. Writes that queue while a transaction
/// runs are taken together into the next one, up to `maxBatch`, each in its
/// own savepoint: a write that throws rolls back to its savepoint and fails
/// alone, exactly as if it had had its own transaction, while the others
/// commit. A write's caller is answered only after the commit that holds it,
/// so whatever it reads next sees it. A write that arrives when nothing is
/// queued runs alone, at once: a quiet server pays nothing for the batching.
///
/// The rules that rely on SQLite's single writer (ticket numbers, the
/// rotation, pick-up races) are unchanged: the writes of one transaction still
/// run one after another, each seeing everything written before it.
final class GroupCommit: Sendable {
    /// One queued write: runs its body on the writer, then learns how its transaction ended.
    private struct Job: Sendable {
        let run: @Sendable (Database) throws -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct Queue {
        var jobs: [Job] = []
        var draining = false
    }

    /// A value handed from the writer's queue to the waiting caller.
    private final class Slot<Value: Sendable>: @unchecked Sendable {
        // Written on the writer's queue before the commit; read by the caller only after `finish`.
        var value: Value?
    }

    private let pool: DatabasePool
    private let queue = Mutex(Queue())
    /// The most writes one transaction takes, so a long queue is committed in steps.
    let maxBatch: Int

    init(pool: DatabasePool, maxBatch: Int = 64) {
        self.pool = pool
        self.maxBatch = max(1, maxBatch)
    }

    /// How many writes wait for the next transaction (tests).
    var queued: Int { queue.withLock { $0.jobs.count } }

    /// Runs `body` in a write transaction, possibly shared with other writes,
    /// and returns its value once that transaction committed. When `body`
    /// throws, nothing it wrote stays and the error is rethrown.
    func write<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        let slot = Slot<Value>()
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                run: { db in slot.value = try body(db) },
                finish: { error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let value = slot.value {
                        continuation.resume(returning: value)
                    } else {
                        continuation.resume(throwing: DatabaseError(message: "a write finished without its value"))
                    }
                })
            let startsDrain = queue.withLock { queue in
                queue.jobs.append(job)
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if startsDrain {
                pool.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
    }

    /// Commits what is queued, batch after batch, until the queue is empty.
    private func drain(_ db: Database) {
        while true {
            let batch = queue.withLock { queue -> [Job] in
                guard !queue.jobs.isEmpty else {
                    queue.draining = false
                    return []
                }
                let taken = Array(queue.jobs.prefix(maxBatch))
                queue.jobs.removeFirst(taken.count)
                return taken
            }
            if batch.isEmpty { return }
            commit(batch, db)
        }
    }

    private func commit(_ batch: [Job], _ db: Database) {
        // Alone, a write needs no savepoint: its transaction is its own.
        if batch.count == 1 {
            let job = batch[0]
            do {
                try db.inTransaction(.immediate) {
                    try job.run(db)
                    return .commit
                }
                job.finish(nil)
            } catch {
                job.finish(error)
            }
            return
        }
        var written: [Job] = []
        var refused: [(Job, any Error)] = []
        var next = 0
        do {
            try db.inTransaction(.immediate) {
                while next < batch.count {
                    let job = batch[next]
                    next += 1
                    do {
                        try db.inSavepoint {
                            try job.run(db)
                            return .commit
                        }
                        written.append(job)
                    } catch {
                        refused.append((job, error))
                        // SQLite itself ended the transaction (a full disk, an I/O error): nothing of it stays.
                        if !db.isInsideTransaction { throw error }
                    }
                }
                return .commit
            }
            for job in written { job.finish(nil) }
        } catch {
            // The transaction failed as a whole: nothing written in it stayed, and what was not run yet fails too.
            for job in written { job.finish(error) }
            for job in batch[next...] { job.finish(error) }
        }
        for (job, error) in refused { job.finish(error) }
    }
}
