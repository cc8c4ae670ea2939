import Foundation
import HelpDeskCore
import Logging
import Testing

@testable import HelpDeskAI

/// The LLM brain against a scripted OpenAI-compatible endpoint.
@Suite struct LLMBrainTests {
    static let apiKey = "sk-test-secret-123"
    static let whenToUse = "The customer wants a refund over 100 euros, or asks for a person."

    static func agent(
        baseURL: String, apiKey: String? = LLMBrainTests.apiKey,
        handover: SupportHandover? = SupportHandover(whenToUse: LLMBrainTests.whenToUse)
    ) -> Agent {
        Agent(
            id: "agent-1", teamID: "team-1", name: "Ada",
            instructions: "You are Ada, the support agent of ACME Bikes.",
            brain: .llm(baseURL: baseURL, model: "qwen2.5:7b", apiKey: apiKey),
            faq: [FAQEntry(question: "When are you open?", answer: "Monday to Friday, 9:00 to 17:00.")],
            supportHandover: handover, createdAt: Timestamp(microseconds: 0), updatedAt: Timestamp(microseconds: 0))
    }

    static func request(_ agent: Agent, history: [BrainTurn]? = nil) -> BrainRequest {
        BrainRequest(
            agent: agent, history: history ?? [BrainTurn(author: .customer, text: "When are you open?")],
            previousMisses: 0)
    }

    static func brain(
        timeout: Duration = .seconds(10), maxAttempts: Int = 3, logs: LogRecorder = LogRecorder()
    ) -> LLMBrain {
        LLMBrain(
            outbound: localDoubles, timeout: timeout, maxAttempts: maxAttempts, retryDelay: .milliseconds(10),
            logger: logs.logger)
    }

    /// The fake endpoint listens on loopback, which production refuses.
    static let localDoubles = OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!])

    static let fallback = BrainResponse(reply: LLMBrain.fallbackReply, answered: false)

    // MARK: Answers

    @Test func plainContentIsTheReply() async throws {
        try await FakeChatServer.with([.completion(content: "  We are open Monday to Friday, 9 to 5. ")]) {
            server in
            let response = await Self.brain().respond(to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(response == BrainResponse(reply: "We are open Monday to Friday, 9 to 5.", answered: true))
            #expect(await server.requests.count == 1)
        }
    }

    @Test func handoverCallWithToolCallsFinishReasonEscalates() async throws {
        let arguments =
            #"{"reason":"refund over 100 euros","summary":"Wants a refund for order 4821; the FAQ did not cover it."}"#
        try await FakeChatServer.with([.toolCall(arguments: arguments, content: nil, finishReason: "tool_calls")]) {
            server in
            let response = await Self.brain().respond(to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(
                response
                    == BrainResponse(
                        reply: nil, answered: true, escalation: .agentDecided(reason: "refund over 100 euros"),
                        summary: "Wants a refund for order 4821; the FAQ did not cover it."))
        }
    }

    @Test func handoverCallWithStopFinishReasonStillEscalates() async throws {
        let arguments = #"{"reason":"asked for a person","summary":"Wants to talk to someone about a broken frame."}"#
        try await FakeChatServer.with([
            .toolCall(arguments: arguments, content: "Let me get a colleague for you.", finishReason: "stop")
        ]) { server in
            let response = await Self.brain().respond(to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(response.reply == "Let me get a colleague for you.")
            #expect(response.answered)
            #expect(response.escalation == .agentDecided(reason: "asked for a person"))
            #expect(response.summary == "Wants to talk to someone about a broken frame.")
        }
    }

    @Test func handoverArgumentsThatAreNotJSONStillEscalateWithAGenericReason() async throws {
        let logs = LogRecorder()
        try await FakeChatServer.with([.toolCall(arguments: "{reason: refund, oops", content: "")]) { server in
            let response = await Self.brain(logs: logs).respond(
                to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(
                response
                    == BrainResponse(
                        reply: nil, answered: true, escalation: .agentDecided(reason: LLMBrain.genericHandoverReason),
                        summary: nil))
            #expect(logs.entries.contains { $0.level == .warning && $0.text.contains("{reason: refund, oops") })
        }
    }

    @Test func unknownToolsAreIgnored() async throws {
        try await FakeChatServer.with([
            .toolCall(name: "lookup_order", arguments: #"{"order_id":"4821"}"#, content: "Your order has shipped.")
        ]) { server in
            let response = await Self.brain().respond(to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(response == BrainResponse(reply: "Your order has shipped.", answered: true))
        }
    }

    @Test func emptyContentWithoutToolsIsAFailure() async throws {
        let logs = LogRecorder()
        try await FakeChatServer.with([.completion(content: "   ")]) { server in
            let response = await Self.brain(logs: logs).respond(to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(response == Self.fallback)
            #expect(logs.entries.contains { $0.level == .error })
        }
    }

    @Test func agentWithoutSupportHandoverIsOfferedNoToolsAndCannotEscalate() async throws {
        try await FakeChatServer.with([
            .toolCall(arguments: #"{"reason":"x","summary":"y"}"#, content: "We are open 9 to 5.")
        ]) { server in
            let agent = Self.agent(baseURL: server.baseURL, handover: nil)
            let response = await Self.brain().respond(to: Self.request(agent))
            #expect(response == BrainResponse(reply: "We are open 9 to 5.", answered: true))

            let sent = try #require(await server.requests.first)
            let json = try sent.json()
            #expect(json["tools"] == nil)
            #expect(json["tool_choice"] == nil)
            let system = try #require(try sent.decoded().messages.first?.content)
            #expect(!system.contains(LLMBrain.handoverToolName))
        }
    }

    // MARK: The request

    @Test func requestCarriesModelKeyPromptToolAndHistoryInOrder() async throws {
        let history = [
            BrainTurn(author: .customer, text: "Hi, my bike arrived broken."),
            BrainTurn(author: .ai, text: "I'm sorry! Could you send a photo?"),
            BrainTurn(author: .customer, text: "Here it is."),
            BrainTurn(author: .operator, text: "Hello, this is Sam from ACME."),
            BrainTurn(author: .system, text: "Sam left the conversation."),
            BrainTurn(author: .customer, text: "I want my money back."),
        ]
        try await FakeChatServer.with([.completion(content: "Sure.")]) { server in
            _ = await Self.brain().respond(to: Self.request(Self.agent(baseURL: server.baseURL), history: history))

            let sent = try #require(await server.requests.first)
            #expect(sent.method == "POST")
            #expect(sent.path == "/v1/chat/completions")
            #expect(sent.authorization == "Bearer \(Self.apiKey)")
            #expect(sent.contentType == "application/json")

            let body = try sent.decoded()
            #expect(body.model == "qwen2.5:7b")
            #expect(body.temperature == 0.3)
            #expect(body.stream == false)
            #expect(body.toolChoice == "auto")

            let system = try #require(body.messages.first)
            #expect(system.role == .system)
            let prompt = try #require(system.content)
            #expect(prompt.contains("You are Ada, the support agent of ACME Bikes."))
            #expect(prompt.contains("When are you open?"))
            #expect(prompt.contains("Monday to Friday, 9:00 to 17:00."))
            #expect(prompt.contains(LLMBrain.handoverToolName))

            #expect(
                Array(body.messages.dropFirst()).map(\.role) == [.user, .assistant, .user, .assistant, .system, .user])
            #expect(
                Array(body.messages.dropFirst()).map(\.content) == [
                    "Hi, my bike arrived broken.", "I'm sorry! Could you send a photo?", "Here it is.",
                    "[Human operator] Hello, this is Sam from ACME.", "Sam left the conversation.",
                    "I want my money back.",
                ])

            let tools = try #require(body.tools)
            #expect(tools.count == 1)
            let function = try #require(tools.first?.function)
            #expect(tools.first?.type == "function")
            #expect(function.name == "handover_to_human")
            #expect(function.description.contains(Self.whenToUse))
            #expect(function.parameters.type == "object")
            #expect(Set(function.parameters.properties.keys) == ["reason", "summary"])
            #expect(function.parameters.properties["summary"]?.type == "string")
            #expect(function.parameters.properties["summary"]?.description.contains("what was tried") == true)
            #expect(Set(function.parameters.required) == ["reason", "summary"])

            // Exact wire names, not just what our own decoder accepts.
            let json = try sent.json()
            #expect(json["tool_choice"] as? String == "auto")
            let tool = try #require((json["tools"] as? [[String: Any]])?.first)
            let wireFunction = try #require(tool["function"] as? [String: Any])
            let parameters = try #require(wireFunction["parameters"] as? [String: Any])
            #expect(parameters["type"] as? String == "object")
            #expect((parameters["properties"] as? [String: Any])?["reason"] != nil)
        }
    }

    @Test func baseURLWithTrailingSlashAndNoKey() async throws {
        try await FakeChatServer.with([.completion(content: "Hello!")]) { server in
            let agent = Self.agent(baseURL: server.baseURL + "/", apiKey: nil)
            let response = await Self.brain().respond(to: Self.request(agent))
            #expect(response.answered)
            let sent = try #require(await server.requests.first)
            #expect(sent.path == "/v1/chat/completions")
            #expect(sent.authorization == nil)
        }
    }

    @Test func consecutiveTurnsOfOneSideAreJoined() {
        let agent = Self.agent(baseURL: "http://127.0.0.1:1/v1")
        let messages = LLMBrain.messages(
            for: agent,
            history: [
                BrainTurn(author: .customer, text: "Hello"),
                BrainTurn(author: .customer, text: "Anyone there?"),
                BrainTurn(author: .ai, text: " "),
                BrainTurn(author: .ai, text: "Yes, how can I help?"),
            ])
        #expect(messages.map(\.role) == [.system, .user, .assistant])
        #expect(messages.dropFirst().map(\.content) == ["Hello\n\nAnyone there?", "Yes, how can I help?"])
    }

    // MARK: Failures and retries

    @Test func serverErrorThenSuccessIsRetried() async throws {
        try await FakeChatServer.with([
            .error(status: 500, message: "model is loading"), .completion(content: "We are open 9 to 5."),
        ]) { server in
            let response = await Self.brain().respond(to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(response == BrainResponse(reply: "We are open 9 to 5.", answered: true))
            #expect(await server.requests.count == 2)
        }
    }

    @Test(arguments: [400, 401, 403, 404, 422])
    func clientErrorsAreNotRetried(status: Int) async throws {
        let logs = LogRecorder()
        try await FakeChatServer.with([
            .error(status: status, message: "Incorrect API key provided", type: "invalid_request_error"),
            .completion(content: "should never be fetched"),
        ]) { server in
            let response = await Self.brain(logs: logs).respond(to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(response == Self.fallback)
            #expect(await server.requests.count == 1)
            let failure = try #require(logs.entries.first { $0.level == .error })
            #expect(failure.text.contains("\(status)"))
            #expect(failure.text.contains("Incorrect API key provided"))
            #expect(!logs.entries.contains { $0.text.contains(Self.apiKey) })
        }
    }

    @Test(arguments: [1, 3])
    func persistentServerErrorsStopAfterMaxAttempts(maxAttempts: Int) async throws {
        let logs = LogRecorder()
        try await FakeChatServer.with([.error(status: 503, message: "overloaded")]) { server in
            let response = await Self.brain(maxAttempts: maxAttempts, logs: logs).respond(
                to: Self.request(Self.agent(baseURL: server.baseURL)))
            #expect(response == Self.fallback)
            #expect(await server.requests.count == maxAttempts)
            #expect(logs.entries.filter { $0.level == .error }.count == 1)
            #expect(logs.entries.contains { $0.level == .error && $0.text.contains("overloaded") })
        }
    }

    @Test func rateLimitHonoursRetryAfter() async throws {
        try await FakeChatServer.with([
            .error(status: 429, message: "slow down", type: "rate_limit_error", headers: ["Retry-After": "1"]),
            .completion(content: "We are open 9 to 5."),
        ]) { server in
            let clock = ContinuousClock()
            let started = clock.now
            let response = await Self.brain().respond(to: Self.request(Self.agent(baseURL: server.baseURL)))
            let elapsed = clock.now - started
            #expect(response == BrainResponse(reply: "We are open 9 to 5.", answered: true))
            #expect(await server.requests.count == 2)
            #expect(elapsed >= .milliseconds(900), "waited \(elapsed), not the server's Retry-After")
        }
    }

    @Test func retryAfterIsReadInSecondsAndCapped() {
        #expect(LLMBrain.retryAfter("2") == .seconds(2))
        #expect(LLMBrain.retryAfter("0.5") == .milliseconds(500))
        #expect(LLMBrain.retryAfter("3600") == LLMBrain.maxRetryAfter)
        #expect(LLMBrain.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(LLMBrain.retryAfter(nil) == nil)
    }

    @Test func slowServerTimesOutAndFallsBackInBoundedTime() async throws {
        var slow = FakeChatResponse.completion(content: "too late")
        slow.delay = .seconds(10)
        try await FakeChatServer.with([slow]) { server in
            let clock = ContinuousClock()
            let started = clock.now
            let response = await Self.brain(timeout: .milliseconds(300), maxAttempts: 2).respond(
                to: Self.request(Self.agent(baseURL: server.baseURL)))
            let elapsed = clock.now - started
            #expect(response == Self.fallback)
            // Without the timeout one answer alone takes 10 s; the margin is for a loaded CI machine.
            #expect(elapsed < .seconds(9), "took \(elapsed)")
            #expect(await server.requests.count == 2)
        }
    }

    @Test func unreachableServerFallsBack() async {
        let logs = LogRecorder()
        let agent = Self.agent(baseURL: "http://127.0.0.1:1/v1")
        let response = await Self.brain(timeout: .milliseconds(500), maxAttempts: 2, logs: logs).respond(
            to: Self.request(agent))
        #expect(response == Self.fallback)
        #expect(logs.entries.contains { $0.level == .warning && $0.text.contains("retrying") })
        #expect(logs.entries.contains { $0.level == .error })
    }

    @Test func builtinAgentGetsTheFallback() async {
        var agent = Self.agent(baseURL: "http://127.0.0.1:1/v1")
        agent.brain = .builtin
        let response = await Self.brain().respond(to: Self.request(agent))
        #expect(response == Self.fallback)
    }

    // MARK: Handoff summary

    @Test func summarizeAsksForANoteOnTheConversation() async throws {
        try await FakeChatServer.with([.completion(content: " Wants a refund for order 4821; the FAQ did not help. ")])
        { server in
            let history = [
                BrainTurn(author: .customer, text: "I want a refund for order 4821."),
                BrainTurn(author: .ai, text: "Refunds take 5 days."),
            ]
            let summary = await Self.brain().summarize(history: history, agent: Self.agent(baseURL: server.baseURL))
            #expect(summary == "Wants a refund for order 4821; the FAQ did not help.")

            let body = try #require(try await server.requests.first?.decoded())
            #expect(body.tools == nil)
            #expect(body.messages.first?.role == .system)
            let transcript = try #require(body.messages.last?.content)
            #expect(transcript.contains("Customer: I want a refund for order 4821."))
            #expect(transcript.contains("AI agent: Refunds take 5 days."))
        }
    }

    @Test func summarizeReturnsNilWhenTheEndpointFails() async throws {
        try await FakeChatServer.with([.error(status: 500, message: "boom")]) { server in
            let summary = await Self.brain(maxAttempts: 2).summarize(
                history: [BrainTurn(author: .customer, text: "Help")], agent: Self.agent(baseURL: server.baseURL))
            #expect(summary == nil)
            #expect(await server.requests.count == 2)
        }
    }

    // MARK: Wire types

    @Test func toolCallArgumentsSentAsAnObjectAreReadAsJSONText() throws {
        let body = #"""
            {"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":null,
             "tool_calls":[{"function":{"name":"handover_to_human","arguments":{"reason":"asked","summary":"s"}}}]}}]}
            """#
        let response = try JSONDecoder().decode(ChatCompletionResponse.self, from: Data(body.utf8))
        let arguments = try #require(response.choices.first?.message.toolCalls?.first?.function.arguments)
        #expect(HandoverArguments(json: arguments) == HandoverArguments(json: #"{"reason":"asked","summary":"s"}"#))
        #expect(HandoverArguments(json: arguments)?.reason == "asked")
    }

    @Test func errorBodiesWithNumericCodesDecode() throws {
        let body = #"{"error":{"message":"model not found","type":"NotFoundError","param":null,"code":404}}"#
        let envelope = try JSONDecoder().decode(ChatErrorEnvelope.self, from: Data(body.utf8))
        #expect(envelope.error == ChatErrorDetail(message: "model not found", type: "NotFoundError", code: "404"))
    }
}

/// Collects log entries so tests can check what was (and was not) logged.
final class LogRecorder: @unchecked Sendable {
    // @unchecked: `recorded` is only read or written while holding `lock`.
    private let lock = NSLock()
    private var recorded: [Entry] = []

    struct Entry: Sendable {
        var level: Logger.Level
        /// The message followed by its metadata.
        var text: String
    }

    var entries: [Entry] { lock.withLock { recorded } }

    func append(_ entry: Entry) { lock.withLock { recorded.append(entry) } }

    var logger: Logger { Logger(label: "test.llm") { _ in RecordingLogHandler(recorder: self) } }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        recorder.append(LogRecorder.Entry(level: event.level, text: "\(event.message) \(details)"))
    }
}
