import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// Satisfaction ratings on the web widget: asked once a ticket is resolved (after the team's
/// delay), one answer per ticket, shown on the timeline and counted in the reports.
@Suite struct CSATTests {
    static func settings(enabled: Bool, delay: Int = 0, question: String = "How did we do?") -> [String: Any] {
        var body = SLARowsTests.settings
        body["sla"] = nil
        body["csat"] = ["enabled": enabled, "question": question, "delayMinutes": delay]
        return body
    }

    @Test func aResolvedTicketIsRatedOnceFromTheWidget() async throws {
        let clock = TestClock(try #require(Timestamp(rfc3339: "2026-11-24T10:00:00Z")))
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let acme = widget.acme
            // Off by default: GET shows it, and nothing is asked.
            let initial = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken)
            #expect((initial.object["csat"] as? [String: Any])?["enabled"] as? Bool == false)
            let saved = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(Self.settings(enabled: true, delay: 30)))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect((saved.object["csat"] as? [String: Any])?["delayMinutes"] as? Int == 30)

            let visitor = try await widget.session(client)
            let escalated = try await widget.say(client, visitor, "I want to talk to a person")
            let number = try #require(escalated["ticketNumber"] as? Int)
            // Not resolved yet: not asked, and a rating is refused.
            var config = try await client.call(.get, "\(widget.base)/config", token: visitor)
            #expect(config.object["csat"] is NSNull)
            let early = try await client.call(
                .post, "\(widget.base)/csat", token: visitor, json: json(["ticketNumber": number, "rating": 5]))
            #expect(early.status == .conflict, "\(early.text)")

            let reply = try await client.call(
                .post, "/api/v1/tickets/\(number)/replies", token: acme.ownerToken, json: json(["body": "Sorted!"]))
            #expect(reply.status == .created || reply.status == .ok, "\(reply.text)")
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["status": "resolved"]))
            // Within the delay: not asked yet.
            config = try await client.call(.get, "\(widget.base)/config", token: visitor)
            #expect(config.object["csat"] is NSNull)
            clock.advance(seconds: 31 * 60)
            config = try await client.call(.get, "\(widget.base)/config", token: visitor)
            let ask = try #require(config.object["csat"] as? [String: Any])
            #expect(ask["ticketNumber"] as? Int == number)
            #expect(ask["question"] as? String == "How did we do?")

            // Bad answers name their field; another visitor cannot rate this ticket.
            let six = try await client.call(
                .post, "\(widget.base)/csat", token: visitor, json: json(["ticketNumber": number, "rating": 6]))
            #expect(six.status == .badRequest)
            #expect((six.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "rating")
            let stranger = try await widget.session(client, name: "Sid", email: "sid@example.com")
            let foreign = try await client.call(
                .post, "\(widget.base)/csat", token: stranger, json: json(["ticketNumber": number, "rating": 1]))
            #expect(foreign.status == .notFound)

            let rated = try await client.call(
                .post, "\(widget.base)/csat", token: visitor,
                json: json(["ticketNumber": number, "rating": 4, "comment": "  Quick and kind.  "]))
            #expect(rated.status == .created, "\(rated.text)")
            #expect(rated.object["rating"] as? Int == 4)
            let again = try await client.call(
                .post, "\(widget.base)/csat", token: visitor, json: json(["ticketNumber": number, "rating": 1]))
            #expect(again.status == .conflict)
            config = try await client.call(.get, "\(widget.base)/config", token: visitor)
            #expect(config.object["csat"] is NSNull)

            // On the timeline, and in the report as the team's (an operator answered).
            let timeline = try await client.call(
                .get, "/api/v1/tickets/\(number)/timeline", token: acme.ownerToken
            ).items
            let event = try #require(timeline.last { $0["event"] as? String == "csatReceived" })
            #expect(event["to"] as? String == "4")
            #expect(event["detail"] as? String == "Quick and kind.")
            let report = try await client.call(
                .get, "/api/v1/reports/overview?from=2026-11-24&to=2026-11-24", token: acme.ownerToken
            ).object
            let csat = try #require(report["csat"] as? [String: [String: Any]])
            #expect(csat["human"]?["responses"] as? Int == 1)
            #expect(csat["human"]?["average"] as? Double == 4)
            #expect(csat["ai"]?["responses"] as? Int == 0)
            // The ticket page says it in words.
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/tickets/\(number)", headers: cookies).text
            #expect(page.contains("The customer rated the help 4 out of 5: “Quick and kind.”"))
        }
    }

    @Test func aTeamThatDoesNotAskTakesNoRatings() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let visitor = try await widget.session(client)
            let escalated = try await widget.say(client, visitor, "I want to talk to a person")
            let number = try #require(escalated["ticketNumber"] as? Int)
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: widget.acme.ownerToken,
                json: json(["status": "resolved"]))
            let config = try await client.call(.get, "\(widget.base)/config", token: visitor)
            #expect(config.object["csat"] is NSNull)
            let refused = try await client.call(
                .post, "\(widget.base)/csat", token: visitor, json: json(["ticketNumber": number, "rating": 5]))
            #expect(refused.status == .conflict)
        }
    }

    @Test func ratingSettingsAreValidatedAndKeptWhenLeftOut() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let bad = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken,
                json: json(Self.settings(enabled: true, delay: 20_000, question: " ")))
            #expect(bad.status == .badRequest)
            let fields = (bad.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["csat.question", "csat.delayMinutes"])
            _ = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(Self.settings(enabled: true)))
            var without = Self.settings(enabled: true)
            without["csat"] = nil
            let kept = try await client.call(.put, "/api/v1/settings", token: acme.ownerToken, json: json(without))
            #expect((kept.object["csat"] as? [String: Any])?["enabled"] as? Bool == true)
            // The settings page shows them, to change with the rest of the General tab.
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/settings", headers: cookies).text
            #expect(page.contains("id=\"csat-enabled\" name=\"csat.enabled\" checked"))
            #expect(page.contains("value=\"How did we do?\""))
        }
    }
}
