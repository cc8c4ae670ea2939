import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import HummingbirdTesting
import Synchronization
import Testing

/// A deliverer that answers from a script and records each attempt.
final class ScriptedDeliverer: OutboxDeliverer {
    let kinds: Set<OutboxKind> = [.replyEmail]
    private let script: Mutex<[DeliveryOutcome]>
    let attempts = Mutex<[Int64]>([])

    init(_ outcomes: [DeliveryOutcome]) { script = Mutex(outcomes) }

    func deliver(_ entry: OutboxEntry) async -> DeliveryOutcome {
        attempts.withLock { $0.append(entry.id) }
        return script.withLock { $0.isEmpty ? .delivered(providerID: nil) : $0.removeFirst() }
    }
}

/// The outbox worker against the real store, with a scripted provider and a clock the test moves.
@Suite struct OutboxWorkerTests {
    /// A team with an email reply queued on ticket 10001.
    func queuedReply(_ desk: TestHelpDesk, _ client: any TestClientProtocol) async throws -> TestTeam {
        let acme = try await desk.team()
        let number = try await openTicket(client, token: acme.ownerToken, email: "ed@example.com")
        let reply = try await client.call(
            .post, "/api/v1/tickets/\(number)/replies", token: acme.ownerToken,
            json: json(["body": "We are on it.", "channel": "email"]))
        #expect(reply.status == .created, "\(reply.text)")
        return acme
    }

    func delivery(_ client: any TestClientProtocol, _ acme: TestTeam) async throws -> [String: Any]? {
        let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: acme.ownerToken)
        return timeline.items.last { $0["kind"] as? String == "message" }?["delivery"] as? [String: Any]
    }

    @Test func twoServerErrorsThenSuccessDeliversOnceAfterBackingOff() async throws {
        let clock = TestClock(Timestamp(rfc3339: "2026-11-23T10:00:00Z")!)
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let acme = try await queuedReply(desk, client)
            let provider = ScriptedDeliverer([
                .retryable(reason: "502 Bad Gateway", retryAfter: nil),
                .retryable(reason: "502 Bad Gateway", retryAfter: nil),
            ])
            let worker = OutboxWorker(
                store: desk.store, deliverers: [provider], policy: RetryPolicy(baseSeconds: 2, capSeconds: 60),
                clock: { clock.now() }, random: { 1 })
            #expect(try await worker.runOnce() == 1)
            #expect(try await delivery(client, acme)?["state"] as? String == "queued")
            #expect(try await delivery(client, acme)?["error"] as? String == "502 Bad Gateway")
            #expect(try await worker.runOnce() == 0, "waits its backoff (2 s)")
            clock.advance(seconds: 2)
            #expect(try await worker.runOnce() == 1)
            clock.advance(seconds: 3)
            #expect(try await worker.runOnce() == 0, "the second wait is 4 s")
            clock.advance(seconds: 1)
            #expect(try await worker.runOnce() == 1)
            #expect(provider.attempts.withLock { $0.count } == 3)
            #expect(try await delivery(client, acme)?["state"] as? String == "sent")
            clock.advance(seconds: 3_600)
            #expect(try await worker.runOnce() == 0, "delivered once")
        }
    }

    @Test func theProvidersWaitIsHonouredAndAPermanentFailureIsShownAndRetriable() async throws {
        let clock = TestClock(Timestamp(rfc3339: "2026-11-23T10:00:00Z")!)
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let acme = try await queuedReply(desk, client)
            let provider = ScriptedDeliverer([
                .retryable(reason: "429 Too Many Requests", retryAfter: 30),
                .permanent(reason: "550 mailbox unavailable"),
            ])
            let worker = OutboxWorker(store: desk.store, deliverers: [provider], clock: { clock.now() }, random: { 0 })
            #expect(try await worker.runOnce() == 1)
            clock.advance(seconds: 29)
            #expect(try await worker.runOnce() == 0, "retry_after 30 s")
            clock.advance(seconds: 1)
            #expect(try await worker.runOnce() == 1)
            let failed = try await delivery(client, acme)
            #expect(failed?["state"] as? String == "failed")
            #expect(failed?["error"] as? String == "550 mailbox unavailable")
            let owner = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/tickets/10001", headers: owner).text
            #expect(page.contains("Failed: 550 mailbox unavailable") || page.contains("550 mailbox unavailable"))
            #expect(page.contains("class=\"button-quiet retry-delivery\""))

            // An operator retries it from the ticket: queued again, and the worker delivers it.
            let entryID = try #require(
                try await client.call(.get, "/api/v1/tickets/10001/timeline", token: acme.ownerToken).items
                    .last { $0["kind"] as? String == "message" }?["id"] as? String)
            let retry = try await client.call(
                .post, "/api/v1/tickets/10001/messages/\(entryID)/retry", token: acme.ownerToken)
            #expect(retry.status == .ok, "\(retry.text)")
            #expect((retry.object["delivery"] as? [String: Any])?["state"] as? String == "queued")
            let again = try await client.call(
                .post, "/api/v1/tickets/10001/messages/\(entryID)/retry", token: acme.ownerToken)
            #expect(again.status == .conflict, "only a failed delivery is retried")
            #expect(try await worker.runOnce() == 1)
            #expect(try await delivery(client, acme)?["state"] as? String == "sent")
        }
    }

    @Test func aWorkerThatDiesMidDeliveryLeavesItToTheNextAfterTheLease() async throws {
        let clock = TestClock(Timestamp(rfc3339: "2026-11-23T10:00:00Z")!)
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let acme = try await queuedReply(desk, client)
            // The first process claims the entry and dies before recording anything.
            let died = try await desk.store.claimOutbox(
                kinds: [.replyEmail], worker: "died", now: clock.now(), leaseUntil: clock.now().adding(seconds: 60),
                limit: 10)
            #expect(died.count == 1)
            let provider = ScriptedDeliverer([])
            let restarted = OutboxWorker(
                store: desk.store, deliverers: [provider], clock: { clock.now() }, leaseSeconds: 60)
            #expect(try await restarted.runOnce() == 0, "the claim still stands")
            clock.advance(seconds: 61)
            #expect(try await restarted.runOnce() == 1)
            #expect(provider.attempts.withLock { $0.count } == 1)
            #expect(try await delivery(client, acme)?["state"] as? String == "sent")
        }
    }

    @Test func theLiveFeedSendsTheNewDeliveryStateAndResumes() async throws {
        let desk = try TestHelpDesk()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let acme = try await queuedReply(desk, client)
            let worker = OutboxWorker(
                store: desk.store, deliverers: [ScriptedDeliverer([.permanent(reason: "550 no such user")])])
            let run = Task {
                try await Task.sleep(for: .milliseconds(400))
                try await worker.runOnce()
            }
            // As a page does: from the delivery change current when it was rendered (none yet: 0).
            let url = "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)"
            let events = try await LiveUpdatesTests.collect(url: url + "&deliveriesAfter=0", seconds: 30) { events in
                events.contains { $0["type"] as? String == "delivery" }
            }
            _ = try await run.value
            let change = try #require(events.first { $0["type"] as? String == "delivery" })
            let delivery = (change["entry"] as? [String: Any])?["delivery"] as? [String: Any]
            #expect(delivery?["state"] as? String == "failed")
            #expect(delivery?["error"] as? String == "550 no such user")
            #expect((change["ticket"] as? [String: Any])?["number"] as? Int == 10001)

            // Resuming after that change sends it no more.
            let changeID = try #require(change["id"] as? Int)
            let resumed = try await LiveUpdatesTests.collect(url: url + "&deliveriesAfter=\(changeID)", seconds: 1) {
                _ in false
            }
            #expect(!resumed.contains { $0["type"] as? String == "delivery" })
            let bad = try await client.call(.get, "/api/v1/live?deliveriesAfter=-1", token: acme.ownerToken)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("deliveriesAfter"))
        }
    }
}
