import Foundation
import HelpDeskCore
import Logging
import Synchronization
import Testing

@testable import HelpDeskAI

/// The copilot's tool loop against a scripted OpenAI-compatible endpoint, with
/// a stand-in for the help desk's tool runner.
@Suite struct LLMCopilotTests {
    static let apiKey = "sk-copilot-loop-secret"
    static let context = CopilotContext(
        teamName: "Acme", callerName: "Riley Quinn", seesWholeInbox: false,
        today: CalendarDay(year: 2026, month: 11, day: 26), time: "14:05", timeZone: "Europe/Berlin",
        members: ["Riley Quinn", "Sam Lee"], agents: ["Shop Assistant"])

    static func copilot(logs: LogRecorder = LogRecorder()) -> LLMCopilot {
        LLMCopilot(outbound: LLMBrainTests.localDoubles, retryDelay: .milliseconds(10), logger: logs.logger)
    }

    static func ticket(_ number: Int) -> Ticket {
        Ticket(
            id: Int64(number), teamID: "tm", number: number, conversationID: "cv\(number)", status: .open,
            priority: .normal, subject: "Ticket \(number)", requester: Requester(name: "Ana"), assignee: nil,
            agent: nil, channel: .web, createdAt: Timestamp(microseconds: 0),
            lastActivityAt: Timestamp(microseconds: 0),
            resolvedAt: nil)
    }

    /// Records the calls it is given and answers each list with the tickets numbered in `rows`.
    final class Runner: Sendable {
        let calls = Mutex<[CopilotToolCall]>([])
        let rows: [Int]
        init(rows: [Int] = []) { self.rows = rows }

        func run(_ call: CopilotToolCall) -> CopilotToolOutcome {
            calls.withLock { $0.append(call) }
            let tickets = rows.map(LLMCopilotTests.ticket)
            return CopilotToolOutcome(result: .tickets(tickets, limit: 25), tickets: tickets)
        }
    }

    func answer(
        _ server: FakeChatServer, runner: Runner, timeout: Duration = .seconds(10), logs: LogRecorder = LogRecorder()
    ) async throws -> CopilotModelAnswer {
        try await Self.copilot(logs: logs).answer(
            question: "what is open?", context: Self.context,
            endpoint: ChatEndpoint(baseURL: server.baseURL, model: "qwen2.5:7b", apiKey: Self.apiKey),
            timeout: timeout, subject: ["team.id": "tm"]
        ) { call in runner.run(call) }
    }

    @Test func toolResultsGoBackUntilTheModelAnswersInWords() async throws {
        try await FakeChatServer.with([
            .toolCall(name: "list_tickets", arguments: #"{"status":"open"}"#),
            .completion(content: "  Two open tickets.  "),
        ]) { server in
            let runner = Runner(rows: [10001, 10002])
            let answer = try await answer(server, runner: runner)
            #expect(answer.text == "Two open tickets.")
            #expect(answer.tickets.map(\.number) == [10001, 10002])
            #expect(
                runner.calls.withLock { $0 } == [.listTickets(CopilotQuery(intent: .list, status: .open), limit: 25)])

            let requests = try await server.requests.map { try $0.decoded() }
            #expect(requests.count == 2)
            #expect(requests[0].tools == CopilotTools.definitions)
            #expect(requests[0].toolChoice == "auto")
            let second = requests[1].messages
            #expect(second.map(\.role) == [.system, .user, .assistant, .tool])
            #expect(second[2].toolCalls?.first?.id == "call_abc123")
            #expect(second[3].toolCallID == "call_abc123")
            #expect(
                second[3].content
                    == CopilotToolResult.tickets([Self.ticket(10001), Self.ticket(10002)], limit: 25).json)
        }
    }

    @Test func theSystemPromptStatesTheRoleTheDayTheZoneAndTheRules() {
        let prompt = LLMCopilot.systemPrompt(Self.context)
        #expect(prompt.contains("copilot of the help desk of Acme"))
        #expect(prompt.contains("Today is 2026-11-26 (Thursday), the time is 14:05, time zone Europe/Berlin."))
        #expect(prompt.contains("Riley Quinn is an operator and sees only the tickets assigned to them"))
        #expect(prompt.contains("You only read"))
        #expect(prompt.contains("Always use the tools (list_tickets, count_tickets, get_ticket)"))
        #expect(prompt.contains("Team members: Riley Quinn, Sam Lee."))
        #expect(prompt.contains("AI agents: Shop Assistant."))
        var owner = Self.context
        owner.seesWholeInbox = true
        #expect(LLMCopilot.systemPrompt(owner).contains("Riley Quinn sees every ticket of the team."))
    }

    @Test func callsWithoutIdsGetOnesThatMatchTheirResults() async throws {
        try await FakeChatServer.with([
            .completion(
                content: nil,
                toolCalls: [
                    ChatToolCall(id: nil, function: ChatFunctionCall(name: "count_tickets", arguments: "{}")),
                    ChatToolCall(id: "", function: ChatFunctionCall(name: "get_ticket", arguments: #"{"number":7}"#)),
                ]),
            .completion(content: "Done."),
        ]) { server in
            _ = try await answer(server, runner: Runner())
            let messages = try await server.requests[1].decoded().messages
            #expect(messages[2].toolCalls?.map(\.id) == ["call_1_1", "call_1_2"])
            #expect(messages.suffix(2).map(\.toolCallID) == ["call_1_1", "call_1_2"])
        }
    }

    @Test func rowsAreListedOnceAndAtMostTwentyFive() async throws {
        try await FakeChatServer.with([
            .toolCall(name: "list_tickets", arguments: "{}"),
            .toolCall(name: "list_tickets", arguments: #"{"status":"open"}"#),
            .completion(content: "Many."),
        ]) { server in
            let answer = try await answer(server, runner: Runner(rows: Array(10001...10020)))
            #expect(answer.tickets.map(\.number) == Array(10001...10020), "the second call returned the same rows")
        }
        try await FakeChatServer.with([
            .completion(
                content: nil,
                toolCalls: (1...2).map {
                    ChatToolCall(id: "c\($0)", function: ChatFunctionCall(name: "list_tickets", arguments: "{}"))
                }),
            .completion(content: "Many."),
        ]) { server in
            final class Growing: Sendable {
                let round = Mutex(0)
            }
            let growing = Growing()
            let copilot = Self.copilot()
            let answer = try await copilot.answer(
                question: "all", context: Self.context,
                endpoint: ChatEndpoint(baseURL: server.baseURL, model: "m", apiKey: nil), timeout: .seconds(10)
            ) { _ in
                let start = growing.round.withLock { value in
                    defer { value += 1 }
                    return 10001 + value * 20
                }
                let tickets = (start..<start + 20).map(Self.ticket)
                return CopilotToolOutcome(result: .tickets(tickets, limit: 25), tickets: tickets)
            }
            #expect(answer.tickets.map(\.number) == Array(10001...10025))
        }
    }

    @Test func tooManyCallsAtOnceAreAnsweredWithAnError() async throws {
        let calls = (1...10).map {
            ChatToolCall(id: "c\($0)", function: ChatFunctionCall(name: "count_tickets", arguments: "{}"))
        }
        try await FakeChatServer.with([.completion(content: nil, toolCalls: calls), .completion(content: "Ok.")]) {
            server in
            let runner = Runner()
            _ = try await answer(server, runner: runner)
            #expect(runner.calls.withLock { $0.count } == LLMCopilot.maxCallsPerRound)
            let results = try await server.requests[1].decoded().messages.filter { $0.role == .tool }
            #expect(results.count == 10)
            #expect(results.last?.content == #"{"error":"too many tool calls at once; make at most 8"}"#)
        }
    }

    @Test func failuresThrowAndAreLoggedWithoutTheKey() async throws {
        let logs = LogRecorder()
        try await FakeChatServer.with([.error(status: 503, message: "overloaded")]) { server in
            await #expect(throws: CopilotModelFailure.self) {
                try await answer(server, runner: Runner(), logs: logs)
            }
            #expect(await server.requests.count == 2, "one retry")
        }
        try await FakeChatServer.with([.toolCall(name: "count_tickets", arguments: "{}")]) { server in
            await #expect(throws: CopilotModelFailure.self) {
                try await answer(server, runner: Runner(), logs: logs)
            }
            #expect(await server.requests.count == LLMCopilot.maxRounds)
        }
        let lines = logs.entries.map(\.text)
        #expect(lines.contains { $0.contains("copilot model gave no answer") && $0.contains("HTTP 503: overloaded") })
        #expect(lines.contains { $0.contains("still called tools after 4 requests") && $0.contains("team.id=tm") })
        #expect(!lines.contains { $0.contains(Self.apiKey) })
    }

    @Test func theTimeoutBoundsTheWholeExchange() async throws {
        var slow = FakeChatResponse.completion(content: "late")
        slow.delay = .seconds(30)
        try await FakeChatServer.with([slow]) { server in
            let started = ContinuousClock.now
            await #expect(throws: CopilotModelFailure.self) {
                try await answer(server, runner: Runner(), timeout: .milliseconds(300))
            }
            #expect(ContinuousClock.now - started < .seconds(15), "far below the model's 30 s")
        }
    }

    @Test func theDeadlineDoesNotWaitForWorkThatIgnoresCancellation() async throws {
        let started = ContinuousClock.now
        await #expect(throws: CopilotModelFailure.self) {
            try await LLMCopilot.withDeadline(.milliseconds(100)) { () async throws -> Int in
                // Like a blocking name lookup: cancellation does not reach it.
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().asyncAfter(deadline: .now() + 30) { continuation.resume() }
                }
                return 1
            }
        }
        // Far below the 30 s the work takes; generous, since parallel tests can starve the timer.
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(try await LLMCopilot.withDeadline(.seconds(5)) { 42 } == 42)
        await #expect(throws: CancellationError.self) {
            let task = Task {
                try await LLMCopilot.withDeadline(.seconds(5)) { try await Task.sleep(for: .seconds(5)) }
            }
            task.cancel()
            try await task.value
        }
    }
}
