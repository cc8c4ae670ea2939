import HelpDeskAI
import HelpDeskCore
import HelpDeskService

/// Brains for tests that need a model that is down, fast.
enum HelpDeskAIBuiltin {
    static func make() -> any Brain { BuiltinBrain() }
    static func unreachableLLM() -> any Brain {
        LLMBrain(
            outbound: OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!]), timeout: .milliseconds(500),
            maxAttempts: 2, retryDelay: .milliseconds(10))
    }
}
