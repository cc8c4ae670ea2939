import Crypto
import Foundation
import HTTPTypes
import HelpDeskChannels
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

/// Outbound webhooks: owners subscribe URLs to events; each event is POSTed,
/// signed as the README says, retried on 5xx, failed on 4xx, replayable; private
/// addresses are refused unless the owner allows them; other teams and
/// operators never see them.
@Suite struct WebhooksTests {
    static let allEvents = [
        "ticket.created", "ticket.assigned", "ticket.statusChanged", "message.created", "conversation.escalated",
        "csat.received",
    ]

    /// A help desk whose server policy refuses loopback (as in production), so only
    /// the team's own setting lets webhooks reach the local receiver; and a worker
    /// that backs off 2 s, 4 s, … exactly.
    struct Desk {
        let desk: TestHelpDesk
        let clock: TestClock
        let worker: OutboxWorker

        init(timeout: Duration = .seconds(5)) throws {
            let clock = TestClock(.now())
            let desk = try TestHelpDesk(configure: { $0.outbound = OutboundPolicy() }, clock: clock)
            self.desk = desk
            self.clock = clock
            worker = OutboxWorker(
                store: desk.store,
                deliverers: [
                    WebhookDeliverer(
                        helpDesk: desk.helpDesk, outbound: OutboundPolicy(),
                        retryPolicy: RetryPolicy(baseSeconds: 2, capSeconds: 60, maxAttempts: 8), timeout: timeout)
                ], clock: { clock.now() }, random: { 1 })
        }
    }

    static func allowPrivate(_ client: any TestClientProtocol, _ team: TestTeam, _ allow: Bool = true) async throws {
        let response = try await client.call(
            .put, "/api/v1/settings/webhooks", token: team.ownerToken, json: json(["allowPrivateTargets": allow]))
        #expect(response.status == .ok, "\(response.text)")
    }

    /// Subscribes `url` and returns the webhook's id and secret.
    static func subscribe(
        _ client: any TestClientProtocol, _ team: TestTeam, url: String, events: [String] = allEvents
    ) async throws -> (id: String, secret: String) {
        let created = try await client.call(
            .post, "/api/v1/webhooks", token: team.ownerToken,
            json: json(["url": url, "events": events, "description": "CRM sync"]))
        #expect(created.status == .created, "\(created.text)")
        return (
            try #require(created.object["id"] as? String), try #require(created.object["secret"] as? String)
        )
    }

    static func deliveries(_ client: any TestClientProtocol, _ team: TestTeam, _ id: String) async throws
        -> [[String: Any]]
    {
        let response = try await client.call(.get, "/api/v1/webhooks/\(id)/deliveries", token: team.ownerToken)
        #expect(response.status == .ok, "\(response.text)")
        return response.items
    }

    static func fields(_ response: TestResponse) -> [String] {
        (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    /// The documented check, written independently of the server's code.
    static func verifies(_ hook: ReceivedWebhook, secret: String) -> Bool {
        guard let timestamp = hook.header("X-HelpDesk-Timestamp"),
            let signature = hook.header("X-HelpDesk-Signature")
        else { return false }
        var signed = Data("\(timestamp).".utf8)
        signed.append(hook.body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        let hex = mac.map { String(format: "%02x", $0) }.joined()
        return signature.split(separator: ",").contains { $0 == "v1=\(hex)" }
            && signature.split(separator: ",").contains { $0 == "t=\(timestamp)" }
    }

    @Test func aTicketEventArrivesSignedAndIsRecorded() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url, events: ["ticket.created"])
                #expect(hook.secret.hasPrefix("whsec_"))
                let listed = try await client.call(.get, "/api/v1/webhooks", token: acme.ownerToken)
                #expect(listed.items.count == 1)
                #expect(listed.items.first?["secret"] == nil, "the secret is shown once, on creation")
                #expect(listed.items.first?["events"] as? [String] == ["ticket.created"])

                let number = try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 1)
                let received = await receiver.received
                try #require(received.count == 1)
                let delivery = received[0]
                #expect(Self.verifies(delivery, secret: hook.secret), "\(delivery.headers)")
                #expect(!Self.verifies(delivery, secret: hook.secret + "x"))
                #expect(delivery.header("Content-Type") == "application/json")
                #expect(delivery.header("User-Agent") == "HelpDesk-Webhooks/1")
                #expect(delivery.header("X-HelpDesk-Event") == "ticket.created")
                let timestamp = try #require(delivery.header("X-HelpDesk-Timestamp").flatMap(Int.self.init))
                #expect(abs(timestamp - Int(Date().timeIntervalSince1970)) < 120)
                let body = delivery.json()
                #expect(body["type"] as? String == "ticket.created")
                #expect(body["teamId"] as? String == acme.team.id)
                #expect((body["id"] as? String)?.isEmpty == false)
                let ticket = (body["data"] as? [String: Any])?["ticket"] as? [String: Any]
                #expect(ticket?["number"] as? Int == number)
                #expect(ticket?["subject"] as? String == "Printer on fire")

                let rows = try await Self.deliveries(client, acme, hook.id)
                try #require(rows.count == 1)
                #expect(rows[0]["id"] as? String == delivery.header("X-HelpDesk-Delivery"))
                #expect(rows[0]["state"] as? String == "sent")
                #expect(rows[0]["attempts"] as? Int == 1)
                #expect(rows[0]["responseStatus"] as? Int == 200)
                #expect(rows[0]["responseBody"] as? String == "ok")
                #expect(rows[0]["event"] as? String == "ticket.created")
            }
        }
    }

    @Test func aRatingIsSentAsCsatReceivedAndWebhookChangesAreAudited() async throws {
        let d = try Desk()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                let widget = try await WidgetFixture.make(d.desk, client: client)
                let acme = widget.acme
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url, events: ["csat.received"])
                var settings = CSATTests.settings(enabled: true)
                settings["sla"] = nil
                _ = try await client.call(.put, "/api/v1/settings", token: acme.ownerToken, json: json(settings))
                let visitor = try await widget.session(client)
                let number = try #require(
                    try await widget.say(client, visitor, "I want to talk to a person")["ticketNumber"] as? Int)
                _ = try await client.call(
                    .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["status": "resolved"]))
                let rated = try await client.call(
                    .post, "\(widget.base)/csat", token: visitor, json: json(["ticketNumber": number, "rating": 5]))
                #expect(rated.status == .created, "\(rated.text)")
                #expect(try await d.worker.runOnce() == 1)
                let received = await receiver.received
                try #require(received.count == 1)
                #expect(Self.verifies(received[0], secret: hook.secret))
                let body = received[0].json()
                #expect(body["type"] as? String == "csat.received")
                let data = body["data"] as? [String: Any]
                #expect((data?["change"] as? [String: Any])?["to"] as? String == "5")
                #expect((data?["ticket"] as? [String: Any])?["number"] as? Int == number)

                // Creating, changing, rotating and deleting the webhook are in the audit log, the secret hidden.
                _ = try await client.call(
                    .patch, "/api/v1/webhooks/\(hook.id)", token: acme.ownerToken, json: json(["active": false]))
                _ = try await client.call(.post, "/api/v1/webhooks/\(hook.id)/rotate-secret", token: acme.ownerToken)
                _ = try await client.call(.delete, "/api/v1/webhooks/\(hook.id)", token: acme.ownerToken)
                let audit = try await client.call(.get, "/api/v1/audit?subjectType=webhook", token: acme.ownerToken)
                let actions = audit.items.compactMap { $0["action"] as? String }
                #expect(actions == ["webhook.deleted", "webhook.updated", "webhook.updated", "webhook.created"])
                #expect(!audit.text.contains(hook.secret))
            }
        }
    }

    @Test func aServerErrorIsRetriedWithTheSameDeliveryIdThenSucceeds() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url, events: ["ticket.created"])
                await receiver.script([.init(status: 503, body: "down for maintenance", retryAfter: nil)])
                try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 1)
                var rows = try await Self.deliveries(client, acme, hook.id)
                #expect(rows.first?["state"] as? String == "queued")
                #expect(rows.first?["responseStatus"] as? Int == 503)
                #expect(rows.first?["responseBody"] as? String == "down for maintenance")
                #expect((rows.first?["error"] as? String)?.contains("503") == true)
                #expect(rows.first?["nextAttemptAt"] is String)
                #expect(try await d.worker.runOnce() == 0, "waits its backoff")
                d.clock.advance(seconds: 3)
                #expect(try await d.worker.runOnce() == 1)
                rows = try await Self.deliveries(client, acme, hook.id)
                #expect(rows.first?["state"] as? String == "sent")
                #expect(rows.first?["attempts"] as? Int == 2)
                #expect(rows.first?["responseStatus"] as? Int == 200)
                #expect(rows.first?["nextAttemptAt"] is NSNull)
                let received = await receiver.received
                #expect(received.count == 2)
                #expect(
                    received.map { $0.header("X-HelpDesk-Delivery") }.allSatisfy {
                        $0 == received[0].header("X-HelpDesk-Delivery")
                    })
                #expect(received[0].body == received[1].body, "the same bytes on every attempt")
                #expect(received.allSatisfy { Self.verifies($0, secret: hook.secret) })
            }
        }
    }

    @Test func aRateLimitIsRetriedNoSoonerThanItsRetryAfter() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url, events: ["ticket.created"])
                await receiver.script([.init(status: 429, body: "slow down", retryAfter: 30)])
                try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 1)
                d.clock.advance(seconds: 10)
                #expect(try await d.worker.runOnce() == 0, "Retry-After: 30 is honoured")
                d.clock.advance(seconds: 21)
                #expect(try await d.worker.runOnce() == 1)
                let rows = try await Self.deliveries(client, acme, hook.id)
                #expect(rows.first?["state"] as? String == "sent")
                #expect(rows.first?["attempts"] as? Int == 2)
                #expect(await receiver.received.count == 2)
            }
        }
    }

    @Test func noAnswerInTimeIsRetriedAndGivingUpFails() async throws {
        let d = try Desk(timeout: .milliseconds(300))
        let acme = try await d.desk.team()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url, events: ["ticket.created"])
                await receiver.script([.init(status: 200, body: "late", delay: .seconds(2))])
                try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 1)
                var rows = try await Self.deliveries(client, acme, hook.id)
                #expect(rows.first?["state"] as? String == "queued")
                #expect((rows.first?["error"] as? String)?.contains("no answer") == true, "\(rows)")
                #expect(rows.first?["responseStatus"] is NSNull)
                #expect(rows.first?["lastAttemptAt"] is String)
                // Every later attempt fails with a 503 until the eighth, which gives up.
                await receiver.script(Array(repeating: .init(status: 503, body: "down"), count: 7))
                for _ in 2...8 {
                    d.clock.advance(seconds: 120)
                    #expect(try await d.worker.runOnce() == 1)
                }
                rows = try await Self.deliveries(client, acme, hook.id)
                #expect(rows.first?["state"] as? String == "failed")
                #expect(rows.first?["attempts"] as? Int == 8)
                #expect((rows.first?["error"] as? String)?.contains("gave up after 8 attempts") == true)
                d.clock.advance(seconds: 3_600)
                #expect(try await d.worker.runOnce() == 0)
            }
        }
    }

    @Test func aClientErrorFailsTheDeliveryAtOnce() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url, events: ["ticket.created"])
                await receiver.script([.init(status: 410, body: "gone", retryAfter: nil)])
                try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 1)
                d.clock.advance(seconds: 3_600)
                #expect(try await d.worker.runOnce() == 0, "never tried again")
                let rows = try await Self.deliveries(client, acme, hook.id)
                #expect(rows.first?["state"] as? String == "failed")
                #expect(rows.first?["attempts"] as? Int == 1)
                #expect(rows.first?["responseStatus"] as? Int == 410)
                #expect((rows.first?["error"] as? String)?.contains("410") == true)
                #expect(await receiver.received.count == 1)
            }
        }
    }

    @Test func aReplayQueuesANewDeliveryOfTheSameBody() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url, events: ["ticket.created"])
                await receiver.script([.init(status: 400, body: "bad", retryAfter: nil)])
                try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 1)
                let original = try #require(try await Self.deliveries(client, acme, hook.id).first?["id"] as? String)
                let replay = try await client.call(
                    .post, "/api/v1/webhooks/\(hook.id)/deliveries/\(original)/replay", token: acme.ownerToken)
                #expect(replay.status == .accepted, "\(replay.text)")
                let newID = try #require(replay.object["id"] as? String)
                #expect(newID != original)
                #expect(replay.object["state"] as? String == "queued")
                #expect(try await d.worker.runOnce() == 1)
                let received = await receiver.received
                try #require(received.count == 2)
                #expect(received[1].header("X-HelpDesk-Delivery") == newID)
                #expect(received[1].body == received[0].body)
                #expect(Self.verifies(received[1], secret: hook.secret))
                let rows = try await Self.deliveries(client, acme, hook.id)
                #expect(rows.map { $0["id"] as? String } == [newID, original], "newest first")
                #expect(rows.map { $0["state"] as? String } == ["sent", "failed"])

                let unknown = try await client.call(
                    .post, "/api/v1/webhooks/\(hook.id)/deliveries/whd_nope/replay", token: acme.ownerToken)
                #expect(unknown.status == .notFound)
            }
        }
    }

    @Test func privateAddressesAreRefusedAtCreationAndAtDelivery() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                for target in [
                    url, "http://10.1.2.3/hook", "http://[::1]:8080/x", "http://100.64.0.1/", "http://0x7f000001/",
                    "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data", "http://localhost/x",
                ] {
                    let refused = try await client.call(
                        .post, "/api/v1/webhooks", token: acme.ownerToken,
                        json: json(["url": target, "events": ["ticket.created"]]))
                    #expect(refused.status == .badRequest, "\(target): \(refused.text)")
                    #expect(Self.fields(refused) == ["url"], "\(target)")
                }
                for target in ["ftp://example.com/x", "https://user:pw@example.com/x", "not a url"] {
                    let refused = try await client.call(
                        .post, "/api/v1/webhooks", token: acme.ownerToken,
                        json: json(["url": target, "events": ["ticket.created"]]))
                    #expect(Self.fields(refused) == ["url"], "\(target): \(refused.text)")
                }
                // Allowed, a loopback receiver may be subscribed; link-local stays refused.
                try await Self.allowPrivate(client, acme)
                let metadata = try await client.call(
                    .post, "/api/v1/webhooks", token: acme.ownerToken,
                    json: json(["url": "http://169.254.169.254/x", "events": ["ticket.created"]]))
                #expect(Self.fields(metadata) == ["url"])
                let hook = try await Self.subscribe(client, acme, url: url, events: ["ticket.created"])
                // Taken back: the delivery is refused after resolving, for good.
                try await Self.allowPrivate(client, acme, false)
                try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 1)
                let rows = try await Self.deliveries(client, acme, hook.id)
                #expect(rows.first?["state"] as? String == "failed")
                #expect((rows.first?["error"] as? String)?.contains("private") == true, "\(rows)")
                #expect(await receiver.received.isEmpty)
            }
        }
    }

    @Test func anotherTeamNeitherSeesNorTouchesAWebhook() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        let globex = try await d.desk.team("Globex")
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url)
                try await openTicket(client, token: acme.ownerToken)
                try await openTicket(client, token: globex.ownerToken, subject: "Globex's own")
                while try await d.worker.runOnce() > 0 {}
                let delivery = try #require(try await Self.deliveries(client, acme, hook.id).first?["id"] as? String)
                #expect(await receiver.received.allSatisfy { $0.json()["teamId"] as? String == acme.team.id })

                let list = try await client.call(.get, "/api/v1/webhooks", token: globex.ownerToken)
                #expect(list.items.isEmpty)
                let attempts = [
                    try await client.call(.get, "/api/v1/webhooks/\(hook.id)", token: globex.ownerToken),
                    try await client.call(
                        .patch, "/api/v1/webhooks/\(hook.id)", token: globex.ownerToken, json: json(["active": false])),
                    try await client.call(.get, "/api/v1/webhooks/\(hook.id)/deliveries", token: globex.ownerToken),
                    try await client.call(
                        .post, "/api/v1/webhooks/\(hook.id)/deliveries/\(delivery)/replay", token: globex.ownerToken),
                    try await client.call(.post, "/api/v1/webhooks/\(hook.id)/rotate-secret", token: globex.ownerToken),
                    try await client.call(.delete, "/api/v1/webhooks/\(hook.id)", token: globex.ownerToken),
                ]
                for attempt in attempts { #expect(attempt.status == .notFound, "\(attempt.text)") }
                let still = try await client.call(.get, "/api/v1/webhooks/\(hook.id)", token: acme.ownerToken)
                #expect(still.object["active"] as? Bool == true)
            }
        }
    }

    @Test func ownersManageManagersReadOperatorsNeither() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        let max = try await acme.member("Max", role: .manager)
        let sam = try await acme.member("Sam", role: .operator)
        try await d.desk.test { client in
            let hook = try await Self.subscribe(client, acme, url: "https://hooks.example.com/helpdesk")
            for path in ["/api/v1/webhooks", "/api/v1/webhooks/\(hook.id)", "/api/v1/webhooks/\(hook.id)/deliveries"] {
                #expect(try await client.call(.get, path, token: max.token).status == .ok, "\(path)")
                let refused = try await client.call(.get, path, token: sam.token)
                #expect(refused.status == .forbidden, "\(path)")
            }
            #expect(try await client.call(.get, "/api/v1/settings/webhooks", token: sam.token).status == .forbidden)
            for token in [max.token, sam.token] {
                let refusals = [
                    try await client.call(
                        .post, "/api/v1/webhooks", token: token,
                        json: json(["url": "https://a.example.com/", "events": ["ticket.created"]])),
                    try await client.call(.post, "/api/v1/webhooks", token: token, json: "{not json"),
                    try await client.call(
                        .patch, "/api/v1/webhooks/\(hook.id)", token: token, json: json(["active": false])),
                    try await client.call(.post, "/api/v1/webhooks/\(hook.id)/rotate-secret", token: token),
                    try await client.call(.delete, "/api/v1/webhooks/\(hook.id)", token: token),
                    try await client.call(
                        .put, "/api/v1/settings/webhooks", token: token, json: json(["allowPrivateTargets": true])),
                ]
                for refusal in refusals {
                    #expect(refusal.status == .forbidden, "\(refusal.text)")
                    #expect((refusal.object["detail"] as? String)?.contains("only owners") == true)
                }
            }
        }
    }

    @Test func validationNamesTheFieldAndTheTeamLimitIs422() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        try await d.desk.test { client in
            let bad = try await client.call(
                .post, "/api/v1/webhooks", token: acme.ownerToken,
                json: json(["url": "https://a.example.com/", "events": ["ticket.exploded"], "description": "a\nb"]))
            #expect(bad.status == .badRequest)
            #expect(Self.fields(bad) == ["events", "description"], "\(bad.text)")
            let none = try await client.call(
                .post, "/api/v1/webhooks", token: acme.ownerToken,
                json: json(["url": "https://a.example.com/", "events": []]))
            #expect(Self.fields(none) == ["events"])

            let hook = try await Self.subscribe(client, acme, url: "https://a.example.com/hook")
            let changed = try await client.call(
                .patch, "/api/v1/webhooks/\(hook.id)", token: acme.ownerToken,
                json: json(["events": ["message.created", "ticket.created"], "active": false, "description": nil]))
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.object["events"] as? [String] == ["ticket.created", "message.created"])
            #expect(changed.object["active"] as? Bool == false)
            #expect(changed.object["description"] is NSNull)
            let rotated = try await client.call(
                .post, "/api/v1/webhooks/\(hook.id)/rotate-secret", token: acme.ownerToken)
            #expect(rotated.status == .ok)
            let secret = try #require(rotated.object["secret"] as? String)
            #expect(secret != hook.secret)

            for index in 1..<Webhook.teamLimit {
                _ = try await Self.subscribe(client, acme, url: "https://a.example.com/\(index)")
            }
            let over = try await client.call(
                .post, "/api/v1/webhooks", token: acme.ownerToken,
                json: json(["url": "https://a.example.com/x", "events": ["ticket.created"]]))
            #expect(over.status == .unprocessableContent, "\(over.text)")

            let deleted = try await client.call(.delete, "/api/v1/webhooks/\(hook.id)", token: acme.ownerToken)
            #expect(deleted.status == .noContent)
            #expect(
                try await client.call(.get, "/api/v1/webhooks/\(hook.id)", token: acme.ownerToken).status == .notFound)
        }
    }

    @Test func ticketAndMessageEventsAreSent() async throws {
        let d = try Desk()
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                let widget = try await WidgetFixture.make(d.desk, client: client)
                let acme = widget.acme
                let sam = try await acme.member("Sam", role: .operator)
                try await Self.allowPrivate(client, acme)
                let hook = try await Self.subscribe(client, acme, url: url)

                // A visitor asks for a person: a message, then an escalated new ticket.
                let visitor = try await widget.session(client)
                try await widget.say(client, visitor, "Hello there")
                let pressed = try await client.call(.post, "\(widget.base)/human", token: visitor)
                #expect(pressed.status == .ok, "\(pressed.text)")
                let number = try #require(pressed.object["ticketNumber"] as? Int)
                // An owner assigns it, changes its status and replies.
                let assigned = try await client.call(
                    .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken,
                    json: json(["assigneeId": sam.member.id]))
                #expect(assigned.status == .ok, "\(assigned.text)")
                let pending = try await client.call(
                    .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["status": "pending"]))
                #expect(pending.status == .ok, "\(pending.text)")
                let reply = try await client.call(
                    .post, "/api/v1/tickets/\(number)/replies", token: acme.ownerToken,
                    json: json(["body": "On it."]))
                #expect(reply.status == .created, "\(reply.text)")
                while try await d.worker.runOnce() > 0 {}

                let received = await receiver.received
                let types = received.compactMap(\.type)
                for expected in [
                    "message.created", "ticket.created", "conversation.escalated", "ticket.assigned",
                    "ticket.statusChanged",
                ] {
                    #expect(types.contains(expected), "\(expected) in \(types)")
                }
                #expect(received.allSatisfy { Self.verifies($0, secret: hook.secret) })
                #expect(received.allSatisfy { $0.header("X-HelpDesk-Event") == $0.type })
                let status = try #require(received.first { $0.type == "ticket.statusChanged" }?.json())
                let data = status["data"] as? [String: Any]
                #expect((data?["change"] as? [String: Any])?["to"] as? String == "pending")
                #expect((data?["ticket"] as? [String: Any])?["status"] as? String == "pending")
                let assignment = try #require(received.first { $0.type == "ticket.assigned" }?.json())
                #expect(
                    (((assignment["data"] as? [String: Any])?["ticket"] as? [String: Any])?["assignee"]
                        as? [String: Any])?["name"] as? String == "Sam")
                let messages = received.filter { $0.type == "message.created" }.map { $0.json() }
                let bodies = messages.compactMap {
                    (($0["data"] as? [String: Any])?["message"] as? [String: Any])?["body"] as? String
                }
                #expect(bodies.contains("Hello there"))
                #expect(bodies.contains("On it."))
                let operatorMessage = messages.first {
                    (($0["data"] as? [String: Any])?["message"] as? [String: Any])?["body"] as? String == "On it."
                }
                #expect(
                    ((operatorMessage?["data"] as? [String: Any])?["ticket"] as? [String: Any])?["number"] as? Int
                        == number)
                // Nothing is sent for events the webhook is not subscribed to, nor once paused.
                let paused = try await client.call(
                    .patch, "/api/v1/webhooks/\(hook.id)", token: acme.ownerToken, json: json(["active": false]))
                #expect(paused.status == .ok)
                try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 0)
            }
        }
    }
    @Test func theWebhooksPageEscapesWhatItShows() async throws {
        let d = try Desk()
        let acme = try await d.desk.team()
        let max = try await acme.member("Max", role: .manager)
        let sam = try await acme.member("Sam", role: .operator)
        let attack = "<script>alert(1)</script>"
        try await FakeWebhookReceiver.with { receiver, url in
            try await d.desk.test { client in
                try await Self.allowPrivate(client, acme)
                let created = try await client.call(
                    .post, "/api/v1/webhooks", token: acme.ownerToken,
                    json: json(["url": url + "?q=\(attack)", "events": ["ticket.created"], "description": attack]))
                #expect(created.status == .created, "\(created.text)")
                await receiver.script([.init(status: 500, body: "<b>\(attack)</b>", retryAfter: nil)])
                try await openTicket(client, token: acme.ownerToken)
                #expect(try await d.worker.runOnce() == 1)

                let owner = try await WebAppTests.signIn(client, email: acme.owner.email)
                let page = try await client.call(.get, "/app/webhooks", headers: owner)
                #expect(page.status == .ok, "\(page.text)")
                WebAppTests.expectSafePage(page, "/app/webhooks")
                let html = page.text
                #expect(!html.contains(attack))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(html.contains("&lt;b&gt;&lt;script&gt;"), "the receiver's answer, escaped")
                #expect(html.contains("href=\"/app/webhooks\" aria-current=\"page\""))
                for id in ["webhook-url", "webhook-save", "webhook-private", "webhook-delivery", "webhook-secret"] {
                    #expect(html.contains("data-testid=\"\(id)\""), "\(id)")
                }
                #expect(html.contains("webhook-replay") && html.contains("webhook-delete"))
                #expect(!html.contains("whsec_"), "secrets are never in a page")

                // A manager reads; an operator has neither the page nor the link.
                let manager = try await WebAppTests.signIn(client, email: max.member.email)
                let readOnly = try await client.call(.get, "/app/webhooks", headers: manager)
                #expect(readOnly.status == .ok)
                #expect(readOnly.text.contains("Only owners can add"))
                #expect(!readOnly.text.contains("webhook-form") && !readOnly.text.contains("webhook-replay"))
                let operatorCookies = try await WebAppTests.signIn(client, email: sam.member.email)
                let refused = try await client.call(.get, "/app/webhooks", headers: operatorCookies)
                #expect(refused.status == .forbidden)
                let inbox = try await client.call(.get, "/app", headers: operatorCookies)
                #expect(!inbox.text.contains("href=\"/app/webhooks\""))
            }
        }
    }
}
