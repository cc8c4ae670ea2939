import Foundation
import HelpDeskCore
import Logging
import Testing

@testable import HelpDeskAI

/// The LLM brain only calls addresses the outbound policy permits, checks what a
/// name resolves to, and never follows a redirect.
@Suite struct OutboundGuardTests {
    static func strictBrain(logs: LogRecorder) -> LLMBrain {
        LLMBrain(timeout: .seconds(5), maxAttempts: 1, retryDelay: .milliseconds(10), logger: logs.logger)
    }

    @Test func aNameThatResolvesToLoopbackIsRefusedBeforeAnyRequest() async throws {
        try await FakeChatServer.with([.completion(content: "internal secret")]) { server in
            let logs = LogRecorder()
            let port = try #require(URLComponents(string: server.baseURL)?.port)
            let agent = LLMBrainTests.agent(baseURL: "http://localhost:\(port)/v1")
            let response = await Self.strictBrain(logs: logs).respond(to: LLMBrainTests.request(agent))
            #expect(response == LLMBrainTests.fallback)
            #expect(await server.requests.isEmpty)
            #expect(logs.entries.contains { $0.text.contains("refused by the outbound policy") })
        }
    }

    @Test func allowedRangesAreReached() async throws {
        try await FakeChatServer.with([.completion(content: "Hello!")]) { server in
            let port = try #require(URLComponents(string: server.baseURL)?.port)
            let agent = LLMBrainTests.agent(baseURL: "http://localhost:\(port)/v1")
            let response = await LLMBrainTests.brain().respond(to: LLMBrainTests.request(agent))
            #expect(response.reply == "Hello!")
        }
    }

    @Test func aRedirectIsNotFollowed() async throws {
        let redirect = FakeChatResponse(
            status: 307, body: "", headers: ["Location": "/elsewhere/chat/completions"])
        try await FakeChatServer.with([redirect, .completion(content: "followed")]) { server in
            let agent = LLMBrainTests.agent(baseURL: server.baseURL)
            let response = await LLMBrainTests.brain(maxAttempts: 1).respond(to: LLMBrainTests.request(agent))
            // Followed, the redirect would come back to this server and get "followed".
            #expect(response == LLMBrainTests.fallback)
            #expect(await server.requests.count == 1)
        }
    }

    @Test func resolvedAddressesAreListed() async {
        #expect(await OutboundGuard.resolve("127.0.0.1") == ["127.0.0.1"])
        #expect(await OutboundGuard.resolve("localhost").contains("127.0.0.1"))
        #expect(await OutboundGuard.refusal(host: "127.0.0.1", policy: OutboundPolicy()) != nil)
        #expect(await OutboundGuard.refusal(host: "no-such-host.invalid", policy: OutboundPolicy()) != nil)
    }
}
