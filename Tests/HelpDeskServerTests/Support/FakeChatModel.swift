import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// An OpenAI-compatible chat-completions endpoint on loopback that answers
/// from a script and records every request body, so tests can hold what the
/// model was sent (tool results above all) to what the caller may see.
struct FakeChatModel: Sendable {
    /// One scripted answer.
    struct Reply: Sendable {
        var status: Int = 200
        var body: String
        var delay: Duration = .zero

        /// A completion whose message is text.
        static func text(_ content: String) -> Reply {
            Reply(body: completion(["role": "assistant", "content": content]))
        }

        /// A completion whose message calls tools: `(name, arguments JSON)`, ids `call_1`, `call_2`…
        static func tools(_ calls: [(String, String)]) -> Reply {
            let toolCalls = calls.enumerated().map { index, call -> [String: Any] in
                [
                    "id": "call_\(index + 1)", "type": "function",
                    "function": ["name": call.0, "arguments": call.1],
                ]
            }
            return Reply(body: completion(["role": "assistant", "content": NSNull(), "tool_calls": toolCalls]))
        }

        static func error(_ status: Int) -> Reply {
            Reply(status: status, body: #"{"error":{"message":"the model is down","type":"server_error"}}"#)
        }

        static func completion(_ message: [String: Any]) -> String {
            let object: [String: Any] = [
                "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "fake",
                "choices": [["index": 0, "finish_reason": "stop", "message": message]],
            ]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
    }

    /// `http://127.0.0.1:<port>/v1`
    let baseURL: String
    private let state: State

    final class State: Sendable {
        let replies: Mutex<[Reply]>
        let received = Mutex<[(authorization: String?, body: Data)]>([])

        init(_ replies: [Reply]) { self.replies = Mutex(replies) }
    }

    /// The request bodies received so far, oldest first.
    var requests: [[String: Any]] {
        state.received.withLock { $0.map(\.body) }.map {
            (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] ?? [:]
        }
    }
    /// The `Authorization` headers received so far.
    var authorizations: [String?] { state.received.withLock { $0.map(\.authorization) } }

    /// The `content` of every `tool` message of the newest request, in order.
    var toolResults: [String] {
        let messages = requests.last?["messages"] as? [[String: Any]] ?? []
        return messages.filter { $0["role"] as? String == "tool" }.compactMap { $0["content"] as? String }
    }

    /// The tool results parsed as JSON objects.
    var toolResultObjects: [[String: Any]] {
        toolResults.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Runs the fake for the length of `body`; the last reply repeats.
    static func with<R: Sendable>(_ replies: [Reply], _ body: (FakeChatModel) async throws -> R) async throws -> R {
        let state = State(replies)
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
            let authorization = request.headers[.authorization]
            state.received.withLock { $0.append((authorization, Data(buffer.readableBytesView))) }
            let reply = state.replies.withLock { queue in queue.count > 1 ? queue.removeFirst() : queue[0] }
            if reply.delay > .zero { try await Task.sleep(for: reply.delay) }
            return Response(
                status: .init(code: reply.status), headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
        }
        return try await LocalServer.with(router) { base in
            try await body(FakeChatModel(baseURL: base + "/v1", state: state))
        }
    }
}
