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

    @Test func ticketNumbersComeFromBracketedHashTagsOfOneToNineDigits() {
        func number(_ subject: String) -> Int? { InboundThreadingHint.ticketNumber(inSubject: subject) }
        #expect(number("Re: Delivery address [#10042]") == 10042)
        #expect(number("[#1] first") == 1)
        #expect(number("Ärger mit dem Drucker [#42] ✔") == 42)
        #expect(number("[#123456789]") == 123_456_789)
        #expect(number("[#1234567890]") == nil, "ten digits are an order or parcel number, not a ticket")
        #expect(number("[#abc] then [#77] then [#78]") == 77, "the first well-formed tag counts")
        #expect(number("[[#5]]") == 5)
        #expect(number("Ticket #4821") == nil)
        #expect(number("[#]") == nil)
        #expect(number("[# 10042]") == nil)
        #expect(number("[#10042") == nil)
        #expect(number("[#12a]") == nil)
        #expect(number("") == nil)
    }

    @Test func hintsAreTokensThenParentsThenTheSubjectNumber() throws {
        let mail = try Self.mail(
            """
            To: Other Desk <support+t-999@other.example>, Support <Support+t-77.abc@HelpDesk.Example>
            Cc: support+t-@helpdesk.example, support+billing@helpdesk.example, support+t-77.abc@helpdesk.example
            Delivered-To: support+t-78.def@helpdesk.example
            In-Reply-To: <c@x>
            References: <root@x> <c@x>
            Subject: Re: Printer [#77]
            """)
        let hints = InboundThreadingHint.candidates(for: mail, supportDomain: "helpdesk.example")
        #expect(hints == [.token("78.def"), .token("77.abc"), .header("c@x"), .header("root@x"), .subject(77)])
        #expect(
            hints.map(\.description) == ["token:78.def", "token:77.abc", "header:c@x", "header:root@x", "subject:77"])
        #expect(
            InboundThreadingHint.candidates(
                for: mail, supportDomain: "HELPDESK.example", envelopeRecipients: ["support+t-1.env@helpdesk.example"]
            ).first == .token("1.env"), "the envelope recipient comes first, and the domain matches in any case")
        #expect(InboundThreadingHint.replyTokens(in: mail, supportDomain: "other.example") == ["999"])
        #expect(InboundThreadingHint.candidates(for: try Self.mail("Subject: Hello"), supportDomain: "x.org") == [])
    }
}
