import Testing

@testable import HelpDeskChannels

/// Finding the ticket a reply belongs to: the reply token in a sub-address,
/// then the parent message ids (RFC 5322 §3.6.4).
@Suite struct InboundThreadingTests {
    static func mail(_ headers: String) throws -> InboundMail {
        try InboundMail.parse(Array((headers + "\r\n\r\nbody").utf8))
    }

    @Test func subaddressesSplitAtTheDelimiter() {
        #expect(
            InboundSubaddress("Support+T-4821.K9@HelpDesk.Example")
                == InboundSubaddress(mailbox: "support", detail: "T-4821.K9", domain: "helpdesk.example"))
        #expect(InboundSubaddress("support+a+b@x.org")?.detail == "a+b", "only the first delimiter splits")
        #expect(InboundSubaddress("support-t42@x.org", delimiter: "-")?.detail == "t42")
        #expect(InboundSubaddress("support@x.org") == nil)
        #expect(InboundSubaddress("support+@x.org") == nil)
        #expect(InboundSubaddress("support+t1") == nil)
        #expect(InboundSubaddress("support+t1@") == nil)
    }

    @Test func theTokenIsLookedForInEnvelopeDeliveredToToAndCc() throws {
        let mail = try Self.mail(
            """
            From: jane@example.com
            To: Sales <sales+t-wrong@other.example>, Support <support+t-from-to@helpdesk.example>
            Cc: support+t-from-cc@helpdesk.example
            Delivered-To: support+t-delivered@helpdesk.example
            """)
        func token(_ subaddress: InboundSubaddress) -> String? {
            subaddress.mailbox == "support" && subaddress.domain == "helpdesk.example"
                && subaddress.detail.hasPrefix("t-") ? String(subaddress.detail.dropFirst(2)) : nil
        }
        #expect(mail.replyToken(token) == "delivered")
        #expect(mail.replyToken(envelopeRecipients: ["support+t-envelope@helpdesk.example"], token) == "envelope")
        #expect(
            mail.subaddressedRecipients().map(\.detail) == ["t-delivered", "t-wrong", "t-from-to", "t-from-cc"])
        #expect(mail.replyToken { _ in Int?.none } == nil)

        let ccOnly = try Self.mail("To: Support <support@helpdesk.example>\nCc: support+t-77@helpdesk.example")
        #expect(ccOnly.replyToken(token) == "77")
        let none = try Self.mail("To: support@helpdesk.example")
        #expect(none.replyToken(token) == nil)
    }

    @Test func parentsAreInReplyToThenReferencesNewestFirst() throws {
        let mail = try Self.mail(
            """
            In-Reply-To: <c@x>
            References: <root@x>
             <b@x> <c@x>
            """)
        #expect(mail.parentMessageIDs == ["c@x", "b@x", "root@x"])
        let referencesOnly = try Self.mail("References: <root@x> <b@x>")
        #expect(referencesOnly.parentMessageIDs == ["b@x", "root@x"])
        let none = try Self.mail("Subject: new")
        #expect(none.parentMessageIDs == [])
    }

    @Test func subjectsWithoutReplyAndForwardPrefixes() {
        #expect(InboundSubject.normalized("Re: Printer jam") == "Printer jam")
        #expect(InboundSubject.normalized("RE: AW: Re[2]:  Printer   jam ") == "Printer jam")
        #expect(InboundSubject.normalized("Fwd: FW: SV: VS: Antw: WG: Printer") == "Printer")
        #expect(InboundSubject.normalized("Re(3): Printer") == "Printer")
        #expect(InboundSubject.normalized("Re : Printer") == "Printer")
        #expect(InboundSubject.normalized("Reply needed: printer") == "Reply needed: printer")
        #expect(InboundSubject.normalized("Re[x]: Printer") == "Re[x]: Printer")
        #expect(InboundSubject.normalized("Re:") == "")
        #expect(InboundSubject.normalized("[#1234] Re: Printer") == "[#1234] Re: Printer")
    }
}
