import Foundation
import HelpDeskCore
import HelpDeskStore

/// Delivers one kind of outbox entry to the outside world (an SMTP server, the
/// Telegram Bot API, the WhatsApp Cloud API). It says what the attempt came to
/// and never throws: a failure is a `DeliveryOutcome`, retryable or permanent.
/// It must give up (a timeout) well within the worker's lease.
public protocol OutboxDeliverer: Sendable {
    var kinds: Set<OutboxKind> { get }
    /// Its own retry policy, when its kinds keep a different pace from the
    /// worker's (webhooks retry over hours); nil for the worker's.
    var retryPolicy: RetryPolicy? { get }
    func deliver(_ entry: OutboxEntry) async -> DeliveryOutcome
}

extension OutboxDeliverer {
    public var retryPolicy: RetryPolicy? { nil }
}

/// The background worker that empties the outbox.
///
/// Each round it claims due entries of the kinds it has deliverers for, with a
/// lease (`leaseSeconds`), hands each to its deliverer, and records the outcome:
/// sent; retried later by the `RetryPolicy` (never sooner than the provider
/// asked); or failed with the reason. The claim is the guard against double
/// sending: only one worker holds an entry at a time, across processes sharing
/// the database. A worker that dies mid-delivery leaves its claim to lapse, and
/// the next worker tries again.
///
/// The guarantee is at least once: an entry is never lost, but if the process
/// dies after the provider accepted a message and before the result is
/// committed, the message is sent again when the lease lapses (the providers
/// offer no idempotency key for sends). Nothing else can duplicate a delivery.
public struct OutboxWorker: Sendable {
    let store: any Store
    let deliverers: [any OutboxDeliverer]
    let policy: RetryPolicy
    let clock: @Sendable () -> Timestamp
    let random: @Sendable () -> Double
    public let workerID: String
    public let leaseSeconds: Double
    public let batch: Int

    public init(
        store: any Store, deliverers: [any OutboxDeliverer], policy: RetryPolicy = RetryPolicy(),
        clock: @escaping @Sendable () -> Timestamp = { Timestamp(Date()) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }, workerID: String = UUID().uuidString,
        leaseSeconds: Double = 60, batch: Int = 20
    ) {
        self.store = store
        self.deliverers = deliverers
        self.policy = policy
        self.clock = clock
        self.random = random
        self.workerID = workerID
        self.leaseSeconds = leaseSeconds
        self.batch = batch
    }

    /// One round: claims what is due and delivers it. Returns how many entries it handled.
    @discardableResult
    public func runOnce() async throws -> Int {
        let kinds = deliverers.flatMap(\.kinds)
        let now = clock()
        let claimed = try await store.claimOutbox(
            kinds: kinds, worker: workerID, now: now, leaseUntil: now.adding(seconds: leaseSeconds), limit: batch)
        for entry in claimed {
            guard let deliverer = deliverers.first(where: { $0.kinds.contains(entry.kind) }) else { continue }
            let outcome = await deliverer.deliver(entry)
            let result: OutboxResult
            switch outcome {
            case .delivered(let providerID):
                let ids = providerID.map { $0.split(separator: ",").map(String.init) } ?? []
                result = ids.isEmpty ? .sent : .sentAs(providerIDs: ids)
            case .permanent(let reason):
                result = .failed(reason: reason)
            case .retryable(let reason, let retryAfter):
                let policy = deliverer.retryPolicy ?? policy
                if let delay = policy.delay(afterAttempts: entry.attempts, retryAfter: retryAfter, random: random()) {
                    result = .retry(at: clock().adding(seconds: delay), reason: reason)
                } else {
                    result = .failed(reason: "gave up after \(entry.attempts) attempts: \(reason)")
                }
            }
            _ = try await store.finishOutbox(id: entry.id, worker: workerID, result: result, now: clock())
        }
        return claimed.count
    }

    /// Rounds until cancelled: at once while there is work, else every `idle`.
    public func run(idle: Duration = .seconds(1)) async {
        guard !deliverers.isEmpty else { return }
        while !Task.isCancelled {
            let handled = (try? await runOnce()) ?? 0
            if handled == 0 { try? await Task.sleep(for: idle) }
        }
    }
}

extension HelpDesk {
    /// An operator retries a message whose delivery failed: it is queued again,
    /// due now, with a fresh count of attempts. 404 when the ticket has no such
    /// message; 409 when its delivery has not failed.
    public func retryDelivery(_ caller: Caller, number: Int, entryID: Int64) async throws -> TimelineEntry {
        try caller.requireHelpDesk()
        let isMessage = { (entry: TimelineEntry) -> Bool in
            if case .message = entry.content { entry.id == entryID } else { false }
        }
        guard try await store.timeline(teamID: caller.team.id, number: number).contains(where: isMessage) else {
            throw HelpDeskError.notFound("ticket \(number) has no message \(entryID)")
        }
        guard try await store.retryDelivery(teamID: caller.team.id, entryID: entryID, now: clock()) else {
            throw HelpDeskError.conflict("only a failed delivery can be retried; this message's has not failed")
        }
        guard let entry = try await store.timeline(teamID: caller.team.id, number: number).first(where: isMessage)
        else { throw HelpDeskError.notFound("ticket \(number) has no message \(entryID)") }
        return entry
    }

    /// A worker on this help desk's store and clock.
    public func outboxWorker(
        deliverers: [any OutboxDeliverer], policy: RetryPolicy = RetryPolicy(), leaseSeconds: Double = 60
    ) -> OutboxWorker {
        OutboxWorker(store: store, deliverers: deliverers, policy: policy, clock: clock, leaseSeconds: leaseSeconds)
    }
}
