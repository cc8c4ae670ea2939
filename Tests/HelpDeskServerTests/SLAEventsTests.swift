import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskStore
import HummingbirdTesting
import Testing

/// The SLA clocks' moments on the timeline: a warning when a running clock enters its warning
/// time, a breach when it misses its target, each written once by the sweep and sent live; and
/// the inbox's due order kept current by every change that moves a clock.
@Suite struct SLAEventsTests {
    static func slaEvents(_ client: any TestClientProtocol, _ token: String, _ number: Int) async throws -> [String] {
        try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: token).items.compactMap { entry in
            guard let event = entry["event"] as? String, event.hasPrefix("sla") else { return nil }
            return "\(event) \(entry["to"] as? String ?? "") \(String((entry["detail"] as? String ?? "").prefix(16)))"
        }
    }

    @Test func warningsAndBreachesAreWrittenOnceAndSentLive() async throws {
        // Monday 09:00 UTC, office hours Monday–Friday 09:00–17:00: first response due 11:00, warning from 10:30.
        let clock = TestClock(try #require(Timestamp(rfc3339: "2026-11-30T09:00:00Z")))
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        try await desk.application.test(.live) { client in
            let port = try #require(client.port)
            let saved = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(SLARowsTests.settings))
            #expect(saved.status == .ok, "\(saved.text)")
            let number = try await openTicket(client, token: acme.ownerToken, subject: "Where is my order?")

            let sweeps = Task {
                try await Task.sleep(for: .milliseconds(300))
                try await desk.helpDesk.sweepSLA()  // 09:00: nothing yet
                clock.advance(seconds: 95 * 60)  // 10:35
                try await desk.helpDesk.sweepSLA()
                try await desk.helpDesk.sweepSLA()  // nothing twice
                clock.advance(seconds: 30 * 60)  // 11:05
                try await desk.helpDesk.sweepSLA()
                try await desk.helpDesk.sweepSLA()
            }
            let events = try await LiveUpdatesTests.collect(
                url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(acme.ownerToken)&after=0", seconds: 15
            ) { events in
                events.contains { ($0["entry"] as? [String: Any])?["event"] as? String == "slaBreached" }
            }
            try await sweeps.value
            let live = events.compactMap { ($0["entry"] as? [String: Any])?["event"] as? String }.filter {
                $0.hasPrefix("sla")
            }
            #expect(live == ["slaWarning", "slaBreached"])
            #expect(
                try await Self.slaEvents(client, acme.ownerToken, number) == [
                    "slaWarning firstResponse 2026-11-30T11:00", "slaBreached firstResponse 2026-11-30T11:00",
                ])

            // The ticket page says it in words.
            let cookies = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/tickets/\(number)", headers: cookies).text
            #expect(page.contains("First response is due soon (due 2026-11-30 11:00 UTC)"))
            #expect(page.contains("First response missed its target (due 2026-11-30 11:00 UTC)"))
        }
    }

    @Test func theDueOrderFollowsEveryChangeThatMovesAClock() async throws {
        let clock = TestClock(try #require(Timestamp(rfc3339: "2026-11-30T09:00:00Z")))
        let desk = try TestHelpDesk(clock: clock)
        let acme = try await desk.team()
        let sam = try await acme.member("Sam", role: .manager)
        try await desk.test { client in
            var settings = SLARowsTests.settings
            settings["sla"] = [
                "warningMinutes": 30,
                "targets": [
                    "normal": ["firstResponseMinutes": 120, "resolutionMinutes": 600],
                    "urgent": ["firstResponseMinutes": 30, "resolutionMinutes": 120],
                ],
            ]
            _ = try await client.call(.put, "/api/v1/settings", token: acme.ownerToken, json: json(settings))
            let first = try await openTicket(client, token: acme.ownerToken, subject: "First")  // due 11:00
            clock.advance(seconds: 600)
            let second = try await openTicket(client, token: acme.ownerToken, subject: "Second")  // due 11:10
            clock.advance(seconds: 600)
            let third = try await openTicket(client, token: acme.ownerToken, subject: "Third")  // due 11:20
            func dueOrder(_ extra: String = "") async throws -> [Int] {
                try await client.call(.get, "/api/v1/tickets?view=all&sort=due\(extra)", token: acme.ownerToken)
                    .items.compactMap { $0["number"] as? Int }
            }
            #expect(try await dueOrder() == [first, second, third])

            // Urgent: due 09:50 now, so first.
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(third)", token: sam.token, json: json(["priority": "urgent"]))
            #expect(try await dueOrder() == [third, first, second])
            // Pending: its clocks pause, so nothing of it is due; it follows in the usual order.
            _ = try await client.call(
                .patch, "/api/v1/tickets/\(first)", token: sam.token, json: json(["status": "pending"]))
            #expect(try await dueOrder() == [third, second, first])
            #expect(try await dueOrder("&dueBefore=2026-11-30T12:00:00Z") == [third, second])
            // An answer stops the second's first-response clock: next due is its resolution, on Tuesday.
            let reply = try await client.call(
                .post, "/api/v1/tickets/\(second)/replies", token: sam.token, json: json(["body": "On it"]))
            #expect(reply.status == .created, "\(reply.text)")
            #expect(try await dueOrder("&dueBefore=2026-11-30T12:00:00Z") == [third])
            // A policy without targets: nothing is due, every page is in the usual order.
            settings["sla"] = ["warningMinutes": 30, "targets": [String: Any]()]
            _ = try await client.call(.put, "/api/v1/settings", token: acme.ownerToken, json: json(settings))
            #expect(try await dueOrder("&dueBefore=2026-12-31T12:00:00Z").isEmpty)
            let breached = try await client.call(
                .get, "/api/v1/tickets?view=all&slaBreached=true", token: acme.ownerToken)
            #expect(breached.items.isEmpty)
        }
    }
}
