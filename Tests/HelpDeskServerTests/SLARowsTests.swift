import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskStore
import HummingbirdTesting
import Testing

/// Inbox rows carry their SLA clocks: due times in business time of the team's
/// calendar, paused while pending, stopped by the first operator message, and
/// breached once past due.
@Suite struct SLARowsTests {
    static func hours(_ start: String, _ end: String) -> [[String: String]] { [["start": start, "end": end]] }

    /// Monday–Friday 09:00–17:00 UTC; normal tickets answered within 2 hours and resolved within 10.
    static var settings: [String: Any] {
        [
            "emailNotifications": false, "assignment": "manual", "supportInbox": ["enabled": false, "address": nil],
            "calendar": [
                "timeZone": "UTC",
                "weekly": [
                    "mon": hours("09:00", "17:00"), "tue": hours("09:00", "17:00"), "wed": hours("09:00", "17:00"),
                    "thu": hours("09:00", "17:00"), "fri": hours("09:00", "17:00"), "sat": [], "sun": [],
                ],
                "holidays": [],
            ],
            "sla": [
                "warningMinutes": 30, "targets": ["normal": ["firstResponseMinutes": 120, "resolutionMinutes": 600]],
            ],
        ]
    }

    static func row(_ rows: [[String: Any]], _ number: Int) throws -> [String: Any] {
        try #require(rows.first { $0["number"] as? Int == number }?["sla"] as? [String: Any], "row \(number)")
    }

    /// A due time to the second (the test clock adds a microsecond per reading).
    static func due(_ sla: [String: Any], _ key: String) -> String? {
        (sla[key] as? String).map { String($0.prefix(19)) }
    }

    @Test func clocksRunInBusinessTimePauseWhilePendingAndBreach() async throws {
        // Friday 16:00 UTC: one business hour left before the weekend.
        let clock = TestClock(try #require(Timestamp(rfc3339: "2026-11-27T16:00:00Z")))
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        let sam = try await acme.member("Sam", role: .manager)
        try await desk.test { client in
            let before = try await openTicket(client, token: acme.ownerToken, subject: "Before any policy")
            let noPolicy = try Self.row(
                try await client.call(.get, "/api/v1/tickets?view=all", token: acme.ownerToken).items, before)
            #expect(noPolicy["firstResponseDueAt"] is NSNull && noPolicy["resolutionDueAt"] is NSNull)
            #expect(noPolicy["breached"] as? Bool == false)

            let saved = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(Self.settings))
            #expect(saved.status == .ok, "\(saved.text)")

            let waiting = try await openTicket(client, token: acme.ownerToken, subject: "Waits over the weekend")
            let paused = try await openTicket(client, token: acme.ownerToken, subject: "Pending for a while")
            let low = try await openTicket(client, token: acme.ownerToken, subject: "No target", priority: "low")

            var rows = try await client.call(.get, "/api/v1/tickets?view=all", token: acme.ownerToken).items
            // 2 business hours from Friday 16:00: Friday's last hour, then Monday 09:00–10:00.
            #expect(Self.due(try Self.row(rows, waiting), "firstResponseDueAt") == "2026-11-30T10:00:00")
            // 10 hours: 1 on Friday, 8 on Monday, 1 on Tuesday.
            #expect(Self.due(try Self.row(rows, waiting), "resolutionDueAt") == "2026-12-01T10:00:00")
            #expect(try Self.row(rows, low)["firstResponseDueAt"] is NSNull)

            // Pending from Friday 16:30 to Monday 09:30: 30 + 30 business minutes paused.
            clock.advance(seconds: 30 * 60)
            let pending = try await client.call(
                .patch, "/api/v1/tickets/\(paused)", token: sam.token, json: json(["status": "pending"]))
            #expect(pending.status == .ok, "\(pending.text)")
            clock.advance(seconds: 65 * 3600)  // Monday 09:30
            rows = try await client.call(.get, "/api/v1/tickets?view=all", token: acme.ownerToken).items
            // While pending, a due time is what it would be if the pause ended now.
            #expect(Self.due(try Self.row(rows, paused), "firstResponseDueAt") == "2026-11-30T11:00:00")
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(paused)", token: sam.token, json: json(["status": "open"]))

            // Monday 10:45: the first ticket's first response is late; the paused one has 15 minutes left,
            // and an operator answers it in time.
            clock.advance(seconds: 75 * 60)
            let ticket = try #require(try await desk.store.ticket(teamID: acme.team.id, number: paused))
            _ = try await desk.store.addMessage(
                NewMessage(
                    teamID: acme.team.id, conversationID: ticket.conversationID,
                    author: MessageAuthor(kind: .operator, id: sam.member.id, name: "Sam"), channel: .email,
                    body: "Looking into it now."),
                now: clock.now())
            rows = try await client.call(.get, "/api/v1/tickets?view=all", token: acme.ownerToken).items
            let late = try Self.row(rows, waiting)
            #expect(late["breached"] as? Bool == true)
            let answered = try Self.row(rows, paused)
            #expect(Self.due(answered, "firstResponseDueAt") == "2026-11-30T11:00:00")
            #expect(Self.due(answered, "resolutionDueAt") == "2026-12-01T11:00:00")
            #expect(answered["breached"] as? Bool == false)

            // Monday 11:30: the answered ticket stays within its first-response target.
            clock.advance(seconds: 45 * 60)
            rows = try await client.call(.get, "/api/v1/tickets?view=all", token: acme.ownerToken).items
            #expect(try Self.row(rows, paused)["breached"] as? Bool == false)
            #expect(try Self.row(rows, low)["breached"] as? Bool == false)
            // The inbox page shows the next due time, or the breach.
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app?view=all", headers: cookies).text
            let rowsHTML = page.components(separatedBy: "<tr id=\"inbox-row-")
            let lateRow = try #require(rowsHTML.first { $0.hasPrefix("\(waiting)\"") })
            let answeredRow = try #require(rowsHTML.first { $0.hasPrefix("\(paused)\"") })
            let lowRow = try #require(rowsHTML.first { $0.hasPrefix("\(low)\"") })
            #expect(lateRow.contains("data-testid=\"sla-breached\""))
            #expect(answeredRow.contains("data-testid=\"sla-due\"") && answeredRow.contains("2026-12-01T11:00:00"))
            #expect(!lowRow.contains("data-testid=\"sla-"))
            #expect(answeredRow.contains("data-countdown"), "app.js counts it down")
            // So does the ticket's own page.
            let ticketPage = try await client.call(.get, "/app/tickets/\(paused)", headers: cookies).text
            #expect(ticketPage.contains("id=\"fact-sla\"><span class=\"sla\" data-testid=\"sla-due\">"))
            #expect(ticketPage.contains("<time datetime=\"2026-12-01T11:00:00"))
            let latePage = try await client.call(.get, "/app/tickets/\(waiting)", headers: cookies).text
            #expect(latePage.contains("data-testid=\"sla-breached\""))
            let lowPage = try await client.call(.get, "/app/tickets/\(low)", headers: cookies).text
            #expect(!lowPage.contains("id=\"fact-sla\""))
            // A ticket found by its number carries its clocks too.
            let found = try await client.call(.get, "/api/v1/tickets?q=\(waiting)", token: acme.ownerToken).items
            #expect(try Self.row(found, waiting)["breached"] as? Bool == true)
        }
    }

    /// Walks a view page by page (`limit` rows each) and returns the numbers in order.
    static func walk(_ client: any TestClientProtocol, _ token: String, _ query: String, limit: Int) async throws
        -> [Int]
    {
        var numbers: [Int] = []
        var cursor: String?
        repeat {
            let uri = "/api/v1/tickets?\(query)&limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await client.call(.get, uri, token: token)
            #expect(page.status == .ok, "\(page.text)")
            numbers += page.items.compactMap { $0["number"] as? Int }
            cursor = page.object["nextCursor"] as? String
        } while cursor != nil && numbers.count < 100
        return numbers
    }

    @Test func sortByDueAndFilterByBreachAndDueTime() async throws {
        // Monday 09:00 UTC, office hours Monday–Friday 09:00–17:00.
        let clock = TestClock(try #require(Timestamp(rfc3339: "2026-11-30T09:00:00Z")))
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        let sam = try await acme.member("Sam", role: .manager)
        try await desk.test { client in
            var settings = Self.settings
            settings["sla"] = [
                "warningMinutes": 30,
                "targets": [
                    "normal": ["firstResponseMinutes": 120, "resolutionMinutes": 600],
                    "urgent": ["firstResponseMinutes": 30, "resolutionMinutes": 120],
                ],
            ]
            let saved = try await client.call(.put, "/api/v1/settings", token: acme.ownerToken, json: json(settings))
            #expect(saved.status == .ok, "\(saved.text)")
            // Due 11:00 (normal), then 09:40 (urgent, opened 09:10), no target (low), resolved.
            let normal = try await openTicket(client, token: acme.ownerToken, subject: "Normal")
            clock.advance(seconds: 600)
            let urgent = try await openTicket(client, token: acme.ownerToken, subject: "Urgent", priority: "urgent")
            let low = try await openTicket(client, token: acme.ownerToken, subject: "Low", priority: "low")
            let done = try await openTicket(client, token: acme.ownerToken, subject: "Done")
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(done)", token: sam.token, json: json(["status": "resolved"]))

            // Due order first (the urgent one's first response, then the normal one's), then the rest
            // in the usual order (unresolved first, latest activity first); the same walked one row at a time.
            let sorted = try await client.call(.get, "/api/v1/tickets?view=all&sort=due", token: acme.ownerToken)
            let expected = [urgent, normal, low, done]
            #expect(sorted.items.compactMap { $0["number"] as? Int } == expected)
            #expect(try await Self.walk(client, acme.ownerToken, "view=all&sort=due", limit: 1) == expected)
            #expect(try await Self.walk(client, acme.ownerToken, "view=all&sort=due", limit: 2) == expected)
            let cursor = try #require(
                try await client.call(.get, "/api/v1/tickets?view=all&sort=due&limit=1", token: acme.ownerToken)
                    .object["nextCursor"] as? String)
            let mixed = try await client.call(
                .get, "/api/v1/tickets?view=all&sort=activity&cursor=\(cursor)", token: acme.ownerToken)
            #expect(mixed.status == .badRequest)

            // 09:50: the urgent ticket missed its first response.
            clock.advance(seconds: 40 * 60)
            let breached = try await client.call(
                .get, "/api/v1/tickets?view=all&slaBreached=true", token: acme.ownerToken)
            #expect(breached.items.compactMap { $0["number"] as? Int } == [urgent])
            let within = try await client.call(
                .get, "/api/v1/tickets?view=all&slaBreached=false&sort=due", token: acme.ownerToken)
            #expect(within.items.compactMap { $0["number"] as? Int } == [normal, low])
            let dueSoon = try await client.call(
                .get, "/api/v1/tickets?view=all&dueBefore=2026-11-30T10:59:00Z", token: acme.ownerToken)
            #expect(dueSoon.items.compactMap { $0["number"] as? Int } == [urgent])
            let dueLater = try await client.call(
                .get, "/api/v1/tickets?view=all&dueBefore=2026-11-30T11:00:01Z&sort=due", token: acme.ownerToken)
            #expect(dueLater.items.compactMap { $0["number"] as? Int } == [urgent, normal])

            // Answering stops the first-response clock: the normal ticket is next due at its resolution.
            let ticket = try #require(try await desk.store.ticket(teamID: acme.team.id, number: normal))
            _ = try await desk.store.addMessage(
                NewMessage(
                    teamID: acme.team.id, conversationID: ticket.conversationID,
                    author: MessageAuthor(kind: .operator, id: sam.member.id, name: "Sam"), channel: .email,
                    body: "On it."),
                now: clock.now())
            let answered = try await client.call(
                .get, "/api/v1/tickets?view=all&dueBefore=2026-11-30T11:00:01Z", token: acme.ownerToken)
            #expect(answered.items.compactMap { $0["number"] as? Int } == [urgent])

            // The inbox page offers the order and the filter.
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app?view=all&sort=due&slaBreached=true", headers: cookies).text
            #expect(page.contains("<option value=\"due\" selected>Next due</option>"))
            #expect(page.contains("<option value=\"true\" selected>Target missed</option>"))
            #expect(page.contains("inbox-row-\(urgent)") && !page.contains("inbox-row-\(normal)\""))

            for bad in ["slaBreached=yes", "dueBefore=tomorrow"] {
                let refused = try await client.call(.get, "/api/v1/tickets?\(bad)", token: acme.ownerToken)
                #expect(refused.status == .badRequest, "\(bad)")
            }
        }
    }
}
