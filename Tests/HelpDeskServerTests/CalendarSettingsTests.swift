import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// The business calendar and SLA policy as team settings, through the API:
/// what is stored, what is refused, and the gates the calendar drives.
@Suite struct CalendarSettingsTests {
    static var others: [String: Any] {
        [
            "emailNotifications": false, "assignment": "balanced", "supportInbox": ["enabled": false, "address": nil],
        ]
    }

    static func body(_ fields: [String: Any]) -> String {
        json(others.merging(fields) { _, new in new })
    }

    /// JSON text with sorted keys, to compare decoded objects.
    static func canonical(_ value: Any?) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys]),
            as: UTF8.self)
    }

    static func range(_ start: String, _ end: String) -> [String: String] { ["start": start, "end": end] }

    static func weekly(_ days: [String: [[String: String]]]) -> [String: [[String: String]]] {
        var all: [String: [[String: String]]] = [:]
        for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] { all[day] = days[day] ?? [] }
        return all
    }

    @Test func calendarAndSLARoundTripAndBusinessHoursIsDerived() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let defaults = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken).object
            let standard = try #require(defaults["calendar"] as? [String: Any])
            #expect(standard["timeZone"] as? String == "UTC")
            #expect(
                (standard["weekly"] as? [String: Any])?["sun"] as? [[String: String]] == [Self.range("00:00", "24:00")])
            #expect((defaults["sla"] as? [String: Any])?["warningMinutes"] as? Int == 30)
            #expect((defaults["businessHours"] as? [String: Any])?["enabled"] as? Bool == false)

            let weekdays = ["mon", "tue", "wed", "thu", "fri"]
            var days = Dictionary(uniqueKeysWithValues: weekdays.map { ($0, [Self.range("09:00", "17:00")]) })
            days["sat"] = [Self.range("22:00", "02:00")]
            let calendar: [String: Any] = [
                "timeZone": "Europe/Berlin", "weekly": Self.weekly(days),
                "holidays": [
                    [
                        "date": "2026-12-25", "name": "Christmas",
                        "autoReply": "Merry Christmas! We are back on the 28th.",
                    ],
                    ["date": "2026-12-31", "name": "New Year's Eve"],
                ],
            ]
            let sla: [String: Any] = [
                "warningMinutes": 15,
                "targets": [
                    "urgent": ["firstResponseMinutes": 30, "resolutionMinutes": 240],
                    "normal": ["firstResponseMinutes": 480],
                ],
            ]
            let saved = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: Self.body(["calendar": calendar, "sla": sla]))
            #expect(saved.status == .ok, "\(saved.text)")
            let read = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken).object
            #expect(try Self.canonical(read["calendar"]) == Self.canonical(calendar))
            #expect(try Self.canonical(read["sla"]) == Self.canonical(sla))
            // More than one range a week cannot be said in the older form: its first same-day range stands for it.
            let derived = try #require(read["businessHours"] as? [String: Any])
            #expect(derived["enabled"] as? Bool == true && derived["start"] as? String == "09:00")
            #expect(derived["timeZone"] as? String == "Europe/Berlin")

            // A PUT in the older form replaces the calendar and keeps the SLA policy it did not mention.
            let hours: [String: Any] = [
                "enabled": true, "start": "08:30", "end": "18:00", "timeZone": "America/New_York",
            ]
            let older = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: Self.body(["businessHours": hours]))
            #expect(older.status == .ok, "\(older.text)")
            let now = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken).object
            let replaced = try #require(now["calendar"] as? [String: Any])
            #expect(replaced["timeZone"] as? String == "America/New_York")
            #expect((replaced["holidays"] as? [Any])?.isEmpty == true)
            let week = try #require(replaced["weekly"] as? [String: [[String: String]]])
            #expect(week["mon"] == [Self.range("08:30", "18:00")] && week["fri"] == [Self.range("08:30", "18:00")])
            #expect(week["sat"] == [] && week["sun"] == [])
            #expect(try Self.canonical(now["businessHours"]) == Self.canonical(hours))
            #expect(try Self.canonical(now["sla"]) == Self.canonical(sla))
        }
    }

    @Test func refusedSettingsNameTheirFieldsAndChangeNothing() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let open =
                ["timeZone": "UTC", "weekly": Self.weekly(["mon": [Self.range("09:00", "17:00")]])] as [String: Any]
            let hours: [String: Any] = ["enabled": true, "start": "08:00", "end": "17:00", "timeZone": "UTC"]
            func fields(_ body: [String: Any]) async throws -> [String] {
                let response = try await client.call(
                    .put, "/api/v1/settings", token: acme.ownerToken, json: Self.body(body))
                #expect(response.status == .badRequest, "\(response.text)")
                return BadInputTests.fieldNames(response)
            }
            // Both only when they agree, as GET returns them: then the settings read can be sent back.
            #expect(try await fields(["calendar": open, "businessHours": hours]) == ["businessHours"])
            var read = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken).object
            read["assignment"] = "manual"
            let sentBack = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(read.mapValues { $0 }))
            #expect(sentBack.status == .ok, "\(sentBack.text)")
            #expect(try await fields([:]) == ["calendar"])
            let overlapping = Self.weekly(["mon": [Self.range("09:00", "12:00"), Self.range("11:00", "13:00")]])
            #expect(
                try await fields(["calendar": ["timeZone": "UTC", "weekly": overlapping]]) == ["calendar.weekly.mon[1]"]
            )
            let pastMidnight = Self.weekly([
                "sun": [Self.range("22:00", "03:00")], "mon": [Self.range("02:00", "05:00")],
            ])
            #expect(
                try await fields(["calendar": ["timeZone": "UTC", "weekly": pastMidnight]]) == [
                    "calendar.weekly.mon[0]"
                ])
            #expect(
                try await fields(["calendar": ["timeZone": "Mars/Olympus", "weekly": Self.weekly([:])]]) == [
                    "calendar.timeZone"
                ])
            let badDate =
                ["timeZone": "UTC", "weekly": Self.weekly([:]), "holidays": [["date": "2026-02-30", "name": "Nope"]]]
                as [String: Any]
            #expect(try await fields(["calendar": badDate]) == ["calendar.holidays[0].date"])
            #expect(
                try await fields(["calendar": open, "sla": ["targets": ["high": ["firstResponseMinutes": 0]]]])
                    == ["sla.targets.high.firstResponseMinutes"])
            let settings = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken).object
            #expect((settings["calendar"] as? [String: Any])?["timeZone"] as? String == "UTC")
            #expect((settings["businessHours"] as? [String: Any])?["enabled"] as? Bool == false)
            #expect(settings["assignment"] as? String == "manual")

            let operatorToken = try await acme.member("Olga").token
            let forbidden = try await client.call(
                .put, "/api/v1/settings", token: operatorToken, json: Self.body(["calendar": open]))
            #expect(forbidden.status == .forbidden)
        }
    }

    /// Friday 22:00–06:00 in Berlin: open in the small hours of Saturday, which
    /// the older Monday–Friday range could not say.
    @Test func aRangePastMidnightGatesTheHumanButton() async throws {
        // Saturday 04:00 in Berlin.
        let clock = TestClock(try #require(Timestamp(rfc3339: "2026-11-28T03:00:00Z")))
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let night = ["timeZone": "Europe/Berlin", "weekly": Self.weekly(["fri": [Self.range("22:00", "06:00")]])]
            let saved = try await client.call(
                .put, "/api/v1/settings", token: widget.acme.ownerToken, json: Self.body(["calendar": night]))
            #expect(saved.status == .ok, "\(saved.text)")
            let token = try await widget.session(client)
            var button = try await client.call(.get, "\(widget.base)/config", token: token).object["humanButton"]
            #expect((button as? [String: Any])?["visible"] as? Bool == true)

            clock.advance(seconds: 2.5 * 3600)  // 06:30: closed
            button = try await client.call(.get, "\(widget.base)/config", token: token).object["humanButton"]
            #expect((button as? [String: Any])?["visible"] as? Bool == false)
            #expect((button as? [String: Any])?["reason"] as? String == "outsideBusinessHours")
        }
    }

    @Test func onAHolidayTheCustomerGetsItsAutoReply() async throws {
        // Friday 25 December, 11:00 in Berlin: an ordinary working hour but for the holiday.
        let clock = TestClock(try #require(Timestamp(rfc3339: "2026-12-25T10:00:00Z")))
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            _ = try await widget.acme.member("Sam", availability: .online)
            let weekdays = ["mon", "tue", "wed", "thu", "fri"]
            let calendar: [String: Any] = [
                "timeZone": "Europe/Berlin",
                "weekly": Self.weekly(
                    Dictionary(uniqueKeysWithValues: weekdays.map { ($0, [Self.range("09:00", "17:00")]) })),
                "holidays": [
                    [
                        "date": "2026-12-25", "name": "Christmas",
                        "autoReply": "Merry Christmas! We write back on Monday.",
                    ]
                ],
            ]
            let saved = try await client.call(
                .put, "/api/v1/settings", token: widget.acme.ownerToken, json: Self.body(["calendar": calendar]))
            #expect(saved.status == .ok, "\(saved.text)")
            let token = try await widget.session(client)
            let escalated = try await widget.say(client, token, "I want to talk to a person")
            #expect(escalated["escalated"] as? Bool == true)
            #expect(escalated.replyBody == "Merry Christmas! We write back on Monday.")

            // The next working day the same team is open again, and someone is coming.
            clock.advance(seconds: 3 * 24 * 3600)
            let other = try await widget.session(client, name: "Otto Other", email: "otto@example.com")
            let waiting = try await widget.say(client, other, "I want to talk to a person")
            #expect(waiting.replyBody == "Hang on, a person is coming.")
        }
    }
}

extension CalendarSettingsTests {
    /// The settings page edits what the API stores: each day's ranges, the
    /// holidays (their text escaped) and the SLA targets; operators only read them.
    @Test func theSettingsPageShowsTheCalendarAndTargets() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let calendar: [String: Any] = [
                "timeZone": "Europe/Berlin",
                "weekly": Self.weekly(["fri": [Self.range("09:00", "12:00"), Self.range("22:00", "06:00")]]),
                "holidays": [["date": "2026-12-25", "name": "<b>Xmas</b>", "autoReply": "Back \"soon\""]],
            ]
            let sla: [String: Any] = ["warningMinutes": 20, "targets": ["urgent": ["firstResponseMinutes": 45]]]
            let saved = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: Self.body(["calendar": calendar, "sla": sla]))
            #expect(saved.status == .ok, "\(saved.text)")
            let owner = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/settings", headers: owner).text
            #expect(page.contains("name=\"calendar.timeZone\" value=\"Europe/Berlin\""))
            #expect(page.contains("value=\"22:00\"") && page.contains("value=\"06:00\""))
            #expect(page.contains("&lt;b&gt;Xmas&lt;/b&gt;") && !page.contains("<b>Xmas"))
            #expect(page.contains("Back &quot;soon&quot;"))
            #expect(page.contains("name=\"sla.targets.urgent.firstResponseMinutes\""))
            #expect(page.contains("value=\"45\"") && page.contains("value=\"20\""))
        }
    }
}
