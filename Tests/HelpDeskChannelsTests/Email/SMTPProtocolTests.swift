import Foundation
import Testing

@testable import HelpDeskChannels

@Suite struct SMTPProtocolTests {
    @Test func repliesAreReadLineByLine() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed("250-smtp.example.com Hello") == nil)
        #expect(parser.isMidReply)
        #expect(try parser.feed("250-SIZE 10240000") == nil)
        let reply = try #require(try parser.feed("250 AUTH PLAIN LOGIN"))
        #expect(reply == SMTPReply(code: 250, lines: ["smtp.example.com Hello", "SIZE 10240000", "AUTH PLAIN LOGIN"]))
        #expect(!parser.isMidReply)
        #expect(try parser.feed("354") == SMTPReply(code: 354, lines: [""]))
        #expect(try parser.feed("550 5.1.1 No such user")?.description == "550 5.1.1 No such user")
    }

    @Test func malformedRepliesAreRefused() {
        for line in ["", "25", "abc hello", "2500 x", "250_x", "999 out of range", "123 too low"] {
            var parser = SMTPReplyParser()
            #expect(throws: SMTPReplyParser.Failure.self, "\(line.debugDescription)") { try parser.feed(line) }
        }
        var parser = SMTPReplyParser()
        _ = try? parser.feed("250-first")
        #expect(throws: SMTPReplyParser.Failure.self) { try parser.feed("251 changed code") }
        var long = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Failure.self) {
            for _ in 0...SMTPReplyParser.maxLines { _ = try long.feed("250-more") }
        }
    }

    @Test func ehloExtensionsAreParsed() {
        let reply = SMTPReply(
            code: 250,
            lines: [
                "mail.example.com greets you", "PIPELINING", "SIZE 35882577", "starttls", "AUTH LOGIN PLAIN XOAUTH2",
                "AUTH=LOGIN", "8BITMIME",
            ])
        let extensions = SMTPExtensions(ehlo: reply)
        #expect(extensions.supportsStartTLS)
        #expect(extensions.authMechanisms == ["LOGIN", "PLAIN", "XOAUTH2"])
        #expect(extensions.sizeLimit == 35_882_577)
        #expect(extensions.supports("8bitmime"))
        #expect(!extensions.supports("MAIL.EXAMPLE.COM"), "the first line is the greeting, not an extension")
        #expect(SMTPExtensions(ehlo: SMTPReply(code: 250, lines: ["x", "SIZE"])).sizeLimit == nil)
        #expect(SMTPExtensions(ehlo: SMTPReply(code: 250, lines: ["x", "SIZE 0"])).sizeLimit == nil)
        #expect(SMTPExtensions(ehlo: SMTPReply(code: 250, lines: ["x"])).authMechanisms.isEmpty)
    }

    @Test func dataIsCRLFNormalisedThenDotStuffed() {
        func encode(_ text: String) -> String {
            String(decoding: SMTPDataEncoding.encode(Array(text.utf8)), as: UTF8.self)
        }
        #expect(encode("a\r\nb\r\n") == "a\r\nb\r\n.\r\n")
        #expect(encode("a\nb") == "a\r\nb\r\n.\r\n", "bare LF made CRLF, a last line ended")
        #expect(encode("a\rb\r") == "a\r\nb\r\n.\r\n", "a lone CR made CRLF")
        #expect(encode(".start\n..two\nmid.dle\n.") == "..start\r\n...two\r\nmid.dle\r\n..\r\n.\r\n")
        #expect(encode("x\n.\ny") == "x\r\n..\r\ny\r\n.\r\n", "a lone dot line cannot end the message early")
        #expect(encode("") == ".\r\n")
    }

    @Test func errorsAreClassifiedRetryableOrPermanent() {
        let busy = SMTPError(step: .recipient("a@b.c"), reason: .rejected(SMTPReply(code: 450, lines: ["4.2.1 Busy"])))
        #expect(busy.isRetryable)
        #expect(busy.code == 450)
        #expect(busy.serverText == "4.2.1 Busy")
        #expect(busy.description == "the SMTP server answered 450 4.2.1 Busy to RCPT TO <a@b.c>")
        #expect(busy.deliveryOutcome == .retryable(reason: busy.description, retryAfter: nil))

        let unknown = SMTPError(
            step: .recipient("a@b.c"), reason: .rejected(SMTPReply(code: 550, lines: ["No such user"])))
        #expect(!unknown.isRetryable)
        #expect(unknown.deliveryOutcome == .permanent(reason: unknown.description))

        #expect(SMTPError(step: .greeting, reason: .timedOut(.seconds(5))).isRetryable)
        #expect(SMTPError(step: .connect, reason: .connectionFailed("refused")).isRetryable)
        #expect(SMTPError(step: .message, reason: .protocolViolation("garbage")).isRetryable)
        #expect(!SMTPError(step: .startTLS, reason: .notOffered("no STARTTLS")).isRetryable)
        #expect(!SMTPError(step: .mailFrom, reason: .messageTooLarge(size: 2, limit: 1)).isRetryable)
        #expect(!SMTPError(step: .connect, reason: .refusedAddress("private")).isRetryable)
        #expect(!SMTPError(step: .connect, reason: .invalidSettings("no host")).isRetryable)
    }

    @Test func settingsDecodeFromTheAPIsShape() throws {
        let json = #"{"host":"smtp.example.com","port":587,"username":"u","password":"p","tls":"starttls"}"#
        let settings = try JSONDecoder().decode(SMTPServerSettings.self, from: Data(json.utf8))
        #expect(
            settings
                == SMTPServerSettings(host: "smtp.example.com", port: 587, username: "u", password: "p", tls: .starttls)
        )
        #expect(SMTPTLSMode.allCases.map(\.rawValue) == ["none", "starttls", "tls"])
        #expect(!settings.description.contains("p "), "\(settings)")
        #expect(settings.description == "smtp.example.com:587 tls=starttls user=u")
    }
}
