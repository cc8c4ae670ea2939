import Foundation
import Testing

@testable import HelpDeskCore

@Suite("BusinessCalendar: validation and JSON")
struct BusinessCalendarSettingsTests {
    // MARK: Validation

    @Test func aTypicalCalendarIsValid() {
        let calendar = businessCalendar(
            "Europe/Berlin",
            [
                .mon: [("09:00", "12:00"), ("13:00", "17:00")], .fri: [("22:00", "06:00")], .sat: [("06:00", "09:00")],
                .sun: [("00:00", "24:00")],
            ],
            holidays: [holiday("2026-12-25", "Christmas", autoReply: "Closed today."), holiday("2026-12-26")])
        #expect(calendar.validationErrors() == [])
    }

    @Test(arguments: ["Mars/Olympus_Mons", "", "GMT+2", "Berlin"])
    func anUnknownZoneNamesTheTimeZoneField(zone: String) {
        #expect(officeHours(zone).validationErrors().map(\.field) == ["calendar.timeZone"])
    }

    @Test(arguments: [
        ([("09:00", "12:00"), ("11:00", "13:00")], ["calendar.weekly.mon[1]"]),
        // Reported on the later-starting range, whatever the order given.
        ([("11:00", "13:00"), ("09:00", "12:00")], ["calendar.weekly.mon[0]"]),
        (
            [("09:00", "17:00"), ("10:00", "11:00"), ("12:00", "13:00")],
            ["calendar.weekly.mon[1]", "calendar.weekly.mon[2]"]
        ),
        ([("09:00", "12:00"), ("09:00", "12:00")], ["calendar.weekly.mon[1]"]),
        ([("22:00", "06:00"), ("23:00", "23:30")], ["calendar.weekly.mon[1]"]),
        ([("00:00", "24:00"), ("23:00", "01:00")], ["calendar.weekly.mon[1]"]),
        // Touching is fine.
        ([("09:00", "12:00"), ("12:00", "17:00")], []),
        ([("18:00", "24:00"), ("00:00", "09:00")], []),
    ])
    func overlappingRangesOnADayAreRejected(ranges: [(String, String)], fields: [String]) {
        let errors = businessCalendar("UTC", [.mon: ranges]).validationErrors()
        #expect(errors.map(\.field) == fields)
        #expect(errors.allSatisfy { $0.message.contains("overlaps") })
    }

    @Test func aRangePastMidnightMayNotOverlapTheNextDay() {
        let errors = businessCalendar(
            "UTC", [.fri: [("22:00", "06:00")], .sat: [("09:00", "12:00"), ("05:00", "09:00")]]
        )
        .validationErrors()
        #expect(errors.map(\.field) == ["calendar.weekly.sat[1]"])
        #expect(errors.first?.message.contains("fri's 22:00–06:00") == true)
        // Sunday night into Monday wraps around the week.
        let wrapped = businessCalendar("UTC", [.sun: [("22:00", "02:00")], .mon: [("01:00", "09:00")]])
        #expect(wrapped.validationErrors().map(\.field) == ["calendar.weekly.mon[0]"])
        // A 24-hour shift reaches the same time next day.
        let shift = businessCalendar("UTC", [.tue: [("09:00", "09:00")], .wed: [("08:00", "10:00")]])
        #expect(shift.validationErrors().map(\.field) == ["calendar.weekly.wed[0]"])
        #expect(
            businessCalendar("UTC", [.tue: [("09:00", "09:00")], .wed: [("09:00", "10:00")]]).validationErrors() == [])
    }

    @Test func aDayHasAtMostTenRanges() {
        let ranges = (0..<11).map { hour in (String(format: "%02d:00", hour), String(format: "%02d:30", hour)) }
        #expect(businessCalendar("UTC", [.tue: Array(ranges.prefix(10))]).validationErrors() == [])
        #expect(businessCalendar("UTC", [.tue: ranges]).validationErrors().map(\.field) == ["calendar.weekly.tue"])
    }

    @Test func holidayProblemsNameTheHolidayField() {
        let calendar = officeHours(
            "UTC",
            holidays: [
                holiday("2026-12-25", "Christmas"),
                holiday("2026-12-25", "Christmas again"),
                holiday("2026-12-26", "  "),
                holiday("2026-12-27", String(repeating: "n", count: 201)),
                holiday("2026-12-28", "Blank reply", autoReply: " \n"),
                holiday("2026-12-29", "Long reply", autoReply: String(repeating: "r", count: 2_001)),
                holiday(
                    "2026-12-30", String(repeating: "n", count: 200), autoReply: String(repeating: "r", count: 2_000)),
            ])
        #expect(
            calendar.validationErrors().map(\.field) == [
                "calendar.holidays[1].date", "calendar.holidays[2].name", "calendar.holidays[3].name",
                "calendar.holidays[4].autoReply", "calendar.holidays[5].autoReply",
            ])
        #expect(calendar.validationErrors().first?.message.contains("holidays[0]") == true)
    }

    @Test func aCalendarListsAtMost366Holidays() throws {
        let first = try #require(LocalDate("2026-01-01"))
        var calendar = officeHours(
            "UTC", holidays: (0..<366).map { Holiday(date: first.adding(days: $0), name: "Day") })
        #expect(calendar.validationErrors() == [])
        calendar.holidays.append(Holiday(date: first.adding(days: 366), name: "One too many"))
        #expect(calendar.validationErrors().map(\.field) == ["calendar.holidays"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let calendar = businessCalendar(
            "Nowhere/Land", [.wed: [("09:00", "12:00"), ("10:00", "11:00")]], holidays: [holiday("2026-01-01", "")])
        #expect(
            calendar.validationErrors().map(\.field) == [
                "calendar.timeZone", "calendar.weekly.wed[1]", "calendar.holidays[0].name",
            ])
    }

    // MARK: JSON

    private static let settingsJSON = #"""
        {"timeZone": "Europe/Berlin",
         "weekly": {"mon": [{"start": "09:00", "end": "17:00"}], "tue": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
                    "fri": [{"start": "22:00", "end": "06:00"}], "sun": [{"start": "00:00", "end": "24:00"}]},
         "holidays": [{"date": "2026-12-25", "name": "Christmas", "autoReply": "We are closed for Christmas."},
                      {"date": "2027-01-01", "name": "New Year"}]}
        """#

    @Test func decodesTheSettingsShape() throws {
        let decoded = try JSONDecoder().decode(BusinessCalendar.self, from: Data(Self.settingsJSON.utf8))
        let expected = businessCalendar(
            "Europe/Berlin",
            [
                .mon: [("09:00", "17:00")], .tue: [("09:00", "12:00"), ("13:00", "17:00")], .fri: [("22:00", "06:00")],
                .sun: [("00:00", "24:00")],
            ],
            holidays: [
                holiday("2026-12-25", "Christmas", autoReply: "We are closed for Christmas."),
                holiday("2027-01-01", "New Year"),
            ])
        #expect(decoded == expected)
        #expect(decoded.weekly[.wed].isEmpty)
        #expect(decoded.validationErrors() == [])
    }

    @Test func encodesExactlyTheSettingsKeys() throws {
        let decoded = try JSONDecoder().decode(BusinessCalendar.self, from: Data(Self.settingsJSON.utf8))
        let encoded = try JSONEncoder().encode(decoded)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(Set(object.keys) == ["timeZone", "weekly", "holidays"])
        #expect(object["timeZone"] as? String == "Europe/Berlin")
        let weekly = try #require(object["weekly"] as? [String: [[String: String]]])
        #expect(Set(weekly.keys) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        #expect(weekly["mon"] == [["start": "09:00", "end": "17:00"]])
        #expect(weekly["wed"] == [])
        #expect(weekly["fri"] == [["start": "22:00", "end": "06:00"]])
        #expect(weekly["sun"] == [["start": "00:00", "end": "24:00"]])
        let holidays = try #require(object["holidays"] as? [[String: String]])
        #expect(
            holidays == [
                ["date": "2026-12-25", "name": "Christmas", "autoReply": "We are closed for Christmas."],
                ["date": "2027-01-01", "name": "New Year"],
            ])
        #expect(try JSONDecoder().decode(BusinessCalendar.self, from: encoded) == decoded)
    }

    @Test func alwaysOpenIsWrittenOutDayByDay() throws {
        let encoded = try JSONEncoder().encode(BusinessCalendar.alwaysOpen(timeZone: "UTC"))
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        let weekly = try #require(object["weekly"] as? [String: [[String: String]]])
        #expect(weekly.count == 7)
        #expect(weekly.values.allSatisfy { $0 == [["start": "00:00", "end": "24:00"]] })
        #expect((object["holidays"] as? [Any])?.isEmpty == true)
    }

    @Test func missingDaysAndHolidaysAreClosedAndNone() throws {
        let decoded = try JSONDecoder().decode(
            BusinessCalendar.self,
            from: Data(#"{"timeZone":"UTC","weekly":{"wed":[{"start":"10:00","end":"11:00"}]}}"#.utf8))
        #expect(decoded == businessCalendar("UTC", [.wed: [("10:00", "11:00")]]))
    }

    @Test(arguments: [
        #"{"timeZone":"UTC","weekly":{"monday":[]}}"#,
        #"{"timeZone":"UTC","weekly":{"mon":null}}"#,
        #"{"timeZone":"UTC","weekly":{},"holidays":null}"#,
        #"{"timeZone":"UTC","weekly":{},"holidays":[{"date":"2026-12-25","name":"X","autoReply":null}]}"#,
        #"{"timeZone":"UTC","weekly":{},"holidays":[{"date":"2026-12-32","name":"X"}]}"#,
        #"{"timeZone":"UTC","weekly":{},"holidays":[{"date":"2026-12-25"}]}"#,
        #"{"timeZone":"UTC","weekly":{"mon":[{"start":"09:00","end":"24:30"}]}}"#,
        #"{"weekly":{}}"#,
        #"{"timeZone":"UTC"}"#,
    ])
    func rejectsMalformedSettings(json: String) {
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
        }
    }
}
