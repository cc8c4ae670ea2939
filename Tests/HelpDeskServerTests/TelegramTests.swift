import Foundation
import HTTPTypes
import HelpDeskChannels
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import HummingbirdTesting
import Logging
import Testing

/// Telegram end to end, against a fake Bot API: channels, the webhook, long
/// polling, the one conversation flow, and delivery through the outbox.
@Suite struct TelegramTests {
    @Test func aChannelSetsItsWebhookAndItsSecretsAreNeverShownNorLogged() async throws {
        let lines = LineRecorder.Lines()
        let logger = Logger(label: "helpdesk") { _ in LineRecorder(lines: lines) }
        try await TelegramDesk.with(logger: logger) { t in
            try await t.test { client in
                let acme = try await t.desk.team()
                let agent = try await client.call(
                    .post, "/api/v1/agents", token: acme.ownerToken, json: json(["name": "Bot"]))
                let agentID = try #require(agent.object["id"] as? String)
                func create(_ config: [String: String]) async throws -> TestResponse {
                    try await client.call(
                        .post, "/api/v1/channels", token: acme.ownerToken,
                        json: json(["kind": "telegram", "agentId": agentID, "config": config]))
                }
                let bad = try await create([
                    "botToken": "nope", "secretToken": "not secret!", "apiBaseURL": "http://10.1.2.3",
                ])
                #expect(bad.status == .badRequest)
                #expect(
                    BadInputTests.fieldNames(bad) == ["config.botToken", "config.secretToken", "config.apiBaseURL"])

                // Telegram refuses the token: nothing is created, and the member is told why.
                let good = [
                    "botToken": TelegramDesk.botToken, "secretToken": TelegramDesk.secret, "apiBaseURL": t.bot.baseURL,
                ]
                await t.bot.script.script("setWebhook", [.error(401, "Unauthorized")])
                let refused = try await create(good)
                #expect(refused.status == .unprocessableContent)
                #expect((refused.object["detail"] as? String)?.contains("Unauthorized") == true, "\(refused.text)")
                let none = try await client.call(.get, "/api/v1/channels", token: acme.ownerToken)
                #expect(none.items.isEmpty)

                let created = try await create(good)
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.object["id"] as? String)
                let config = try #require(created.object["config"] as? [String: Any])
                #expect(config["apiBaseURL"] as? String == t.bot.baseURL)
                #expect(config["botTokenSet"] as? Bool == true && config["secretTokenSet"] as? Bool == true)
                let set = try #require(await t.bot.calls("setWebhook").last)
                #expect(set.token == TelegramDesk.botToken)
                #expect(set.json()["url"] as? String == "https://desk.example/hooks/telegram/\(id)")
                #expect(set.json()["secret_token"] as? String == TelegramDesk.secret)
                #expect(set.json()["allowed_updates"] as? [String] == ["message", "edited_message", "callback_query"])

                // A new secret: the webhook is set again, and only the new secret opens it.
                let patched = try await client.call(
                    .patch, "/api/v1/channels/\(id)", token: acme.ownerToken,
                    json: json(["config": ["secretToken": "a-fresh-secret"]]))
                #expect(patched.status == .ok, "\(patched.text)")
                #expect(await t.bot.calls("setWebhook").last?.json()["secret_token"] as? String == "a-fresh-secret")
                let update = TelegramDesk.textUpdate(1, "Hello")
                #expect(try await t.deliver(client, channelID: id, update).status == .unauthorized)
                #expect(
                    try await t.deliver(client, channelID: id, update, secret: "a-fresh-secret").status == .ok)

                let everything = [
                    created.text, patched.text,
                    try await client.call(.get, "/api/v1/channels", token: acme.ownerToken).text,
                    try await client.call(.get, "/app/agents", token: acme.ownerToken).text,
                ]
                for text in everything {
                    #expect(!text.contains(TelegramDesk.botToken) && !text.contains(TelegramDesk.secret))
                    #expect(!text.contains("a-fresh-secret"))
                }

                #expect(
                    try await client.call(.delete, "/api/v1/channels/\(id)", token: acme.ownerToken).status
                        == .noContent)
                #expect(await t.bot.calls("deleteWebhook").count == 1)
                #expect(try await t.deliver(client, channelID: id, update).status == .notFound)
            }
            await t.channels.answers.idle()
        }
        let logged = lines.all.withLock { $0 }
        for secret in [TelegramDesk.botToken, TelegramDesk.secret, "a-fresh-secret", "AAH4k"] {
            #expect(!logged.contains { $0.contains(secret) }, "\(logged.filter { $0.contains(secret) })")
        }
    }

    @Test func theWebhookRefusesAMissingOrWrongSecretAndStoresNothing() async throws {
        try await TelegramDesk.with { t in
            try await t.test { client in
                let (_, _, channelID) = try await t.connect(client)
                let update = TelegramDesk.textUpdate(100, "Hello there")
                let missing = try await t.deliver(client, channelID: channelID, update, secret: nil)
                #expect(missing.status == .unauthorized)
                let wrong = try await t.deliver(client, channelID: channelID, update, secret: "guess")
                #expect(wrong.status == .unauthorized)
                let almost = try await t.deliver(
                    client, channelID: channelID, update, secret: String(TelegramDesk.secret.dropLast()))
                #expect(almost.status == .unauthorized)
                #expect(try await t.desk.helpDesk.chatConversation(channelID: channelID, externalID: "4242") == nil)
                let unknown = try await t.deliver(client, channelID: "ch_nope", update)
                #expect(unknown.status == .notFound)

                // The same update with the secret is taken: the refused ones left no trace of it.
                let taken = try await t.deliver(client, channelID: channelID, update)
                #expect(taken.status == .ok)
                #expect(taken.object["ok"] as? Bool == true)
                await t.channels.answers.idle()
                let messages = try await t.messages(channelID: channelID)
                #expect(messages.map(\.kind) == [.customer, .ai])
                #expect(messages.first?.body == "Hello there")

                let notAnUpdate = try await t.deliver(client, channelID: channelID, #"{"message": {}}"#)
                #expect(notAnUpdate.status == .badRequest)
            }
        }
    }

    @Test func theSameUpdatePostedFiveTimesAtOnceIsStoredOnce() async throws {
        try await TelegramDesk.with { t in
            try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client)
                let update = TelegramDesk.textUpdate(7, "How long does delivery take?")
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<5 {
                        group.addTask { try await t.deliver(client, channelID: channelID, update).status }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses == Array(repeating: .ok, count: 5))
                await t.channels.answers.idle()
                let messages = try await t.messages(channelID: channelID)
                #expect(messages.filter { $0.kind == .customer }.count == 1)
                #expect(messages.filter { $0.kind == .ai }.map(\.body) == ["Orders arrive within 5 working days."])
                #expect(try await t.outbox(acme).count == 1, "one answer queued")
                // Telegram retrying later changes nothing either.
                #expect(try await t.deliver(client, channelID: channelID, update).status == .ok)
                #expect(try await t.messages(channelID: channelID).count == 2)
            }
        }
    }

    @Test func anEscalationThroughTelegramOpensATicketAndEveryReplyLeavesBySendMessage() async throws {
        try await TelegramDesk.with { t in
            try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client)
                let sam = try await acme.member("Sam", availability: .online)
                #expect(
                    try await t.deliver(client, channelID: channelID, TelegramDesk.textUpdate(1, "/start")).status
                        == .ok)
                #expect(
                    try await t.deliver(
                        client, channelID: channelID, TelegramDesk.textUpdate(2, "I want to talk to a human")
                    ).status == .ok)
                await t.channels.answers.idle()

                let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: sam.token)
                #expect(ticket.status == .ok, "\(ticket.text)")
                #expect(ticket.object["channel"] as? String == "telegram")
                let requester = try #require(ticket.object["requester"] as? [String: Any])
                #expect(requester["name"] as? String == "Ana Silva")
                #expect(requester["handle"] as? String == "@anasilva")
                let messages = try await t.messages(channelID: channelID)
                #expect(messages.map(\.body).first == "/start")
                #expect(messages.map(\.body).contains("Hello! I'm Shop Assistant. How can I help you today?"))
                #expect(messages.last?.body == "Hang on, a person is coming.")
                // The bot showed "typing…" while the AI worked.
                #expect(await t.bot.waitFor("sendChatAction").first?.json()["action"] as? String == "typing")

                // The greeting and the waiting label leave by sendMessage.
                #expect(try await t.worker.runOnce() == 2)
                let sent = await t.bot.calls("sendMessage")
                #expect(
                    sent.map(\.text) == [
                        "Hello! I'm Shop Assistant. How can I help you today?", "Hang on, a person is coming.",
                    ])
                #expect(sent.allSatisfy { $0.chatID == 4242 && $0.token == TelegramDesk.botToken })

                // The composer offers Telegram once Sam holds the chat.
                let before = try await client.call(.get, "/api/v1/tickets/10001/channels", token: sam.token)
                #expect(before.items.first?["channel"] as? String == "telegram")
                #expect(before.items.first?["available"] as? Bool == false)
                #expect(try await client.call(.post, "/api/v1/tickets/10001/takeover", token: sam.token).status == .ok)
                let held = try await client.call(.get, "/api/v1/tickets/10001/channels", token: sam.token)
                #expect(held.object["default"] as? String == "telegram")

                // A long reply goes out in parts of at most 4,096 characters, split between words.
                let long = (1...700).map { "Step \($0) of the fix." }.joined(separator: " ")
                let reply = try await client.call(
                    .post, "/api/v1/tickets/10001/replies", token: sam.token,
                    json: json(["body": long, "channel": "telegram"]))
                #expect(reply.status == .created, "\(reply.text)")
                #expect((reply.object["delivery"] as? [String: Any])?["state"] as? String == "queued")
                #expect(try await t.worker.runOnce() == 2, "the connected label and the reply")
                let all = await t.bot.calls("sendMessage").compactMap(\.text)
                #expect(all[2] == "You are now talking to our team.")
                let parts = Array(all.dropFirst(3))
                #expect(parts.count == 4)
                #expect(parts.allSatisfy { $0.utf16.count <= 4_096 })
                #expect(parts.joined(separator: " ") == long)
                let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: sam.token)
                let last = timeline.items.last { $0["kind"] as? String == "message" }
                #expect((last?["delivery"] as? [String: Any])?["state"] as? String == "sent")

                // The customer answers the person; the AI stays quiet while Sam holds the chat.
                #expect(
                    try await t.deliver(client, channelID: channelID, TelegramDesk.textUpdate(3, "Thanks!")).status
                        == .ok)
                await t.channels.answers.idle()
                #expect(try await t.messages(channelID: channelID).last?.kind == .customer)
                #expect(try await t.worker.runOnce() == 0)
            }
        }
    }

    @Test func theServersOwnWorkerSendsTheAnswer() async throws {
        try await TelegramDesk.with(runsOutboxWorker: true) { t in
            try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client)
                try await t.deliver(
                    client, channelID: channelID, TelegramDesk.textUpdate(1, "How do I return an item?"))
                let sent = await t.bot.waitFor("sendMessage")
                #expect(sent.map(\.text) == ["Returns are free within 30 days."])
                #expect(sent.first?.chatID == 4242)
                for _ in 0..<100 where try await t.outbox(acme).first?.state != .sent {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(try await t.outbox(acme).first?.state == .sent)
            }
        }
    }

    @Test func twoBadGatewaysThenSuccessIsDeliveredOnce() async throws {
        try await TelegramDesk.with { t in
            try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client)
                await t.bot.script.script("sendMessage", [.badGateway(), .error(502, "Bad Gateway")])
                try await t.deliver(
                    client, channelID: channelID, TelegramDesk.textUpdate(1, "How do I return an item?"))
                await t.channels.answers.idle()
                let worker = t.worker
                #expect(try await worker.runOnce() == 1)
                let first = try #require(try await t.outbox(acme).first)
                #expect(first.state == .queued)
                #expect(first.lastError == "Telegram answered 502: HTTP 502")
                #expect(try await worker.runOnce() == 0, "waits its backoff (2 s)")
                t.clock.advance(seconds: 2)
                #expect(try await worker.runOnce() == 1)
                #expect(try await t.outbox(acme).first?.lastError == "Telegram answered 502: Bad Gateway")
                t.clock.advance(seconds: 3)
                #expect(try await worker.runOnce() == 0, "the second wait is 4 s")
                t.clock.advance(seconds: 1)
                #expect(try await worker.runOnce() == 1)
                #expect(try await t.outbox(acme).first?.state == .sent)
                let sends = await t.bot.calls("sendMessage")
                #expect(sends.count == 3)
                #expect(Set(sends.compactMap(\.text)) == ["Returns are free within 30 days."])
                t.clock.advance(seconds: 3_600)
                #expect(try await worker.runOnce() == 0, "delivered once")
                #expect(await t.bot.calls("sendMessage").count == 3)
            }
        }
    }

    @Test func tooManyRequestsWaitsRetryAfterAndABlockedBotFailsForGood() async throws {
        try await TelegramDesk.with { t in
            try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client)
                await t.bot.script.script(
                    "sendMessage",
                    [
                        .error(429, "Too Many Requests: retry after 7", retryAfter: 7),
                        .error(403, "Forbidden: bot was blocked by the user"),
                    ])
                try await t.deliver(
                    client, channelID: channelID, TelegramDesk.textUpdate(1, "How do I return an item?"))
                await t.channels.answers.idle()
                let worker = t.worker
                #expect(try await worker.runOnce() == 1)
                let waiting = try #require(try await t.outbox(acme).first)
                #expect(waiting.lastError == "Telegram: Too Many Requests: retry after 7")
                t.clock.advance(seconds: 6.9)
                #expect(try await worker.runOnce() == 0, "retry_after is 7 s, longer than the 2 s backoff")
                t.clock.advance(seconds: 0.2)
                #expect(try await worker.runOnce() == 1)
                let failed = try #require(try await t.outbox(acme).first)
                #expect(failed.state == .failed)
                #expect(
                    failed.lastError == "Telegram refused the message (403): Forbidden: bot was blocked by the user")
                t.clock.advance(seconds: 3_600)
                #expect(try await worker.runOnce() == 0, "a permanent failure is not retried")
            }
        }
    }

    @Test func longPollingTakesUpdatesAndKeepsItsPlace() async throws {
        try await TelegramDesk.with(publicURL: nil) { t in
            try await t.test { client in
                await t.bot.script.script(
                    "getUpdates",
                    [
                        .error(
                            409,
                            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
                        )
                    ])
                await t.bot.script.queueUpdates([
                    TelegramDesk.textUpdate(500, "Hello from polling"), TelegramDesk.textUpdate(501, "Anyone?"),
                ])
                let (acme, _, channelID) = try await t.connect(client)
                #expect(await t.bot.calls("setWebhook").isEmpty, "no public URL: no webhook")
                let polls = await t.bot.waitFor("getUpdates") { calls in
                    calls.contains { ($0.json()["offset"] as? NSNumber)?.int64Value == 502 }
                }
                #expect(polls.first?.json()["offset"] == nil, "the first poll starts at Telegram's first update")
                #expect(await t.bot.calls("deleteWebhook").count == 1, "the webhook that blocked polling was deleted")
                #expect(try await t.desk.helpDesk.pollOffset(channelID: channelID) == 502)
                await t.channels.answers.idle()
                let messages = try await t.messages(channelID: channelID)
                #expect(messages.filter { $0.kind == .customer }.map(\.body) == ["Hello from polling", "Anyone?"])

                // A new token: the poller starts again with it.
                let newToken = "987654321:another-bot_token"
                let patched = try await client.call(
                    .patch, "/api/v1/channels/\(channelID)", token: acme.ownerToken,
                    json: json(["config": ["botToken": newToken]]))
                #expect(patched.status == .ok, "\(patched.text)")
                let renewed = await t.bot.waitFor("getUpdates") { $0.contains { $0.token == newToken } }
                #expect(renewed.last?.token == newToken)
                #expect((renewed.last?.json()["offset"] as? NSNumber)?.int64Value == 502)

                // Removing the channel stops its poller.
                #expect(
                    try await client.call(.delete, "/api/v1/channels/\(channelID)", token: acme.ownerToken).status
                        == .noContent)
                try await Task.sleep(for: .milliseconds(300))
                let stopped = await t.bot.calls("getUpdates").count
                try await Task.sleep(for: .milliseconds(400))
                #expect(await t.bot.calls("getUpdates").count == stopped)
            }
        }
    }

    @Test func anAnswerOwedWhenTheProcessStoppedIsGivenAfterARestart() async throws {
        try await TelegramDesk.with { t in
            let (acme, channelID) = try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client)
                return (acme, channelID)
            }
            // The message was stored, then the process stopped before the AI answered.
            let channel = try await t.desk.helpDesk.chatChannel(id: channelID, kind: .telegram)
            let stored = try await t.desk.helpDesk.receiveChatMessage(
                InboundChatMessage(
                    channel: channel, eventID: "900", externalID: "4242",
                    contact: Requester(name: "Ana Silva", handle: "@anasilva"), body: "How do I reset my password?",
                    awaitsAnswer: true))
            #expect(stored?.awaitingAnswer == true)
            #expect(try await t.outbox(acme).isEmpty)

            // A new process on the same database sweeps what is owed.
            let restarted = ChatChannels(
                helpDesk: t.desk.helpDesk,
                configuration: ChatChannelsConfiguration(
                    publicURL: "https://desk.example", outbound: t.desk.configuration.outbound,
                    runsOutboxWorker: false))
            await restarted.sweep()
            await restarted.answers.idle()
            #expect(try await t.messages(channelID: channelID).last?.body == "Use Forgot password on the sign-in page.")
            #expect(try await t.outbox(acme).count == 1)
            #expect(try await t.desk.helpDesk.conversationsAwaitingAnswer().isEmpty)
        }
    }

    @Test func editsAndMediaAreRecordedReadably() async throws {
        try await TelegramDesk.with { t in
            try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client, handover: false)
                let photo =
                    #"{"update_id": 20, "message": {"message_id": 5, "from": {"id": 4242, "first_name": "Ana"}, "chat": {"id": 4242, "type": "private"}, "photo": [{"file_id": "AgACsmall", "width": 90, "height": 60}, {"file_id": "AgACbig", "width": 1280, "height": 853}], "caption": "broken box"}}"#
                #expect(try await t.deliver(client, channelID: channelID, photo).status == .ok)
                await t.channels.answers.idle()
                let edit =
                    #"{"update_id": 21, "edited_message": {"message_id": 5, "from": {"id": 4242, "first_name": "Ana"}, "chat": {"id": 4242, "type": "private"}, "edit_date": 1700000100, "text": "the box arrived broken"}}"#
                #expect(try await t.deliver(client, channelID: channelID, edit).status == .ok)
                let group =
                    #"{"update_id": 22, "message": {"message_id": 6, "from": {"id": 1, "first_name": "G"}, "chat": {"id": -100, "type": "group"}, "text": "hi all"}}"#
                #expect(try await t.deliver(client, channelID: channelID, group).status == .ok)
                await t.channels.answers.idle()
                let messages = try await t.messages(channelID: channelID)
                #expect(messages.first?.body == "[Photo] broken box\nTelegram file: AgACbig")
                #expect(messages.last?.body == "[Edited] the box arrived broken")
                #expect(messages.filter { $0.kind == .ai }.count == 1, "an edit owes no new answer")
                #expect(try await t.desk.helpDesk.chatConversation(channelID: channelID, externalID: "-100") == nil)
                #expect(try await t.outbox(acme).count == 1)
            }
        }
    }
}
