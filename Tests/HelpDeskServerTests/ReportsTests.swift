import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// The owners' report through the API: the AI's conversations and handovers by reason,
/// deflection, first response in business time across a weekend, days in the team's zone,
/// backlog, CSV, roles, bad input and team isolation.
@Suite struct ReportsTests {
    static func overview(_ report: [String: Any], _ section: String) -> [String: Any] {
        report[section] as? [String: Any] ?? [:]
    }

    @Test func figuresFromConversationsAndTickets() async throws {
        // Friday 16:00 UTC: one business hour before the weekend (Monday–Friday 09:00–17:00 UTC).
        let clock = TestClock(try #require(Timestamp(rfc3339: "2026-11-27T16:00:00Z")))
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let acme = widget.acme
            let saved = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(SLARowsTests.settings))
            #expect(saved.status == .ok, "\(saved.text)")

            // Three AI conversations: one answered from the FAQ, one where the customer asks for a
            // person, one where the human button is pressed.
            let answered = try await widget.session(client, name: "Ann")
            try await widget.say(client, answered, "How long does delivery take?")
            let asking = try await widget.session(client, name: "Ben")
            let escalated = try await widget.say(client, asking, "I want to talk to a person")
            let first = try #require(escalated["ticketNumber"] as? Int)
            let pressing = try await widget.session(client, name: "Cy")
            try await widget.say(client, pressing, "Hello there, where is my parcel?")
            let human = try await client.call(.post, "\(widget.base)/human", token: pressing)
            #expect(human.status == .ok, "\(human.text)")
            // And a ticket opened by hand: no AI conversation, but a ticket of the team's.
            _ = try await openTicket(client, token: acme.ownerToken, subject: "Phoned in")

            // Monday 10:00: the owner answers the first ticket and resolves it.
            clock.advance(seconds: 66 * 3600)
            let reply = try await client.call(
                .post, "/api/v1/tickets/\(first)/replies", token: acme.ownerToken,
                json: json(["body": "Here to help."]))
            #expect(reply.status == .created || reply.status == .ok, "\(reply.text)")
            let resolved = try await client.call(
                .patch, "/api/v1/tickets/\(first)", token: acme.ownerToken, json: json(["status": "resolved"]))
            #expect(resolved.status == .ok, "\(resolved.text)")

            let response = try await client.call(
                .get, "/api/v1/reports/overview?from=2026-11-27&to=2026-11-30", token: acme.ownerToken)
            #expect(response.status == .ok, "\(response.text)")
            let report = response.object
            let ai = Self.overview(report, "ai")
            #expect(ai["conversations"] as? Int == 3)
            #expect(ai["handovers"] as? Int == 2)
            #expect(ai["handoverRate"] as? Double == 0.6667)
            #expect(ai["deflected"] as? Int == 1)
            let reasons = ai["reasons"] as? [String: Int]
            #expect(reasons == ["customerAsked": 1, "humanButton": 1, "unresolved": 0, "agentDecided": 0])

            let team = Self.overview(report, "team")
            let firstResponse = try #require(team["firstResponse"] as? [String: Any])
            #expect(firstResponse["count"] as? Int == 1)
            // 66 hours on the wall; 2 in business time: Friday 16–17 and Monday 09–10.
            #expect(firstResponse["p50Seconds"] as? Int == 66 * 3600)
            #expect(firstResponse["businessP50Seconds"] as? Int == 7200)
            #expect((team["resolution"] as? [String: Any])?["businessP90Seconds"] as? Int == 7200)
            let created = try #require(team["createdPerDay"] as? [[String: Any]])
            #expect(created.map { $0["date"] as? String } == ["2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"])
            #expect(created.map { $0["count"] as? Int } == [3, 0, 0, 0])
            let resolvedDays = try #require(team["resolvedPerDay"] as? [[String: Any]])
            #expect(resolvedDays.map { $0["count"] as? Int } == [0, 0, 0, 1])
            #expect(team["backlog"] as? Int == 2)
            // The SLA policy (normal: 2 hours to answer, 10 to resolve) does not cover the high-priority
            // escalations; the hand-opened normal ticket's answer was due Monday 10:00 and is late.
            #expect(report["slaAttainment"] as? Double == 0)

            // One channel's figures, and one operator's: nobody else's tickets count.
            let email = try await client.call(
                .get, "/api/v1/reports/overview?from=2026-11-27&to=2026-11-30&channel=telegram",
                token: acme.ownerToken)
            #expect(Self.overview(email.object, "ai")["conversations"] as? Int == 0)
            let sam = try await acme.member("Sam")
            let samOnly = try await client.call(
                .get, "/api/v1/reports/overview?from=2026-11-27&to=2026-11-30&operatorId=\(sam.member.id)",
                token: acme.ownerToken)
            #expect(Self.overview(samOnly.object, "team")["backlog"] as? Int == 0)

            // The summary as CSV, by Accept or by format, and the days table.
            let csv = try await client.call(
                .get, "/api/v1/reports/overview?from=2026-11-27&to=2026-11-30", token: acme.ownerToken,
                headers: [.accept: "text/csv"])
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("section,metric,value\r\n"))
            #expect(csv.text.contains("ai,handovers,2\r\n"))
            #expect(csv.text.contains("team,firstResponse.businessP50Seconds,7200\r\n"))
            let days = try await client.call(
                .get, "/api/v1/reports/overview?from=2026-11-27&to=2026-11-30&format=csv&table=days",
                token: acme.ownerToken)
            #expect(
                days.text
                    == "date,created,resolved\r\n2026-11-27,3,0\r\n2026-11-28,0,0\r\n2026-11-29,0,0\r\n2026-11-30,0,1\r\n"
            )

            // The reports page: figures, charts with text alternatives, and CSV links; escaped names.
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/reports?from=2026-11-27&to=2026-11-30", headers: cookies)
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg class=\"chart\" id=\"chart-days\""))
            #expect(page.text.contains("role=\"img\" aria-labelledby=\"chart-reasons-title chart-reasons-desc\""))
            #expect(page.text.contains("Customer asked for a person: 1; Human button: 1"))
            #expect(page.text.contains("format=csv&amp;table=days"))
            #expect(page.text.contains("href=\"/app/reports\""))
            let samCookies = try await WebAppTests.signIn(client, email: sam.member.email)
            #expect(try await client.call(.get, "/app/reports", headers: samCookies).status == .forbidden)
            #expect(!(try await client.call(.get, "/app", headers: samCookies).text.contains("href=\"/app/reports\"")))

            // Operators may not read reports.
            let refused = try await client.call(.get, "/api/v1/reports/overview", token: sam.token)
            #expect(refused.status == .forbidden)

            // Another team sees only its own figures.
            let other = try await desk.team("Globex")
            let theirs = try await client.call(
                .get, "/api/v1/reports/overview?from=2026-11-27&to=2026-11-30", token: other.ownerToken)
            #expect(Self.overview(theirs.object, "ai")["conversations"] as? Int == 0)
            #expect(Self.overview(theirs.object, "team")["backlog"] as? Int == 0)
        }
    }

    @Test(arguments: [
        ("from=2026-13-01", "from"), ("to=yesterday", "to"), ("from=2026-11-30&to=2026-11-01", "to"),
        ("from=2024-01-01&to=2026-01-01", "to"), ("channel=fax", "channel"), ("agentId=nobody", "agentId"),
        ("operatorId=nobody", "operatorId"), ("format=xml", "format"), ("format=csv&table=everything", "table"),
    ])
    func badQuestionsNameTheirField(query: String, field: String) async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let response = try await client.call(.get, "/api/v1/reports/overview?\(query)", token: acme.ownerToken)
            #expect(response.status == .badRequest, "\(response.text)")
            let errors = response.object["errors"] as? [[String: Any]] ?? []
            #expect(errors.contains { $0["field"] as? String == field }, "\(response.text)")
        }
    }

    @Test func plansWithoutTheHelpDeskAreRefused() async throws {
        let desk = try TestHelpDesk()
        let free = try await desk.team(plan: .free)
        try await desk.test { client in
            let response = try await client.call(.get, "/api/v1/reports/overview", token: free.ownerToken)
            #expect(response.status == .forbidden)
        }
    }
}
