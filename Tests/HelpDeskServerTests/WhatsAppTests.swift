import Foundation
import HTTPTypes
import HelpDeskChannels
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import HummingbirdTesting
import Logging
import Testing

/// WhatsApp end to end, against a fake Cloud API: channels, the verification
/// handshake, signed notifications, the one conversation flow, receipts, the
/// 24-hour window, and delivery through the outbox.
@Suite struct WhatsAppTests {
    @Test func aChannelIsValidatedVerifiedAndItsSecretsAreNeverShownNorLogged() async throws {
        let lines = LineRecorder.Lines()
        let logger = Logger(label: "helpdesk") { _ in LineRecorder(lines: lines) }
        try await WhatsAppDesk.with(logger: logger) { w in
            try await w.test { client in
                let acme = try await w.desk.team()
                let agent = try await client.call(
                    .post, "/api/v1/agents", token: acme.ownerToken, json: json(["name": "Bot"]))
                let agentID = try #require(agent.object["id"] as? String)
                let bad = try await client.call(
                    .post, "/api/v1/channels", token: acme.ownerToken,
                    json: json([
                        "kind": "whatsapp", "agentId": agentID,
                        "config": [
                            "phoneNumberId": "+1 555", "accessToken": "short", "appSecret": "with space here",
                            "verifyToken": "", "apiBaseURL": "http://10.1.2.3",
                        ],
                    ]))
                #expect(bad.status == .badRequest)
                #expect(
                    BadInputTests.fieldNames(bad) == [
                        "config.phoneNumberId", "config.accessToken", "config.appSecret", "config.verifyToken",
                        "config.apiBaseURL",
                    ])
                let created = try await client.call(
                    .post, "/api/v1/channels", token: acme.ownerToken,
                    json: json(["kind": "whatsapp", "agentId": agentID, "config": w.config]))
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.object["id"] as? String)
                let config = try #require(created.object["config"] as? [String: Any])
                #expect(config["phoneNumberId"] as? String == WhatsAppDesk.phoneNumberID)
                #expect(config["apiBaseURL"] as? String == w.graph.baseURL)
                #expect(config["accessTokenSet"] as? Bool == true && config["appSecretSet"] as? Bool == true)
                #expect(config["verifyTokenSet"] as? Bool == true)

                // The handshake: the challenge back for the right token only.
                func verify(_ query: String) async throws -> TestResponse {
                    try await client.call(.get, "/hooks/whatsapp/\(id)?\(query)")
                }
                let good = try await verify(
                    "hub.mode=subscribe&hub.verify_token=\(WhatsAppDesk.verifyToken)&hub.challenge=1158201444")
                #expect(good.status == .ok)
                #expect(good.text == "1158201444")
                #expect(good.headers[.contentType]?.hasPrefix("text/plain") == true)
                let wrongToken = try await verify("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")
                #expect(wrongToken.status == .forbidden)
                let wrongMode = try await verify(
                    "hub.mode=unsubscribe&hub.verify_token=\(WhatsAppDesk.verifyToken)&hub.challenge=1")
                #expect(wrongMode.status == .forbidden)
                #expect(try await verify("hub.mode=subscribe").status == .forbidden)
                let unknown = try await client.call(
                    .get,
                    "/hooks/whatsapp/ch_nope?hub.mode=subscribe&hub.verify_token=\(WhatsAppDesk.verifyToken)&hub.challenge=1"
                )
                #expect(unknown.status == .notFound)

                // A new app secret: only notifications signed with it are taken.
                let patched = try await client.call(
                    .patch, "/api/v1/channels/\(id)", token: acme.ownerToken,
                    json: json(["config": ["appSecret": "a-fresh-app-secret"]]))
                #expect(patched.status == .ok, "\(patched.text)")
                let body = WhatsAppDesk.notification("wamid.IN1", text: "Hello")
                #expect(try await w.deliver(client, channelID: id, body).status == .unauthorized)
                let fresh =
                    "sha256=" + WhatsAppAdapter.signature(body: Array(body.utf8), appSecret: "a-fresh-app-secret")
                #expect(try await w.deliver(client, channelID: id, body, signature: fresh).status == .ok)

                let everything = [
                    created.text, patched.text,
                    try await client.call(.get, "/api/v1/channels", token: acme.ownerToken).text,
                    try await client.call(.get, "/app/agents", token: acme.ownerToken).text,
                ]
                // The page's secret fields are password fields (their attributes are markup, not escaped text).
                let page = try await client.call(.get, "/app/agents", token: acme.ownerToken).text
                #expect(page.contains(#"name="accessToken" type="password" autocomplete="off""#))
                #expect(page.contains(#"name="smtp.password" type="password" autocomplete="off""#))
                await w.channels.answers.idle()
                _ = try await w.worker.runOnce()
                let logged = lines.all.withLock { $0 }
                for text in everything + logged {
                    for secret in [
                        WhatsAppDesk.accessToken, WhatsAppDesk.appSecret, WhatsAppDesk.verifyToken,
                        "a-fresh-app-secret",
                    ] {
                        #expect(!text.contains(secret))
                    }
                }
                // The access token went to the Graph API as a Bearer token, and nowhere else.
                #expect(await w.graph.script.received.first?.authorization == "Bearer \(WhatsAppDesk.accessToken)")
            }
        }
    }

    @Test func aMissingOrWrongSignatureIsRefusedAndNothingIsStored() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (_, _, channelID) = try await w.connect(client)
                let body = WhatsAppDesk.notification("wamid.IN1", text: "Hello there")
                #expect(
                    try await w.deliver(client, channelID: channelID, body, signature: .some(nil)).status
                        == .unauthorized)
                #expect(
                    try await w.deliver(
                        client, channelID: channelID, body, signature: "sha256=" + String(repeating: "0", count: 64)
                    )
                    .status == .unauthorized)
                // Signed over other bytes (the same JSON re-serialised with a space): refused.
                let reserialised = body.replacingOccurrences(of: "\"text\":", with: "\"text\": ")
                let other =
                    "sha256=" + WhatsAppAdapter.signature(body: Array(body.utf8), appSecret: WhatsAppDesk.appSecret)
                #expect(
                    try await w.deliver(client, channelID: channelID, reserialised, signature: other).status
                        == .unauthorized)
                let bare = WhatsAppAdapter.signature(body: Array(body.utf8), appSecret: WhatsAppDesk.appSecret)
                #expect(
                    try await w.deliver(client, channelID: channelID, body, signature: bare).status == .unauthorized)
                #expect(
                    try await w.desk.helpDesk.chatConversation(channelID: channelID, externalID: WhatsAppDesk.ana)
                        == nil)
                #expect(try await w.deliver(client, channelID: "ch_nope", body).status == .notFound)

                let taken = try await w.deliver(client, channelID: channelID, body)
                #expect(taken.status == .ok)
                await w.channels.answers.idle()
                let messages = try await w.messages(channelID: channelID)
                #expect(messages.map(\.kind) == [.customer, .ai])
                #expect(messages.first?.body == "Hello there")
                #expect(try await w.deliver(client, channelID: channelID, #"{"entry": 5}"#).status == .badRequest)
            }
        }
    }

    @Test func theSameNotificationPostedFiveTimesAtOnceIsStoredOnce() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client)
                let body = WhatsAppDesk.notification("wamid.SAME", text: "How long does delivery take?")
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<5 {
                        group.addTask { try await w.deliver(client, channelID: channelID, body).status }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses == Array(repeating: .ok, count: 5))
                await w.channels.answers.idle()
                let messages = try await w.messages(channelID: channelID)
                #expect(messages.filter { $0.kind == .customer }.count == 1)
                #expect(messages.filter { $0.kind == .ai }.map(\.body) == ["Orders arrive within 5 working days."])
                #expect(try await w.outbox(acme).count == 1, "one answer queued")
            }
        }
    }

    @Test func anEscalationOpensATicketRepliesLeaveAndReceiptsMoveTheDeliveryState() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client)
                let sam = try await acme.member("Sam", availability: .online)
                try await w.deliver(
                    client, channelID: channelID,
                    WhatsAppDesk.notification("wamid.IN1", text: "I want to talk to a human"))
                await w.channels.answers.idle()
                let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: sam.token)
                #expect(ticket.status == .ok, "\(ticket.text)")
                #expect(ticket.object["channel"] as? String == "whatsapp")
                let requester = try #require(ticket.object["requester"] as? [String: Any])
                #expect(requester["name"] as? String == "Ana Silva")
                #expect(requester["phone"] as? String == "+5511999990000")
                // "typing…" (with the message marked read) while the AI worked, once.
                let typing = await w.graph.script.received.filter(\.isTyping)
                #expect(typing.count == 1)
                #expect(typing.first?.json()["message_id"] as? String == "wamid.IN1")

                #expect(try await w.worker.runOnce() == 1, "the waiting label")
                #expect(await w.graph.script.texts.map(\.text) == ["Hang on, a person is coming."])
                #expect(await w.graph.script.texts.first?.to == WhatsAppDesk.ana)
                #expect(await w.graph.script.texts.first?.phoneNumberID == WhatsAppDesk.phoneNumberID)

                #expect(try await client.call(.post, "/api/v1/tickets/10001/takeover", token: sam.token).status == .ok)
                let held = try await client.call(.get, "/api/v1/tickets/10001/channels", token: sam.token)
                #expect(held.object["default"] as? String == "whatsapp")
                let reply = try await client.call(
                    .post, "/api/v1/tickets/10001/replies", token: sam.token,
                    json: json(["body": "Hi Ana, I'm on it.", "channel": "whatsapp"]))
                #expect(reply.status == .created, "\(reply.text)")
                let replyID = try #require(reply.object["id"] as? String)
                #expect(try await w.worker.runOnce() == 2, "the connected label and the reply")
                let sent = await w.graph.script.texts
                #expect(
                    sent.map(\.text) == [
                        "Hang on, a person is coming.", "You are now talking to our team.", "Hi Ana, I'm on it.",
                    ])
                let wamid = "wamid.OUT4"

                func state() async throws -> [String: Any]? {
                    let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: sam.token)
                    return timeline.items.first { $0["id"] as? String == replyID }?["delivery"] as? [String: Any]
                }
                #expect(try await state()?["state"] as? String == "sent")
                // Read arrives before delivered: the message stays read.
                try await w.deliver(client, channelID: channelID, WhatsAppDesk.status(wamid, "read"))
                #expect(try await state()?["state"] as? String == "read")
                try await w.deliver(client, channelID: channelID, WhatsAppDesk.status(wamid, "delivered"))
                #expect(try await state()?["state"] as? String == "read")
                // A receipt for an unknown message changes nothing and is still accepted.
                #expect(
                    try await w.deliver(client, channelID: channelID, WhatsAppDesk.status("wamid.UNKNOWN", "read"))
                        .status
                        == .ok)

                // The live feed carries the changes (after=0 replays them).
                let live = try await w.desk.store.deliveryChanges(teamID: acme.team.id, after: 0, limit: 100)
                #expect(
                    live.filter { String($0.entry.id) == replyID }.count == 2,
                    "sent, then read; delivered changed nothing")

                // The customer writes back; the AI stays quiet while Sam holds the chat.
                try await w.deliver(
                    client, channelID: channelID, WhatsAppDesk.notification("wamid.IN2", text: "Thanks!"))
                await w.channels.answers.idle()
                #expect(try await w.messages(channelID: channelID).last?.kind == .customer)
                #expect(try await w.worker.runOnce() == 0)
            }
        }
    }

    @Test func outsideTheWindowAReplyIsRefusedUpFrontAndALateFailureShowsAndCanBeRetried() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client)
                let sam = try await acme.member("Sam", availability: .online)
                try await w.deliver(
                    client, channelID: channelID,
                    WhatsAppDesk.notification("wamid.IN1", text: "I want to talk to a human"))
                await w.channels.answers.idle()
                #expect(try await client.call(.post, "/api/v1/tickets/10001/takeover", token: sam.token).status == .ok)
                let reply = try await client.call(
                    .post, "/api/v1/tickets/10001/replies", token: sam.token, json: json(["body": "On it."]))
                #expect(reply.status == .created, "\(reply.text)")
                let replyID = try #require(reply.object["id"] as? String)
                #expect(try await w.worker.runOnce() == 3)

                // Meta reports the window closed after accepting the message.
                try await w.deliver(
                    client, channelID: channelID, WhatsAppDesk.status("wamid.OUT4", "failed", errorCode: 131047))
                let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: sam.token)
                let delivery = try #require(
                    timeline.items.first { $0["id"] as? String == replyID }?["delivery"] as? [String: Any])
                #expect(delivery["state"] as? String == "failed")
                #expect((delivery["error"] as? String)?.contains("24-hour customer-service window") == true)
                let retried = try await client.call(
                    .post, "/api/v1/tickets/10001/messages/\(replyID)/retry", token: sam.token)
                #expect(retried.status == .ok, "\(retried.text)")
                #expect((retried.object["delivery"] as? [String: Any])?["state"] as? String == "queued")

                // A day later the window is closed: refused up front, nothing stored or queued.
                w.clock.advance(seconds: 24 * 3600 - 4 * 60)
                let queued = try await w.outbox(acme).count
                let late = try await client.call(
                    .post, "/api/v1/tickets/10001/replies", token: sam.token,
                    json: json(["body": "Are you still there?", "channel": "whatsapp"]))
                #expect(late.status == .unprocessableContent)
                let detail = try #require(late.object["detail"] as? String)
                #expect(detail.contains("24-hour customer-service window"), "\(detail)")
                #expect(detail.contains("no email address is on file"), "\(detail)")
                #expect(try await w.outbox(acme).count == queued)
                let options = try await client.call(.get, "/api/v1/tickets/10001/channels", token: sam.token)
                let whatsapp = options.items.first { $0["channel"] as? String == "whatsapp" }
                #expect(whatsapp?["available"] as? Bool == false)
                #expect((whatsapp?["reason"] as? String)?.contains("24-hour") == true)

                // With an email on file (a pre-chat form, a later message), email is offered instead.
                let conversation = try #require(
                    try await w.desk.helpDesk.chatConversation(channelID: channelID, externalID: WhatsAppDesk.ana))
                try await w.desk.store.updateRequester(
                    conversationID: conversation.id, teamID: acme.team.id, name: "Ana Silva", email: "ana@example.com")
                let again = try await client.call(
                    .post, "/api/v1/tickets/10001/replies", token: sam.token,
                    json: json(["body": "Are you still there?", "channel": "whatsapp"]))
                #expect(again.status == .unprocessableContent)
                #expect((again.object["detail"] as? String)?.contains("reply by email") == true, "\(again.text)")
                let byDefault = try await client.call(
                    .get, "/api/v1/tickets/10001/channels", token: sam.token)
                #expect(byDefault.object["default"] as? String == "email")

                // The customer writes again: the window opens again.
                try await w.deliver(client, channelID: channelID, WhatsAppDesk.notification("wamid.IN2", text: "Yes!"))
                let open = try await client.call(
                    .post, "/api/v1/tickets/10001/replies", token: sam.token,
                    json: json(["body": "Great.", "channel": "whatsapp"]))
                #expect(open.status == .created, "\(open.text)")
            }
        }
    }

    @Test func faultsAreRetriedRateLimitsWaitAndRefusalsFailWithWhatsAppsWords() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client)
                await w.graph.script.script([
                    .badGateway(), .error(503, code: 131000, "Something went wrong", transient: true),
                ])
                try await w.deliver(
                    client, channelID: channelID,
                    WhatsAppDesk.notification("wamid.IN1", text: "How do I return an item?"))
                await w.channels.answers.idle()
                let worker = w.worker
                #expect(try await worker.runOnce() == 1)
                #expect(try await w.outbox(acme).first?.lastError == "WhatsApp answered 502: HTTP 502")
                w.clock.advance(seconds: 2)
                #expect(try await worker.runOnce() == 1)
                #expect(
                    try await w.outbox(acme).first?.lastError == "WhatsApp answered 503 (131000): Something went wrong")
                w.clock.advance(seconds: 4)
                #expect(try await worker.runOnce() == 1)
                #expect(try await w.outbox(acme).first?.state == .sent)
                #expect(await w.graph.script.texts.map(\.text).count == 3)
                w.clock.advance(seconds: 3_600)
                #expect(try await worker.runOnce() == 0, "delivered once")

                // A rate limit waits its Retry-After; a refusal fails for good with WhatsApp's words.
                await w.graph.script.script([
                    .error(429, code: 130429, "Rate limit hit", retryAfter: 9),
                    .error(400, code: 131026, "Message undeliverable"),
                ])
                try await w.deliver(
                    client, channelID: channelID,
                    WhatsAppDesk.notification("wamid.IN2", text: "How long does delivery take?"))
                await w.channels.answers.idle()
                #expect(try await worker.runOnce() == 1)
                #expect(try await w.outbox(acme).last?.lastError == "WhatsApp rate limit (130429): Rate limit hit")
                w.clock.advance(seconds: 8.9)
                #expect(try await worker.runOnce() == 0, "Retry-After is 9 s")
                w.clock.advance(seconds: 0.2)
                #expect(try await worker.runOnce() == 1)
                let failed = try #require(try await w.outbox(acme).last)
                #expect(failed.state == .failed)
                #expect(failed.lastError == "WhatsApp refused the message (400, 131026): Message undeliverable")

                // Outside the window Meta may refuse at once too (131047): failed, with the window named.
                await w.graph.script.script([.error(400, code: 131047, "Re-engagement message")])
                try await w.deliver(
                    client, channelID: channelID,
                    WhatsAppDesk.notification("wamid.IN3", text: "How do I return an item?"))
                await w.channels.answers.idle()
                #expect(try await worker.runOnce() == 1)
                #expect(try await w.outbox(acme).last?.lastError?.contains("24-hour customer-service window") == true)
            }
        }
    }

    @Test func mediaLocationsReactionsAndOtherKindsAreRecordedReadably() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client, handover: false)
                let kinds: [[String: Any]] = [
                    ["type": "image", "image": ["id": "MEDIA1", "mime_type": "image/jpeg", "caption": "The box"]],
                    [
                        "type": "audio",
                        "audio": ["id": "MEDIA2", "mime_type": "audio/ogg; codecs=opus", "voice": true],
                    ],
                    ["type": "document", "document": ["id": "MEDIA3", "filename": "invoice.pdf"]],
                    ["type": "location", "location": ["latitude": 38.7, "longitude": -9.1, "name": "Shop"]],
                    [
                        "type": "interactive",
                        "interactive": ["type": "button_reply", "button_reply": ["id": "b1", "title": "Yes please"]],
                    ],
                    ["type": "reaction", "reaction": ["message_id": "wamid.OUT1", "emoji": "👍"]],
                    ["type": "unsupported", "errors": [["code": 131051, "title": "Message type unknown"]]],
                ]
                for (index, message) in kinds.enumerated() {
                    try await w.deliver(
                        client, channelID: channelID, WhatsAppDesk.notification("wamid.K\(index)", message: message))
                }
                await w.channels.answers.idle()
                let customer = try await w.messages(channelID: channelID).filter { $0.kind == .customer }.map(\.body)
                #expect(
                    customer == [
                        "[Photo] The box\nWhatsApp media: MEDIA1", "[Voice message]\nWhatsApp media: MEDIA2",
                        "[Document: invoice.pdf]\nWhatsApp media: MEDIA3", "[Location: Shop, 38.7, -9.1]", "Yes please",
                        "[Reacted 👍 to a message]", "[A kind of WhatsApp message this help desk does not show]",
                    ])
                // A notification for another number of the same Meta app is not this channel's.
                let other = WhatsAppDesk.notification("wamid.OTHER", text: "Hi").replacingOccurrences(
                    of: WhatsAppDesk.phoneNumberID, with: "999")
                #expect(try await w.deliver(client, channelID: channelID, other).status == .ok)
                #expect(try await w.messages(channelID: channelID).filter { $0.kind == .customer }.count == kinds.count)
                _ = acme
            }
        }
    }
}
