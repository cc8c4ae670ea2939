import Foundation
import HelpDeskCore
import NIOCore
import Synchronization
import Testing

@testable import HelpDeskChannels

/// The inbound SMTP listener on 127.0.0.1, driven three ways: byte for byte
/// by a bare line client (to test each rule of the dialogue exactly), by
/// Python's `smtplib` (an independent client), and by our own `SMTPClient`
/// (the round trip must keep every byte).
@Suite struct SMTPListenerTests {
    static let hostname = "mx.helpdesk.test"

    // MARK: Python's smtplib

    @Test(.enabled(if: pythonHasSMTPLib)) func pythonDeliversToTwoRecipientsAndHearsWhyTheThirdIsRefused() async throws
    {
        let delegate = RecordingDelegate(unknown: ["nobody@helpdesk.test"])
        let output = try await Self.withListener(delegate: delegate) { port in
            try await Self.runPython(port: port, scenario: "deliver")
        }
        let result = try JSONDecoder().decode(PythonResult.self, from: Data(output.utf8))
        #expect(result.features.contains("size") && result.features.contains("pipelining"))
        #expect(result.features.contains("8bitmime") && result.features.contains("enhancedstatuscodes"))
        #expect(!result.features.contains("starttls") && !result.features.contains("auth"))
        #expect(
            result.refused == [
                "nobody@helpdesk.test": .init(
                    code: 550,
                    text: "5.1.1 <nobody@helpdesk.test>: Recipient address rejected: no mailbox here has this address")
            ])
        let message = try #require(delegate.messages.first)
        #expect(delegate.messages.count == 1)
        #expect(message.sender == "ann@example.com")
        #expect(message.recipients == ["support@helpdesk.test", "sales@helpdesk.test"])
        #expect(message.clientName == "client.test")
        #expect(message.peer?.hasPrefix("127.0.0.1:") == true)
        // smtplib stuffs the dot; the listener takes it out again.
        #expect(message.data == Array(Self.pythonMessage.utf8))
        #expect(delegate.checked == ["support@helpdesk.test", "nobody@helpdesk.test", "sales@helpdesk.test"])
    }

    @Test(.enabled(if: pythonHasSMTPLib)) func pythonsDeclaredSizeOverTheLimitIsRefusedUpFront() async throws {
        let delegate = RecordingDelegate()
        let output = try await Self.withListener({ $0.maxMessageBytes = 1_000 }, delegate: delegate) { port in
            try await Self.runPython(port: port, scenario: "size")
        }
        let result = try JSONDecoder().decode(PythonResult.self, from: Data(output.utf8))
        #expect(result.senderRefused == .init(code: 552, text: "5.3.4 Message size exceeds fixed limit of 1000 bytes"))
        #expect(result.noop == 250)
        #expect(delegate.messages.isEmpty)
        #expect(delegate.checked.isEmpty)
    }

    // MARK: Our own client

    @Test func smtpClientRoundTripKeepsEveryByte() async throws {
        let delegate = RecordingDelegate()
        let mails = [
            Self.mail(text: "Hello,\n.a line that starts with a dot\n..and one with two\n.\nThe end."),
            Self.mail(text: "A second mail in the same session.\n\n-- \nSupport"),
        ]
        let receipts = try await Self.withListener(delegate: delegate) { port in
            try await SMTPClientTests.client().withSession(Self.settings(port)) { session in
                #expect(session.extensions.sizeLimit == 25 << 20)
                #expect(!session.extensions.supportsStartTLS && session.extensions.authMechanisms.isEmpty)
                var receipts: [SMTPReceipt] = []
                for mail in mails { receipts.append(try await session.send(mail)) }
                return receipts
            }
        }
        #expect(receipts.map(\.reply.description) == ["250 2.0.0 Ok: queued as T1", "250 2.0.0 Ok: queued as T2"])
        #expect(delegate.messages.count == 2)
        for (mail, message) in zip(mails, delegate.messages) {
            #expect(message.sender == "support@helpdesk.test")
            #expect(message.recipients == ["ann@example.com"])
            let text = String(decoding: message.data, as: UTF8.self)
            let boundary = try #require(text.firstMatch(of: /boundary="([^"]+)"/)?.1)
            let rendered = try mail.rendered(boundary: String(boundary))
            #expect(message.data == rendered)
        }
        // The renderer did put dots at line starts, so stuffing was exercised.
        let first = String(decoding: delegate.messages[0].data, as: UTF8.self)
        #expect(first.contains("\r\n.a line that starts with a dot") && first.contains("\r\n..and one with two"))
    }

    @Test func smtpClientHearsWhyARecipientIsUnknown() async throws {
        let delegate = RecordingDelegate(unknown: ["ann@example.com"])
        let error = await Self.withListenerOrFail(delegate: delegate) { port in
            await SMTPClientTests.smtpError {
                _ = try await SMTPClientTests.client().send(Self.mail(), via: Self.settings(port))
            }
        }
        #expect(error?.step == .recipient("ann@example.com"))
        #expect(error?.reason == .rejected(SMTPListenerReply.unknownRecipient("ann@example.com")))
        #expect(error?.isRetryable == false)
        #expect(delegate.messages.isEmpty)
    }

    // MARK: The dialogue, byte for byte

    @Test func greetingAndExtensions() async throws {
        try await Self.withClient { (client, _) async throws in
            #expect(
                try await client.command("EHLO client.test").lines == [
                    Self.hostname, "SIZE 26214400", "8BITMIME", "SMTPUTF8", "PIPELINING", "ENHANCEDSTATUSCODES",
                ])
            #expect(try await client.command("HELO client.test").description == "250 \(Self.hostname)")
            // HELO offers no extensions, so it takes no parameters either.
            #expect(try await client.command("MAIL FROM:<a@example.com> SIZE=10").code == 555)
            #expect(try await client.command("VRFY ann").code == 252)
            #expect(try await client.command("NOOP").description == "250 2.0.0 Ok")
            #expect(try await client.command("HELP").code == 214)
            #expect(try await client.command("STARTTLS").description == "502 5.5.1 Error: STARTTLS is not offered here")
            #expect(try await client.command("AUTH PLAIN AGFAYg==").code == 502)
            #expect(try await client.command("FROB").description == "500 5.5.2 Error: command not recognized")
            #expect(try await client.command("EHLO").code == 501)
            #expect(try await client.command("QUIT").description == "221 2.0.0 Bye")
            #expect(await client.isClosed())
        }
    }

    @Test func twoRecipientsOneMessage() async throws {
        let delegate = RecordingDelegate()
        try await Self.withClient(delegate: delegate) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            #expect(try await client.command("MAIL FROM:<ann@example.com> SIZE=120 BODY=8BITMIME").code == 250)
            #expect(try await client.command("RCPT TO:<support@helpdesk.test>").description == "250 2.1.5 Ok")
            #expect(try await client.command("RCPT TO:<Sales@HelpDesk.test>").code == 250)
            #expect(try await client.command("DATA").code == 354)
            #expect(try await client.send(data: "Subject: hi\r\n\r\nHello\r\n.\r\n").code == 250)
        }
        #expect(delegate.messages.map(\.recipients) == [["support@helpdesk.test", "Sales@HelpDesk.test"]])
        #expect(delegate.messages.first?.data == Array("Subject: hi\r\n\r\nHello\r\n".utf8))
    }

    @Test func unknownAndDeferredRecipientsAreRefusedAndTheOthersStillDelivered() async throws {
        let delegate = RecordingDelegate(unknown: ["nobody@helpdesk.test"], deferred: ["later@helpdesk.test"])
        try await Self.withClient(delegate: delegate) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<>")
            #expect(
                try await client.command("RCPT TO:<nobody@helpdesk.test>").description
                    == "550 5.1.1 <nobody@helpdesk.test>: Recipient address rejected: no mailbox here has this address")
            #expect(
                try await client.command("RCPT TO:<later@helpdesk.test>").description
                    == "450 4.3.0 <later@helpdesk.test>: Recipient address rejected: the store is busy")
            #expect(try await client.command("RCPT TO:<support@helpdesk.test>").code == 250)
            #expect(try await client.command("DATA").code == 354)
            #expect(try await client.send(data: "Subject: bounce\r\n\r\n.\r\n").code == 250)
        }
        #expect(delegate.messages.map(\.recipients) == [["support@helpdesk.test"]])
        #expect(delegate.messages.first?.sender == "")
    }

    @Test func dataWithNoAcceptedRecipientIsRefused() async throws {
        try await Self.withClient(delegate: RecordingDelegate(unknown: ["nobody@helpdesk.test"])) {
            (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            _ = try await client.command("RCPT TO:<nobody@helpdesk.test>")
            #expect(try await client.command("DATA").description == "554 5.5.1 Error: no valid recipients")
        }
    }

    @Test func recipientsAreLimited() async throws {
        try await Self.withClient({ $0.maxRecipients = 2 }) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            #expect(try await client.command("RCPT TO:<a@helpdesk.test>").code == 250)
            #expect(try await client.command("RCPT TO:<b@helpdesk.test>").code == 250)
            #expect(
                try await client.command("RCPT TO:<c@helpdesk.test>").description
                    == "452 4.5.3 Error: too many recipients")
            #expect(try await client.command("RCPT TO:<a@helpdesk.test> NOTIFY=NEVER").code == 555)
            #expect(try await client.command("RCPT TO:<>").code == 501)
            #expect(try await client.command("RCPT TO:a@helpdesk.test").code == 501)
        }
    }

    @Test func declaredSizeOverTheLimitIs552() async throws {
        try await Self.withClient({ $0.maxMessageBytes = 100 }) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            #expect(
                try await client.command("MAIL FROM:<ann@example.com> SIZE=101").description
                    == "552 5.3.4 Message size exceeds fixed limit of 100 bytes")
            #expect(try await client.command("MAIL FROM:<ann@example.com> SIZE=99999999999999999999999").code == 552)
            #expect(try await client.command("MAIL FROM:<ann@example.com> SIZE=ten").code == 501)
            #expect(try await client.command("MAIL FROM:<ann@example.com> SIZE=100").code == 250)
        }
    }

    @Test func dataOverTheLimitIs552AndTheSessionGoesOn() async throws {
        let delegate = RecordingDelegate()
        try await Self.withClient({ $0.maxMessageBytes = 100 }, delegate: delegate) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            _ = try await client.command("RCPT TO:<support@helpdesk.test>")
            #expect(try await client.command("DATA").code == 354)
            let big = "Subject: big\r\n\r\n" + String(repeating: "0123456789\r\n", count: 1_000) + ".\r\n"
            #expect(
                try await client.send(data: big).description
                    == "552 5.3.4 Message size exceeds fixed limit of 100 bytes")
            // The envelope went with the refused message; a new one is needed.
            #expect(try await client.command("DATA").code == 503)
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            _ = try await client.command("RCPT TO:<support@helpdesk.test>")
            _ = try await client.command("DATA")
            // Exactly at the limit is still taken.
            let fits = "Subject: small\r\n\r\n" + String(repeating: "x", count: 80) + "\r\n"
            #expect(fits.utf8.count == 100)
            #expect(try await client.send(data: fits + ".\r\n").code == 250)
        }
        #expect(
            delegate.messages.map(\.data) == [
                Array(("Subject: small\r\n\r\n" + String(repeating: "x", count: 80) + "\r\n").utf8)
            ])
    }

    @Test func commandsOutOfOrderAre503() async throws {
        try await Self.withClient { (client, _) async throws in
            #expect(
                try await client.command("MAIL FROM:<ann@example.com>").description
                    == "503 5.5.1 Error: send HELO/EHLO first")
            _ = try await client.command("EHLO client.test")
            #expect(
                try await client.command("RCPT TO:<support@helpdesk.test>").description
                    == "503 5.5.1 Error: need MAIL command")
            #expect(try await client.command("DATA").description == "503 5.5.1 Error: need MAIL command")
            #expect(try await client.command("MAIL FROM:<ann@example.com>").code == 250)
            #expect(
                try await client.command("MAIL FROM:<ann@example.com>").description
                    == "503 5.5.1 Error: nested MAIL command")
            #expect(try await client.command("DATA").description == "503 5.5.1 Error: need RCPT command")
        }
    }

    @Test func aTooLongLineIs500AndTheSessionGoesOn() async throws {
        try await Self.withClient { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            let reply = try await client.command("NOOP " + String(repeating: "x", count: 5_000))
            #expect(reply.description == "500 5.5.2 Error: line too long; commands are limited to 4096 bytes")
            #expect(try await client.command("NOOP").code == 250)
        }
    }

    @Test func anIdleClientIsTold421AndClosed() async throws {
        try await Self.withClient({ $0.commandTimeout = .seconds(3) }) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            let started = ContinuousClock.now
            let reply = try await client.reply()
            #expect(reply.description == "421 4.4.2 \(Self.hostname) Error: timeout exceeded")
            // Counted from the client's last bytes, so a little less than that here.
            #expect(ContinuousClock.now - started >= .milliseconds(2_500))
            #expect(await client.isClosed())
        }
    }

    @Test func timeTheDelegateTakesIsNotTheClientsIdleness() async throws {
        let delegate = RecordingDelegate(delay: .milliseconds(4_500))
        try await Self.withClient({ $0.commandTimeout = .seconds(3) }, delegate: delegate) {
            (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            #expect(try await client.command("RCPT TO:<support@helpdesk.test>").code == 250)
            #expect(try await client.command("DATA").code == 354)
            #expect(try await client.send(data: "Subject: slow\r\n\r\n.\r\n").code == 250)
            #expect(try await client.command("NOOP").code == 250)
        }
        #expect(delegate.messages.count == 1)
    }

    @Test func theDelegatesTemporaryFailureIs451AndTheSessionGoesOn() async throws {
        let delegate = RecordingDelegate(delivery: .temporaryFailure("the store is busy\r\n250 fake"))
        try await Self.withClient(delegate: delegate) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            _ = try await client.command("RCPT TO:<support@helpdesk.test>")
            _ = try await client.command("DATA")
            // The delegate's words cannot add a line of their own.
            #expect(
                try await client.send(data: "Subject: x\r\n\r\n.\r\n").description
                    == "451 4.3.0 Error: the store is busy  250 fake")
            #expect(try await client.command("MAIL FROM:<ann@example.com>").code == 250)
        }
        #expect(delegate.messages.count == 1)
    }

    @Test func theDelegatesRejectionIs554() async throws {
        try await Self.withClient(delegate: RecordingDelegate(delivery: .rejected("unreadable message"))) {
            (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            _ = try await client.command("RCPT TO:<support@helpdesk.test>")
            _ = try await client.command("DATA")
            #expect(
                try await client.send(data: "x\r\n.\r\n").description
                    == "554 5.7.1 Message rejected: unreadable message")
        }
    }

    @Test func rsetClearsTheEnvelope() async throws {
        let delegate = RecordingDelegate()
        try await Self.withClient(delegate: delegate) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            _ = try await client.command("RCPT TO:<support@helpdesk.test>")
            #expect(try await client.command("RSET").description == "250 2.0.0 Ok")
            #expect(try await client.command("DATA").code == 503)
            #expect(try await client.command("RCPT TO:<sales@helpdesk.test>").code == 503)
            _ = try await client.command("MAIL FROM:<bob@example.com>")
            _ = try await client.command("RCPT TO:<sales@helpdesk.test>")
            _ = try await client.command("DATA")
            #expect(try await client.send(data: "x\r\n.\r\n").code == 250)
        }
        #expect(delegate.messages.map(\.sender) == ["bob@example.com"])
        #expect(delegate.messages.map(\.recipients) == [["sales@helpdesk.test"]])
    }

    @Test func manyMessagesInOneSessionUpToTheLimit() async throws {
        let delegate = RecordingDelegate()
        try await Self.withClient({ $0.maxMessagesPerConnection = 5 }, delegate: delegate) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            for number in 1...5 {
                _ = try await client.command("MAIL FROM:<ann@example.com>")
                _ = try await client.command("RCPT TO:<support@helpdesk.test>")
                _ = try await client.command("DATA")
                #expect(try await client.send(data: "Subject: \(number)\r\n\r\n.\r\n").code == 250)
            }
            #expect(
                try await client.command("MAIL FROM:<ann@example.com>").description
                    == "421 4.7.0 \(Self.hostname) Error: too many messages in one session; connect again")
            #expect(await client.isClosed())
        }
        #expect(
            delegate.messages.map { String(decoding: $0.data, as: UTF8.self) }
                == (1...5).map { "Subject: \($0)\r\n\r\n" })
    }

    @Test func pipelinedCommandsAreAnsweredInOrder() async throws {
        let delegate = RecordingDelegate(unknown: ["nobody@helpdesk.test"])
        try await Self.withClient(delegate: delegate) { (client, _) async throws in
            client.write(
                "EHLO client.test\r\nMAIL FROM:<ann@example.com>\r\nRCPT TO:<support@helpdesk.test>\r\n"
                    + "RCPT TO:<nobody@helpdesk.test>\r\nRCPT TO:<sales@helpdesk.test>\r\nDATA\r\n")
            var codes: [Int] = []
            for _ in 0..<6 { codes.append(try await client.reply().code) }
            #expect(codes == [250, 250, 250, 550, 250, 354])
            client.write("Subject: piped\r\n\r\nHi\r\n.\r\nNOOP\r\nQUIT\r\n")
            #expect(try await client.reply().code == 250)
            #expect(try await client.reply().code == 250)
            #expect(try await client.reply().code == 221)
            #expect(await client.isClosed())
        }
        #expect(delegate.messages.map(\.recipients) == [["support@helpdesk.test", "sales@helpdesk.test"]])
    }

    @Test func lineEndingsAreKeptAndDotStuffingIsUndone() async throws {
        let delegate = RecordingDelegate()
        try await Self.withClient(delegate: delegate) { (client, _) async throws in
            _ = try await client.command("EHLO client.test")
            _ = try await client.command("MAIL FROM:<ann@example.com>")
            _ = try await client.command("RCPT TO:<support@helpdesk.test>")
            _ = try await client.command("DATA")
            let sent =
                "Subject: endings\r\n\r\nA CRLF line\r\nA lone\nLF inside a line\r\n..stuffed\r\n...two\r\n..\r\n"
                // A lone LF does not start a line: this dot is neither the end nor unstuffed.
                + "lone\n.\r\nstill the message\r\nlone\n..\r\n.\r\n"
            #expect(try await client.send(data: sent).code == 250)
            #expect(try await client.command("NOOP").code == 250)
        }
        let expected =
            "Subject: endings\r\n\r\nA CRLF line\r\nA lone\nLF inside a line\r\n.stuffed\r\n..two\r\n.\r\n"
            + "lone\n.\r\nstill the message\r\nlone\n..\r\n"
        #expect(delegate.messages.map(\.data) == [Array(expected.utf8)])
    }

    @Test func anEmptyMessageIsTaken() async throws {
        let delegate = RecordingDelegate()
        try await Self.withClient(delegate: delegate) { (client, _) async throws in
            _ = try await client.command("HELO client.test")
            _ = try await client.command("MAIL FROM: <ann@example.com>")
            _ = try await client.command("RCPT TO:<@relay.example:support@helpdesk.test>")
            _ = try await client.command("DATA")
            #expect(try await client.send(data: ".\r\n").code == 250)
        }
        #expect(delegate.messages.map(\.data) == [[]])
        #expect(delegate.messages.map(\.recipients) == [["support@helpdesk.test"]])
    }

    @Test func connectionsAreLimited() async throws {
        try await Self.withListener({ $0.maxConnections = 1 }, delegate: RecordingDelegate()) { port in
            let first = try await LineClient.connect(port: port)
            #expect(try await first.reply().code == 220)
            let second = try await LineClient.connect(port: port)
            #expect(
                try await second.reply().description
                    == "421 4.7.0 \(Self.hostname) Error: too many connections; try again later")
            #expect(await second.isClosed())
            _ = try await first.command("QUIT")
            #expect(await first.isClosed())
            // The slot is free again once the first conversation has ended.
            var greeting: SMTPReply?
            for _ in 0..<50 where greeting?.code != 220 {
                let third = try await LineClient.connect(port: port)
                greeting = try await third.reply()
                await third.close()
                if greeting?.code != 220 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(greeting?.code == 220)
        }
    }

    @Test func stoppingTellsConnectedClients421() async throws {
        let delegate = RecordingDelegate()
        let listener = SMTPListener(configuration: Self.configuration(), delegate: delegate)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let running = Task { try await listener.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let client = try await LineClient.connect(port: port)
        #expect(try await client.reply().code == 220)
        _ = try await client.command("EHLO client.test")
        running.cancel()
        #expect(
            try await client.reply().description == "421 4.3.2 \(Self.hostname) Service shutting down; try again later")
        #expect(await client.isClosed())
        try await running.value
        // Nothing listens any more.
        await #expect(throws: (any Error).self) { try await LineClient.connect(port: port) }
    }

    @Test func aMessageBeingStoredWhenStoppingIsFinishedAndAnswered() async throws {
        let (receiving, receives) = AsyncStream<Void>.makeStream()
        let delegate = RecordingDelegate(delay: .milliseconds(300), onReceive: { receives.yield() })
        let listener = SMTPListener(configuration: Self.configuration(), delegate: delegate)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let running = Task { try await listener.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let client = try await LineClient.connect(port: try #require(await iterator.next()))
        _ = try await client.reply()
        _ = try await client.command("EHLO client.test")
        _ = try await client.command("MAIL FROM:<ann@example.com>")
        _ = try await client.command("RCPT TO:<support@helpdesk.test>")
        _ = try await client.command("DATA")
        client.write("Subject: last one\r\n\r\n.\r\n")
        // Stopped while the delegate stores the message.
        _ = await receiving.first { _ in true }
        running.cancel()
        #expect(try await client.reply().description == "250 2.0.0 Ok: queued as T1")
        #expect(try await client.reply().code == 421)
        #expect(await client.isClosed())
        try await running.value
        #expect(delegate.messages.count == 1)
    }

    @Test func aConfigurationThatCannotWorkIsNamed() async throws {
        var configuration = Self.configuration()
        configuration.maxMessageBytes = 0
        await #expect(
            throws: SMTPListenerError.invalidConfiguration(field: "maxMessageBytes", reason: "must be at least 1")
        ) {
            try await SMTPListener(configuration: configuration, delegate: RecordingDelegate()).run()
        }
        try await Self.withListener(delegate: RecordingDelegate()) { port in
            let taken = SMTPListener(configuration: Self.configuration(port: port), delegate: RecordingDelegate())
            do throws(SMTPListenerError) {
                try await taken.run()
                Issue.record("a taken port was bound")
            } catch {
                guard case .cannotListen(_, let failedPort, let reason) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(failedPort == port)
                #expect(reason.localizedCaseInsensitiveContains("in use"))
            }
        }
    }
}

// MARK: Helpers

extension SMTPListenerTests {
    static func configuration(port: Int = 0) -> SMTPListenerConfiguration {
        SMTPListenerConfiguration(port: port, hostname: hostname)
    }

    static func settings(_ port: Int) -> SMTPServerSettings {
        SMTPServerSettings(host: "127.0.0.1", port: port, tls: .none)
    }

    static func mail(text: String = "Hello,\nmy printer is on fire.") -> OutboundMail {
        OutboundMail(
            from: MailAddress("support@helpdesk.test", name: "Support"),
            to: [MailAddress("ann@example.com", name: "Ann")],
            subject: "Ticket 10001", text: text)
    }

    /// Runs `body` with a listener on an ephemeral port, then stops it.
    static func withListener<Result: Sendable>(
        _ configure: (inout SMTPListenerConfiguration) -> Void = { _ in }, delegate: RecordingDelegate,
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        var configuration = Self.configuration()
        configure(&configuration)
        let listener = SMTPListener(configuration: configuration, delegate: delegate)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let running = Task { try await listener.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await running.value
            throw CancellationError()
        }
        do {
            let result = try await body(port)
            running.cancel()
            try await running.value
            return result
        } catch {
            running.cancel()
            _ = try? await running.value
            throw error
        }
    }

    /// `withListener` for a body that records its failures instead of throwing.
    static func withListenerOrFail<Result: Sendable>(
        delegate: RecordingDelegate, _ body: (Int) async -> Result?
    ) async -> Result? {
        do {
            return try await withListener(delegate: delegate) { await body($0) }
        } catch {
            Issue.record(error)
            return nil
        }
    }

    /// Runs `body` with a line client connected to a fresh listener, its
    /// greeting read.
    static func withClient(
        _ configure: (inout SMTPListenerConfiguration) -> Void = { _ in },
        delegate: RecordingDelegate = RecordingDelegate(), _ body: (LineClient, Int) async throws -> Void
    ) async throws {
        try await withListener(configure, delegate: delegate) { port in
            let client = try await LineClient.connect(port: port)
            #expect(try await client.reply().description == "220 \(Self.hostname) ESMTP HelpDesk")
            do {
                try await body(client, port)
                await client.close()
            } catch {
                await client.close()
                throw error
            }
        }
    }

    // MARK: Python

    static let python = "/usr/bin/python3"
    static let pythonHasSMTPLib = EmailInteroperabilityTests.pythonHas("smtplib")

    static let pythonMessage =
        "From: Ann <ann@example.com>\r\nTo: support@helpdesk.test\r\nSubject: Printer\r\n\r\n"
        + "My printer is on fire.\r\n.a line that starts with a dot\r\n.\r\nThanks\r\n"

    struct PythonReply: Decodable, Equatable {
        var code: Int
        var text: String
    }

    struct PythonResult: Decodable {
        var features: [String]
        var refused: [String: PythonReply]?
        var senderRefused: PythonReply?
        var noop: Int?
    }

    static let pythonScript = """
        import sys, json, smtplib
        port, scenario, message = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode()
        out = {}
        s = smtplib.SMTP('127.0.0.1', port, local_hostname='client.test', timeout=60)
        s.ehlo()
        out['features'] = sorted(s.esmtp_features.keys())
        if scenario == 'deliver':
            refused = s.sendmail('ann@example.com',
                ['support@helpdesk.test', 'nobody@helpdesk.test', 'sales@helpdesk.test'], message)
            out['refused'] = {k: {'code': v[0], 'text': v[1].decode()} for k, v in refused.items()}
        elif scenario == 'size':
            try:
                s.sendmail('ann@example.com', ['support@helpdesk.test'], b'Subject: big\\r\\n\\r\\n' + b'x' * 2000)
            except smtplib.SMTPSenderRefused as e:
                out['senderRefused'] = {'code': e.smtp_code, 'text': e.smtp_error.decode()}
            out['noop'] = s.noop()[0]
        s.quit()
        print(json.dumps(out))
        """

    /// Runs the script without blocking a thread of the cooperative pool,
    /// which the listener's own tasks need meanwhile.
    static func runPython(port: Int, scenario: String) async throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", pythonScript, String(port), scenario, pythonMessage]
        process.standardOutput = try FileHandle(forWritingTo: output)
        let status = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        #expect(status == 0)
        return try String(contentsOf: output, encoding: .utf8)
    }
}

/// Records what the listener asks and answers as told.
final class RecordingDelegate: SMTPListenerDelegate {
    private let unknown: Set<String>
    private let deferred: Set<String>
    private let delivery: SMTPDeliveryDecision?
    private let delay: Duration
    private let onReceive: @Sendable () -> Void
    private let record = Mutex<(checked: [String], messages: [SMTPReceivedMessage])>(([], []))

    /// - Parameters:
    ///   - delivery: the answer to every message; `accepted` with ids T1, T2,
    ///     … when nil.
    ///   - delay: how long each answer takes.
    ///   - onReceive: told when a message starts being received.
    init(
        unknown: Set<String> = [], deferred: Set<String> = [], delivery: SMTPDeliveryDecision? = nil,
        delay: Duration = .zero, onReceive: @escaping @Sendable () -> Void = {}
    ) {
        self.unknown = unknown
        self.deferred = deferred
        self.delivery = delivery
        self.delay = delay
        self.onReceive = onReceive
    }

    var checked: [String] { record.withLock { $0.checked } }
    var messages: [SMTPReceivedMessage] { record.withLock { $0.messages } }

    func checkRecipient(_ address: String) async -> SMTPRecipientDecision {
        if delay > .zero { try? await Task.sleep(for: delay) }
        record.withLock { $0.checked.append(address) }
        if unknown.contains(address) { return .unknown }
        if deferred.contains(address) { return .temporaryFailure("the store is busy") }
        return .accept
    }

    func receive(_ message: SMTPReceivedMessage) async -> SMTPDeliveryDecision {
        onReceive()
        if delay > .zero { try? await Task.sleep(for: delay) }
        let count = record.withLock {
            $0.messages.append(message)
            return $0.messages.count
        }
        return delivery ?? .accepted(id: "T\(count)")
    }
}

/// A bare SMTP client: writes exactly the bytes it is given and reads replies
/// one at a time, each within a few seconds, so a listener that says nothing
/// fails the test instead of hanging it.
struct LineClient {
    let connection: SMTPConnection

    static func connect(port: Int) async throws -> LineClient {
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        return LineClient(
            connection: try await SMTPConnection.connect(
                to: [address], tls: nil, serverHostname: nil, timeout: .seconds(30)))
    }

    func write(_ text: String) {
        connection.write(Array(text.utf8))
    }

    func reply() async throws -> SMTPReply {
        try await connection.reply(within: .seconds(30))
    }

    func command(_ line: String) async throws -> SMTPReply {
        write(line + "\r\n")
        return try await reply()
    }

    /// Sends a message's bytes (dot-stuffed and ended by the caller) and reads the verdict.
    func send(data: String) async throws -> SMTPReply {
        write(data)
        return try await reply()
    }

    /// Whether the listener has closed the connection (with nothing more said).
    func isClosed() async -> Bool {
        do {
            _ = try await reply()
            return false
        } catch SMTPReplyHandler.Failure.closed {
            return true
        } catch {
            return false
        }
    }

    func close() async {
        await connection.close()
    }
}
