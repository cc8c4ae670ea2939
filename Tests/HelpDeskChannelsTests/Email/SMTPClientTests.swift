import Foundation
import HelpDeskCore
import Logging
import Synchronization
import Testing

@testable import HelpDeskChannels

/// The client against a scripted server on 127.0.0.1.
@Suite struct SMTPClientTests {
    static let loopback = OutboundPolicy(allowing: [AddressRange("127.0.0.0/8")!, AddressRange("::1/128")!])
    static let quick = SMTPTimeouts(
        connect: .seconds(5), greeting: .seconds(5), command: .seconds(5), data: .seconds(5))

    static func client(
        trust: SMTPCertificateTrust = .noVerification, timeouts: SMTPTimeouts = quick, logger: Logger? = nil
    ) -> SMTPClient {
        SMTPClient(
            clientName: "client.test", timeouts: timeouts, trust: trust, outbound: loopback,
            logger: logger ?? Logger(label: "test.smtp"))
    }

    static func settings(
        _ server: FakeSMTPServer, tls: SMTPTLSMode = .none, username: String? = nil, password: String? = nil,
        host: String = "127.0.0.1"
    ) -> SMTPServerSettings {
        SMTPServerSettings(host: host, port: server.port, username: username, password: password, tls: tls)
    }

    static func mail(to: String = "ann@example.com", text: String = "Hello Ann,\nyour ticket is open.") -> OutboundMail
    {
        OutboundMail(
            from: MailAddress("support@helpdesk.test", name: "Support"), to: [MailAddress(to, name: "Ann")],
            subject: "Ticket 10001", text: text, messageID: "m1@helpdesk.test")
    }

    /// Runs `body` against a server started with `script`, and stops it after.
    static func withServer<Result>(
        _ script: FakeSMTPServer.Script = FakeSMTPServer.Script(), _ body: (FakeSMTPServer) async throws -> Result
    ) async throws -> Result {
        let server = try await FakeSMTPServer.start(script)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// The error `body` throws, which must be an `SMTPError`.
    static func smtpError(_ body: () async throws -> Void) async -> SMTPError? {
        do {
            try await body()
            Issue.record("no error thrown")
            return nil
        } catch let error as SMTPError {
            return error
        } catch {
            Issue.record("not an SMTPError: \(error)")
            return nil
        }
    }

    static func tlsScript(extensions: [String]) throws -> FakeSMTPServer.Script {
        var script = FakeSMTPServer.Script()
        script.extensions = extensions
        script.tls = try TestCertificate.serverContext()
        return script
    }

    // MARK: The dialogue

    @Test func aPlainSendFollowsTheDialogue() async throws {
        var script = FakeSMTPServer.Script()
        script.extensions = ["PIPELINING", "SIZE 100000", "8BITMIME"]
        try await Self.withServer(script) { server in
            let receipt = try await Self.client().send(Self.mail(), via: Self.settings(server))
            #expect(receipt.messageID == "m1@helpdesk.test")
            #expect(receipt.recipients == ["ann@example.com"])
            #expect(receipt.reply.description == "250 2.0.0 Ok: queued as FAKE1")
            let size = try #require(server.mails.first).data.utf8.count
            #expect(
                server.transcript == [
                    "S: 220 fake.test ESMTP",
                    "C: EHLO client.test",
                    "S: 250-fake.test", "S: 250-PIPELINING", "S: 250-SIZE 100000", "S: 250 8BITMIME",
                    "C: MAIL FROM:<support@helpdesk.test> SIZE=\(size)",
                    "S: 250 2.1.0 Ok",
                    "C: RCPT TO:<ann@example.com>",
                    "S: 250 2.1.5 Ok",
                    "C: DATA",
                    "S: 354 End data with <CR><LF>.<CR><LF>",
                    "S: 250 2.0.0 Ok: queued as FAKE1",
                    "C: QUIT",
                    "S: 221 2.0.0 Bye",
                ])
            let mail = try #require(server.mails.first)
            #expect(mail.from == "support@helpdesk.test")
            #expect(mail.recipients == ["ann@example.com"])
            #expect(MailParsing.field("Message-ID", in: mail.data) == "<m1@helpdesk.test>")
            #expect(MailParsing.field("Subject", in: mail.data) == "Ticket 10001")
            let bytes = server.clientBytes
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
                #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"), "bare LF sent at \(index)")
            }
        }
    }

    @Test func aServerThatRefusesEHLOGetsHELO() async throws {
        var script = FakeSMTPServer.Script()
        script.rejectsEHLO = true
        try await Self.withServer(script) { server in
            _ = try await Self.client().send(Self.mail(), via: Self.settings(server))
            #expect(server.transcript.contains("C: HELO client.test"))
            #expect(server.mails.count == 1)
        }
    }

    @Test func linesStartingWithADotAreStuffedAndComeThroughIntact() async throws {
        try await Self.withServer { server in
            let text = "First line\n.hidden behind a dot\n..two dots\n.\nafter a lone dot"
            _ = try await Self.client().send(Self.mail(text: text), via: Self.settings(server))
            let sent = String(decoding: server.clientBytes, as: UTF8.self)
            #expect(sent.contains("\r\n..hidden behind a dot\r\n...two dots\r\n..\r\nafter a lone dot\r\n"))
            let received = try #require(server.mails.first).data
            #expect(received.contains("\r\n.hidden behind a dot\r\n..two dots\r\n.\r\nafter a lone dot\r\n"))
            #expect(received.hasSuffix("--\r\n"), "the lone dot did not end the message early")
        }
    }

    @Test func authPlainIsOneLineByteExact() async throws {
        var script = FakeSMTPServer.Script()
        script.extensions = ["AUTH PLAIN LOGIN"]
        try await Self.withServer(script) { server in
            let settings = Self.settings(server, username: "user", password: "secret")
            _ = try await Self.client().send(Self.mail(), via: settings)
            let sent = String(decoding: server.clientBytes, as: UTF8.self)
            // base64("\0user\0secret")
            #expect(sent.contains("\r\nAUTH PLAIN AHVzZXIAc2VjcmV0\r\nMAIL FROM:"))
            let transcript = server.transcript
            let auth = try #require(transcript.firstIndex(of: "C: AUTH PLAIN AHVzZXIAc2VjcmV0"))
            #expect(transcript[auth + 1] == "S: 235 2.7.0 Authentication successful")
        }
    }

    @Test func authLoginAnswersBothPromptsByteExact() async throws {
        var script = FakeSMTPServer.Script()
        script.extensions = ["AUTH LOGIN"]
        try await Self.withServer(script) { server in
            let settings = Self.settings(server, username: "user", password: "secret")
            _ = try await Self.client().send(Self.mail(), via: settings)
            let sent = String(decoding: server.clientBytes, as: UTF8.self)
            #expect(sent.contains("\r\nAUTH LOGIN\r\ndXNlcg==\r\nc2VjcmV0\r\nMAIL FROM:"))
            let transcript = server.transcript
            let auth = try #require(transcript.firstIndex(of: "C: AUTH LOGIN"))
            #expect(
                Array(transcript[auth..<auth + 6]) == [
                    "C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6", "C: dXNlcg==", "S: 334 UGFzc3dvcmQ6", "C: c2VjcmV0",
                    "S: 235 2.7.0 Authentication successful",
                ])
        }
    }

    @Test func wrongCredentialsArePermanent() async throws {
        var script = FakeSMTPServer.Script()
        script.extensions = ["AUTH PLAIN"]
        try await Self.withServer(script) { server in
            let settings = Self.settings(server, username: "user", password: "wrong")
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: settings) })
            #expect(error.step == .authentication)
            #expect(error.code == 535)
            #expect(error.serverText == "5.7.8 Authentication failed")
            #expect(!error.isRetryable)
            #expect(!server.transcript.contains { $0.hasPrefix("C: MAIL") })
        }
    }

    @Test func credentialsWithoutAUTHOnOfferAreRefused() async throws {
        try await Self.withServer { server in
            let settings = Self.settings(server, username: "user", password: "secret")
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: settings) })
            #expect(error.step == .authentication)
            guard case .notOffered(let detail) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(detail.contains("does not offer AUTH"))
            #expect(!error.isRetryable)
        }
    }

    // MARK: TLS

    @Test func startTLSUpgradesThenSaysEHLOAgainThenAuthenticates() async throws {
        let script = try Self.tlsScript(extensions: ["STARTTLS", "AUTH PLAIN LOGIN"])
        try await Self.withServer(script) { server in
            let client = Self.client(trust: .customRoots(pem: TestCertificate.certificatePEM))
            let settings = Self.settings(
                server, tls: .starttls, username: "user", password: "secret", host: "localhost")
            let receipt = try await client.send(Self.mail(), via: settings)
            #expect(receipt.reply.code == 250)
            let commands = server.transcript.filter { $0.hasPrefix("C: ") }
            #expect(
                commands == [
                    "C: EHLO client.test", "C: STARTTLS", "C: EHLO client.test", "C: AUTH PLAIN AHVzZXIAc2VjcmV0",
                    "C: MAIL FROM:<support@helpdesk.test>", "C: RCPT TO:<ann@example.com>", "C: DATA", "C: QUIT",
                ])
            #expect(server.mails.count == 1)
        }
    }

    @Test func startTLSMustBeOffered() async throws {
        var script = FakeSMTPServer.Script()
        script.extensions = ["AUTH PLAIN"]
        try await Self.withServer(script) { server in
            let settings = Self.settings(server, tls: .starttls, username: "user", password: "secret")
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: settings) })
            #expect(error.step == .startTLS)
            #expect(!error.isRetryable, "\(error)")
            #expect(!server.transcript.contains { $0.hasPrefix("C: AUTH") }, "no password in clear text")
        }
    }

    @Test func repliesSlippedInBeforeTheTLSHandshakeAreRefused() async throws {
        var script = try Self.tlsScript(extensions: ["STARTTLS", "AUTH PLAIN"])
        script.afterStartTLS = "250 injected"
        try await Self.withServer(script) { server in
            let settings = Self.settings(server, tls: .starttls, username: "user", password: "secret")
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: settings) })
            #expect(error.step == .startTLS)
            guard case .protocolViolation = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(!server.transcript.contains { $0.hasPrefix("C: AUTH") })
        }
    }

    @Test func implicitTLSSpeaksTLSFromTheFirstByte() async throws {
        var script = try Self.tlsScript(extensions: ["AUTH LOGIN"])
        script.implicitTLS = true
        try await Self.withServer(script) { server in
            let client = Self.client(trust: .customRoots(pem: TestCertificate.certificatePEM))
            let settings = Self.settings(server, tls: .tls, username: "user", password: "secret", host: "localhost")
            let receipt = try await client.send(Self.mail(), via: settings)
            #expect(receipt.reply.code == 250)
            #expect(server.transcript.first == "S: 220 fake.test ESMTP")
            #expect(server.mails.count == 1)
        }
    }

    @Test func anUntrustedCertificateFailsTheConnection() async throws {
        var script = try Self.tlsScript(extensions: [])
        script.implicitTLS = true
        try await Self.withServer(script) { server in
            let settings = Self.settings(server, tls: .tls, host: "localhost")
            let error = try #require(
                await Self.smtpError { _ = try await Self.client(trust: .systemRoots).send(Self.mail(), via: settings) }
            )
            guard case .connectionFailed(let detail) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(detail.contains("CERTIFICATE_VERIFY_FAILED"), "\(detail)")
            #expect(server.mails.isEmpty)
        }
    }

    @Test func tlsToAPlainPortSaysWhatIsWrong() async throws {
        try await Self.withServer { server in
            let error = try #require(
                await Self.smtpError {
                    _ = try await Self.client().send(Self.mail(), via: Self.settings(server, tls: .tls))
                })
            guard case .connectionFailed(let detail) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(detail.contains("does not speak TLS on this port"), "\(detail)")
        }
    }

    // MARK: Refusals and failures

    @Test func a450AtRCPTIsRetryableWithTheServersText() async throws {
        var script = FakeSMTPServer.Script()
        script.replies[.rcpt] = "450 4.2.1 Mailbox busy, try later"
        try await Self.withServer(script) { server in
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: Self.settings(server)) })
            #expect(error.step == .recipient("ann@example.com"))
            #expect(error.code == 450)
            #expect(error.serverText == "4.2.1 Mailbox busy, try later")
            #expect(error.isRetryable)
            #expect(
                error.deliveryOutcome
                    == .retryable(
                        reason:
                            "the SMTP server answered 450 4.2.1 Mailbox busy, try later to RCPT TO <ann@example.com>",
                        retryAfter: nil))
            #expect(!server.transcript.contains("C: DATA"), "nothing is sent to anyone when a recipient is refused")
            #expect(server.transcript.last == "S: 221 2.0.0 Bye")
        }
    }

    @Test func a550IsPermanent() async throws {
        var script = FakeSMTPServer.Script()
        script.replies[.rcpt] = "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown"
        try await Self.withServer(script) { server in
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: Self.settings(server)) })
            #expect(error.code == 550)
            #expect(!error.isRetryable)
            guard case .permanent(let reason) = error.deliveryOutcome else {
                Issue.record("\(error.deliveryOutcome)")
                return
            }
            #expect(reason.contains("User unknown"))
        }
    }

    @Test func aRejectedMessageAndAClosingGreetingAreClassified() async throws {
        var rejecting = FakeSMTPServer.Script()
        rejecting.replies[.message] = "554 5.7.1 Message rejected as spam"
        try await Self.withServer(rejecting) { server in
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: Self.settings(server)) })
            #expect(error.step == .message)
            #expect(error.code == 554)
            #expect(!error.isRetryable)
        }
        var closing = FakeSMTPServer.Script()
        closing.greeting = "421 4.3.2 Service not available"
        try await Self.withServer(closing) { server in
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: Self.settings(server)) })
            #expect(error.step == .greeting)
            #expect(error.code == 421)
            #expect(error.isRetryable)
        }
    }

    /// Each kind of step has its own limit; the others are long, so a busy
    /// machine cannot make another step time out first.
    @Test(arguments: [
        (FakeSMTPServer.Step.greeting, SMTPError.Step.greeting),
        (.rcpt, .recipient("ann@example.com")),
        (.message, .message),
    ])
    func aStallingServerTimesOut(stall: FakeSMTPServer.Step, step: SMTPError.Step) async throws {
        let limit = Duration.milliseconds(300)
        var timeouts = SMTPTimeouts(
            connect: .seconds(5), greeting: .seconds(5), command: .seconds(5), data: .seconds(5))
        switch stall {
        case .greeting: timeouts.greeting = limit
        case .message: timeouts.data = limit
        default: timeouts.command = limit
        }
        var script = FakeSMTPServer.Script()
        script.stalls = [stall]
        try await Self.withServer(script) { server in
            let started = ContinuousClock.now
            let error = try #require(
                await Self.smtpError {
                    _ = try await Self.client(timeouts: timeouts).send(Self.mail(), via: Self.settings(server))
                })
            #expect(error.step == step)
            #expect(error.reason == .timedOut(limit))
            #expect(error.isRetryable)
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test func aClosedPortIsARetryableConnectionFailure() async throws {
        let server = try await FakeSMTPServer.start()
        let settings = Self.settings(server)
        await server.stop()
        let error = try #require(await Self.smtpError { _ = try await Self.client().send(Self.mail(), via: settings) })
        #expect(error.step == .connect)
        #expect(error.isRetryable, "\(error)")
        #expect(error.description == "the connection to the SMTP server failed (connecting): Connection refused")
    }

    @Test func aMessageOverTheAdvertisedSizeIsRefusedUpFront() async throws {
        var script = FakeSMTPServer.Script()
        script.extensions = ["SIZE 1000"]
        try await Self.withServer(script) { server in
            let big = Self.mail(text: String(repeating: "A long reply. ", count: 200))
            let error = try #require(
                await Self.smtpError { _ = try await Self.client().send(big, via: Self.settings(server)) })
            guard case .messageTooLarge(let size, let limit) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(size > 1000 && limit == 1000)
            #expect(!error.isRetryable)
            #expect(!server.transcript.contains { $0.hasPrefix("C: MAIL") })
        }
    }

    @Test func envelopeAddressesCannotCarryCommands() async throws {
        try await Self.withServer { server in
            let client = Self.client()
            let error = try #require(
                await Self.smtpError {
                    _ = try await client.send(
                        Self.mail(), via: Self.settings(server),
                        recipients: ["ann@example.com>\r\nRCPT TO:<evil@example.net"])
                })
            guard case .invalidMail(let problem) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(problem.field == "recipient")
            let sender = try #require(
                await Self.smtpError {
                    _ = try await client.send(
                        Self.mail(), via: Self.settings(server), envelopeFrom: "a@b.example\r\nRSET")
                })
            #expect(!sender.isRetryable)
            #expect(!server.transcript.contains { $0.hasPrefix("C: MAIL") || $0.hasPrefix("C: RCPT") })
        }
    }

    @Test func aPrivateHostIsRefusedByDefault() async throws {
        try await Self.withServer { server in
            let client = SMTPClient(clientName: "client.test", timeouts: Self.quick)
            let error = try #require(
                await Self.smtpError { _ = try await client.send(Self.mail(), via: Self.settings(server)) })
            guard case .refusedAddress = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(server.connections == 0)
        }
    }

    // MARK: Sessions

    @Test func twoMailsGoOverOneSessionWithRSETBetween() async throws {
        try await Self.withServer { server in
            let receipts = try await Self.client().withSession(Self.settings(server)) { session in
                let first = try await session.send(Self.mail(to: "ann@example.com"))
                let second = try await session.send(
                    Self.mail(to: "bob@example.com"), envelopeFrom: "",
                    recipients: ["bob@example.com", "carol@example.com"])
                return [first, second]
            }
            #expect(receipts.map(\.recipients) == [["ann@example.com"], ["bob@example.com", "carol@example.com"]])
            #expect(server.connections == 1)
            let commands = server.transcript.filter { $0.hasPrefix("C: ") }
            #expect(
                commands == [
                    "C: EHLO client.test",
                    "C: MAIL FROM:<support@helpdesk.test>", "C: RCPT TO:<ann@example.com>", "C: DATA",
                    "C: RSET",
                    "C: MAIL FROM:<>", "C: RCPT TO:<bob@example.com>", "C: RCPT TO:<carol@example.com>", "C: DATA",
                    "C: QUIT",
                ])
            #expect(server.mails.map(\.recipients) == [["ann@example.com"], ["bob@example.com", "carol@example.com"]])
        }
    }

    @Test func aRefusedMailLeavesTheSessionUsable() async throws {
        var script = FakeSMTPServer.Script()
        script.recipientReplies["gone@example.com"] = "550 5.1.1 User unknown"
        try await Self.withServer(script) { server in
            let session = try await Self.client().openSession(Self.settings(server))
            let error = try #require(
                await Self.smtpError { _ = try await session.send(Self.mail(to: "gone@example.com")) })
            #expect(error.code == 550)
            let receipt = try await session.send(Self.mail(to: "ann@example.com"))
            #expect(receipt.reply.code == 250)
            await session.close()
            #expect(server.connections == 1)
            #expect(server.mails.map(\.recipients) == [["ann@example.com"]])
            #expect(server.transcript.contains("C: RSET"))
        }
    }

    @Test func concurrentSendsOnOneSessionTakeTurns() async throws {
        try await Self.withServer { server in
            let session = try await Self.client().openSession(Self.settings(server))
            try await withThrowingTaskGroup(of: SMTPReceipt.self) { group in
                for index in 1...4 {
                    group.addTask { try await session.send(Self.mail(to: "customer\(index)@example.com")) }
                }
                for try await receipt in group { #expect(receipt.reply.code == 250) }
            }
            await session.close()
            #expect(Set(server.mails.flatMap(\.recipients)) == Set((1...4).map { "customer\($0)@example.com" }))
            #expect(server.transcript.filter { $0 == "C: RSET" }.count == 3)
        }
    }

    @Test func aSessionEndsAfterATimeout() async throws {
        var script = FakeSMTPServer.Script()
        script.stalls = [.message]
        let short = SMTPTimeouts(
            connect: .seconds(5), greeting: .seconds(5), command: .seconds(5), data: .milliseconds(300))
        try await Self.withServer(script) { server in
            let session = try await Self.client(timeouts: short).openSession(Self.settings(server))
            let first = try #require(await Self.smtpError { _ = try await session.send(Self.mail()) })
            #expect(first.reason == .timedOut(.milliseconds(300)))
            let second = try #require(await Self.smtpError { _ = try await session.send(Self.mail()) })
            #expect(second.isRetryable)
            guard case .connectionFailed(let detail) = second.reason else {
                Issue.record("\(second)")
                return
            }
            #expect(detail.contains("ended"))
            await session.close()
        }
    }

    // MARK: The settings action and the logs

    @Test func aTestMailReturnsTheServersFinalReply() async throws {
        try await Self.withServer { server in
            let reply = try await Self.client().sendTestMail(
                via: Self.settings(server), from: MailAddress("support@helpdesk.test"),
                to: MailAddress("owner@example.com"))
            #expect(reply == "250 2.0.0 Ok: queued as FAKE1")
            let mail = try #require(server.mails.first)
            #expect(MailParsing.field("Auto-Submitted", in: mail.data) == "auto-generated")
        }
    }

    @Test func passwordsNeverReachTheLog() async throws {
        let records = LogRecords()
        var logger = Logger(label: "test.smtp") { _ in records }
        logger.logLevel = .trace
        for mechanism in ["AUTH PLAIN", "AUTH LOGIN"] {
            var script = FakeSMTPServer.Script()
            script.extensions = [mechanism]
            script.password = "hunter2-very-secret"
            try await Self.withServer(script) { server in
                let settings = Self.settings(server, username: "user", password: "hunter2-very-secret")
                _ = try await Self.client(logger: logger).send(Self.mail(), via: settings)
            }
        }
        let lines = records.lines
        #expect(lines.contains { $0.contains("AUTH PLAIN ****") })
        #expect(lines.contains { $0.contains("MAIL FROM:<support@helpdesk.test>") }, "the dialogue is logged")
        let secrets = ["hunter2-very-secret", "aHVudGVyMi12ZXJ5LXNlY3JldA==", "AHVzZXIAaHVudGVyMi12ZXJ5LXNlY3JldA=="]
        for secret in secrets {
            #expect(!lines.contains { $0.contains(secret) }, "\(secret) logged")
        }
    }
}

/// Collects log lines (message and metadata) for a test.
final class LogRecords: LogHandler, Sendable {
    private let stored = Mutex<[String]>([])
    var lines: [String] { stored.withLock { $0 } }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        let line = "\(event.message) \(event.metadata ?? [:])"
        stored.withLock { $0.append(line) }
    }
}
