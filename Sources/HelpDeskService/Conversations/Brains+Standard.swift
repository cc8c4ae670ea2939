import HelpDeskAI
import HelpDeskCore

extension Brains {
    /// The production brains: the offline built-in brain and the OpenAI-compatible LLM brain
    /// (and the copilot's LLM mode), which call public addresses only.
    public static var standard: Brains { standard(outbound: OutboundPolicy()) }

    /// The production brains, the LLM brain reaching what `outbound` allows.
    public static func standard(outbound: OutboundPolicy) -> Brains {
        // Bounded so a customer waits at most about 20 s for the fallback when the model is down.
        let llm = LLMBrain(outbound: outbound, timeout: .seconds(10), maxAttempts: 2)
        return Brains(
            builtin: BuiltinBrain(), llm: llm,
            summarize: { history, agent in
                await llm.summarize(history: history, agent: agent)
            },
            copilot: LLMCopilot(outbound: outbound))
    }
}
