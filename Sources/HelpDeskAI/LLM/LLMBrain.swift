import AsyncHTTPClient
import Foundation
import HelpDeskCore
import Logging
import NIOCore

/// An agent brain backed by any OpenAI-compatible chat-completions endpoint
/// (OpenAI, Ollama, llama.cpp server, vLLM), configured per agent by
/// `BrainChoice.llm(baseURL:model:apiKey:)` .
///
/// The Support Handover action becomes one tool, `handover_to_human`, whose
/// description carries the agent's "when to use" text; a call to it escalates the
/// conversation. Like every brain it never throws: when the endpoint
/// fails after its retries it logs why and answers with a polite fallback.
///
/// How the conversation is shown to the model:
/// - customer turns are `user` messages, the AI's own turns `assistant` messages;
/// - an operator's turn is an `assistant` message prefixed with `[Human operator]`:
///   the operator speaks for the support side, so it belongs on the assistant side
///   of the dialogue (as a `user` message the model would answer the operator as if
///   they were the customer), and the prefix keeps the model from taking those
///   words, or promises made in them, as its own;
/// - system turns (notes such as "ticket created") are `system` messages;
/// - consecutive `user` (or `assistant`) turns are joined into one message, since
///   several chat templates (Mistral's, Gemma's) reject two in a row.
public struct LLMBrain: Brain {
    /// The name of the handover tool offered to the model.
    public static let handoverToolName = "handover_to_human"
    /// What the customer reads when the endpoint cannot be reached or gives no answer.
    public static let fallbackReply =
        "Sorry, I'm having trouble answering right now. You can ask for a person at any time."
    /// The escalation reason when the model called the handover tool without a readable one.
    public static let genericHandoverReason = "the agent decided to hand over"
    /// Longest `Retry-After` honoured; a server asking for more gets the customer the fallback sooner.
    static let maxRetryAfter: Duration = .seconds(5)
    /// Longest pause between attempts when the server gives no `Retry-After`.
    static let maxBackoff: Duration = .seconds(5)
    /// Larger answers are not a chat reply; they are refused rather than buffered.
    static let maxResponseBytes = 4 * 1024 * 1024
    static let temperature = 0.3

    /// The process's client for model endpoints: it never follows a redirect. It
    /// lives as long as the process, like `HTTPClient.shared`.
    public static let noRedirects = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    let httpClient: HTTPClient
    let outbound: OutboundPolicy
    let timeout: Duration
    let maxAttempts: Int
    let retryDelay: Duration
    let logger: Logger

    /// - Parameters:
    ///   - timeout: the longest one attempt may take, from sending the request to
    ///     reading the whole answer.
    ///   - maxAttempts: attempts in total, counting the first (at least 1).
    ///   - retryDelay: the pause before the first retry; it doubles on each further retry.
    ///   - outbound: which resolved addresses the base URL may reach; public ones only by default.
    ///   - httpClient: a client that does not follow redirects (a redirect could lead
    ///     past the outbound check).
    public init(
        httpClient: HTTPClient = LLMBrain.noRedirects, outbound: OutboundPolicy = OutboundPolicy(),
        timeout: Duration = .seconds(20), maxAttempts: Int = 3, retryDelay: Duration = .milliseconds(300),
        logger: Logger = Logger(label: "helpdesk.llm")
    ) {
        self.httpClient = httpClient
        self.outbound = outbound
        self.timeout = timeout
        self.maxAttempts = max(1, maxAttempts)
        self.retryDelay = retryDelay
        self.logger = logger
    }

    /// Answers the customer's newest message, or hands the conversation over when
    /// the model calls the handover tool.
    public func respond(to request: BrainRequest) async -> BrainResponse {
        let agent = request.agent
        let tools = Self.tools(for: agent)
        let outcome = await complete(
            agent: agent, purpose: "reply",
            messages: Self.messages(for: agent, history: request.history),
            tools: tools)
        let failure: LLMFailure
        switch outcome {
        case .success(let message):
            if let response = interpret(message, offeredTools: tools, agent: agent) {
                return response
            }
            failure = .emptyAnswer
        case .failure(let error):
            failure = error
        }
        log(failure, purpose: "reply", agent: agent)
        return BrainResponse(reply: Self.fallbackReply, answered: false)
    }

    /// A one-or-two sentence note for the operator taking over: what the customer
    /// wants and what was already tried. Used when the escalation did not come from
    /// the model itself (the human button, or the customer asking in words).
    /// nil when the endpoint fails or the agent has no LLM.
    public func summarize(history: [BrainTurn], agent: Agent) async -> String? {
        let outcome = await complete(
            agent: agent, purpose: "summary", messages: Self.summaryMessages(for: agent, history: history),
            tools: nil)
        switch outcome {
        case .success(let message):
            if let note = message.content?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty {
                return note
            }
            log(.emptyAnswer, purpose: "summary", agent: agent)
        case .failure(let failure):
            log(failure, purpose: "summary", agent: agent)
        }
        return nil
    }
}

// MARK: - What the model is told

extension LLMBrain {
    /// The system prompt: the agent's instructions, its FAQ as reference, and
    /// whether a person can be brought in.
    static func systemPrompt(for agent: Agent) -> String {
        var sections: [String] = []
        let instructions = agent.instructions.trimmingCharacters(in: .whitespacesAndNewlines)
        sections.append(instructions.isEmpty ? "You are a helpful customer support agent." : instructions)
        if !agent.faq.isEmpty {
            let entries = agent.faq.map { "Q: \($0.question)\nA: \($0.answer)" }
            sections.append(
                "Reference answers from the knowledge base. Use them when they fit; do not invent facts they do not contain.\n\n"
                    + entries.joined(separator: "\n\n"))
        }
        if agent.supportHandover != nil {
            sections.append(
                "A human handover tool, \(handoverToolName), is available: call it as its description says and a person "
                    + "from the team will take over the conversation. Do not promise a person without calling it.")
        } else {
            sections.append("No person can be brought into this chat: do not promise one.")
        }
        return sections.joined(separator: "\n\n")
    }

    /// The system prompt followed by the conversation, oldest first.
    static func messages(for agent: Agent, history: [BrainTurn]) -> [ChatMessage] {
        var messages: [ChatMessage] = [.system(systemPrompt(for: agent))]
        for turn in history {
            let text = turn.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            let message: ChatMessage
            switch turn.author {
            case .customer: message = .user(text)
            case .ai: message = .assistant(text)
            case .operator: message = .assistant("[Human operator] \(text)")
            case .system: message = .system(text)
            }
            if let last = messages.last, messages.count > 1, last.role == message.role,
                message.role == .user || message.role == .assistant
            {
                messages[messages.count - 1].content = (last.content ?? "") + "\n\n" + (message.content ?? "")
            } else {
                messages.append(message)
            }
        }
        return messages
    }

    /// The handover tool when the agent has the Support Handover action, else none.
    static func tools(for agent: Agent) -> [ChatTool]? {
        guard let handover = agent.supportHandover else { return nil }
        let whenToUse = handover.whenToUse.trimmingCharacters(in: .whitespacesAndNewlines)
        var description = "Hand the conversation over to a person from the support team, who will take it over."
        if !whenToUse.isEmpty { description += " Use it when: \(whenToUse)" }
        return [
            ChatTool(
                function: ChatFunction(
                    name: handoverToolName, description: description,
                    parameters: ChatFunctionParameters(
                        properties: [
                            "reason": ChatFunctionProperty(
                                description: "Why the conversation needs a person, in a few words."),
                            "summary": ChatFunctionProperty(
                                description:
                                    "One or two sentences for the operator: what the customer wants and what was tried."
                            ),
                        ],
                        required: ["reason", "summary"])))
        ]
    }

    /// A request for a handoff note: the conversation as a transcript in one user
    /// message, so the model writes about it instead of continuing it.
    static func summaryMessages(for agent: Agent, history: [BrainTurn]) -> [ChatMessage] {
        let transcript = history.compactMap { turn -> String? in
            let text = turn.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return nil }
            let speaker: String
            switch turn.author {
            case .customer: speaker = "Customer"
            case .ai: speaker = "AI agent"
            case .operator: speaker = "Operator"
            case .system: speaker = "Note"
            }
            return "\(speaker): \(text)"
        }
        return [
            .system(
                "You write handoff notes for a customer support team. Read the conversation between a customer and "
                    + "the AI agent \"\(agent.name)\" and write one or two sentences for the person taking over: what "
                    + "the customer wants and what was already tried. Reply with the note only."),
            .user(transcript.joined(separator: "\n")),
        ]
    }
}

// MARK: - What the model answered

extension LLMBrain {
    /// The brain's response to the model's message; nil when it said nothing usable.
    /// Tool calls are read from `message.toolCalls`, whatever `finish_reason` says.
    func interpret(_ message: ChatMessage, offeredTools: [ChatTool]?, agent: Agent) -> BrainResponse? {
        let reply = message.content?.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = (reply?.isEmpty ?? true) ? nil : reply
        let offered = Set((offeredTools ?? []).map(\.function.name))
        for call in message.toolCalls ?? [] {
            guard offered.contains(call.function.name), call.function.name == Self.handoverToolName else {
                logger.notice(
                    "LLM called a tool it was not offered; ignored",
                    metadata: ["llm.tool": "\(call.function.name)", "agent.id": "\(agent.id)"])
                continue
            }
            let arguments = HandoverArguments(json: call.function.arguments)
            if arguments == nil {
                logger.warning(
                    "LLM called \(Self.handoverToolName) with arguments that are not a JSON object; handing over anyway",
                    metadata: [
                        "llm.arguments": "\(call.function.arguments.prefix(500))", "agent.id": "\(agent.id)",
                    ])
            }
            return BrainResponse(
                reply: text, answered: true,
                escalation: .agentDecided(reason: arguments?.reason ?? Self.genericHandoverReason),
                summary: arguments?.summary)
        }
        guard let text else { return nil }
        return BrainResponse(reply: text, answered: true)
    }
}

/// The arguments of a `handover_to_human` call, read leniently: missing,
/// empty or non-string fields are nil.
struct HandoverArguments: Equatable {
    var reason: String?
    var summary: String?

    /// nil when `json` is not a JSON object (nor a string holding one, as some
    /// models double-encode).
    init?(json: String) {
        guard var object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        else { return nil }
        if let inner = object as? String,
            let decoded = try? JSONSerialization.jsonObject(with: Data(inner.utf8), options: [])
        {
            object = decoded
        }
        guard let fields = object as? [String: Any] else { return nil }
        func text(_ key: String) -> String? {
            guard let value = (fields[key] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines),
                !value.isEmpty
            else { return nil }
            return value
        }
        reason = text("reason")
        summary = text("summary")
    }
}

// MARK: - Calling the endpoint

/// Why a call to the endpoint gave no usable answer.
enum LLMFailure: Error, Equatable, CustomStringConvertible {
    /// The agent's brain is not `.llm`.
    case notConfigured
    case invalidBaseURL(String)
    /// The outbound policy refuses the base URL or what its host resolves to.
    case refusedDestination(String)
    /// The server answered with an error status; `message` is its `error.message`.
    case http(status: Int, message: String?)
    case timedOut
    case transport(String)
    /// A success status whose body is not a chat completion.
    case undecodable(String)
    /// A completion with neither text nor a tool call the brain understands.
    case emptyAnswer
    case cancelled

    var description: String {
        switch self {
        case .notConfigured: "the agent has no LLM endpoint configured"
        case .invalidBaseURL(let url): "the base URL \(url) is not an http(s) URL"
        case .refusedDestination(let reason): "refused by the outbound policy: \(reason)"
        case .http(let status, let message): "HTTP \(status)" + (message.map { ": \($0)" } ?? "")
        case .timedOut: "no complete answer within the timeout"
        case .transport(let error): "connection failed: \(error)"
        case .undecodable(let error): "the answer is not a chat completion: \(error)"
        case .emptyAnswer: "the model answered with neither text nor a handover"
        case .cancelled: "the call was cancelled"
        }
    }

    var status: Int? {
        if case .http(let status, _) = self { return status }
        return nil
    }
}

extension LLMBrain {
    /// The endpoint's URL for a configured base: `{base}/chat/completions`, whether
    /// or not the base ends in a slash (a base that already names the route is kept).
    static func completionsURL(base: String) -> String {
        var url = base.trimmingCharacters(in: .whitespacesAndNewlines)
        while url.hasSuffix("/") { url.removeLast() }
        return url.hasSuffix("/chat/completions") ? url : url + "/chat/completions"
    }

    /// The URL without user info or query, fit for a log line.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(unparseable URL)" }
        components.user = nil
        components.password = nil
        components.query = nil
        return components.string ?? "(unparseable URL)"
    }

    /// Sends one completion request for an agent, retrying what is worth retrying,
    /// and returns the first choice's message.
    func complete(agent: Agent, purpose: String, messages: [ChatMessage], tools: [ChatTool]?) async -> Result<
        ChatMessage, LLMFailure
    > {
        guard case .llm(let baseURL, let model, let apiKey) = agent.brain else { return .failure(.notConfigured) }
        return await complete(
            endpoint: ChatEndpoint(baseURL: baseURL, model: model, apiKey: apiKey), purpose: purpose,
            subject: ["agent.id": "\(agent.id)"], messages: messages, tools: tools)
    }

    /// Sends one completion request to `endpoint`, retrying what is worth
    /// retrying, and returns the first choice's message. `subject` says in log
    /// lines whose call it was (an agent, a team's copilot).
    func complete(
        endpoint: ChatEndpoint, purpose: String, subject: Logger.Metadata, messages: [ChatMessage],
        tools: [ChatTool]?
    ) async -> Result<ChatMessage, LLMFailure> {
        let (baseURL, model, apiKey) = (endpoint.baseURL, endpoint.model, endpoint.apiKey)
        let url = Self.completionsURL(base: baseURL)
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
            parsed.host != nil
        else { return .failure(.invalidBaseURL(Self.redacted(baseURL))) }
        if let problem = outbound.problem(withBaseURL: baseURL) {
            return .failure(.refusedDestination(problem))
        }
        if let refusal = await OutboundGuard.refusal(host: parsed.host ?? "", policy: outbound) {
            return .failure(.refusedDestination(refusal))
        }

        let body = ChatCompletionRequest(
            model: model, messages: messages, tools: tools, toolChoice: tools == nil ? nil : "auto",
            temperature: Self.temperature, stream: false)
        let encoded: Data
        do {
            encoded = try JSONEncoder().encode(body)
        } catch {
            return .failure(.undecodable("could not encode the request: \(error)"))
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let key = apiKey?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty {
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
        }
        request.body = .bytes(ByteBuffer(bytes: encoded))

        var attempt = 1
        while true {
            let failure: LLMFailure
            var retryAfter: Duration?
            do {
                let answer = try await send(request)
                if (200..<300).contains(answer.status) {
                    return Self.decodeCompletion(answer.body)
                }
                failure = .http(status: answer.status, message: Self.errorMessage(in: answer.body))
                retryAfter = Self.retryAfter(answer.retryAfter)
            } catch {
                if Task.isCancelled { return .failure(.cancelled) }
                failure = Self.classify(error)
            }
            guard attempt < maxAttempts, Self.isRetryable(failure) else { return .failure(failure) }
            let pause = retryAfter ?? backoff(after: attempt)
            logger.warning(
                "LLM call failed; retrying",
                metadata: subject.merging(
                    [
                        "llm.purpose": "\(purpose)", "llm.attempt": "\(attempt)", "llm.error": "\(failure)",
                        "llm.retry_in": "\(pause)",
                    ], uniquingKeysWith: { _, new in new }))
            do {
                try await Task.sleep(for: pause)
            } catch {
                return .failure(.cancelled)
            }
            attempt += 1
        }
    }

    /// One attempt, bounded by `timeout` from sending to the last byte of the answer.
    private func send(_ request: HTTPClientRequest) async throws -> RawAnswer {
        let client = httpClient
        let timeout = timeout
        return try await withThrowingTaskGroup(of: RawAnswer.self) { group in
            group.addTask {
                let response = try await client.execute(request, deadline: .now() + Self.timeAmount(timeout))
                let body = try await response.body.collect(upTo: Self.maxResponseBytes)
                return RawAnswer(
                    status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"),
                    body: body)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw LLMFailure.timedOut
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw LLMFailure.timedOut }
            return first
        }
    }

    private struct RawAnswer: Sendable {
        var status: Int
        var retryAfter: String?
        var body: ByteBuffer
    }

    static func decodeCompletion(_ body: ByteBuffer) -> Result<ChatMessage, LLMFailure> {
        do {
            let completion = try JSONDecoder().decode(ChatCompletionResponse.self, from: Data(body.readableBytesView))
            guard let message = completion.choices.first?.message else { return .failure(.emptyAnswer) }
            return .success(message)
        } catch {
            // Some servers report errors with a 200 and an error body.
            if let message = errorMessage(in: body) { return .failure(.http(status: 200, message: message)) }
            return .failure(.undecodable(String(describing: error)))
        }
    }

    /// `error.message` of an OpenAI error body, if the body is one.
    static func errorMessage(in body: ByteBuffer) -> String? {
        (try? JSONDecoder().decode(ChatErrorEnvelope.self, from: Data(body.readableBytesView)))?.error.message
    }

    /// `Retry-After` in seconds (the HTTP-date form is ignored), capped at `maxRetryAfter`.
    static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Double(header.trimmingCharacters(in: .whitespaces)), seconds.isFinite,
            seconds >= 0
        else { return nil }
        return min(.milliseconds(Int64(seconds * 1000)), maxRetryAfter)
    }

    static func classify(_ error: any Error) -> LLMFailure {
        if let failure = error as? LLMFailure { return failure }
        if let error = error as? HTTPClientError,
            error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
        {
            return .timedOut
        }
        return .transport(String(describing: error))
    }

    /// Connection errors, timeouts, 408, 429 and 5xx are worth another try; other
    /// 4xx (bad request, authentication, unknown model) will fail the same way again.
    static func isRetryable(_ failure: LLMFailure) -> Bool {
        switch failure {
        case .timedOut, .transport: true
        case .http(let status, _): status == 408 || status == 429 || status >= 500
        default: false
        }
    }

    /// `retryDelay`, doubled for each retry already made, with a little jitter so
    /// many conversations do not retry in step.
    func backoff(after attempt: Int) -> Duration {
        let doubled = retryDelay * (1 << min(attempt - 1, 10))
        return min(doubled * Double.random(in: 1.0...1.2), Self.maxBackoff)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// The final word on a failed call; never includes the API key.
    func log(_ failure: LLMFailure, purpose: String, agent: Agent) {
        var metadata: Logger.Metadata = [
            "llm.purpose": "\(purpose)", "llm.error": "\(failure)", "agent.id": "\(agent.id)",
        ]
        if case .llm(let baseURL, let model, _) = agent.brain {
            metadata["llm.url"] = "\(Self.redacted(Self.completionsURL(base: baseURL)))"
            metadata["llm.model"] = "\(model)"
        }
        if let status = failure.status { metadata["llm.status"] = "\(status)" }
        if case .http(_, let message?) = failure { metadata["llm.error_message"] = "\(message)" }
        let consequence = purpose == "reply" ? "the customer got the fallback answer" : "no \(purpose) was written"
        logger.error("LLM call failed; \(consequence)", metadata: metadata)
    }
}
