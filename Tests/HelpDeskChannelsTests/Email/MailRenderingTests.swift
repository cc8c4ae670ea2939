import Foundation
import Testing

@testable import HelpDeskChannels

@Suite struct MailRenderingTests {
    static let date = Date(timeIntervalSince1970: 1_700_000_000)

    static func mail(
        subject: String = "Your ticket 10001", text: String = "Hello Ann,\n\nThanks for writing.\n",
        to: [MailAddress] = [MailAddress("ann@example.com", name: "Ann Smith")]
    ) -> OutboundMail {
        OutboundMail(
            from: MailAddress("support@helpdesk.test", name: "HelpDesk Support"), to: to, subject: subject, text: text,
            date: date, messageID: "abc@helpdesk.test")
    }

    static func render(_ mail: OutboundMail, boundary: String = "=_b") throws -> String {
        String(decoding: try mail.rendered(boundary: boundary), as: UTF8.self)
    }

    @Test func aSimpleMailIsRenderedExactly() throws {
        let expected = [
            "Date: Tue, 14 Nov 2023 22:13:20 +0000",
            "From: HelpDesk Support <support@helpdesk.test>",
            "To: Ann Smith <ann@example.com>",
            "Subject: Your ticket 10001",
            "Message-ID: <abc@helpdesk.test>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"=_b\"",
            "",
            "This is a multi-part message in MIME format.",
            "--=_b",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
            "",
            "Hello Ann,",
            "",
            "Thanks for writing.",
            "--=_b",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
            "",
            "<!DOCTYPE html>",
            "<html>",
            "<head><meta charset=\"utf-8\"></head>",
            "<body>",
            "<p>Hello Ann,</p>",
            "<p>Thanks for writing.</p>",
            "</body>",
            "</html>",
            "--=_b--",
            "",
        ].joined(separator: "\r\n")
        #expect(try Self.render(Self.mail()) == expected)
    }

    @Test func everyLineEndsInCRLFAndEveryByteIsASCII() throws {
        let mail = Self.mail(
            subject: "Grüße – " + String(repeating: "lange Betreffzeile ", count: 8),
            text: "Zeile eins\nZeile zwei\r\nZeile drei\rЖурнал " + String(repeating: "ü", count: 200) + "\n.")
        let bytes = try mail.rendered()
        #expect(bytes.allSatisfy { $0 < 0x80 })
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"), "bare LF at \(index)")
        }
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\r") {
            #expect(index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"), "bare CR at \(index)")
        }
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines.filter { $0.utf8.count > 78 })")
    }

    @Test func threadingHeadersCarryTheConversation() throws {
        var mail = Self.mail()
        mail.inReplyTo = "<parent@example.com>"
        mail.references = OutboundMail.references(
            answering: "parent@example.com", parentReferences: [], parentInReplyTo: "root@helpdesk.test")
        #expect(mail.references == ["root@helpdesk.test", "parent@example.com"])
        let rendered = try Self.render(mail)
        #expect(MailParsing.field("In-Reply-To", in: rendered) == "<parent@example.com>")
        #expect(MailParsing.field("References", in: rendered) == "<root@helpdesk.test> <parent@example.com>")

        mail.references = (1...30).map { "message-\($0)-with-a-longish-id@mail.example.com" }
        let long = try Self.render(mail)
        let references = try #require(MailParsing.field("References", in: long)).split(separator: " ")
        #expect(references.count == OutboundMail.maxReferences)
        #expect(references.first == "<message-1-with-a-longish-id@mail.example.com>", "the root is kept")
        #expect(references.last == "<message-30-with-a-longish-id@mail.example.com>", "the parent is kept")
        #expect(MailParsing.headerLines(long).allSatisfy { $0.utf8.count <= 78 })
        #expect(
            OutboundMail.references(answering: "b@x", parentReferences: ["r@x", "a@x"], parentInReplyTo: "a@x")
                == ["r@x", "a@x", "b@x"])
    }

    @Test func aNonASCIISubjectIsEncodedInWordsThatNeverSplitACharacter() throws {
        let subject = "Grüße aus Köln – 🎉 " + String(repeating: "Привет мир 👨‍👩‍👧 ", count: 12)
        let rendered = try Self.render(Self.mail(subject: subject))
        let lines = MailParsing.headerLines(rendered)
        let subjectLines = lines.drop { !$0.hasPrefix("Subject:") }.prefix {
            $0.hasPrefix("Subject:") || $0.hasPrefix(" ")
        }
        #expect(subjectLines.count > 3)
        #expect(subjectLines.first!.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(subjectLines.allSatisfy { $0.utf8.count <= 76 }, "RFC 2047 limits lines with encoded words to 76")
        let words = subjectLines.flatMap { $0.split(separator: " ") }.filter { $0.hasPrefix("=?") }
        for word in words {
            #expect(word.utf8.count <= 75)
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = try #require(Data(base64Encoded: String(payload)))
            #expect(String(validating: bytes, as: UTF8.self) != nil, "a word splits a UTF-8 sequence: \(word)")
        }
        let value = try #require(MailParsing.field("Subject", in: rendered))
        #expect(MailParsing.decodeWords(value) == subject.trimmingCharacters(in: .whitespaces))
    }

    @Test func aLongASCIISubjectIsFoldedAtSpaces() throws {
        let subject = (1...30).map { "word\($0)" }.joined(separator: " ")
        let rendered = try Self.render(Self.mail(subject: subject))
        let lines = MailParsing.headerLines(rendered)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.contains { $0.hasPrefix(" word") }, "folded onto continuation lines")
        #expect(MailParsing.field("Subject", in: rendered) == subject)
    }

    @Test func displayNamesAreAtomsQuotedStringsOrEncodedWords() throws {
        let to = [
            MailAddress("ann@example.com", name: "Ann O'Neil"),
            MailAddress("john@example.com", name: "Doe, John"),
            MailAddress("zoe@example.com", name: "Zoë Ça"),
            MailAddress("odd@example.com", name: "Say \"hi\" \\ bye"),
            MailAddress("bare@example.com"),
            MailAddress("trick@example.com", name: "=?UTF-8?B?SGk=?="),
        ]
        let rendered = try Self.render(Self.mail(to: to))
        let value = try #require(MailParsing.field("To", in: rendered))
        #expect(value.contains("Ann O'Neil <ann@example.com>,"))
        #expect(value.contains("\"Doe, John\" <john@example.com>,"))
        #expect(value.contains("=?UTF-8?B?"))
        #expect(MailParsing.decodeWords(value).contains("Zoë Ça <zoe@example.com>,"))
        #expect(value.contains("\"Say \\\"hi\\\" \\\\ bye\" <odd@example.com>,"))
        #expect(value.contains("bare@example.com,"))
        #expect(
            MailParsing.decodeWords(value).hasSuffix("=?UTF-8?B?SGk=?= <trick@example.com>"),
            "text that looks like an encoded word is encoded, so it reads back as written")
    }

    @Test func manyRecipientsAreFoldedBetweenAddresses() throws {
        let to = (1...12).map { MailAddress("customer\($0)@example.com", name: "Customer Number \($0)") }
        let rendered = try Self.render(Self.mail(to: to))
        #expect(MailParsing.headerLines(rendered).allSatisfy { $0.utf8.count <= 78 })
        let expected = to.map { "\($0.name!) <\($0.address)>" }.joined(separator: ", ")
        #expect(MailParsing.field("To", in: rendered) == expected)
    }

    @Test func theBodyGoesAs7bitQuotedPrintableOrBase64() throws {
        #expect(MailBodyEncoding(text: "Hello\nworld").transferEncoding == .sevenBit)
        #expect(MailBodyEncoding(text: String(repeating: "a", count: 77)).transferEncoding == .quotedPrintable)

        let german = MailBodyEncoding(text: "Grüße, Jürgen = Freund \nEnde ")
        #expect(german.transferEncoding == .quotedPrintable)
        #expect(german.body == "Gr=C3=BC=C3=9Fe, J=C3=BCrgen =3D Freund=20\r\nEnde=20\r\n")

        let russian = MailBodyEncoding(text: "Здравствуйте! Спасибо за ваше письмо.")
        #expect(russian.transferEncoding == .base64)
        #expect(russian.body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })

        let longLine = String(repeating: "ü and more text ", count: 40)
        let encoded = MailBodyEncoding(text: longLine)
        #expect(encoded.body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(String(decoding: MailParsing.decodeQuotedPrintable(encoded.body), as: UTF8.self) == longLine + "\r\n")
    }

    @Test func bothPartsDecodeToTheText() throws {
        let text = "Здравствуйте, Анна!\n\nВаш заказ отправлен. Trackingnummer: 12345 – Grüße"
        let rendered = try Self.render(Self.mail(text: text), boundary: "=_helpdesk_x")
        let parts = MailParsing.parts(rendered, boundary: "=_helpdesk_x")
        #expect(parts.count == 2)
        #expect(parts[0].head.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(parts[1].head.contains("Content-Type: text/html; charset=utf-8"))
        #expect(MailParsing.decodedBody(parts[0]).hasPrefix(text.replacingOccurrences(of: "\n", with: "\r\n")))
        #expect(MailParsing.decodedBody(parts[1]).contains("<p>Здравствуйте, Анна!</p>"))
    }

    @Test func theHTMLPartEscapesTheTextAndLinksOnlyWebAddresses() throws {
        let text = """
            <script>alert('x')</script> & "quoted"
            second line

            See https://example.com/a?b=1&c=2. Or (http://example.org/x_(y)) now.
            javascript:alert(1) and xhttps://nope.example and mailto:a@b.c
            """
        let html = PlainTextHTML.render(text)
        #expect(!html.contains("<script"))
        #expect(
            html.contains(
                "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;<br>\nsecond line</p>"))
        #expect(
            html.contains("See <a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a>. "))
        #expect(html.contains("(<a href=\"http://example.org/x_(y)\">http://example.org/x_(y)</a>) now."))
        #expect(html.components(separatedBy: "<a ").count == 3, "only the two web addresses are links")
        #expect(html.components(separatedBy: "<p>").count == 3, "two paragraphs")

        let rendered = try Self.render(Self.mail(text: text))
        let parts = MailParsing.parts(rendered, boundary: "=_b")
        #expect(MailParsing.decodedBody(parts[1]) == html.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func lineBreaksInHeaderValuesAreRefusedOrStripped() throws {
        // Structural values: refused, naming the field.
        var mail = Self.mail(to: [MailAddress("ann@example.com\r\nBcc: evil@example.net")])
        #expect(throws: MailProblem.self) { try mail.rendered() }
        do {
            _ = try mail.rendered()
        } catch {
            #expect(error.field == "To")
            #expect(error.reason.contains("line break"))
        }
        mail = Self.mail()
        mail.extraHeaders = [MailHeader(name: "X-Ticket", value: "1\r\nBcc: evil@example.net")]
        #expect(throws: MailProblem(field: "X-Ticket", reason: "the value contains a line break")) {
            try mail.rendered()
        }
        mail.extraHeaders = [MailHeader(name: "Bcc", value: "evil@example.net")]
        #expect(throws: MailProblem.self) { try mail.rendered() }
        mail.extraHeaders = [MailHeader(name: "X-Evil\r\nBcc", value: "x")]
        #expect(throws: MailProblem.self) { try mail.rendered() }
        mail.extraHeaders = []
        mail.inReplyTo = "<a@b>\r\nBcc: evil@example.net"
        #expect(throws: MailProblem.self) { try mail.rendered() }
        mail.inReplyTo = nil
        mail.references = ["ok@x", "x@y\nBcc: evil@example.net"]
        #expect(throws: MailProblem.self) { try mail.rendered() }
        mail.references = []
        mail.replyTo = MailAddress("reply@x.example\n")
        #expect(throws: MailProblem.self) { try mail.rendered() }
        mail.replyTo = nil
        mail.from = MailAddress("support@helpdesk.test>, evil@example.net")
        #expect(throws: MailProblem.self) { try mail.rendered() }

        // Free text: its line breaks become spaces, so nothing starts a new header.
        mail = Self.mail(subject: "Hello\r\nBcc: evil@example.net\nX-Injected: yes")
        mail.from.name = "Support\r\nBcc: evil@example.net"
        let rendered = try Self.render(mail)
        let names = MailParsing.fields(rendered).map { $0.name.lowercased() }
        #expect(!names.contains("bcc"))
        #expect(!names.contains("x-injected"))
        #expect(MailParsing.field("Subject", in: rendered) == "Hello Bcc: evil@example.net X-Injected: yes")
        #expect(MailParsing.field("From", in: rendered) == "\"Support Bcc: evil@example.net\" <support@helpdesk.test>")
    }

    @Test func extraHeadersMarkAutomaticMail() throws {
        var mail = Self.mail()
        mail.extraHeaders = [.autoReplied, .suppressAutoResponses, MailHeader(name: "X-Loop", value: "helpdesk")]
        let rendered = try Self.render(mail)
        #expect(MailParsing.field("Auto-Submitted", in: rendered) == "auto-replied")
        #expect(MailParsing.field("X-Auto-Response-Suppress", in: rendered) == "All")
        #expect(MailParsing.field("X-Loop", in: rendered) == "helpdesk")
    }

    @Test func aNewMailGetsAnUnguessableMessageIDInTheSendersDomain() throws {
        let first = OutboundMail(
            from: MailAddress("support@helpdesk.test"), to: [MailAddress("a@b.example")], subject: "", text: "")
        let second = OutboundMail(
            from: MailAddress("support@helpdesk.test"), to: [MailAddress("a@b.example")], subject: "", text: "")
        #expect(first.messageID.hasSuffix("@helpdesk.test"))
        #expect(first.messageID != second.messageID)
        #expect(first.messageID.count > "@helpdesk.test".count + 20)
        let rendered = String(decoding: try first.rendered(), as: UTF8.self)
        #expect(MailParsing.field("Message-ID", in: rendered) == "<\(first.messageID)>")
        #expect(MailParsing.field("Subject", in: rendered) == "")
    }

    @Test func addressesAreHeldToAStrictForm() {
        #expect(MailAddress.problem(with: "support@helpdesk.example") == nil)
        #expect(MailAddress.problem(with: "first.last+t4821.k9f2@mail.example.co") == nil)
        for bad in [
            "", "plain", "a@", "@b", "a@@b", "a b@c.d", "a@b c", "<a@b>", "a@b,c@d", "a@b\r\n", "ann@exämple.com",
            "a..b@c",
            ".a@b", "a@b..c", "a@-b_",
        ] {
            #expect(MailAddress.problem(with: bad) != nil, "\(bad.debugDescription) accepted")
        }
    }
}
