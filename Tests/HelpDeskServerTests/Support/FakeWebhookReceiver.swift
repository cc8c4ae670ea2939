import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A POST the fake webhook receiver got: its headers and raw body.
struct ReceivedWebhook: Sendable {
    /// By lower-case name.
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    func json() -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
    var text: String { String(decoding: body, as: UTF8.self) }
    var type: String? { json()["type"] as? String }
}

/// The script and the record of a fake webhook receiver: it answers the
/// scripted statuses in order, then 200 "ok".
actor FakeWebhookReceiver {
    struct Answer: Sendable {
        var status: Int
        var body: String
        var retryAfter: Int?
        /// How long the receiver waits before answering.
        var delay: Duration = .zero
    }

    private var scripted: [Answer] = []
    private(set) var received: [ReceivedWebhook] = []

    func script(_ answers: [Answer]) { scripted += answers }

    func answer(_ request: ReceivedWebhook) -> Answer {
        received.append(request)
        return scripted.isEmpty ? Answer(status: 200, body: "ok") : scripted.removeFirst()
    }

    /// Runs a receiver at `http://127.0.0.1:<port>/hook` for the length of `body`.
    static func with<R: Sendable>(_ body: (FakeWebhookReceiver, String) async throws -> R) async throws -> R {
        let receiver = FakeWebhookReceiver()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let answer = await receiver.answer(ReceivedWebhook(headers: headers, body: Data(bytes.readableBytesView)))
            if answer.delay > .zero { try await Task.sleep(for: answer.delay) }
            var fields: HTTPFields = [.contentType: "text/plain"]
            if let retryAfter = answer.retryAfter { fields[.retryAfter] = String(retryAfter) }
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
        }
        return try await LocalServer.with(router) { base in try await body(receiver, base + "/hook") }
    }
}
