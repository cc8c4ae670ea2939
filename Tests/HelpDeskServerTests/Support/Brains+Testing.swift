import HelpDeskAI
import HelpDeskService

/// Brains for tests that need a model that is down, fast.
enum HelpDeskAIBuiltin {
    static func make() -> any Brain { BuiltinBrain() }
    static func unreachableLLM() -> any Brain {
        LLMBrain(timeout: .milliseconds(500), maxAttempts: 2, retryDelay: .milliseconds(10))
    }
}
