import Testing

@testable import HelpDeskChannels

/// Which inbound mail must never get an automatic answer (RFC 3834 and the headers mail systems agree on).
@Suite struct InboundAutomationTests {
    static func reasons(_ headers: String, loopMarkers: Set<String> = []) throws -> [InboundAutomation.Reason] {
        let mail = try InboundMail.parse(Array((headers + "\n\nbody").utf8))
        return mail.automation(loopMarkers: loopMarkers).reasons
    }

    @Test func aPersonsMailIsNotAutomated() throws {
        #expect(try Self.reasons("From: Jane <jane@example.com>\nTo: support@helpdesk.example") == [])
        #expect(try Self.reasons("From: jane@example.com\nAuto-Submitted: no") == [], "`no` is the one human value")
        #expect(try Self.reasons("From: jane@example.com\nAuto-Submitted: No (typed by hand)") == [])
        #expect(try Self.reasons("From: jane@example.com\nPrecedence: first-class") == [])
        #expect(try Self.reasons("From: jane@example.com\nX-Autoreply: no") == [])
        #expect(try Self.reasons("From: jane@example.com\nReturn-Path: <jane@example.com>") == [])
        #expect(try Self.reasons("From: noreplyjane@example.com") == [])
    }

    @Test func eachSignalOnItsOwn() throws {
        #expect(try Self.reasons("Auto-Submitted: auto-replied; owner=x") == [.autoSubmitted("auto-replied")])
        #expect(try Self.reasons("auto-submitted: Auto-Notified") == [.autoSubmitted("auto-notified")])
        #expect(try Self.reasons("X-Autoreply: yes") == [.autoReplyField("X-Autoreply")])
        #expect(try Self.reasons("X-Autorespond: Out of office") == [.autoReplyField("X-Autorespond")])
        #expect(try Self.reasons("Precedence: BULK") == [.precedence("bulk")])
        #expect(try Self.reasons("Precedence: junk") == [.precedence("junk")])
        #expect(try Self.reasons("List-Unsubscribe: <mailto:leave@x.org>") == [.mailingList("List-Unsubscribe")])
        #expect(try Self.reasons("List-Post: <mailto:list@x.org>") == [.mailingList("List-Post")])
        #expect(try Self.reasons("Return-Path: <>") == [.nullReturnPath])
        #expect(try Self.reasons("Return-Path:") == [.nullReturnPath])
        #expect(try Self.reasons("Return-Path: < >") == [.nullReturnPath])
        #expect(try Self.reasons("From: Mail Delivery Subsystem <MAILER-DAEMON>") == [.systemSender("MAILER-DAEMON")])
        #expect(try Self.reasons("From: postmaster@x.org") == [.systemSender("postmaster@x.org")])
        #expect(try Self.reasons("From: Shop <no-reply@shop.example>") == [.systemSender("no-reply@shop.example")])
        #expect(
            try Self.reasons("From: jane@x.org\nSender: NoReply@x.org") == [.systemSender("NoReply@x.org")])
        #expect(
            try Self.reasons("Return-Path: <MAILER-DAEMON@mx.x.org>") == [.systemSender("MAILER-DAEMON@mx.x.org")])
        #expect(
            try Self.reasons("Content-Type: multipart/report; report-type=disposition-notification; boundary=b")
                == [.report("disposition-notification")])
        #expect(try Self.reasons("X-Failed-Recipients: nobody@x.org") == [.failedRecipients])
        #expect(try Self.reasons("X-Loop: helpdesk-7f3a", loopMarkers: ["helpdesk-7f3a"]) == [.loop("helpdesk-7f3a")])
        #expect(try Self.reasons("X-Loop: someone-else", loopMarkers: ["helpdesk-7f3a"]) == [])
    }

    @Test func reasonsReadAsTimelineText() {
        #expect(InboundAutomation.Reason.autoSubmitted("auto-replied").description == "Auto-Submitted: auto-replied")
        #expect(InboundAutomation.Reason.report("delivery-status").description == "a delivery-status report")
        #expect(
            InboundAutomation.Reason.systemSender("MAILER-DAEMON@x").description
                == "sent by the system mailbox MAILER-DAEMON@x")
    }
}
