import Foundation
import HelpDeskCore
import HelpDeskStore
import Testing

/// Outbound webhooks: kept per team with their secret sealed; events queue one
/// delivery per subscribed active webhook in the transaction of the change,
/// with the body written then; the delivery's state is its outbox entry's; a
/// replay is a new delivery of the same body; deleting takes the deliveries.
@Suite struct WebhookConformance {
    static func webhook(
        _ team: TeamFixture, _ events: [WebhookEventType], active: Bool = true, at second: Int = 0
    ) -> Webhook {
        Webhook(
            id: Identifier.make("wh"), teamID: team.id, url: "https://hooks.example.com/\(second)", events: events,
            active: active, description: nil, createdAt: .moment(second))
    }

    @Test(arguments: StoreFactories.all)
    func keepsWebhooksPerTeamWithTheirSecret(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store)
            let globex = try await TeamFixture.make(store, name: "Globex")
            var first = Self.webhook(acme, [.ticketCreated, .messageCreated], at: 1)
            let second = Self.webhook(acme, [.csatReceived], at: 2)
            try await store.createWebhook(first, secret: "whsec_one")
            try await store.createWebhook(second, secret: "whsec_two")
            #expect(try await store.webhooks(teamID: acme.id) == [first, second])
            #expect(try await store.webhooks(teamID: globex.id).isEmpty)
            #expect(try await store.webhook(id: first.id, teamID: globex.id) == nil)

            first.url = "https://other.example.com/x"
            first.active = false
            first.description = "CRM"
            first.events = [.ticketStatusChanged]
            #expect(try await store.updateWebhook(first))
            #expect(try await store.webhook(id: first.id, teamID: acme.id) == first)
            var foreign = first
            foreign.teamID = globex.id
            #expect(try await store.updateWebhook(foreign) == false)

            #expect(try await store.rotateWebhookSecret(id: second.id, teamID: acme.id, secret: "whsec_three"))
            #expect(try await store.rotateWebhookSecret(id: second.id, teamID: globex.id, secret: "x") == false)

            #expect(try await store.webhookSettings(teamID: acme.id) == WebhookSettings(allowPrivateTargets: false))
            try await store.saveWebhookSettings(teamID: acme.id, WebhookSettings(allowPrivateTargets: true))
            #expect(try await store.webhookSettings(teamID: acme.id).allowPrivateTargets)
            #expect(try await store.webhookSettings(teamID: globex.id).allowPrivateTargets == false)

            #expect(try await store.deleteWebhook(id: first.id, teamID: globex.id) == false)
            #expect(try await store.deleteWebhook(id: first.id, teamID: acme.id))
            #expect(try await store.webhooks(teamID: acme.id) == [second])

            for index in 1..<Webhook.teamLimit {
                try await store.createWebhook(Self.webhook(acme, [.ticketCreated], at: 10 + index), secret: "s")
            }
            let over = await helpDeskError {
                try await store.createWebhook(Self.webhook(acme, [.ticketCreated], at: 99), secret: "s")
            }
            #expect(over == .unprocessable("the team already has 20 webhooks, the most it keeps; delete one first"))
        }
    }

    @Test(arguments: StoreFactories.all)
    func eventsQueueDeliveriesForSubscribedActiveWebhooks(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let globex = try await TeamFixture.make(store, name: "Globex")
            let sam = try await acme.member("Sam")
            let created = Self.webhook(acme, [.ticketCreated, .ticketAssigned, .ticketStatusChanged], at: 1)
            let messages = Self.webhook(acme, [.messageCreated], at: 2)
            let paused = Self.webhook(acme, WebhookEventType.allCases, active: false, at: 3)
            for hook in [created, messages, paused] { try await store.createWebhook(hook, secret: "whsec_\(hook.id)") }
            try await store.saveWebhookSettings(teamID: acme.id, WebhookSettings(allowPrivateTargets: true))

            let ticket = try await acme.openTicket("Refund", at: .moment(5), body: "I want my money back")
            try await acme.patch(ticket.number, by: sam, at: .moment(6), assignee: .some(sam.id))
            try await acme.patch(ticket.number, by: sam, at: .moment(7), status: .pending)
            try await acme.patch(ticket.number, by: sam, at: .moment(8), priority: .high)
            _ = try await TeamFixture.make(store, name: "Quiet").openTicket("Elsewhere", at: .moment(9))
            _ = try await globex.openTicket("Not theirs", at: .moment(9))

            let sent = try await store.webhookDeliveries(webhookID: created.id, teamID: acme.id, limit: 10)
            #expect(sent.map(\.event) == [.ticketStatusChanged, .ticketAssigned, .ticketCreated], "newest first")
            #expect(sent.allSatisfy { $0.state == .queued && $0.attempts == 0 && $0.nextAttemptAt != nil })
            #expect(sent.allSatisfy { $0.responseStatus == nil && $0.lastAttemptAt == nil })
            #expect(
                try await store.webhookDeliveries(webhookID: messages.id, teamID: acme.id, limit: 10).map(\.event) == [
                    .messageCreated
                ])
            #expect(try await store.webhookDeliveries(webhookID: paused.id, teamID: acme.id, limit: 10).isEmpty)
            #expect(try await store.webhookDeliveries(webhookID: created.id, teamID: globex.id, limit: 10).isEmpty)
            #expect(try await store.webhookDeliveries(webhookID: created.id, teamID: acme.id, limit: 2).count == 2)

            // The worker's view: the body as written then, the target and the opened secret.
            let entries = try await store.outbox(teamID: acme.id).filter { $0.kind == .webhook }
            #expect(entries.count == 4)
            var dispatches: [WebhookDispatch] = []
            for entry in entries {
                dispatches.append(try #require(try await store.webhookDispatch(outboxID: entry.id)))
            }
            let status = try #require(dispatches.first { $0.event == .ticketStatusChanged })
            #expect(status.url == created.url)
            #expect(status.secret == "whsec_\(created.id)")
            #expect(status.settings.allowPrivateTargets)
            let body = try #require(
                try JSONSerialization.jsonObject(with: Data(status.body.utf8)) as? [String: Any])
            #expect(body["type"] as? String == "ticket.statusChanged")
            #expect(body["teamId"] as? String == acme.id)
            let data = body["data"] as? [String: Any]
            #expect((data?["ticket"] as? [String: Any])?["status"] as? String == "pending")
            #expect((data?["change"] as? [String: Any])?["to"] as? String == "pending")
            #expect((data?["actor"] as? [String: Any])?["name"] as? String == "Sam")
            let message = try #require(dispatches.first { $0.event == .messageCreated })
            #expect(message.body.contains("I want my money back"))
        }
    }

    @Test(arguments: StoreFactories.all)
    func attemptsAreRecordedAndAReplayIsANewDeliveryOfTheSameBody(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let acme = try await TeamFixture.make(store, assignment: .manual)
            let hook = Self.webhook(acme, [.ticketCreated], at: 1)
            try await store.createWebhook(hook, secret: "whsec_x")
            _ = try await acme.openTicket("Refund", at: .moment(5))
            let claimed = try await store.claimOutbox(
                kinds: [.webhook], worker: "w", now: .moment(10), leaseUntil: .moment(70), limit: 10)
            let entry = try #require(claimed.first)
            #expect(claimed.count == 1)
            let dispatch = try #require(try await store.webhookDispatch(outboxID: entry.id))
            try await store.recordWebhookAttempt(
                deliveryID: dispatch.deliveryID, status: 500, body: "boom", at: .moment(11))
            #expect(
                try await store.finishOutbox(
                    id: entry.id, worker: "w", result: .failed(reason: "the receiver answered HTTP 500"),
                    now: .moment(11)))
            let failed = try #require(
                try await store.webhookDeliveries(webhookID: hook.id, teamID: acme.id, limit: 10).first)
            #expect(failed.id == dispatch.deliveryID)
            #expect(failed.state == .failed)
            #expect(failed.attempts == 1)
            #expect(failed.responseStatus == 500)
            #expect(failed.responseBody == "boom")
            #expect(failed.error == "the receiver answered HTTP 500")
            #expect(failed.lastAttemptAt == .moment(11))
            #expect(failed.nextAttemptAt == nil)

            let other = try await TeamFixture.make(store, name: "Globex")
            #expect(
                try await store.replayWebhookDelivery(
                    id: failed.id, webhookID: hook.id, teamID: other.id, newID: "whd_no", now: .moment(20)) == nil)
            let replay = try #require(
                try await store.replayWebhookDelivery(
                    id: failed.id, webhookID: hook.id, teamID: acme.id, newID: "whd_replay", now: .moment(20)))
            #expect(replay.id == "whd_replay")
            #expect(replay.state == .queued)
            #expect(replay.attempts == 0)
            #expect(replay.event == .ticketCreated)
            let again = try await store.claimOutbox(
                kinds: [.webhook], worker: "w", now: .moment(21), leaseUntil: .moment(80), limit: 10)
            #expect(again.count == 1)
            let replayEntry = try #require(again.first)
            let replayed = try #require(try await store.webhookDispatch(outboxID: replayEntry.id))
            #expect(replayed.deliveryID == "whd_replay")
            #expect(replayed.body == dispatch.body)

            // Deleting the webhook takes its deliveries; what was queued is never sent.
            _ = try #require(
                try await store.replayWebhookDelivery(
                    id: failed.id, webhookID: hook.id, teamID: acme.id, newID: "whd_queued", now: .moment(30)))
            #expect(try await store.deleteWebhook(id: hook.id, teamID: acme.id))
            #expect(try await store.webhookDispatch(outboxID: entry.id) == nil)
            #expect(try await store.webhookDeliveries(webhookID: hook.id, teamID: acme.id, limit: 10).isEmpty)
            let left = try await store.outbox(teamID: acme.id).filter { $0.kind == .webhook }
            #expect(left.count == 3)
            #expect(!left.contains { $0.state == .queued })
            #expect(
                try await store.claimOutbox(
                    kinds: [.webhook], worker: "w", now: .moment(31), leaseUntil: .moment(90), limit: 10
                ).isEmpty)
        }
    }
}
