import HelpDeskService
import HelpDeskStore
import Logging

/// Runs the AI's answers for chat channels off the request path: a webhook
/// stores the customer's message and returns, and the brain (which may take
/// seconds) runs here, one job at a time per conversation, so answers keep
/// their order. A message that comes while its conversation's job runs is
/// answered by that job's next round.
///
/// What is owed is in the database (`HelpDesk.answerAwaiting`), not in this
/// queue: a process that stops mid-answer leaves it owed, and the next start's
/// sweep (`ChatChannels.run`) schedules it again.
public actor AnswerQueue {
    let helpDesk: HelpDesk
    let logger: Logger
    /// Conversations with a job running, and whether another round is wanted.
    private var running: [ConversationRef: Bool] = [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(helpDesk: HelpDesk, logger: Logger = Logger(label: "helpdesk.answers")) {
        self.helpDesk = helpDesk
        self.logger = logger
    }

    /// Answers what `conversation` is owed, soon. `typing` (a channel's "typing…"
    /// indicator) is shown every 4 seconds while the brain works, best effort.
    public func schedule(
        _ conversation: ConversationRef, clientAddress: String, typing: (@Sendable () async -> Void)? = nil
    ) {
        if running[conversation] != nil {
            running[conversation] = true
            return
        }
        running[conversation] = false
        Task { await self.work(conversation, clientAddress: clientAddress, typing: typing) }
    }

    private func work(_ conversation: ConversationRef, clientAddress: String, typing: (@Sendable () async -> Void)?)
        async
    {
        repeat {
            running[conversation] = false
            // Shown at once, then again every 4 s (Telegram shows it for 5 s) until the answer is stored.
            if let typing { Task { await typing() } }
            let indicator = typing.map { typing in
                Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(4))
                        if !Task.isCancelled { await typing() }
                    }
                }
            }
            do {
                try await helpDesk.answerAwaiting(conversation, clientAddress: clientAddress)
            } catch {
                // Still owed in the database: the next sweep tries again.
                logger.error(
                    "the AI's answer failed; it is retried by the next sweep",
                    metadata: ["conversation.id": "\(conversation.id)", "error": "\(error)"])
            }
            indicator?.cancel()
        } while running[conversation] == true
        running[conversation] = nil
        if running.isEmpty {
            for waiter in idleWaiters { waiter.resume() }
            idleWaiters = []
        }
    }

    /// Returns once no job runs (tests, and a graceful stop).
    public func idle() async {
        guard !running.isEmpty else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Whether a job runs for `conversation`.
    public func isRunning(_ conversation: ConversationRef) -> Bool { running[conversation] != nil }
}
