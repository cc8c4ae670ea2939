import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskStore
import HummingbirdTesting
import Testing

/// Satisfaction ratings asked on the customer's own channel: the question leaves through the
/// outbox the team's delay after the resolution, and the answer comes back on that channel
/// (a Telegram button, a WhatsApp reply, a signed link in an email).
@Suite struct CSATChannelsTests {
    /// The rating events on a ticket's timeline.
    static func ratings(_ client: any TestClientProtocol, _ token: String, number: Int = 10001) async throws
        -> [[String: Any]]
    {
        try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: token).items.filter {
            $0["event"] as? String == "csatReceived"
        }
    }

    static func resolve(_ client: any TestClientProtocol, _ token: String, number: Int = 10001) async throws {
        let resolved = try await client.call(
            .patch, "/api/v1/tickets/\(number)", token: token, json: json(["status": "resolved"]))
        #expect(resolved.status == .ok, "\(resolved.text)")
    }

    static func enableCSAT(_ client: any TestClientProtocol, _ token: String) async throws {
        let saved = try await client.call(
            .put, "/api/v1/settings", token: token,
            json: json(CSATTests.settings(enabled: true, delay: 30, question: "How did we do?")))
        #expect(saved.status == .ok, "\(saved.text)")
    }

    /// A press of a rating button under the bot's message in Ana's chat.
    static func buttonPress(_ updateID: Int64, _ data: String, chat: Int64 = 4242) -> String {
        let press: [String: Any] = [
            "id": "press-\(updateID)", "data": data,
            "from": ["id": chat, "is_bot": false, "first_name": "Ana"],
            "message": ["message_id": 900, "chat": ["id": chat, "type": "private"], "date": 1_700_000_000],
        ]
        let data = try! JSONSerialization.data(withJSONObject: ["update_id": updateID, "callback_query": press])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func telegramAsksWithAKeyboardAfterTheDelayAndAButtonRatesOnce() async throws {
        try await TelegramDesk.with { t in
            try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client)
                try await Self.enableCSAT(client, acme.ownerToken)
                try await t.deliver(
                    client, channelID: channelID, TelegramDesk.textUpdate(1, "I want to talk to a human"))
                await t.channels.answers.idle()
                _ = try await t.worker.runOnce()
                try await Self.resolve(client, acme.ownerToken)
                _ = try await t.worker.runOnce()
                let asks = { await t.bot.calls("sendMessage").filter { $0.json()["reply_markup"] != nil } }
                #expect(await asks().isEmpty, "not before the delay")

                t.clock.advance(seconds: 31 * 60)
                #expect(try await t.worker.runOnce() == 1)
                let ask = try #require(await asks().first)
                #expect(ask.text == "How did we do?")
                #expect(ask.chatID == 4242)
                let keyboard = (ask.json()["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]]
                let buttons = try #require(keyboard?.first)
                #expect(buttons.map { $0["text"] as? String } == ["1", "2", "3", "4", "5"])
                #expect(buttons[3]["callback_data"] as? String == "csat:10001:4")
                #expect(try await t.worker.runOnce() == 0, "asked once")

                // Another chat's press on this ticket is ignored; Ana's press of 4 is kept.
                try await t.deliver(client, channelID: channelID, Self.buttonPress(50, "csat:10001:1", chat: 777))
                #expect(try await Self.ratings(client, acme.ownerToken).isEmpty)
                #expect(
                    try await t.deliver(client, channelID: channelID, Self.buttonPress(51, "csat:10001:4")).status
                        == .ok)
                let answered = await t.bot.calls("answerCallbackQuery")
                #expect(answered.last?.json()["callback_query_id"] as? String == "press-51")
                // The question's buttons are taken off once it is rated.
                let edited = try #require(await t.bot.calls("editMessageReplyMarkup").last)
                #expect(edited.json()["message_id"] as? Int == 900 && edited.chatID == 4242)
                #expect(edited.json()["reply_markup"] == nil)
                let ratings = try await Self.ratings(client, acme.ownerToken)
                #expect(ratings.count == 1)
                #expect(ratings.first?["to"] as? String == "4")
                let report = try await client.call(
                    .get, "/api/v1/reports/overview?from=2026-11-23&to=2026-11-23", token: acme.ownerToken
                ).object
                let csat = try #require(report["csat"] as? [String: [String: Any]])
                #expect((csat["human"]?["responses"] as? Int ?? 0) + (csat["ai"]?["responses"] as? Int ?? 0) == 1)
                // The thank-you leaves through the outbox.
                #expect(try await t.worker.runOnce() == 1)
                #expect(await t.bot.calls("sendMessage").last?.text == CSAT.thanks)

                // A second tap (and a redelivered update) records nothing more.
                try await t.deliver(client, channelID: channelID, Self.buttonPress(52, "csat:10001:2"))
                try await t.deliver(client, channelID: channelID, Self.buttonPress(51, "csat:10001:4"))
                let again = await t.bot.calls("answerCallbackQuery")
                #expect(again.count == answered.count + 1)
                #expect((again.last?.json()["text"] as? String)?.contains("already") == true)
                #expect(try await Self.ratings(client, acme.ownerToken).count == 1)
                let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: acme.ownerToken)
                #expect(ticket.object["status"] as? String == "resolved")
            }
        }
    }

    @Test func anAskIsSkippedWhenTheTicketIsReopenedBeforeItIsDue() async throws {
        try await TelegramDesk.with { t in
            try await t.test { client in
                let (acme, _, channelID) = try await t.connect(client)
                try await Self.enableCSAT(client, acme.ownerToken)
                try await t.deliver(
                    client, channelID: channelID, TelegramDesk.textUpdate(1, "I want to talk to a human"))
                await t.channels.answers.idle()
                try await Self.resolve(client, acme.ownerToken)
                let reopened = try await client.call(
                    .patch, "/api/v1/tickets/10001", token: acme.ownerToken, json: json(["status": "open"]))
                #expect(reopened.status == .ok, "\(reopened.text)")
                t.clock.advance(seconds: 31 * 60)
                _ = try await t.worker.runOnce()
                #expect(await t.bot.calls("sendMessage").allSatisfy { $0.json()["reply_markup"] == nil })
                let asks = try await t.desk.store.outbox(teamID: acme.team.id).filter { $0.kind == .csatTelegram }
                #expect(asks.count == 1)
                #expect(asks.first?.state == .failed)
                #expect(asks.first?.lastError?.contains("reopened") == true)
            }
        }
    }

    @Test func whatsAppTakesANumberReplyAsTheRatingAndOtherTextAsAMessage() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client)
                try await Self.enableCSAT(client, acme.ownerToken)
                try await w.deliver(
                    client, channelID: channelID,
                    WhatsAppDesk.notification("wamid.1", text: "I want to talk to a human"))
                await w.channels.answers.idle()
                _ = try await w.worker.runOnce()
                try await Self.resolve(client, acme.ownerToken)
                _ = try await w.worker.runOnce()

                // "5" before the question was asked is an ordinary message (nothing is pending).
                let before = try await w.messages(channelID: channelID).count
                w.clock.advance(seconds: 31 * 60)
                #expect(try await w.worker.runOnce() == 1)
                let ask = try #require(await w.graph.script.texts.last)
                #expect(ask.text == "How did we do?\nReply with a number from 1 (bad) to 5 (great).")
                #expect(ask.to == WhatsAppDesk.ana)

                let reply = try await w.deliver(
                    client, channelID: channelID, WhatsAppDesk.notification("wamid.2", text: " 5! "))
                #expect(reply.status == .ok)
                await w.channels.answers.idle()
                let ratings = try await Self.ratings(client, acme.ownerToken)
                #expect(ratings.count == 1)
                #expect(ratings.first?["to"] as? String == "5")
                #expect(try await w.messages(channelID: channelID).count == before, "the rating is no message")
                let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: acme.ownerToken)
                #expect(ticket.object["status"] as? String == "resolved")
                #expect(try await w.worker.runOnce() == 1)
                #expect(await w.graph.script.texts.last?.text == CSAT.thanks)
                // A redelivery of the reply changes nothing.
                try await w.deliver(client, channelID: channelID, WhatsAppDesk.notification("wamid.2", text: " 5! "))
                #expect(try await w.messages(channelID: channelID).count == before)

                // Rated: a later "4" is an ordinary message again, and so is any other text.
                try await w.deliver(client, channelID: channelID, WhatsAppDesk.notification("wamid.3", text: "4"))
                await w.channels.answers.idle()
                #expect(try await Self.ratings(client, acme.ownerToken).count == 1)
                #expect(try await w.messages(channelID: channelID).contains { $0.kind == .customer && $0.body == "4" })
            }
        }
    }

    /// CSAT on, the customer asks for a person, and the ticket is resolved 25 hours after their
    /// message (outside WhatsApp's window); the ask is due when this returns.
    static func resolveAfterTheWindow(
        _ w: WhatsAppDesk, _ client: any TestClientProtocol, _ token: String, channelID: String
    ) async throws {
        try await enableCSAT(client, token)
        try await w.deliver(
            client, channelID: channelID, WhatsAppDesk.notification("wamid.1", text: "I want to talk to a human"))
        await w.channels.answers.idle()
        _ = try await w.worker.runOnce()
        w.clock.advance(seconds: 25 * 3600)
        try await resolve(client, token)
        _ = try await w.worker.runOnce()  // what the resolution sent at once
        w.clock.advance(seconds: 31 * 60)
    }

    /// After WhatsApp's 24-hour window only a template gets through: without one on the channel the
    /// ask is not sent, and the outbox entry says why.
    @Test func whatsAppDoesNotSendTheQuestionAfterTheWindowWithoutATemplate() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client)
                try await Self.resolveAfterTheWindow(w, client, acme.ownerToken, channelID: channelID)
                let sentBefore = await w.graph.script.received.count
                _ = try await w.worker.runOnce()
                #expect(await w.graph.script.received.count == sentBefore, "nothing goes to WhatsApp")
                let asks = try await w.desk.store.outbox(teamID: acme.team.id).filter { $0.kind == .csatWhatsApp }
                #expect(asks.count == 1)
                #expect(asks.first?.state == .failed)
                #expect(asks.first?.lastError?.contains("24-hour") == true, "\(asks.first?.lastError ?? "")")
            }
        }
    }

    /// With a rating template on the channel, an ask after the window goes as that template (the ticket
    /// number its one body parameter), and the customer's quick-reply "4" is the rating.
    @Test func whatsAppAsksWithTheChannelsTemplateAfterTheWindow() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client)
                let patched = try await client.call(
                    .patch, "/api/v1/channels/\(channelID)", token: acme.ownerToken,
                    json: json(["config": ["ratingTemplate": "ticket_rating", "ratingTemplateLanguage": "pt_BR"]]))
                #expect(patched.status == .ok, "\(patched.text)")
                let config = patched.object["config"] as? [String: Any]
                #expect(config?["ratingTemplate"] as? String == "ticket_rating")
                #expect(config?["ratingTemplateLanguage"] as? String == "pt_BR")
                let bad = try await client.call(
                    .patch, "/api/v1/channels/\(channelID)", token: acme.ownerToken,
                    json: json(["config": ["ratingTemplate": "Ticket Rating"]]))
                #expect(bad.status == .badRequest)
                #expect(bad.text.contains("config.ratingTemplate"))

                try await Self.resolveAfterTheWindow(w, client, acme.ownerToken, channelID: channelID)
                #expect(try await w.worker.runOnce() == 1)
                let sent = try #require(await w.graph.script.received.last?.json())
                #expect(sent["type"] as? String == "template")
                #expect(sent["to"] as? String == WhatsAppDesk.ana)
                let template = try #require(sent["template"] as? [String: Any])
                #expect(template["name"] as? String == "ticket_rating")
                #expect((template["language"] as? [String: Any])?["code"] as? String == "pt_BR")
                let body = (template["components"] as? [[String: Any]])?.first
                #expect(body?["type"] as? String == "body")
                #expect(((body?["parameters"] as? [[String: Any]])?.first)?["text"] as? String == "#10001")

                // The template's quick-reply button.
                try await w.deliver(
                    client, channelID: channelID,
                    WhatsAppDesk.notification(
                        "wamid.2", message: ["type": "button", "button": ["text": "4", "payload": "rating-4"]]))
                await w.channels.answers.idle()
                let ratings = try await Self.ratings(client, acme.ownerToken)
                #expect(ratings.count == 1)
                #expect(ratings.first?["to"] as? String == "4")
            }
        }
    }

    @Test func whatsAppTextThatIsNoRatingIsAMessageWhileTheQuestionIsPending() async throws {
        try await WhatsAppDesk.with { w in
            try await w.test { client in
                let (acme, _, channelID) = try await w.connect(client)
                try await Self.enableCSAT(client, acme.ownerToken)
                try await w.deliver(
                    client, channelID: channelID,
                    WhatsAppDesk.notification("wamid.1", text: "I want to talk to a human"))
                await w.channels.answers.idle()
                try await Self.resolve(client, acme.ownerToken)
                w.clock.advance(seconds: 31 * 60)
                _ = try await w.worker.runOnce()
                try await w.deliver(
                    client, channelID: channelID, WhatsAppDesk.notification("wamid.2", text: "5 stars were not enough"))
                await w.channels.answers.idle()
                #expect(try await Self.ratings(client, acme.ownerToken).isEmpty)
                #expect(
                    try await w.messages(channelID: channelID).contains {
                        $0.kind == .customer && $0.body == "5 stars were not enough"
                    })
            }
        }
    }

    /// The first rating link of a mail, its quoted-printable soft breaks undone.
    static func links(in mail: String) -> [String] {
        let text = mail.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "=\n", with: "")
            .replacingOccurrences(of: "=3D", with: "=")
        return text.components(separatedBy: .whitespacesAndNewlines).filter {
            $0.hasPrefix("https://desk.example/csat/")
        }
    }

    @Test func emailAsksWithSignedLinksAndALinkRecordsTheRatingOnce() async throws {
        try await EmailTests.with { d in
            try await d.test { client in
                let (acme, channelID, secret) = try await d.connect(client)
                var settings = CSATTests.settings(enabled: true, delay: 30, question: "How did we do?")
                settings["supportInbox"] = ["enabled": true, "address": "support@acme.test"]
                settings["emailNotifications"] = false
                let saved = try await client.call(
                    .put, "/api/v1/settings", token: acme.ownerToken, json: json(settings))
                #expect(saved.status == .ok, "\(saved.text)")
                let opened = try await d.post(
                    client, channelID: channelID, secret: secret,
                    EmailTests.mail(subject: "Printer on fire", id: "first@example.com", body: "Help!"))
                #expect(opened.object["ticketNumber"] as? Int == 10001, "\(opened.text)")
                try await Self.resolve(client, acme.ownerToken)
                let mailsBefore = d.sink.mails().count
                _ = try await d.worker.runOnce()
                #expect(d.sink.mails().count == mailsBefore, "not before the delay")
                d.clock.advance(seconds: 31 * 60)
                #expect(try await d.worker.runOnce() == 1)
                let mail = try #require(d.sink.mails().last)
                #expect(MailSink.header("To", in: mail)?.contains("ana@example.com") == true)
                #expect(MailSink.header("Subject", in: mail)?.contains("[#10001]") == true)
                let links = Self.links(in: mail)
                #expect(links.count == 5)
                let four = try #require(links.first { $0.hasSuffix("?rating=4") })
                let path = String(four.dropFirst("https://desk.example".count))
                let token = String(path.dropFirst("/csat/".count).prefix { $0 != "?" })

                // A tampered signature is refused and records nothing.
                let tampered = "/csat/" + token.dropLast(2) + (token.hasSuffix("AA") ? "BB" : "AA") + "?rating=1"
                #expect(try await client.call(.get, tampered).status == .forbidden)
                let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                let forged = try await client.executeAndCheck(
                    .post, String(tampered.prefix { $0 != "?" }), headers: form, body: "rating=1", desk: d.desk)
                #expect(forged.status == .forbidden)
                #expect(try await Self.ratings(client, acme.ownerToken).isEmpty)

                // The link shows the question with 4 chosen and records nothing by itself.
                let page = try await client.call(.get, path)
                #expect(page.status == .ok)
                #expect(page.text.contains("How did we do?"))
                #expect(page.text.contains("value=\"4\" required checked"))
                #expect(!page.text.contains("app.js"), "the operators' script is not on a customer's page")
                #expect(try await Self.ratings(client, acme.ownerToken).isEmpty)
                let sent = try await client.executeAndCheck(
                    .post, "/csat/\(token)", headers: form, body: "rating=4&comment=Fast+%26+kind", desk: d.desk)
                #expect(sent.status == .ok, "\(sent.text)")
                #expect(sent.text.contains("Thank you"))
                let ratings = try await Self.ratings(client, acme.ownerToken)
                #expect(ratings.count == 1)
                #expect(ratings.first?["to"] as? String == "4")
                #expect(ratings.first?["detail"] as? String == "Fast & kind")
                // The first answer wins.
                let second = try await client.executeAndCheck(
                    .post, "/csat/\(token)", headers: form, body: "rating=1", desk: d.desk)
                #expect(second.text.contains("rated already"))
                #expect(try await Self.ratings(client, acme.ownerToken).count == 1)

                // Two weeks on, the link has expired.
                d.clock.advance(seconds: 15 * 86_400)
                #expect(try await client.call(.get, path).status == .forbidden)
            }
        }
    }
}
