import Testing

@testable import HelpDeskChannels

/// The listener's conversation as a pure state machine: bytes in, steps out,
/// however the bytes are cut into reads.
@Suite struct SMTPListenerSessionTests {
    static let configuration = SMTPListenerConfiguration(port: 0, hostname: "mx.helpdesk.test", maxMessageBytes: 1_000)

    /// Feeds `chunks` in turn, answers every question (recipients ending in
    /// `nobody@…` are unknown, messages are accepted), and writes down the
    /// replies as `code text` and the messages handed over.
    static func converse(_ chunks: [[UInt8]]) -> (replies: [String], messages: [SMTPReceivedMessage]) {
        var session = SMTPListenerSession(configuration: configuration, peer: "192.0.2.1:5000")
        var replies: [String] = []
        var messages: [SMTPReceivedMessage] = []
        for chunk in chunks {
            session.receive(chunk)
            while let step = session.next() {
                switch step {
                case .reply(let reply):
                    replies.append(reply.description)
                case .checkRecipient(let address):
                    let decision: SMTPRecipientDecision = address.hasPrefix("nobody@") ? .unknown : .accept
                    replies.append(session.recipientChecked(decision).description)
                case .deliver(let message):
                    messages.append(message)
                    replies.append(session.delivered(.accepted(id: "M\(messages.count)")).description)
                case .close:
                    replies.append("(closed)")
                }
            }
        }
        return (replies, messages)
    }

    static let dialogue = Array(
        ("EHLO client.test\r\nMAIL FROM:<ann@example.com> SIZE=60\r\nRCPT TO:<support@helpdesk.test>\r\n"
            + "RCPT TO:<nobody@helpdesk.test>\nDATA\r\n"
            + "Subject: x\r\n\r\n..one\r\nlone\n.\r\n.\r\r\n..\r\n.\r\n"
            + "MAIL FROM:<>\r\nRCPT TO:<sales@helpdesk.test>\r\nDATA\r\n.\r\nQUIT\r\nNOOP\r\n").utf8)

    @Test func theWayBytesAreCutIntoReadsChangesNothing() {
        let whole = Self.converse([Self.dialogue])
        #expect(
            whole.replies.map { String($0.prefix(3)) } == [
                "250", "250", "250", "550", "354", "250", "250", "250", "354", "250", "221", "(cl",
            ])
        #expect(
            whole.messages.map(\.data) == [Array("Subject: x\r\n\r\n.one\r\nlone\n.\r\n\r\r\n.\r\n".utf8), []])
        #expect(whole.messages.map(\.recipients) == [["support@helpdesk.test"], ["sales@helpdesk.test"]])
        #expect(whole.messages.map(\.sender) == ["ann@example.com", ""])
        #expect(whole.messages.first?.peer == "192.0.2.1:5000")

        let byteByByte = Self.converse(Self.dialogue.map { [$0] })
        #expect(byteByByte.replies == whole.replies)
        #expect(byteByByte.messages == whole.messages)
        for size in [2, 3, 7, 13] {
            let chunks = stride(from: 0, to: Self.dialogue.count, by: size).map {
                Array(Self.dialogue[$0..<min($0 + size, Self.dialogue.count)])
            }
            #expect(Self.converse(chunks).messages == whole.messages, "chunks of \(size)")
        }
    }

    @Test func nothingPastTheLimitIsHeld() {
        var reader = SMTPListenerDataReader(limit: 1_000)
        let line = Array("0123456789012345678901234567890123456789\r\n".utf8)
        for _ in 0..<10_000 { #expect(reader.read(line, from: 0) == nil) }
        #expect(reader.message.count == 1_000 && reader.overflowed)
        #expect(reader.read(Array(".\r\n".utf8), from: 0) == 3)
    }

    @Test func aClientThatKeepsGettingItWrongIsClosed() {
        let garbage = Array(String(repeating: "FROB\r\n", count: 30).utf8)
        let replies = Self.converse([garbage]).replies
        #expect(replies.count == 22)
        #expect(replies[19] == "500 5.5.2 Error: command not recognized")
        #expect(replies[20] == "421 4.7.0 mx.helpdesk.test Error: too many errors")
        #expect(replies[21] == "(closed)")
    }

    @Test func aCommandThatIsNotUTF8IsRefused() {
        let replies = Self.converse([[0x45, 0x48, 0x4C, 0x4F, 0x20, 0xFF, 0xFE, 0x0D, 0x0A]]).replies
        #expect(replies == ["500 5.5.2 Error: the command is not valid UTF-8"])
    }

    @Test func addressesThatCouldBreakALineAreRefused() {
        let replies = Self.converse([
            Array("EHLO c\r\nMAIL FROM:<a b@example.com>\r\nMAIL FROM:<a\u{7F}@example.com>\r\nMAIL FROM:a@x\r\n".utf8)
        ]).replies
        #expect(
            replies.dropFirst() == [
                "501 5.1.7 Bad sender address syntax", "501 5.1.7 Bad sender address syntax",
                "501 5.1.7 Bad sender address syntax",
            ])
    }

    @Test func aRepeatedRecipientIsKeptOnce() {
        let messages = Self.converse([
            Array(
                ("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<support@helpdesk.test>\r\n"
                    + "RCPT TO:<Support@helpdesk.test>\r\nDATA\r\n.\r\n").utf8)
        ]).messages
        #expect(messages.map(\.recipients) == [["support@helpdesk.test"]])
    }
}
