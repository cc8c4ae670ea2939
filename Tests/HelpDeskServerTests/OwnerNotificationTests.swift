import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskStore
import HummingbirdTesting
import Testing

/// Owners' notifications through the widget: a flood of escalations is one
/// queued email per team, listing every ticket, until it is sent.
@Suite struct OwnerNotificationTests {
    static func turnNotificationsOn(_ client: any TestClientProtocol, _ team: TestTeam) async throws {
        let settings = json([
            "businessHours": ["enabled": false, "start": "09:00", "end": "17:00", "timeZone": "UTC"],
            "emailNotifications": true, "assignment": "balanced", "supportInbox": ["enabled": false, "address": nil],
        ])
        let response = try await client.call(.put, "/api/v1/settings", token: team.ownerToken, json: settings)
        #expect(response.status == .ok, "\(response.text)")
    }

    /// A new visitor presses the human button; returns the ticket number.
    static func escalate(_ client: any TestClientProtocol, _ widget: WidgetFixture, _ name: String) async throws
        -> Int
    {
        let token = try await widget.session(client, name: name)
        let response = try await client.call(.post, "\(widget.base)/human", token: token)
        #expect(response.status == .ok, "\(response.text)")
        #expect(response.object["escalated"] as? Bool == true)
        return try #require(response.object["ticketNumber"] as? Int)
    }

    static func notifications(_ desk: TestHelpDesk, _ team: TestTeam) async throws -> [OutboxEntry] {
        try await desk.store.outbox(teamID: team.team.id).filter { $0.kind == .notificationEmail }
    }

    @Test func fiftyEscalationsLeaveOneQueuedEmailListingEveryTicket() async throws {
        let clock = TestClock(.now())
        let desk = try TestHelpDesk(configure: { $0.anonymousLimits = .unlimited }, clock: clock)
        let (acme, globex) = try await desk.test { client in
            let acme = try await WidgetFixture.make(desk, client: client)
            let globex = try await WidgetFixture.make(desk, client: client, team: try await desk.team("Globex"))
            try await Self.turnNotificationsOn(client, acme.acme)
            try await Self.turnNotificationsOn(client, globex.acme)
            for n in 0..<50 {
                #expect(try await Self.escalate(client, acme, "Visitor \(n)") == 10001 + n)
                if n % 20 == 0 { _ = try await Self.escalate(client, globex, "Guest \(n)") }
            }
            return (acme, globex)
        }

        let acmeRows = try await Self.notifications(desk, acme.acme)
        #expect(acmeRows.count == 1)
        let row = try #require(acmeRows.first)
        #expect(row.state == .queued)
        // The payload is plain JSON for the delivery worker.
        let payload = try #require(
            try JSONSerialization.jsonObject(with: Data(row.payload.utf8)) as? [String: Any])
        #expect(payload["to"] as? [String] == [acme.acme.owner.email])
        #expect(payload["subject"] as? String == "50 new tickets need a person")
        #expect(payload["count"] as? Int == 50)
        let listed = try #require(payload["tickets"] as? [[String: Any]])
        #expect(listed.compactMap { $0["number"] as? Int } == Array(10001...10050))
        #expect(listed.allSatisfy { ($0["summary"] as? String)?.contains("human button") == true })
        #expect((payload["body"] as? String)?.contains("Ticket 10050: Conversation with Visitor 49") == true)

        // The other team's owners get their own email, with only their tickets.
        let globexRows = try await Self.notifications(desk, globex.acme)
        #expect(globexRows.count == 1)
        let globexRow = try #require(globexRows.first)
        let globexDigest = try #require(OwnerDigest(storedPayload: globexRow.payload))
        #expect(globexDigest.items.map(\.number) == [10001, 10002, 10003])
        #expect(globexDigest.recipients == [globex.acme.owner.email])

        // Once the email is sent, the next escalation starts a new one, due after the minimum interval.
        let sentAt = clock.now()
        #expect(try await desk.store.markOutboxSent(id: row.id, teamID: acme.acme.team.id, now: sentAt))
        let next = try await desk.test { client in try await Self.escalate(client, acme, "Latecomer") }
        #expect(next == 10051)
        let rows = try await Self.notifications(desk, acme.acme)
        #expect(rows.map(\.state) == [.sent, .queued])
        #expect(try #require(OwnerDigest(storedPayload: rows[0].payload)).count == 50)
        let digest = try #require(OwnerDigest(storedPayload: rows[1].payload))
        #expect(digest.items.map(\.number) == [10051])
        #expect(digest.subject == "Ticket 10051: Conversation with Latecomer")
        #expect(rows[1].nextAttemptAt == sentAt.adding(seconds: OwnerDigest.minimumInterval))
    }
}
