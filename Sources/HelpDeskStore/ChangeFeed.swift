import Synchronization

/// What changed in the store, as far as an open live feed cares. A topic is a
/// wake-up call, never the data: a woken feed reads what is new from the store
/// (the entries table is the truth), so a wake-up that comes twice or late
/// loses nothing, and one that never comes leaves the feed waiting, not wrong.
public enum ChangeTopic: Hashable, Sendable {
    /// A new timeline entry in the team: the operators' live feeds read it.
    case team(String)
    /// A new message in the conversation, or a change of who may speak there:
    /// the visitor's widget re-reads its messages and state.
    case conversation(String)
    /// The team's plan, business hours, agents or channels changed: every
    /// widget of the team re-reads its state, and operator feeds re-check the plan.
    case teamSetup(String)
    /// A session ended or a member's role, password or membership changed in
    /// the team (`nil`: in some team; a deleted session no longer says which):
    /// operator feeds re-check that their session still stands.
    case access(String?)
}

/// Wakes the tasks that wait for topics. The store publishes after each commit
/// that touched a topic; live feeds subscribe to theirs and sleep in between,
/// so an idle feed costs no database work at all.
///
/// In one process the store publishes directly; a store shared by several
/// processes must also carry the topics between them (a notification channel
/// of the database), with the same rule: the topic wakes, the store answers.
public final class ChangeFeed: Sendable {
    /// One subscriber's wake-ups, coalesced: however many topics fire while it
    /// is busy, it wakes once more and learns all of them.
    final class Waker: Sendable {
        let pending = Mutex<Set<ChangeTopic>>([])
        let continuation: AsyncStream<Void>.Continuation

        init(continuation: AsyncStream<Void>.Continuation) {
            self.continuation = continuation
        }

        func wake(_ topic: ChangeTopic) {
            let first = pending.withLock { pending in
                let wasEmpty = pending.isEmpty
                pending.insert(topic)
                return wasEmpty
            }
            if first { continuation.yield() }
        }

        func take() -> Set<ChangeTopic> {
            pending.withLock { pending in
                defer { pending = [] }
                return pending
            }
        }
    }

    private struct State: ~Copyable {
        var next: UInt64 = 0
        var byTopic: [ChangeTopic: [UInt64: Waker]] = [:]
        var count = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The topics that fire from now on, as sets of what fired since the last
    /// one; it ends when the consuming task is cancelled or drops the sequence.
    /// Subscribe before reading the current state, so nothing falls in between.
    public func subscribe(_ topics: Set<ChangeTopic>) -> some AsyncSequence<Set<ChangeTopic>, Never> & Sendable {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let waker = Waker(continuation: continuation)
        let id = state.withLock { state in
            state.next += 1
            for topic in topics { state.byTopic[topic, default: [:]][state.next] = waker }
            state.count += 1
            return state.next
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                for topic in topics {
                    state.byTopic[topic]?[id] = nil
                    if state.byTopic[topic]?.isEmpty == true { state.byTopic[topic] = nil }
                }
                state.count -= 1
            }
        }
        return stream.map { waker.take() }
    }

    /// Wakes every subscriber of these topics; `access(nil)` wakes the
    /// subscribers of every team's access.
    public func publish(_ topics: Set<ChangeTopic>) {
        guard !topics.isEmpty else { return }
        let woken: [(ChangeTopic, Waker)] = state.withLock { state in
            guard state.count > 0 else { return [] }
            var woken: [(ChangeTopic, Waker)] = []
            for topic in topics {
                if case .access(nil) = topic {
                    for (key, wakers) in state.byTopic {
                        if case .access = key { woken += wakers.values.map { (key, $0) } }
                    }
                    continue
                }
                woken += (state.byTopic[topic] ?? [:]).values.map { (topic, $0) }
            }
            return woken
        }
        for (topic, waker) in woken { waker.wake(topic) }
    }

    /// Wakes every subscriber with each of its topics: what a store does when it
    /// may have missed changes (another instance's notifications while its
    /// listening connection was down). A woken feed reads, and finds what is new.
    public func publishEverything() {
        let woken: [(ChangeTopic, Waker)] = state.withLock { state in
            state.byTopic.flatMap { topic, wakers in wakers.values.map { (topic, $0) } }
        }
        for (topic, waker) in woken { waker.wake(topic) }
    }

    /// How many subscribers are waiting now (for tests and metrics).
    public var subscriberCount: Int { state.withLock { $0.count } }
}
