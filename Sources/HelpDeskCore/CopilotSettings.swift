/// How the team's copilot reads questions: the offline built-in interpreter,
/// or a language model behind any OpenAI-compatible endpoint that reads the
/// inbox through tools.
public enum CopilotMode: String, Sendable, Equatable, Codable, CaseIterable {
    case builtin, llm
}

/// The team's copilot configuration. In LLM mode the endpoint is configured
/// like an agent's LLM brain (same outbound policy, same write-only key); the
/// endpoint fields are kept in built-in mode too, so switching back and forth
/// does not make an owner type the key again.
public struct CopilotSettings: Sendable, Equatable {
    /// The wait for the model when none is set: long enough for a small local
    /// model to answer a few tool rounds, short enough for a person waiting.
    public static let defaultTimeoutSeconds = 20
    public static let timeoutRange = 1...120
    /// Longest model name and API key accepted; real ones are far shorter.
    public static let modelLimit = 200
    public static let apiKeyLimit = 4_000

    public var mode: CopilotMode
    public var baseURL: String?
    public var model: String?
    /// Write-only: sealed at rest, never returned or logged.
    public var apiKey: String?
    /// The longest the copilot waits for the model in all (every round and
    /// retry) before the built-in interpreter answers instead.
    public var timeoutSeconds: Int

    public init(
        mode: CopilotMode = .builtin, baseURL: String? = nil, model: String? = nil, apiKey: String? = nil,
        timeoutSeconds: Int = CopilotSettings.defaultTimeoutSeconds
    ) {
        self.mode = mode
        self.baseURL = baseURL.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() }
        self.model = model.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() }
        self.apiKey = apiKey.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() }
        self.timeoutSeconds = timeoutSeconds
    }

    /// The endpoint the copilot calls, or nil in built-in mode (or when the
    /// endpoint is incomplete, which validation does not let happen).
    public var endpoint: (baseURL: String, model: String, apiKey: String?)? {
        guard mode == .llm, let baseURL, let model else { return nil }
        return (baseURL, model, apiKey)
    }

    /// Every problem, each naming its field: in LLM mode a base URL the
    /// outbound policy allows and a model are required; a base URL given in
    /// built-in mode is held to the same policy, so a stored one is always
    /// callable; the timeout is 1–120 seconds.
    public func validationErrors(outbound: OutboundPolicy) -> [FieldError] {
        var errors: [FieldError] = []
        if let baseURL {
            if let problem = outbound.problem(withBaseURL: baseURL) {
                errors.append(FieldError(field: "baseURL", message: problem))
            } else if !TextLimits.fits(baseURL, max: 2_000) {
                errors.append(FieldError(field: "baseURL", message: "must be at most 2000 characters"))
            }
        } else if mode == .llm {
            errors.append(
                FieldError(
                    field: "baseURL",
                    message: "is required in llm mode: an http(s) URL such as https://api.openai.com/v1"))
        }
        if let model {
            if !TextLimits.fits(model, max: Self.modelLimit) {
                errors.append(FieldError(field: "model", message: "must be at most \(Self.modelLimit) characters"))
            }
        } else if mode == .llm {
            errors.append(FieldError(field: "model", message: "is required in llm mode, such as gpt-4o-mini"))
        }
        if let apiKey, !TextLimits.fits(apiKey, max: Self.apiKeyLimit) {
            errors.append(FieldError(field: "apiKey", message: "must be at most \(Self.apiKeyLimit) characters"))
        }
        if !Self.timeoutRange.contains(timeoutSeconds) {
            errors.append(
                FieldError(field: "timeoutSeconds", message: "must be a whole number of seconds from 1 to 120"))
        }
        return errors
    }
}
