import Hummingbird
import Logging
import NIOCore

/// Runs a test double (a fake provider API) on a free port of 127.0.0.1 for
/// the length of `body`, which gets `http://127.0.0.1:<port>`.
enum LocalServer {
    struct DidNotStart: Error {}

    static func with<R: Sendable>(_ router: Router<BasicRequestContext>, _ body: (String) async throws -> R)
        async throws -> R
    {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "fake-provider")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await app.runService(gracefulShutdownSignals: [])
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port != 0 else {
                group.cancelAll()
                throw DidNotStart()
            }
            do {
                let value = try await body("http://127.0.0.1:\(port)")
                group.cancelAll()
                return value
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}
