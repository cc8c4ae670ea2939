import HelpDeskAI
import HelpDeskCore

/// The brains an agent can choose, injected so tests can use doubles.
public struct Brains: Sendable {
    public var builtin: any Brain
    public var llm: any Brain
    /// Writes a short handoff summary with the agent's model; nil when it cannot.
    public var summarize: @Sendable (_ history: [BrainTurn], _ agent: Agent) async -> String?
    /// The copilot's LLM mode, for teams that configured a model.
    public var copilot: LLMCopilot

    public init(
        builtin: any Brain, llm: any Brain,
        summarize: @escaping @Sendable (_ history: [BrainTurn], _ agent: Agent) async -> String? = { _, _ in nil },
        copilot: LLMCopilot = LLMCopilot()
    ) {
        self.builtin = builtin
        self.llm = llm
        self.summarize = summarize
        self.copilot = copilot
    }

    func brain(for agent: Agent) -> any Brain {
        switch agent.brain {
        case .builtin: builtin
        case .llm: llm
        }
    }
}
