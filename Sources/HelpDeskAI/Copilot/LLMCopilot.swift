import AsyncHTTPClient
import Foundation
import HelpDeskCore
import Logging
import Synchronization

/// Who is asking the copilot and when: what the system prompt tells the model.
public struct CopilotContext: Sendable, Equatable {
    public var teamName: String
    public var callerName: String
    /// Owners and managers see every ticket; operators only those assigned to them.
    public var seesWholeInbox: Bool
    public var today: CalendarDay
    /// The local time of day, `HH:mm`.
    public var time: String
    /// The team's IANA time zone.
    public var timeZone: String
    /// The team's members' display names and AI agents' names, so the model can
    /// fill `assignee` and `agent` with names that exist.
    public var members: [String]
    public var agents: [String]

    public init(
        teamName: String, callerName: String, seesWholeInbox: Bool, today: CalendarDay, time: String,
        timeZone: String, members: [String], agents: [String]
    ) {
        self.teamName = teamName
        self.callerName = callerName
        self.seesWholeInbox = seesWholeInbox
        self.today = today
        self.time = time
        self.timeZone = timeZone
        self.members = members
        self.agents = agents
    }
}

/// The model's answer: its text, and the tickets its tool calls returned
/// (each once, in the order first returned, at most `CopilotTools.maxRows`).
public struct CopilotModelAnswer: Sendable {
    public var text: String
    public var tickets: [Ticket]
}

/// Why the model gave no answer; the copilot then answers with the built-in interpreter.
public struct CopilotModelFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The copilot's LLM mode: the question goes to an OpenAI-compatible model with
/// the tools `list_tickets`, `count_tickets` and `get_ticket`; the help desk
/// runs each call (with the caller's visibility) and sends the results back,
/// for at most `maxRounds` requests, until the model answers in words.
///
/// The calls go through the agents' client (`LLMBrain`): the same outbound
/// policy, redirect refusal, size cap and retries. The whole exchange is
/// bounded by one timeout, since a person is waiting on the answer.
public struct LLMCopilot: Sendable {
    /// Model requests per question: enough to look something up, narrow it and
    /// answer; a model still calling tools after that is not converging.
    public static let maxRounds = 4
    /// Tool calls run per request; more in one message are answered with an
    /// error, so one answer cannot make the database do unbounded work.
    public static let maxCallsPerRound = 8

    let httpClient: HTTPClient
    let outbound: OutboundPolicy
    let maxAttempts: Int
    let retryDelay: Duration
    let logger: Logger

    /// - Parameters:
    ///   - outbound: which resolved addresses the base URL may reach; public ones only by default.
    ///   - maxAttempts: attempts per request, counting the first, within the one timeout.
    public init(
        httpClient: HTTPClient = LLMBrain.noRedirects, outbound: OutboundPolicy = OutboundPolicy(),
        maxAttempts: Int = 2, retryDelay: Duration = .milliseconds(300),
        logger: Logger = Logger(label: "helpdesk.copilot")
    ) {
        self.httpClient = httpClient
        self.outbound = outbound
        self.maxAttempts = maxAttempts
        self.retryDelay = retryDelay
        self.logger = logger
    }

    /// Asks the model and runs its tool calls with `run`.
    ///
    /// - Parameters:
    ///   - timeout: the longest the whole exchange may take, every round and retry included.
    ///   - subject: who asked, for log lines (a team id; never the key).
    ///   - run: runs one tool call with the caller's visibility; its errors (the
    ///     database failing) are thrown as they are.
    /// - Throws: `CopilotModelFailure` when the model gives no answer: an HTTP
    ///   error, the timeout, a body that is not a completion, an empty answer or
    ///   tool calls after the last round.
    public func answer(
        question: String, context: CopilotContext, endpoint: ChatEndpoint, timeout: Duration,
        subject: Logger.Metadata = [:],
        run: @escaping @Sendable (CopilotToolCall) async throws -> CopilotToolOutcome
    ) async throws -> CopilotModelAnswer {
        let client = LLMBrain(
            httpClient: httpClient, outbound: outbound, timeout: timeout, maxAttempts: maxAttempts,
            retryDelay: retryDelay, logger: logger)
        let messages: [ChatMessage] = [.system(Self.systemPrompt(context)), .user(question)]
        do {
            return try await Self.withDeadline(timeout) {
                try await Self.converse(
                    client: client, endpoint: endpoint, messages: messages, subject: subject, run: run)
            }
        } catch let failure as CopilotModelFailure {
            var metadata = subject
            metadata["llm.error"] = "\(failure)"
            metadata["llm.url"] = "\(LLMBrain.redacted(LLMBrain.completionsURL(base: endpoint.baseURL)))"
            metadata["llm.model"] = "\(endpoint.model)"
            logger.error("copilot model gave no answer; the built-in interpreter answers", metadata: metadata)
            throw failure
        }
    }

    /// The operation's result, or `CopilotModelFailure` once `timeout` has passed, whichever
    /// comes first. Unlike a task group, it does not wait for a cancelled operation to wind
    /// down: a part that ignores cancellation (a host name being resolved, a store read) would
    /// otherwise hold the person waiting past the timeout they configured. The operation is
    /// cancelled and finishes in the background; it only reads.
    static func withDeadline<T: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let race = FirstResult<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let work = Task {
                    do { race.finish(.success(try await operation())) } catch { race.finish(.failure(error)) }
                }
                let timer = Task {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    race.finish(.failure(CopilotModelFailure(description: "no answer within \(timeout)")))
                }
                race.start(continuation, racing: [work, timer])
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// The tool loop: request, run the calls, send the results, until text or the last round.
    static func converse(
        client: LLMBrain, endpoint: ChatEndpoint, messages start: [ChatMessage], subject: Logger.Metadata,
        run: @Sendable (CopilotToolCall) async throws -> CopilotToolOutcome
    ) async throws -> CopilotModelAnswer {
        var messages = start
        var tickets: [Ticket] = []
        for round in 1...maxRounds {
            let reply: ChatMessage
            switch await client.complete(
                endpoint: endpoint, purpose: "copilot", subject: subject, messages: messages,
                tools: CopilotTools.definitions)
            {
            case .success(let message): reply = message
            case .failure(let failure): throw CopilotModelFailure(description: failure.description)
            }
            guard var calls = reply.toolCalls, !calls.isEmpty else {
                let text = reply.content?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                guard !text.isEmpty else {
                    throw CopilotModelFailure(description: "the model answered with neither text nor a tool call")
                }
                return CopilotModelAnswer(text: text, tickets: tickets)
            }
            guard round < maxRounds else { break }
            // Every result must name its call: a server that sent a call without an id gets one made up,
            // in the assistant message as well, so the two match when it is sent back.
            for index in calls.indices where (calls[index].id ?? "").isEmpty {
                calls[index].id = "call_\(round)_\(index + 1)"
            }
            var assistant = reply
            assistant.role = .assistant
            assistant.toolCalls = calls
            messages.append(assistant)
            for (index, call) in calls.enumerated() {
                let result: CopilotToolResult
                if index >= maxCallsPerRound {
                    result = .error("too many tool calls at once; make at most \(maxCallsPerRound)")
                } else {
                    switch CopilotTools.read(call.function) {
                    case .failure(let refusal):
                        result = .error(refusal.message)
                    case .success(let toolCall):
                        let outcome = try await run(toolCall)
                        result = outcome.result
                        for ticket in outcome.tickets
                        where tickets.count < CopilotTools.maxRows && !tickets.contains(where: { $0.id == ticket.id }) {
                            tickets.append(ticket)
                        }
                    }
                }
                messages.append(ChatMessage(role: .tool, content: result.json, toolCallID: call.id))
            }
        }
        throw CopilotModelFailure(description: "the model still called tools after \(maxRounds) requests")
    }

    /// The system prompt: the role, who asks, today in the team's zone, that the
    /// copilot only reads, and that every fact about tickets comes from a tool.
    static func systemPrompt(_ context: CopilotContext) -> String {
        let scope =
            context.seesWholeInbox
            ? "\(context.callerName) sees every ticket of the team."
            : "\(context.callerName) is an operator and sees only the tickets assigned to them; the tools return "
                + "nothing else, so never guess at other tickets."
        var lines = [
            "You are the copilot of the help desk of \(context.teamName): you answer \(context.callerName)'s "
                + "questions about the team's support tickets.",
            "Today is \(context.today) (\(Self.weekday(context.today))), the time is \(context.time), "
                + "time zone \(context.timeZone). Read \"today\", \"this week\", \"in November\" and the like in "
                + "that zone, and give the tools days as YYYY-MM-DD.",
            scope,
            "You only read: you cannot reply to customers, assign, resolve, close, delete or change tickets. "
                + "When asked to, say so and point to the inbox.",
            "Always use the tools (list_tickets, count_tickets, get_ticket) for every fact about tickets; never "
                + "invent tickets, numbers or counts. A ticket the tools do not return does not exist for you.",
            "Answer in one or two short sentences, in the language of the question. The tickets the tools "
                + "returned are shown beside your answer, so do not list them all again.",
        ]
        if !context.members.isEmpty {
            lines.append("Team members: \(context.members.joined(separator: ", ")).")
        }
        if !context.agents.isEmpty {
            lines.append("AI agents: \(context.agents.joined(separator: ", ")).")
        }
        return lines.joined(separator: "\n")
    }

    static func weekday(_ day: CalendarDay) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.weekday]
    }
}

/// The first of several racing results, handed to one waiting continuation; the
/// racers are cancelled once it is known. A result may come before the
/// continuation is registered (a racer that fails at once, a caller already
/// cancelled): it is kept and handed over on registration.
final class FirstResult<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var result: Result<T, any Error>?
        var racers: [Task<Void, Never>] = []
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<T, any Error>, racing racers: [Task<Void, Never>]) {
        let early = state.withLock { state -> Result<T, any Error>? in
            if let result = state.result { return result }
            state.continuation = continuation
            state.racers = racers
            return nil
        }
        if let early {
            continuation.resume(with: early)
            for racer in racers { racer.cancel() }
        }
    }

    func finish(_ result: Result<T, any Error>) {
        let (continuation, racers) = state.withLock {
            state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>]) in
            guard state.result == nil else { return (nil, []) }
            state.result = result
            defer {
                state.continuation = nil
                state.racers = []
            }
            return (state.continuation, state.racers)
        }
        continuation?.resume(with: result)
        for racer in racers { racer.cancel() }
    }
}
