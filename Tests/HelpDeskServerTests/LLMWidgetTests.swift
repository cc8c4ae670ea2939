import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// The widget with an LLM agent, against a local server that speaks the
/// OpenAI chat-completions protocol.
@Suite struct LLMWidgetTests {
    /// Answers each call with the next scripted body (the last one repeats).
    static func fakeModel(_ bodies: [String]) -> some ApplicationProtocol {
        let calls = Mutex(0)
        let router = Router()
        router.post("/v1/chat/completions") { _, _ -> Response in
            let index = calls.withLock { value in
                defer { value += 1 }
                return value
            }
            let body = bodies[min(index, bodies.count - 1)]
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func completion(content: String?, toolArguments: String? = nil) -> String {
        let message: [String: Any] =
            if let toolArguments {
                [
                    "role": "assistant", "content": content as Any,
                    "tool_calls": [
                        [
                            "id": "call_1", "type": "function",
                            "function": ["name": "handover_to_human", "arguments": toolArguments],
                        ]
                    ],
                ]
            } else { ["role": "assistant", "content": content as Any] }
        let object: [String: Any] = [
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "fake",
            // Tool calls sent with finish_reason "stop", as several local servers do.
            "choices": [["index": 0, "finish_reason": "stop", "message": message]],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// The visitor's messages once the background answer to their newest one arrived (the widget gets
    /// them live; polling the list sees the same).
    static func answered(_ client: any TestClientProtocol, _ base: String, token: String, count: Int) async throws
        -> [[String: Any]]
    {
        var items: [[String: Any]] = []
        for _ in 0..<250 {
            items = try await client.call(.get, "\(base)/messages", token: token).items
            if items.count >= count { return items }
            try await Task.sleep(for: .milliseconds(20))
        }
        return items
    }

    @Test func theModelAnswersAndItsHandoverCarriesItsSummary() async throws {
        let model = Self.fakeModel([
            Self.completion(content: "Our returns are free within 30 days."),
            Self.completion(
                content: nil,
                toolArguments:
                    #"{"reason":"refund above the limit","summary":"Wants a refund of 900 EUR for order 4821; returns policy already explained."}"#
            ),
        ])
        try await model.test(.live) { fake in
            let port = try #require(fake.port)
            let desk = try TestHelpDesk()
            try await desk.test { client in
                let acme = try await desk.team()
                _ = try await acme.member("Sam", availability: .online)
                let agent = try await client.call(
                    .post, "/api/v1/agents", token: acme.ownerToken,
                    json: json([
                        "name": "GPT Helper",
                        "brain": [
                            "kind": "llm", "baseURL": "http://127.0.0.1:\(port)/v1", "model": "fake",
                            "apiKey": "sk-test",
                        ],
                        "supportHandover": ["defaultPriority": "high", "waitingLabel": "A person will join shortly."],
                    ]))
                let agentID = try #require(agent.object["id"] as? String)
                let channel = try await client.call(
                    .post, "/api/v1/channels", token: acme.ownerToken,
                    json: json([
                        "kind": "web", "agentId": agentID, "config": ["allowedOrigins": ["https://shop.example"]],
                    ]))
                let base = "/widget/v1/\(try #require(channel.object["id"] as? String))"
                let session = try await client.call(.post, "\(base)/sessions", json: json(["name": "Lea"]))
                let token = try #require(session.object["visitorToken"] as? String)

                // The request does not wait for the model: the answer is owed and comes in the background.
                let first = try await client.call(
                    .post, "\(base)/messages", token: token, json: json(["body": "How do returns work?"]))
                #expect(first.status == .ok)
                #expect(first.object["answerPending"] as? Bool == true)
                #expect(first.object["reply"] == nil)
                #expect(first.object["escalated"] as? Bool == false)
                let afterFirst = try await Self.answered(client, base, token: token, count: 2)
                #expect(afterFirst.last?["body"] as? String == "Our returns are free within 30 days.")
                #expect((afterFirst.last?["author"] as? [String: Any])?["kind"] as? String == "ai")

                let second = try await client.call(
                    .post, "\(base)/messages", token: token,
                    json: json(["body": "I want my 900 EUR back for order 4821"]))
                #expect(second.object["answerPending"] as? Bool == true)
                let afterSecond = try await Self.answered(client, base, token: token, count: 4)
                #expect(afterSecond.last?["body"] as? String == "A person will join shortly.")
                let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: acme.ownerToken)
                    .items
                let detail = try #require(timeline.first?["detail"] as? String)
                #expect(detail.contains("the agent handed over: refund above the limit"))
                #expect(detail.contains("Summary: Wants a refund of 900 EUR for order 4821"))
                #expect(detail.contains("I want my 900 EUR back for order 4821"))
            }
        }
    }

    @Test func aSlowModelNeverHoldsTheVisitorsRequestOpen() async throws {
        // The model answers only once the test lets it: the visitor's request must return before.
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        let router = Router()
        router.post("/v1/chat/completions") { _, _ -> Response in
            for await _ in released { break }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: Self.completion(content: "Sorry for the wait!"))))
        }
        let model = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await model.test(.live) { fake in
            let port = try #require(fake.port)
            let desk = try TestHelpDesk()
            try await desk.test { client in
                let acme = try await desk.team()
                let agent = try await client.call(
                    .post, "/api/v1/agents", token: acme.ownerToken,
                    json: json([
                        "name": "Slow",
                        "brain": ["kind": "llm", "baseURL": "http://127.0.0.1:\(port)/v1", "model": "m"],
                    ]))
                let channel = try await client.call(
                    .post, "/api/v1/channels", token: acme.ownerToken,
                    json: json([
                        "kind": "web", "agentId": try #require(agent.object["id"] as? String),
                        "config": ["allowedOrigins": ["https://a.example"]],
                    ]))
                let base = "/widget/v1/\(try #require(channel.object["id"] as? String))"
                let token = try #require(
                    try await client.call(.post, "\(base)/sessions", json: "{}").object["visitorToken"] as? String)
                let sent = try await client.call(.post, "\(base)/messages", token: token, json: json(["body": "hi"]))
                #expect(sent.status == .ok)
                #expect(sent.object["answerPending"] as? Bool == true)
                #expect(try await client.call(.get, "\(base)/messages", token: token).items.count == 1)
                release.yield()
                let messages = try await Self.answered(client, base, token: token, count: 2)
                #expect(messages.last?["body"] as? String == "Sorry for the wait!")
                release.finish()
            }
        }
    }

    @Test func aModelThatIsDownGetsAPoliteFallback() async throws {
        let desk = try TestHelpDesk(
            brains: Brains(
                builtin: HelpDeskAIBuiltin.make(), llm: HelpDeskAIBuiltin.unreachableLLM()))
        try await desk.test { client in
            let acme = try await desk.team()
            let agent = try await client.call(
                .post, "/api/v1/agents", token: acme.ownerToken,
                json: json(["name": "GPT", "brain": ["kind": "llm", "baseURL": "http://127.0.0.1:9/v1", "model": "m"]]))
            let channel = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json([
                    "kind": "web", "agentId": agent.object["id"] as! String,
                    "config": ["allowedOrigins": ["https://a.example"]],
                ]))
            let base = "/widget/v1/\(channel.object["id"] as! String)"
            let token = try await client.call(.post, "\(base)/sessions", json: "{}").object["visitorToken"] as! String
            let answer = try await client.call(.post, "\(base)/messages", token: token, json: json(["body": "hello?"]))
            #expect(answer.status == .ok)
            #expect(answer.object["answerPending"] as? Bool == true)
            let messages = try await Self.answered(client, base, token: token, count: 2)
            #expect((messages.last?["body"] as? String)?.contains("trouble answering") == true)
        }
    }
}
