import Testing

@testable import HelpDeskChannels

/// The Message-ID a delivery status report returns, and the reports that are not bounces.
@Suite struct InboundBounceTests {
    /// A `multipart/report` of `report-type`, with the given parts after a human-readable notice.
    static func report(_ reportType: String, parts: [(type: String, body: String)], wrapped: Bool = false) throws
        -> InboundMail
    {
        var report = "Content-Type: multipart/report; report-type=\(reportType); boundary=r\n\n--r\n"
        report += "Content-Type: text/plain\n\nYour message could not be delivered.\n"
        for part in parts { report += "--r\nContent-Type: \(part.type)\n\n\(part.body)\n" }
        report += "--r--\n"
        let text =
            wrapped
            ? "From: gateway@x.org\nContent-Type: multipart/mixed; boundary=m\n\n--m\n" + report + "--m--\n"
            : "From: MAILER-DAEMON@x.org\n" + report
        return try InboundMail.parse(Array(text.utf8))
    }

    static let status = (type: "message/delivery-status", body: "Reporting-MTA: dns; x.org\n\nAction: failed\n")

    @Test func theOriginalsMessageIDFromTheWholeMessageOrItsHeaders() throws {
        let whole = try Self.report(
            "delivery-status",
            parts: [
                Self.status,
                ("message/rfc822", "From: a@helpdesk.example\nMessage-ID: <t/1/m/2@helpdesk.example>\n\nHi"),
            ])
        #expect(whole.bouncedMessageID == "t/1/m/2@helpdesk.example")
        let headersOnly = try Self.report(
            "delivery-status", parts: [Self.status, ("text/rfc822-headers", "Message-Id:\n <t/3@helpdesk.example>\n")])
        #expect(headersOnly.bouncedMessageID == "t/3@helpdesk.example", "any case, folded")
        let global = try Self.report(
            "global-delivery-status",
            parts: [("message/global-delivery-status", "Action: failed\n"), ("message/global", "Message-ID: <g@x>\n")])
        #expect(global.bouncedMessageID == "g@x")
        let inside = try Self.report(
            "delivery-status", parts: [Self.status, ("message/rfc822", "Message-ID: <w@x>\n")], wrapped: true)
        #expect(inside.bouncedMessageID == "w@x", "a report a gateway wrapped in multipart/mixed")
    }

    @Test func otherReportsAndIncompleteBouncesNameNoOriginal() throws {
        let receipt = try Self.report(
            "disposition-notification",
            parts: [
                ("message/disposition-notification", "Original-Message-ID: <t/1@helpdesk.example>\n"),
                ("text/rfc822-headers", "Message-ID: <t/1@helpdesk.example>\n"),
            ])
        #expect(receipt.bouncedMessageID == nil, "a read receipt is not a bounce")
        #expect(try Self.report("delivery-status", parts: [Self.status]).bouncedMessageID == nil)
        let withoutID = try Self.report(
            "delivery-status", parts: [Self.status, ("text/rfc822-headers", "From: a@x\n")])
        #expect(withoutID.bouncedMessageID == nil)
        let forwarded = try InboundMail.parse(
            Array(
                "Content-Type: multipart/mixed; boundary=m\n\n--m\nContent-Type: message/rfc822\n\nMessage-ID: <f@x>\n--m--\n"
                    .utf8))
        #expect(forwarded.bouncedMessageID == nil, "an attached message outside a report is a forward")
    }
}
