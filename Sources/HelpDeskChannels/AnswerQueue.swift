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
    /// At most this many answers are worked on at once; the others wait their turn, oldest first (a
    /// waiting job shows no "typing…"). An answer mostly waits — for a language model's reply, or for
    /// its turn at the store — so the bound is generous: at 8, a burst of chats answered by the
    /// built-in brain queued behind eight answers each waiting for their commit.
    public let maxRunning: Int

    /// A conversation's job: who to tell "typing…", and whether another round is wanted.
    struct Job {
        var clientAddress: String
        var typing: (@Sendable () async -> Void)?
        var started = false
        var again = false
    }

    private var jobs: [ConversationRef: Job] = [:]
    private var waiting: [ConversationRef] = []
    private var waitingHead = 0
    private var running = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// How long the brain works before "typing…" is shown: an answer ready sooner (the built-in
    /// brain's, usually) needs no indicator, and the provider one call fewer.
    public let typingGrace: Duration

    public init(
        helpDesk: HelpDesk, maxRunning: Int = 64, typingGrace: Duration = .milliseconds(500),
        logger: Logger = Logger(label: "helpdesk.answers")
    ) {
        self.helpDesk = helpDesk
        self.maxRunning = max(1, maxRunning)
        self.typingGrace = typingGrace
        self.logger = logger
    }

    /// Answers what `conversation` is owed, soon. `typing` (a channel's "typing…"
    /// indicator) is shown every 4 seconds while the brain works, best effort.
    public func schedule(
        _ conversation: ConversationRef, clientAddress: String, typing: (@Sendable () async -> Void)? = nil
    ) {
        if var job = jobs[conversation] {
            if job.started { job.again = true }
            if typing != nil { job.typing = typing }
            jobs[conversation] = job
            return
        }
        jobs[conversation] = Job(clientAddress: clientAddress, typing: typing)
        waiting.append(conversation)
        startWaiting()
    }

    private func startWaiting() {
        while running < maxRunning, waitingHead < waiting.count {
            let conversation = waiting[waitingHead]
            waitingHead += 1
            running += 1
            jobs[conversation]?.started = true
            Task { await self.work(conversation) }
        }
        if waitingHead > 1_024, waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
    }

    private func work(_ conversation: ConversationRef) async {
        repeat {
            jobs[conversation]?.again = false
            guard let job = jobs[conversation] else { break }
            // Shown after the grace, then again every 4 s (Telegram shows it for 5 s) until the answer is stored.
            let grace = typingGrace
            let indicator = job.typing.map { typing in
                // Without a grace it is shown at once, however soon the answer comes.
                if grace == .zero { Task { await typing() } }
                return Task {
                    try? await Task.sleep(for: grace == .zero ? .seconds(4) : grace)
                    while !Task.isCancelled {
                        await typing()
                        try? await Task.sleep(for: .seconds(4))
                    }
                }
            }
            do {
                try await helpDesk.answerAwaiting(conversation, clientAddress: job.clientAddress)
            } catch {
                // Still owed in the database: the next sweep tries again.
                logger.error(
                    "the AI's answer failed; it is retried by the next sweep",
                    metadata: ["conversation.id": "\(conversation.id)", "error": "\(error)"])
            }
            indicator?.cancel()
        } while jobs[conversation]?.again == true
        jobs[conversation] = nil
        running -= 1
        startWaiting()
        if jobs.isEmpty {
            for waiter in idleWaiters { waiter.resume() }
            idleWaiters = []
        }
    }

    /// Returns once no job runs or waits (tests, and a graceful stop).
    public func idle() async {
        guard !jobs.isEmpty else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Whether a job runs or waits for `conversation`.
    public func isScheduled(_ conversation: ConversationRef) -> Bool { jobs[conversation] != nil }
}
