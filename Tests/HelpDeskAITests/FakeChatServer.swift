import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Testing

@testable import HelpDeskAI

/// One scripted answer of the fake chat-completions endpoint.
struct FakeChatResponse: Sendable {
    var status: Int
    var body: String
    var headers: [String: String] = [:]
    /// How long the server waits before answering.
    var delay: Duration = .zero

    /// A `chat.completion` with the given message.
    static func completion(
        content: String?, toolCalls: [ChatToolCall]? = nil, finishReason: String = "stop"
    ) -> FakeChatResponse {
        let completion = ChatCompletionResponse(
            id: "chatcmpl-test", model: "qwen2.5:7b",
            choices: [
                ChatChoice(
                    finishReason: finishReason,
                    message: ChatMessage(role: .assistant, content: content, toolCalls: toolCalls))
            ],
            usage: ChatUsage(promptTokens: 100, completionTokens: 10, totalTokens: 110))
        let data = try! JSONEncoder().encode(completion)
        return FakeChatResponse(status: 200, body: String(decoding: data, as: UTF8.self))
    }

    /// A completion whose message calls one tool.
    static func toolCall(
        name: String = LLMBrain.handoverToolName, arguments: String, content: String? = nil,
        finishReason: String = "tool_calls"
    ) -> FakeChatResponse {
        completion(
            content: content,
            toolCalls: [
                ChatToolCall(id: "call_abc123", function: ChatFunctionCall(name: name, arguments: arguments))
            ],
            finishReason: finishReason)
    }

    /// An OpenAI error body with the given status.
    static func error(
        status: Int, message: String, type: String = "server_error", headers: [String: String] = [:]
    ) -> FakeChatResponse {
        let envelope = ChatErrorEnvelope(error: ChatErrorDetail(message: message, type: type))
        let data = try! JSONEncoder().encode(envelope)
        return FakeChatResponse(status: status, body: String(decoding: data, as: UTF8.self), headers: headers)
    }
}

/// A request the fake endpoint received.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var authorization: String?
    var contentType: String?
    var body: Data

    /// The body as the wire type.
    func decoded() throws -> ChatCompletionRequest {
        try JSONDecoder().decode(ChatCompletionRequest.self, from: body)
    }

    /// The body as plain JSON, to check exact field names.
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }
}

/// The script and the record of one fake server.
actor FakeChatScript {
    private var queue: [FakeChatResponse]
    private(set) var received: [RecordedRequest] = []

    init(_ responses: [FakeChatResponse]) {
        precondition(!responses.isEmpty, "script at least one response")
        queue = responses
    }

    /// Records the request and returns the next scripted response; the last one repeats.
    func answer(_ request: RecordedRequest) -> FakeChatResponse {
        received.append(request)
        return queue.count > 1 ? queue.removeFirst() : queue[0]
    }
}

/// An OpenAI-compatible endpoint on 127.0.0.1 (a free port) that answers from a
/// script and records what it received, so the LLM brain is tested without a model.
/// It serves `POST /v1/chat/completions`; any other path gets a 404 error body.
struct FakeChatServer: Sendable {
    /// `http://127.0.0.1:<port>/v1`
    let baseURL: String
    let script: FakeChatScript

    /// The requests received so far, oldest first.
    var requests: [RecordedRequest] {
        get async { await script.received }
    }

    /// Runs a server answering with `responses` in order (the last one repeating)
    /// for the duration of `body`.
    static func with(
        _ responses: [FakeChatResponse], _ body: (FakeChatServer) async throws -> Void
    ) async throws {
        let script = FakeChatScript(responses)
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
            let recorded = RecordedRequest(
                method: request.method.rawValue, path: request.uri.path,
                authorization: request.headers[.authorization], contentType: request.headers[.contentType],
                body: Data(buffer.readableBytesView))
            var scripted = await script.answer(recorded)
            if recorded.path != "/v1/chat/completions" {
                scripted = .error(status: 404, message: "Unknown route \(recorded.path)", type: "invalid_request_error")
            }
            if scripted.delay > .zero { try await Task.sleep(for: scripted.delay) }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            for (name, value) in scripted.headers {
                if let field = HTTPField.Name(name) { headers[field] = value }
            }
            return Response(
                status: .init(code: scripted.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: scripted.body)))
        }

        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "fake-chat-server")
        // Stopping by cancellation makes Hummingbird log shutdown errors; they are not the test's concern.
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await app.runService(gracefulShutdownSignals: [])
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port != 0 else {
                group.cancelAll()
                try await group.waitForAll()
                throw FakeChatServerError.didNotStart
            }
            let server = FakeChatServer(baseURL: "http://127.0.0.1:\(port)/v1", script: script)
            do {
                try await body(server)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}

enum FakeChatServerError: Error {
    case didNotStart
}
