import Foundation

/// Runs CPU-heavy test work on a thread of its own rather than on the
/// cooperative pool, which has one thread per core (two here) and is shared
/// by every test in the process: a long loop there would starve the timers
/// and servers of the tests running beside it. Assertions stay with the
/// caller: `body` returns what to check.
enum OwnThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
