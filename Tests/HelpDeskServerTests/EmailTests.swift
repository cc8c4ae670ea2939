import Foundation
import HTTPTypes
import HelpDeskChannels
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HelpDeskStore
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Email end to end: the channel, inbound mail through the provider route,
/// threading, the support inbox, and replies leaving through a real SMTP
/// server (aiosmtpd) from the outbox.
@Suite struct EmailTests {
    /// A help desk with its chat channels (the email deliverer among them) and a sink to send to.
    struct Desk: Sendable {
        let desk: TestHelpDesk
        let channels: ChatChannels
        let sink: MailSink
        let clock: TestClock

        var worker: OutboxWorker {
            OutboxWorker(
                store: desk.store, deliverers: channels.deliverers, policy: RetryPolicy(baseSeconds: 2, capSeconds: 60),
                clock: { clock.now() }, random: { 1 })
        }

        func test<R: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> R) async throws
            -> R
        {
            let app = buildApplication(helpDesk: desk.helpDesk, configuration: desk.configuration, channels: channels)
            return try await app.test(.router) { client in try await body(client) }
        }

        /// A pro team with the support inbox on and an email channel sending through the sink.
        func connect(_ client: any TestClientProtocol, supportInbox: Bool = true) async throws -> (
            acme: TestTeam, channelID: String, secret: String
        ) {
            let acme = try await desk.team()
            let agent = try await client.call(
                .post, "/api/v1/agents", token: acme.ownerToken, json: json(["name": "Mail Agent"]))
            let created = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json([
                    "kind": "email", "agentId": agent.object["id"] as? String,
                    "config": [
                        "address": "support@acme.test",
                        "smtp": ["host": "127.0.0.1", "port": sink.port, "tls": "none"] as [String: Any],
                    ] as [String: Any],
                ]))
            #expect(created.status == .created, "\(created.text)")
            let settings = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken,
                json: json([
                    "businessHours": ["enabled": false, "start": "09:00", "end": "17:00", "timeZone": "UTC"],
                    "emailNotifications": false, "assignment": "manual",
                    "supportInbox": ["enabled": supportInbox, "address": "support@acme.test"],
                ]))
            #expect(settings.status == .ok, "\(settings.text)")
            return (
                acme, try #require(created.object["id"] as? String),
                try #require(created.object["inboundSecret"] as? String)
            )
        }

        /// Posts a raw mail to the channel's inbound route.
        @discardableResult
        func post(
            _ client: any TestClientProtocol, channelID: String, secret: String?, _ raw: String,
            contentType: String = "message/rfc822"
        ) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: contentType]
            if let secret { headers[.authorization] = "Bearer \(secret)" }
            return try await client.executeAndCheck(
                .post, "/hooks/email/\(channelID)", headers: headers, body: raw, desk: desk)
        }
    }

    static func with<R: Sendable>(_ body: @escaping @Sendable (Desk) async throws -> R) async throws -> R {
        try await MailSink.with { sink in
            let clock = TestClock(Timestamp(rfc3339: "2026-11-23T10:00:00Z")!)
            let desk = try TestHelpDesk(clock: clock)
            let channels = ChatChannels(
                helpDesk: desk.helpDesk,
                configuration: ChatChannelsConfiguration(
                    publicURL: "https://desk.example", outbound: desk.configuration.outbound, runsOutboxWorker: false))
            return try await body(Desk(desk: desk, channels: channels, sink: sink, clock: clock))
        }
    }

    static func mail(
        from: String = "Ana Silva <ana@example.com>", to: String = "support@acme.test", subject: String,
        id: String, inReplyTo: String? = nil, body: String, extra: String = ""
    ) -> String {
        var lines = [
            "Return-Path: <\(from.split(separator: "<").last.map { String($0.dropLast()) } ?? from)>",
            "From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Mon, 23 Nov 2026 10:00:00 +0000",
            "Message-ID: <\(id)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
        ]
        if let inReplyTo { lines += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        if !extra.isEmpty { lines.append(extra) }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
    }

    @Test func aChannelShowsItsInboundSecretOnceAndNeverItsPassword() async throws {
        try await Self.with { d in
            try await d.test { client in
                let acme = try await d.desk.team()
                let agent = try await client.call(
                    .post, "/api/v1/agents", token: acme.ownerToken, json: json(["name": "Mail Agent"]))
                let agentID = agent.object["id"] as? String
                let bad = try await client.call(
                    .post, "/api/v1/channels", token: acme.ownerToken,
                    json: json([
                        "kind": "email", "agentId": agentID,
                        "config": [
                            "address": "not an address",
                            "smtp": ["host": "smtp example", "port": 0, "password": "pw"] as [String: Any],
                        ] as [String: Any],
                    ]))
                #expect(bad.status == .badRequest)
                #expect(
                    BadInputTests.fieldNames(bad) == [
                        "config.address", "config.smtp.host", "config.smtp.port", "config.smtp.username",
                    ])
                let created = try await client.call(
                    .post, "/api/v1/channels", token: acme.ownerToken,
                    json: json([
                        "kind": "email", "agentId": agentID,
                        "config": [
                            "address": "Support@Acme.test",
                            "smtp": [
                                "host": "smtp.acme.test", "port": 587, "username": "desk",
                                "password": "mail-password-42",
                                "tls": "starttls",
                            ] as [String: Any],
                        ] as [String: Any],
                    ]))
                #expect(created.status == .created, "\(created.text)")
                let secret = try #require(created.object["inboundSecret"] as? String)
                let config = try #require(created.object["config"] as? [String: Any])
                #expect(config["address"] as? String == "support@acme.test")
                let smtp = try #require(config["smtp"] as? [String: Any])
                #expect(smtp["passwordSet"] as? Bool == true && smtp["tls"] as? String == "starttls")
                let listed = try await client.call(.get, "/api/v1/channels", token: acme.ownerToken)
                for text in [created.text, listed.text] { #expect(!text.contains("mail-password-42")) }
                #expect(!listed.text.contains(secret), "the inbound secret is shown once")
            }
        }
    }

    @Test func inboundMailOpensATicketThreadsRepliesAndTheReplyLeavesThreadedBySMTP() async throws {
        try await Self.with { d in
            try await d.test { client in
                let (acme, channelID, secret) = try await d.connect(client)
                let sam = try await acme.member("Sam", availability: .online)
                let first = Self.mail(
                    subject: "Printer on fire", id: "first@example.com", body: "My printer is on fire.\nHelp!")
                #expect(try await d.post(client, channelID: channelID, secret: nil, first).status == .unauthorized)
                #expect(
                    try await d.post(client, channelID: channelID, secret: "in_guess", first).status == .unauthorized)
                #expect(
                    try await d.post(client, channelID: channelID, secret: secret, first, contentType: "text/plain")
                        .status == .unsupportedMediaType)
                #expect(
                    try await client.call(.get, "/api/v1/tickets/10001", token: acme.ownerToken).status == .notFound)

                let opened = try await d.post(client, channelID: channelID, secret: secret, first)
                #expect(opened.status == .ok, "\(opened.text)")
                #expect(opened.object["outcome"] as? String == "opened")
                #expect(opened.object["ticketNumber"] as? Int == 10001)
                let again = try await d.post(client, channelID: channelID, secret: secret, first)
                #expect(again.object["outcome"] as? String == "duplicate")
                let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: acme.ownerToken)
                #expect(ticket.object["channel"] as? String == "email")
                #expect(ticket.object["subject"] as? String == "Printer on fire")
                let requester = try #require(ticket.object["requester"] as? [String: Any])
                #expect(
                    requester["name"] as? String == "Ana Silva" && requester["email"] as? String == "ana@example.com")

                // Sam replies by email: it leaves through the outbox, threaded and with the reply address.
                #expect(
                    try await client.call(
                        .patch, "/api/v1/me", token: sam.token,
                        json: json(["signature": "Sam\nAcme Support", "sendingEmail": "sam@acme.test"])
                    ).status == .ok)
                let reply = try await client.call(
                    .post, "/api/v1/tickets/10001/replies", token: sam.token,
                    json: json(["body": "We are on it.", "channel": "email"]))
                #expect(reply.status == .created, "\(reply.text)")
                #expect(try await d.worker.runOnce() == 1)
                let sent = try #require(d.sink.mails().last)
                #expect(MailSink.header("To", in: sent)?.contains("ana@example.com") == true)
                #expect(MailSink.header("From", in: sent) == "Sam <sam@acme.test>")
                #expect(MailSink.header("Subject", in: sent) == "Re: Printer on fire [#10001]")
                #expect(MailSink.header("In-Reply-To", in: sent) == "<first@example.com>")
                let replyTo = try #require(MailSink.header("Reply-To", in: sent))
                #expect(replyTo.hasPrefix("support+t-10001-") && replyTo.hasSuffix("@acme.test"))
                let messageID = try #require(MailSink.header("Message-ID", in: sent))
                #expect(messageID.hasPrefix("<hd-") && messageID.hasSuffix("@acme.test>"))
                #expect(sent.contains("We are on it.") && sent.contains("Acme Support"))
                let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: sam.token)
                let delivered = timeline.items.last { $0["kind"] as? String == "message" }
                #expect((delivered?["delivery"] as? [String: Any])?["state"] as? String == "sent")

                // Ana answers the mail (her client names ours in In-Reply-To): it lands on the ticket.
                let ours = String(messageID.dropFirst().dropLast())
                let answer = Self.mail(
                    subject: "Re: Printer on fire [#10001]", id: "second@example.com", inReplyTo: ours,
                    body:
                        "Thanks, it is out now.\n\nOn Mon, 23 Nov 2026 at 10:05, Sam <sam@acme.test> wrote:\n> We are on it."
                )
                let threaded = try await d.post(client, channelID: channelID, secret: secret, answer)
                #expect(threaded.object["outcome"] as? String == "threaded")
                #expect(threaded.object["ticketNumber"] as? Int == 10001)
                let after = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: sam.token).items
                let event = after.last { $0["kind"] as? String == "event" }
                #expect(event?["event"] as? String == "emailThreaded")
                #expect((event?["detail"] as? String)?.contains("In-Reply-To") == true)
                let last = after.last { $0["kind"] as? String == "message" }
                #expect(last?["body"] as? String == "Thanks, it is out now.", "the quoted history is cut")
                #expect((last?["attachments"] as? [[String: Any]])?.first?["name"] as? String == "full-message.txt")

                // Resolved, then a reply to the reply address alone (no headers): reopened.
                #expect(
                    try await client.call(
                        .patch, "/api/v1/tickets/10001", token: sam.token, json: json(["status": "resolved"])
                    ).status == .ok)
                let byToken = Self.mail(
                    to: replyTo, subject: "one more thing", id: "third@example.com", body: "Also the fax.")
                let reopened = try await d.post(client, channelID: channelID, secret: secret, byToken)
                #expect(reopened.object["ticketNumber"] as? Int == 10001)
                let now = try await client.call(.get, "/api/v1/tickets/10001", token: sam.token)
                #expect(now.object["status"] as? String == "open")
            }
        }
    }

    @Test func mailFromAnotherSenderNeverLandsOnSomeoneElsesTicket() async throws {
        try await Self.with { d in
            try await d.test { client in
                let (acme, channelID, secret) = try await d.connect(client)
                try await d.post(
                    client, channelID: channelID, secret: secret,
                    Self.mail(subject: "Invoice question", id: "a1@example.com", body: "Where is my invoice?"))
                // The ticket number in the subject, from the requester: threaded.
                let same = try await d.post(
                    client, channelID: channelID, secret: secret,
                    Self.mail(subject: "Re: [#10001] Invoice question", id: "a2@example.com", body: "Any news?"))
                #expect(same.object["outcome"] as? String == "threaded")
                // The same subject from someone else: a new ticket, saying why.
                let other = try await d.post(
                    client, channelID: channelID, secret: secret,
                    Self.mail(
                        from: "Mallory <mallory@evil.test>", subject: "Re: [#10001] Invoice question",
                        id: "m1@evil.test", body: "Send it to me instead."))
                #expect(other.object["outcome"] as? String == "opened")
                #expect(other.object["ticketNumber"] as? Int == 10002)
                let created = try await client.call(.get, "/api/v1/tickets/10002/timeline", token: acme.ownerToken)
                let detail = created.items.first?["detail"] as? String
                #expect(detail?.contains("not added to ticket #10001") == true, "\(created.text)")
                // A forged reply address (a wrong signature) threads nothing either.
                let forged = try await d.post(
                    client, channelID: channelID, secret: secret,
                    Self.mail(
                        to: "support+t-10001-0000000000@acme.test", subject: "hello", id: "a3@example.com",
                        body: "forged token"))
                #expect(forged.object["outcome"] as? String == "opened")
            }
        }
    }

    @Test func withTheSupportInboxOffANewMailIsRefusedAndABounceFailsTheDelivery() async throws {
        try await Self.with { d in
            try await d.test { client in
                let (acme, channelID, secret) = try await d.connect(client, supportInbox: false)
                let refused = try await d.post(
                    client, channelID: channelID, secret: secret,
                    Self.mail(subject: "Hello", id: "x1@example.com", body: "Anyone?"))
                #expect(refused.status == .unprocessableContent)
                #expect((refused.object["detail"] as? String)?.contains("support inbox is off") == true)

                // A ticket opened by hand, replied to by email; the mail bounces.
                let sam = try await acme.member("Sam", availability: .online)
                let ticket = try await client.call(
                    .post, "/api/v1/tickets", token: sam.token,
                    json: json([
                        "subject": "Call back", "requester": ["name": "Ed", "email": "ed@nowhere.test"],
                        "body": "Please call me.",
                    ]))
                #expect(ticket.status == .created, "\(ticket.text)")
                let reply = try await client.call(
                    .post, "/api/v1/tickets/10001/replies", token: sam.token,
                    json: json(["body": "Calling you now.", "channel": "email"]))
                let replyID = try #require(reply.object["id"] as? String)
                #expect(try await d.worker.runOnce() == 1)
                let sent = try #require(d.sink.mails().last)
                let messageID = try #require(MailSink.header("Message-ID", in: sent))
                let bounce = [
                    "From: Mail Delivery System <MAILER-DAEMON@mx.acme.test>", "To: support@acme.test",
                    "Subject: Undelivered Mail Returned to Sender", "Message-ID: <bounce1@mx.acme.test>",
                    "Auto-Submitted: auto-replied", "MIME-Version: 1.0",
                    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"", "",
                    "--B", "Content-Type: text/plain", "", "The mailbox ed@nowhere.test does not exist.", "",
                    "--B", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.acme.test", "",
                    "Final-Recipient: rfc822; ed@nowhere.test", "Action: failed", "Status: 5.1.1", "",
                    "--B", "Content-Type: text/rfc822-headers", "", "Message-ID: \(messageID)",
                    "Subject: Re: Call back [#10001]", "", "--B--", "",
                ].joined(separator: "\r\n")
                let bounced = try await d.post(client, channelID: channelID, secret: secret, bounce)
                #expect(bounced.object["outcome"] as? String == "bounce", "\(bounced.text)")
                let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: sam.token)
                let delivery = timeline.items.first { $0["id"] as? String == replyID }?["delivery"] as? [String: Any]
                #expect(delivery?["state"] as? String == "failed")
                #expect((delivery?["error"] as? String)?.contains("does not exist") == true)
                #expect(
                    try await client.call(
                        .post, "/api/v1/tickets/10001/messages/\(replyID)/retry", token: sam.token
                    ).status == .ok)
            }
        }
    }
}

extension EmailTests {
    /// Sends `raw` with Python's smtplib to the listener on `port`, to `recipients`; returns what it got back.
    /// The script runs without holding a thread of the cooperative pool, which the listener needs meanwhile.
    static func smtplib(port: Int, from: String, recipients: [String], raw: String) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtplib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mail.eml")
        let output = folder.appendingPathComponent("out.txt")
        let errors = folder.appendingPathComponent("err.txt")
        try Data(raw.utf8).write(to: file)
        for path in [output, errors] { _ = FileManager.default.createFile(atPath: path.path, contents: nil) }
        let script = """
            import smtplib, sys, json
            s = smtplib.SMTP('127.0.0.1', \(port), timeout=20)
            try:
                refused = s.sendmail(sys.argv[1], json.loads(sys.argv[2]), open(sys.argv[3], 'rb').read())
                print(json.dumps({k: v[0] for k, v in refused.items()}))
            except smtplib.SMTPRecipientsRefused as e:
                print(json.dumps({k: v[0] for k, v in e.recipients.items()}))
            except smtplib.SMTPDataError as e:
                print(json.dumps({'data': e.smtp_code, 'text': e.smtp_error.decode()}))
            s.quit()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MailSink.python)
        let recipientsJSON = String(decoding: try JSONSerialization.data(withJSONObject: recipients), as: UTF8.self)
        process.arguments = ["-c", script, from, recipientsJSON, file.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        _ = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let text = try String(contentsOf: output, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "python: " + (try String(contentsOf: errors, encoding: .utf8)) : text
    }

    @Test func theBuiltInListenerTakesMailForTheSupportAddressAndRefusesOthers() async throws {
        try await MailSink.with { sink in
            let desk = try TestHelpDesk()
            let (ports, listening) = AsyncStream.makeStream(of: Int.self)
            var configuration = ChatChannelsConfiguration(
                outbound: desk.configuration.outbound, runsOutboxWorker: false,
                smtpListener: SMTPListenerConfiguration(host: "127.0.0.1", port: 0))
            configuration.onSMTPListening = { listening.yield($0) }
            let channels = ChatChannels(helpDesk: desk.helpDesk, configuration: configuration)
            let d = Desk(desk: desk, channels: channels, sink: sink, clock: TestClock(Timestamp(Date())))
            try await d.test { client in
                let (acme, _, _) = try await d.connect(client)
                let background = Task { await channels.run() }
                defer { background.cancel() }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next(), "the listener did not start")
                let raw = Self.mail(subject: "Through the listener", id: "l1@example.com", body: "Hello by SMTP.")
                let answer = try await Self.smtplib(
                    port: port, from: "ana@example.com", recipients: ["support@acme.test", "nobody@acme.test"], raw: raw
                )
                #expect(answer == #"{"nobody@acme.test": 550}"#, "\(answer)")
                let ticket = try await client.call(.get, "/api/v1/tickets/10001", token: acme.ownerToken)
                #expect(ticket.object["subject"] as? String == "Through the listener")

                // The support inbox off: the bare address is refused, a reply address still taken.
                let off = try await client.call(
                    .put, "/api/v1/settings", token: acme.ownerToken,
                    json: json([
                        "businessHours": ["enabled": false, "start": "09:00", "end": "17:00", "timeZone": "UTC"],
                        "emailNotifications": false, "assignment": "manual",
                        "supportInbox": ["enabled": false, "address": "support@acme.test"],
                    ]))
                #expect(off.status == .ok)
                let refused = try await Self.smtplib(
                    port: port, from: "ana@example.com", recipients: ["support@acme.test"],
                    raw: Self.mail(subject: "New", id: "l2@example.com", body: "x"))
                #expect(refused == #"{"support@acme.test": 550}"#, "\(refused)")
                let token = try await desk.helpDesk.replyToken(teamID: acme.team.id, number: 10001)
                let reply = try await Self.smtplib(
                    port: port, from: "ana@example.com", recipients: ["support+\(token)@acme.test"],
                    raw: Self.mail(subject: "Re: Through the listener", id: "l3@example.com", body: "And again."))
                #expect(reply == "{}", "\(reply)")
                let timeline = try await client.call(.get, "/api/v1/tickets/10001/timeline", token: acme.ownerToken)
                #expect(timeline.items.last { $0["kind"] as? String == "message" }?["body"] as? String == "And again.")
            }
        }
    }
}

extension EmailTests {
    @Test func aTestMailReportsTheServersOwnAnswer() async throws {
        try await Self.with { d in
            try await d.test { client in
                let (acme, channelID, _) = try await d.connect(client)
                let sent = try await client.call(
                    .post, "/api/v1/channels/\(channelID)/test-mail", token: acme.ownerToken)
                #expect(sent.status == .ok, "\(sent.text)")
                #expect((sent.object["reply"] as? String)?.hasPrefix("250") == true)
                #expect(sent.object["to"] as? String == acme.owner.email)
                #expect(MailSink.header("Subject", in: d.sink.mails().last ?? "") == "HelpDesk test mail")
                let other = try await client.call(
                    .post, "/api/v1/channels/\(channelID)/test-mail", token: acme.ownerToken,
                    json: json(["to": "not-an-address"]))
                #expect(BadInputTests.fieldNames(other) == ["to"])
                let sam = try await acme.member("Sam")
                #expect(
                    try await client.call(.post, "/api/v1/channels/\(channelID)/test-mail", token: sam.token).status
                        == .forbidden)
                // A server that is not there: 422 with what went wrong.
                let closed = try MailSink.freePort()
                #expect(
                    try await client.call(
                        .patch, "/api/v1/channels/\(channelID)", token: acme.ownerToken,
                        json: json(["config": ["smtp": ["port": closed]]])
                    ).status == .ok)
                let failed = try await client.call(
                    .post, "/api/v1/channels/\(channelID)/test-mail", token: acme.ownerToken)
                #expect(failed.status == .unprocessableContent)
                #expect((failed.object["detail"] as? String)?.hasPrefix("the test mail was not sent") == true)
            }
        }
    }

    @Test func ownersGetOneMailEachWithALinkToTheTicket() async throws {
        try await Self.with { d in
            try await d.test { client in
                let (acme, _, _) = try await d.connect(client)
                let manager = try await acme.member("Olga", role: .owner)
                let widget = try await WidgetFixture.make(d.desk, client: client, team: acme)
                try await OwnerNotificationTests.turnNotificationsOn(client, acme)
                let number = try await OwnerNotificationTests.escalate(client, widget, "Vera")
                #expect(try await d.worker.runOnce() == 1)
                let mails = d.sink.mails()
                #expect(mails.count == 2, "one mail per owner")
                let recipients = Set(mails.compactMap { MailSink.header("To", in: $0) })
                #expect(recipients == [acme.owner.email, manager.member.email])
                for mail in mails {
                    #expect(MailSink.header("Subject", in: mail)?.contains("Ticket \(number)") == true)
                    #expect(MailSink.header("Auto-Submitted", in: mail) == "auto-generated")
                    #expect(mail.contains("https://desk.example/app/tickets/\(number)"))
                    #expect(MailSink.header("From", in: mail)?.contains("support@acme.test") == true)
                }
            }
        }
    }
}

extension TestClientProtocol {
    /// A raw-body call, checked against the contract like `call`.
    func executeAndCheck(
        _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields, body: String, desk: TestHelpDesk,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        let response = try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
        try await OpenAPIContract.load(self).check(
            method: method, uri: uri, response: response, sourceLocation: sourceLocation)
        return response
    }
}
