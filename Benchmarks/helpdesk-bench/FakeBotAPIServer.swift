import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A Telegram Bot API double for load tests (`helpdesk-bench fake-bot-api --port N`): every method
/// answers at once with success (sendMessage with a Message), and `GET /stats` counts the calls by
/// method, so `scripts/bench-telegram` sees what the server sent without a real bot.
enum FakeBotAPIServer {
    static func run(parsing arguments: [String]) async throws {
        var port = 0
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag == "--port", let value = rest.popFirst().flatMap(Int.init) else {
                throw BenchError.usage("fake-bot-api takes --port N")
            }
            port = value
        }
        let counts = Counts()
        let router = Router()
        router.post("**") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            let method = request.uri.path.split(separator: "/").last.map(String.init) ?? ""
            counts.add(method)
            let body =
                method == "sendMessage"
                ? #"{"ok":true,"result":{"message_id":1,"chat":{"id":1,"type":"private"},"date":0}}"#
                : #"{"ok":true,"result":true}"#
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/stats") { _, _ -> Response in
            let data = try JSONEncoder().encode(counts.snapshot())
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        var logger = Logger(label: "fake-bot-api")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in say("fake Bot API listening on port \(channel.localAddress?.port ?? 0)") },
            logger: logger)
        try await app.runService()
    }

    final class Counts: Sendable {
        private let byMethod = Mutex<[String: Int]>([:])
        func add(_ method: String) { byMethod.withLock { $0[method, default: 0] += 1 } }
        func snapshot() -> [String: Int] { byMethod.withLock { $0 } }
    }
}
