import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A call the fake Graph API received.
struct GraphRequest: Sendable {
    var phoneNumberID: String
    var authorization: String?
    var body: Data

    func json() -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
    /// A text message's text (nil for a read receipt).
    var text: String? { (json()["text"] as? [String: Any])?["body"] as? String }
    var to: String? { json()["to"] as? String }
    /// Whether this is a read receipt with "typing…".
    var isTyping: Bool { json()["status"] as? String == "read" && json()["typing_indicator"] != nil }
}

/// One scripted answer of the fake Graph API.
struct FakeGraphResponse: Sendable {
    var status: Int
    var body: String
    var retryAfter: Int?

    /// A Graph API error body as Meta sends it.
    static func error(_ status: Int, code: Int, _ message: String, transient: Bool? = nil, retryAfter: Int? = nil)
        -> FakeGraphResponse
    {
        let flag = transient.map { #","is_transient":\#($0)"# } ?? ""
        return FakeGraphResponse(
            status: status,
            body:
                #"{"error":{"message":"\#(message)","type":"OAuthException","code":\#(code)\#(flag),"fbtrace_id":"A1"}}"#,
            retryAfter: retryAfter)
    }

    static func badGateway() -> FakeGraphResponse { FakeGraphResponse(status: 502, body: "<html>Bad Gateway</html>") }
}

/// The script and the record of one fake Graph API.
actor FakeGraphScript {
    private var scripted: [FakeGraphResponse] = []
    private var nextID = 1
    private(set) var received: [GraphRequest] = []

    /// Answers for the next text messages, in order; after them, success.
    func script(_ responses: [FakeGraphResponse]) { scripted += responses }

    func answer(_ request: GraphRequest) -> FakeGraphResponse {
        received.append(request)
        if request.json()["status"] as? String == "read" {
            return FakeGraphResponse(status: 200, body: #"{"success":true}"#)
        }
        if !scripted.isEmpty { return scripted.removeFirst() }
        nextID += 1
        let to = request.to ?? ""
        return FakeGraphResponse(
            status: 200,
            body:
                #"{"messaging_product":"whatsapp","contacts":[{"input":"\#(to)","wa_id":"\#(to)"}],"messages":[{"id":"wamid.OUT\#(nextID)"}]}"#
        )
    }

    var texts: [GraphRequest] { received.filter { $0.text != nil } }
}

/// WhatsApp's Cloud API on 127.0.0.1 (a free port): `POST /{phone number id}/messages`
/// recorded and answered from a script (success with a wamid by default; Graph
/// API error bodies, 429 with Retry-After, 5xx when asked).
struct FakeGraphAPI: Sendable {
    let baseURL: String
    let script: FakeGraphScript

    /// Waits until `condition` holds for the text messages so far (at most `seconds`).
    func waitForTexts(seconds: Double = 5, _ condition: @escaping @Sendable ([GraphRequest]) -> Bool) async
        -> [GraphRequest]
    {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            let texts = await script.texts
            if condition(texts) { return texts }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await script.texts
    }

    static func with<R: Sendable>(_ body: (FakeGraphAPI) async throws -> R) async throws -> R {
        let script = FakeGraphScript()
        let router = Router()
        router.post("/:phone/messages") { request, context -> Response in
            let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
            let recorded = GraphRequest(
                phoneNumberID: context.parameters.get("phone") ?? "", authorization: request.headers[.authorization],
                body: Data(buffer.readableBytesView))
            let scripted = await script.answer(recorded)
            var headers: HTTPFields = [.contentType: "application/json"]
            if let retryAfter = scripted.retryAfter { headers[.retryAfter] = String(retryAfter) }
            return Response(
                status: .init(code: scripted.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: scripted.body)))
        }
        return try await LocalServer.with(router) { baseURL in
            try await body(FakeGraphAPI(baseURL: baseURL, script: script))
        }
    }
}
