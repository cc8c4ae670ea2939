import Foundation
import HelpDeskCore
import Testing

/// The pure rules of outbound webhooks: which timeline events are webhook
/// events, what a member may subscribe to, which URLs may be targets, what an
/// answer means, and how much of it is kept.
@Suite struct WebhookRulesTests {
    @Test func timelineEventsMapToWebhookEvents() {
        let expected: [TicketEventKind: WebhookEventType] = [
            .created: .ticketCreated, .assigned: .ticketAssigned, .statusChanged: .ticketStatusChanged,
            .resolved: .ticketStatusChanged, .reopened: .ticketStatusChanged,
            .escalationRepeated: .conversationEscalated, .csatReceived: .csatReceived,
        ]
        for kind in TicketEventKind.allCases {
            #expect(WebhookEventType.of(TicketEvent(kind: kind)) == expected[kind], "\(kind)")
        }
        #expect(
            WebhookEventType.allCases.map(\.rawValue) == [
                "ticket.created", "ticket.assigned", "ticket.statusChanged", "message.created",
                "conversation.escalated", "csat.received",
            ])
    }

    @Test func eventsAreKnownAtLeastOneAndKeptInOrderOnce() throws {
        #expect(
            try Webhook.validEvents(["message.created", "ticket.created", "message.created"]) == [
                .ticketCreated, .messageCreated,
            ])
        #expect(throws: HelpDeskError.self) { try Webhook.validEvents([]) }
        #expect(throws: HelpDeskError.self) { try Webhook.validEvents(["ticket.deleted"]) }
        #expect(try Webhook.events(stored: "ticket.created,csat.received") == [.ticketCreated, .csatReceived])
        #expect(throws: HelpDeskError.self) { try Webhook.events(stored: "ticket.created,nonsense") }
        #expect(try Webhook.validDescription("  CRM  ") == "CRM")
        #expect(try Webhook.validDescription("   ") == nil)
        #expect(throws: HelpDeskError.self) { try Webhook.validDescription("a\tb") }
        #expect(throws: HelpDeskError.self) { try Webhook.validDescription(String(repeating: "x", count: 201)) }
    }

    @Test func targetsMustBePublicHTTPURLsUnlessTheTeamAllowsPrivateOnes() {
        let server = OutboundPolicy()
        let closed = WebhookSettings().policy(server: server)
        let open = WebhookSettings(allowPrivateTargets: true).policy(server: server)
        for url in ["https://hooks.example.com/x?token=1", "http://93.184.216.34:8080/hook", "https://[2606:4700::1]/"]
        {
            #expect(Webhook.urlProblem(url, policy: closed) == nil, "\(url)")
        }
        for url in [
            "ftp://example.com/", "https://user:pw@example.com/", "https://example.com/#x", "example.com/hook",
            "https://", "https://exa mple.com/", "https://example.com/" + String(repeating: "a", count: 2_048),
        ] {
            #expect(Webhook.urlProblem(url, policy: open) != nil, "\(url)")
        }
        let privateTargets = [
            "http://127.0.0.1:9000/", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
            "http://100.64.0.1/", "http://[::1]/", "http://[fd00::1]/", "http://[::ffff:10.0.0.1]/",
            "http://2130706433/",
            "http://0x7f000001/",
        ]
        for url in privateTargets {
            #expect(Webhook.urlProblem(url, policy: closed)?.contains("private") == true, "\(url)")
            #expect(Webhook.urlProblem(url, policy: open) == nil, "\(url)")
        }
        // Never, whatever the team says: link-local (cloud metadata), unspecified, multicast.
        for url in ["http://169.254.169.254/", "http://[fe80::1]/", "http://0.0.0.0/", "http://224.0.0.1/"] {
            #expect(Webhook.urlProblem(url, policy: open) != nil, "\(url)")
        }
        // The server's own allowance still applies.
        let lab = OutboundPolicy(allowing: [AddressRange("169.254.0.0/16")!])
        #expect(Webhook.urlProblem("http://169.254.1.1/", policy: WebhookSettings().policy(server: lab)) == nil)
    }

    @Test func answersDecideDeliveredRetriedOrFailed() {
        #expect(DeliveryOutcome.webhook(status: 200, retryAfter: nil) == .delivered(providerID: nil))
        #expect(DeliveryOutcome.webhook(status: 204, retryAfter: nil) == .delivered(providerID: nil))
        for status in [408, 429, 500, 502, 503] {
            guard case .retryable(_, let after) = DeliveryOutcome.webhook(status: status, retryAfter: 30) else {
                Issue.record("\(status) should be retried")
                continue
            }
            #expect(after == 30)
        }
        for status in [301, 400, 401, 404, 410, 422] {
            guard case .permanent = DeliveryOutcome.webhook(status: status, retryAfter: nil) else {
                Issue.record("\(status) should fail for good")
                continue
            }
        }
        // Eight attempts, waits doubling from a minute, about one to two hours in all.
        let policy = RetryPolicy.webhooks
        let waits = (1..<policy.maxAttempts).compactMap { policy.delay(afterAttempts: $0, retryAfter: nil, random: 1) }
        #expect(waits.count == 7)
        #expect(policy.delay(afterAttempts: 8, retryAfter: nil, random: 1) == nil)
        #expect((3_600...10_800).contains(waits.reduce(0, +)), "\(waits)")
    }

    @Test func anExcerptKeepsTwoKilobytesCutOnACharacter() {
        #expect(Webhook.excerpt(Data("ok".utf8)) == "ok")
        let long = String(repeating: "é", count: 2_000)  // 4,000 bytes
        let excerpt = Webhook.excerpt(Data(long.utf8))
        #expect(excerpt.utf8.count == 2_048)
        #expect(excerpt == String(repeating: "é", count: 1_024))
        let odd = "a" + String(repeating: "é", count: 1_500)
        #expect(Webhook.excerpt(Data(odd.utf8)).utf8.count == 2_047, "a split character is dropped")
    }
}
