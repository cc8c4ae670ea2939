import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A Telegram Bot API and WhatsApp Graph API double for load tests (`helpdesk-bench fake-bot-api
/// --port N`): every call answers at once with success (sendMessage with a Message, a WhatsApp message
/// with a wamid), and `GET /stats` counts the calls by method, so `scripts/bench-webhooks` sees what the
/// server sent without a real provider.
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
            let sent = try await request.body.collect(upTo: 1 << 20)
            var method = request.uri.path.split(separator: "/").last.map(String.init) ?? ""
            let body: String
            switch method {
            case "sendMessage":
                body = #"{"ok":true,"result":{"message_id":1,"chat":{"id":1,"type":"private"},"date":0}}"#
            case "messages":
                // WhatsApp: a read receipt with "typing…", or a text message.
                let isRead = String(buffer: sent).contains(#""status":"read""#)
                method = isRead ? "whatsapp.typing" : "whatsapp.text"
                body =
                    isRead
                    ? #"{"success":true}"#
                    : #"{"messaging_product":"whatsapp","messages":[{"id":"wamid.\#(counts.next())"}]}"#
            default:
                body = #"{"ok":true,"result":true}"#
            }
            counts.add(method)
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
        private let sent = Mutex(0)
        func add(_ method: String) { byMethod.withLock { $0[method, default: 0] += 1 } }
        func next() -> Int {
            sent.withLock { value in
                value += 1
                return value
            }
        }
        func snapshot() -> [String: Int] { byMethod.withLock { $0 } }
    }
}
