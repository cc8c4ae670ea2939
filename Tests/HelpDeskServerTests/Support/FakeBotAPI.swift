import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Testing

/// One scripted answer of the fake Bot API.
struct FakeBotResponse: Sendable {
    var status: Int
    var body: String
    /// How long the server waits before answering.
    var delay: Duration = .zero

    /// `{"ok": true, "result": <result>}`.
    static func ok(_ result: String = "true") -> FakeBotResponse {
        FakeBotResponse(status: 200, body: #"{"ok":true,"result":\#(result)}"#)
    }

    /// An error envelope as the Bot API sends it.
    static func error(_ status: Int, _ description: String, retryAfter: Int? = nil) -> FakeBotResponse {
        let parameters = retryAfter.map { #","parameters":{"retry_after":\#($0)}"# } ?? ""
        let escaped = description.replacingOccurrences(of: "\"", with: "\\\"")
        return FakeBotResponse(
            status: status, body: #"{"ok":false,"error_code":\#(status),"description":"\#(escaped)"\#(parameters)}"#)
    }

    /// A proxy's error page, not JSON.
    static func badGateway() -> FakeBotResponse { FakeBotResponse(status: 502, body: "<html>Bad Gateway</html>") }
}

/// A call the fake Bot API received.
struct BotRequest: Sendable {
    var token: String
    var method: String
    var body: Data

    func json() -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
    var text: String? { json()["text"] as? String }
    var chatID: Int64? { (json()["chat_id"] as? NSNumber)?.int64Value }
}

/// The script and the record of one fake Bot API.
actor FakeBotScript {
    private var scripted: [String: [FakeBotResponse]] = [:]
    private var updateBatches: [[String]] = []
    private var nextMessageID = 100
    private(set) var received: [BotRequest] = []

    /// Answers for `method`, in order; after them the method's default answer.
    func script(_ method: String, _ responses: [FakeBotResponse]) {
        scripted[method, default: []] += responses
    }

    /// Updates (JSON objects) getUpdates hands out, one batch per call, before it returns empty lists.
    func queueUpdates(_ batch: [String]) { updateBatches.append(batch) }

    func answer(_ request: BotRequest) -> FakeBotResponse {
        received.append(request)
        if var queue = scripted[request.method], !queue.isEmpty {
            let next = queue.removeFirst()
            scripted[request.method] = queue
            return next
        }
        switch request.method {
        case "sendMessage":
            nextMessageID += 1
            return .ok(
                #"{"message_id":\#(nextMessageID),"chat":{"id":\#(request.chatID ?? 0),"type":"private"},"date":0}"#)
        case "getUpdates":
            guard !updateBatches.isEmpty else {
                // A long poll with nothing new: held a moment, as Telegram holds it for `timeout` seconds.
                return FakeBotResponse(status: 200, body: #"{"ok":true,"result":[]}"#, delay: .milliseconds(100))
            }
            return .ok("[" + updateBatches.removeFirst().joined(separator: ",") + "]")
        default:
            return .ok()
        }
    }

    func calls(_ method: String) -> [BotRequest] { received.filter { $0.method == method } }
}

/// A Telegram Bot API on 127.0.0.1 (a free port) that records every call and
/// answers from a script: success by default (sendMessage returns a Message),
/// scripted errors (429 with retry_after, 5xx, error bodies) when asked.
struct FakeBotAPI: Sendable {
    /// `http://127.0.0.1:<port>`
    let baseURL: String
    let script: FakeBotScript

    func calls(_ method: String) async -> [BotRequest] { await script.calls(method) }

    /// Waits until `condition` holds for the calls so far (at most `seconds`).
    func waitFor(
        _ method: String, seconds: Double = 5, _ condition: @escaping @Sendable ([BotRequest]) -> Bool = { !$0.isEmpty }
    ) async -> [BotRequest] {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            let calls = await calls(method)
            if condition(calls) { return calls }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await calls(method)
    }

    static func with<R: Sendable>(_ body: (FakeBotAPI) async throws -> R) async throws -> R {
        let script = FakeBotScript()
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
            let parts = request.uri.path.split(separator: "/")
            let token = parts.first.map { $0.hasPrefix("bot") ? String($0.dropFirst(3)) : "" } ?? ""
            let recorded = BotRequest(
                token: token, method: parts.count == 2 ? String(parts[1]) : "", body: Data(buffer.readableBytesView))
            var scripted = await script.answer(recorded)
            if parts.count != 2 || token.isEmpty { scripted = .error(404, "Not Found") }
            if scripted.delay > .zero { try await Task.sleep(for: scripted.delay) }
            return Response(
                status: .init(code: scripted.status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: scripted.body)))
        }
        return try await LocalServer.with(router) { baseURL in
            try await body(FakeBotAPI(baseURL: baseURL, script: script))
        }
    }
}
