import Foundation
import Testing

@testable import HelpDeskChannels

/// Realistic messages from the mailers customers use, each read into exact
/// values: addresses, threading ids, dates, text, attachments, automation.
@Suite struct InboundMailCorpusTests {
    /// The help desk's token format in these fixtures: `support+t-<token>@…`.
    static func ticketToken(_ subaddress: InboundSubaddress) -> String? {
        subaddress.mailbox == "support" && subaddress.detail.hasPrefix("t-")
            ? String(subaddress.detail.dropFirst(2)) : nil
    }

    @Test func gmailReplyWithQuotedPrintableAlternativeAndBase64Subject() throws {
        let mail = try MailFixture.mail("gmail-reply.eml")
        #expect(mail.subject == "Re: Drucker druckt nicht – Ticket #4821 ✔")
        #expect(mail.from == [InboundAddress(name: "Jane Doe", address: "Jane.Doe@gmail.com")])
        #expect(mail.replyAddress?.normalizedAddress == "jane.doe@gmail.com")
        #expect(mail.to == [InboundAddress(name: "Support", address: "support+t-4821.k9f2c1@helpdesk.example")])
        #expect(mail.deliveredTo == [InboundAddress(address: "support+t-4821.k9f2c1@helpdesk.example")])
        #expect(mail.messageID == "CAHx8Gm1+abc_DEF-123@mail.gmail.com")
        #expect(mail.inReplyTo == ["ticket/4821/msg/17@helpdesk.example"])
        #expect(mail.references == ["ticket/4821/root@helpdesk.example", "ticket/4821/msg/17@helpdesk.example"])
        #expect(mail.parentMessageIDs == ["ticket/4821/msg/17@helpdesk.example", "ticket/4821/root@helpdesk.example"])
        #expect(mail.date == MailFixture.utc("2026-03-03T09:15:42Z"))
        #expect(mail.replyToken(Self.ticketToken) == "4821.k9f2c1")
        let reply = """
            Hallo,

            der Drucker im 2. Stock zeigt immer noch „Papierstau“, obwohl kein Papier drin ist. \
            Ich habe ihn neu gestartet = keine Änderung.

            Viele Grüße
            Jane
            """
        #expect(
            mail.text == reply + """


                On Mon, Mar 2, 2026 at 4:02\u{202F}PM Support <support+t-4821.k9f2c1@helpdesk.example>
                wrote:

                > Hello Jane,
                >
                > please restart the printer and tell us if the message is still shown.
                >
                """)
        #expect(mail.replyText == reply)
        let html = try #require(mail.html)
        #expect(html.hasPrefix("<div dir=\"ltr\"><div>Hallo,</div>"))
        #expect(
            MIMEHTMLText.text(fromHTML: html) == reply + """


                On Mon, Mar 2, 2026 at 4:02\u{202F}PM Support <support+t-4821.k9f2c1@helpdesk.example> wrote:
                > Hello Jane,

                > please restart the printer and tell us if the message is still shown.
                """)
        #expect(InboundReplyTrimmer.trim(MIMEHTMLText.text(fromHTML: html)) == reply)
        #expect(mail.attachments.isEmpty)
        #expect(mail.defects.isEmpty)
        #expect(!mail.isAutomated)
    }

    @Test func outlookReplyInLatin1WithInlineImageAndHeaderBlock() throws {
        let mail = try MailFixture.mail("outlook-reply.eml")
        #expect(mail.from == [InboundAddress(name: "Müller, Hans", address: "Hans.Mueller@contoso.example")])
        #expect(
            mail.to == [
                InboundAddress(
                    name: "support+t-77.a1b2c3d4e5@helpdesk.example",
                    address: "support+t-77.a1b2c3d4e5@helpdesk.example")
            ])
        #expect(
            mail.cc == [
                InboundAddress(name: "Weber, Anna", address: "anna.weber@contoso.example"),
                InboundAddress(address: "it-team@contoso.example"),
            ])
        #expect(mail.subject == "AW: Zugang zum Kundenportal")
        #expect(InboundSubject.normalized(mail.subject ?? "") == "Zugang zum Kundenportal")
        #expect(mail.date == MailFixture.utc("2026-03-04T08:01:09Z"))
        #expect(mail.messageID == "AM6PR04MB5432ABCDEF0123456789@AM6PR04MB5432.eurprd04.prod.outlook.example")
        #expect(mail.parentMessageIDs == ["ticket/77/msg/3@helpdesk.example", "ticket/77/root@helpdesk.example"])
        #expect(mail.replyToken(Self.ticketToken) == "77.a1b2c3d4e5")
        #expect(mail.contentType == "multipart/related")
        let reply = """
            Hallo zusammen,

            das Passwort wurde zurückgesetzt, aber der Login schlägt weiterhin fehl – Fehlermeldung „Konto gesperrt“.

            Grüße
            Hans Müller
            """
        #expect(
            mail.text == reply + """


                ________________________________
                Von: Support <support+t-77.a1b2c3d4e5@helpdesk.example>
                Gesendet: Dienstag, 3. März 2026 17:40
                An: Müller, Hans <Hans.Mueller@contoso.example>
                Betreff: Zugang zum Kundenportal

                Guten Tag Herr Müller,

                bitte setzen Sie Ihr Passwort zurück.
                """)
        #expect(InboundReplyTrimmer.trim(mail.text) == reply)
        #expect(mail.html?.contains("<img src=\"cid:image001.png@01DA6E1B.2C3D4E50\">") == true)
        #expect(
            mail.attachments == [
                InboundAttachment(
                    filename: "image001.png", contentType: "image/png", disposition: .inline,
                    contentID: "image001.png@01DA6E1B.2C3D4E50", data: MailFixture.png)
            ])
        #expect(mail.defects.isEmpty)
        #expect(!mail.isAutomated)
    }

    @Test func appleMailTextSplitAroundAnInlineImage() throws {
        let mail = try MailFixture.mail("apple-mail.eml")
        #expect(mail.from == [InboundAddress(name: "Lea Schmidt", address: "lea.schmidt@icloud.example")])
        #expect(mail.subject == "Re: Abrechnung für März")
        #expect(mail.date == MailFixture.utc("2026-03-05T13:03:27Z"))
        #expect(mail.messageID == "3C7D9E21-4A5B-4C6D-8E9F-0123456789AB@icloud.example")
        #expect(mail.references == ["ticket/90/root@helpdesk.example", "ticket/90/msg/5@helpdesk.example"])
        let reply = """
            Hallo,

            auf der Rechnung fehlt die Position vom 12.03., siehe Screenshot:

            Danke!
            Lea
            """
        #expect(
            mail.text == reply + """


                > Am 04.03.2026 um 09:12 schrieb Support <support@helpdesk.example>:
                >\u{20}
                > Anbei Ihre Rechnung für März.
                """)
        #expect(InboundReplyTrimmer.trim(mail.text) == reply)
        #expect(mail.html == nil)
        #expect(
            mail.attachments == [
                InboundAttachment(
                    filename: "Bildschirmfoto.png", contentType: "image/png", disposition: .inline,
                    data: MailFixture.png)
            ])
        #expect(mail.replyToken(Self.ticketToken) == nil)
        #expect(mail.defects.isEmpty)
    }

    @Test func thunderbirdFlowedTextAndAnRFC2231ContinuedFilename() throws {
        let mail = try MailFixture.mail("thunderbird-flowed.eml")
        #expect(mail.from == [InboundAddress(name: "Françoise Lefèvre", address: "francoise@laposte.example")])
        #expect(mail.subject == "Facture de mars – erreur de montant")
        #expect(mail.date == MailFixture.utc("2026-03-06T08:30:00Z"))
        let reply = """
            Bonjour,

            Le montant de la facture ne correspond pas à notre contrat : nous avons convenu de 100 € par mois, \
            et non de 120 €.

            Merci de corriger.
            """
        #expect(mail.text == reply + "\n\n-- \nFrançoise Lefèvre\nComptabilité")
        #expect(InboundReplyTrimmer.trim(mail.text) == reply)
        #expect(
            mail.attachments == [
                InboundAttachment(
                    filename: "Facture mars € 120.pdf", contentType: "application/pdf", disposition: .attachment,
                    data: MailFixture.pdf)
            ])
        #expect(mail.defects.isEmpty)
    }

    @Test func nestedMixedAlternativeRelated() throws {
        let mail = try MailFixture.mail("nested-mixed-alternative-related.eml")
        #expect(mail.from == [InboundAddress(name: "Ops Bot", address: "ops@vendor.example")])
        #expect(mail.date == MailFixture.utc("2026-03-07T11:00:00Z"))
        #expect(mail.text == "Report attached. Uptime 99.9%.")
        #expect(mail.html == "<p>Report attached. Uptime <b>99.9%</b>.</p><img src=\"cid:chart@vendor.example\">")
        #expect(
            mail.attachments == [
                InboundAttachment(
                    filename: nil, contentType: "image/png", disposition: .inline, contentID: "chart@vendor.example",
                    data: MailFixture.png),
                InboundAttachment(
                    filename: "€ invoice 2026.pdf", contentType: "application/pdf", disposition: .attachment,
                    data: MailFixture.pdf),
            ])
        #expect(mail.defects.isEmpty)
        #expect(!mail.isAutomated)
    }

    @Test func bounceIsAutomatedAndKeepsItsReport() throws {
        let mail = try MailFixture.mail("bounce-dsn.eml")
        #expect(
            mail.from == [InboundAddress(name: "Mail Delivery System", address: "MAILER-DAEMON@mx.helpdesk.example")])
        #expect(mail.subject == "Undelivered Mail Returned to Sender")
        #expect(mail.date == MailFixture.utc("2026-03-08T12:00:05Z"))
        #expect(
            mail.automation().reasons == [
                .autoSubmitted("auto-replied"), .nullReturnPath, .systemSender("MAILER-DAEMON@mx.helpdesk.example"),
                .report("delivery-status"),
            ])
        #expect(mail.isAutomated)
        #expect(
            mail.text == """
                This is the mail system at host mx.helpdesk.example.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <nobody@customer.example>: host mx.customer.example said: 550 5.1.1 User unknown
                """)
        #expect(mail.attachments.map(\.contentType) == ["message/delivery-status", "text/rfc822-headers"])
        #expect(mail.attachments.allSatisfy { $0.filename == nil && $0.disposition == .attachment })
        let headers = String(decoding: mail.attachments[1].data, as: UTF8.self)
        #expect(headers.contains("Message-ID: <ticket/12/msg/1@helpdesk.example>"))
        // The bounce still names its ticket, so it can be filed there as a system event.
        #expect(mail.replyToken(Self.ticketToken) == "12.ffee001122")
    }

    @Test func vacationAutoReply() throws {
        let mail = try MailFixture.mail("vacation-autoreply.eml")
        #expect(mail.subject == "Automatische Antwort: Ihre Anfrage wurde beantwortet")
        #expect(mail.automation().reasons == [.autoSubmitted("auto-generated"), .autoReplyField("X-Autoreply")])
        #expect(mail.text == "Ich bin bis 20.03. nicht im Büro und habe nur eingeschränkten Zugriff auf E-Mails.")
        #expect(mail.inReplyTo == ["ticket/33/msg/2@helpdesk.example"])
    }

    @Test func mailingListPost() throws {
        let mail = try MailFixture.mail("mailing-list.eml")
        #expect(mail.automation().reasons == [.precedence("list"), .mailingList("List-Id")])
        #expect(mail.sender == InboundAddress(address: "announce-bounces@lists.project.example"))
        #expect(mail.date == MailFixture.utc("2026-03-11T02:30:00Z"))
        #expect(mail.text == "Version 4.2 is out.")
    }

    @Test func htmlOnlyInWindows1252BecomesReadableText() throws {
        let mail = try MailFixture.mail("html-only.eml")
        let reply = """
            Dear team,

            our order #1234 arrived damaged:

            - Box crushed
            - Item «Lamp» broken – glass & frame

            Price: 49€ € € €
            Thanks … Café owner

            Order 1234
            """
        #expect(
            mail.text == reply + """

                On Mon, 9 Mar 2026 at 10:00, Shop <shop@example.com> wrote:

                > Your order has shipped.
                """)
        #expect(InboundReplyTrimmer.trim(mail.text) == reply)
        #expect(mail.html?.contains("<title>Ignored title</title>") == true)
        #expect(mail.html?.contains("Caf\u{E9} owner") == true)
        #expect(mail.attachments.isEmpty)
    }

    @Test func bareLineFeedsAndEncodedWordsInTwoCharsets() throws {
        let mail = try MailFixture.mail("lf-only.eml")
        #expect(mail.from == [InboundAddress(name: "Doe, John", address: "John@Example.COM")])
        #expect(mail.from.first?.normalizedAddress == "john@example.com")
        #expect(mail.subject == "Preis € 100 – dringend")
        #expect(mail.date == MailFixture.utc("2026-03-12T04:59:59Z"))
        #expect(mail.text == "Zeilen mit LF.\nÜbergrößen: ½ ✓")
        #expect(mail.messageID == "lf-only@example.com")
    }

    @Test func latin1BodyAndHeaders() throws {
        let mail = try MailFixture.mail("latin1-body.eml")
        #expect(mail.from == [InboundAddress(name: "André Gonçalves", address: "andre@exemplo.example")])
        #expect(mail.subject == "Confirmação de pagamento")
        #expect(mail.date == MailFixture.utc("2026-03-12T11:00:00Z"))
        #expect(mail.text == "Olá, não consigo concluir o pagamento. Obrigado!")
    }

    @Test func malformedMessageIsReadAroundItsDamage() throws {
        let mail = try MailFixture.mail("malformed.eml")
        #expect(mail.from == [InboundAddress(name: "Jürgen Müller", address: "juergen@example.de")])
        #expect(mail.subject == "Grüße aus Köln", "8-bit Latin-1 header bytes")
        #expect(mail.date == nil)
        #expect(mail.messageID == "malformed@example.de")
        #expect(mail.text == "Die Datei ist kaputt.")
        #expect(
            mail.attachments == [
                InboundAttachment(
                    filename: "data.bin", contentType: "application/octet-stream", disposition: .attachment,
                    data: Array("Hello World".utf8))
            ])
        #expect(
            mail.defects == [
                .headerLineWithoutColon("This line has no colon"), .missingClosingBoundary("b1"), .invalidBase64,
            ])
    }

    @Test(arguments: MailFixture.names)
    func crlfAndBareLineFeedReadTheSame(name: String) throws {
        let bytes = try MailFixture.bytes(name)
        var lf: [UInt8] = []
        for (index, byte) in bytes.enumerated()
        where !(byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) {
            lf.append(byte)
        }
        let fromCRLF = try InboundMail.parse(bytes)
        let fromLF = try InboundMail.parse(lf)
        #expect(fromLF.text == fromCRLF.text)
        #expect(fromLF.subject == fromCRLF.subject)
        #expect(fromLF.from == fromCRLF.from)
        #expect(fromLF.attachments.map(\.filename) == fromCRLF.attachments.map(\.filename))
        #expect(
            fromLF.attachments.filter { !$0.contentType.hasPrefix("text/") && !$0.contentType.hasPrefix("message/") }
                .map(\.data)
                == fromCRLF.attachments.filter {
                    !$0.contentType.hasPrefix("text/") && !$0.contentType.hasPrefix("message/")
                }.map(\.data))
    }
}
