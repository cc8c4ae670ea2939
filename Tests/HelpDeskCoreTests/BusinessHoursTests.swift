import Foundation
import Testing

@testable import HelpDeskCore

/// A UTC instant, written out by hand so the tests do not reuse the time-zone
/// arithmetic they are checking.
private func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "GMT")!
    let components = DateComponents(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    return calendar.date(from: components)!
}

private func hours(
    _ zone: String, from start: String = "09:00", to end: String = "17:00", enabled: Bool = true
) -> BusinessHours {
    BusinessHours(enabled: enabled, start: ClockTime(start)!, end: ClockTime(end)!, timeZone: zone)
}

private let minute: TimeInterval = 60
private let hour: TimeInterval = 3600
private let week: TimeInterval = 7 * 24 * 3600

/// One DST change, described by the UTC instants of 09:00 local time on the
/// Monday before and the Monday after it.
struct DSTChange: Sendable, CustomTestStringConvertible {
    let name: String
    let zone: String
    /// 09:00 local on the Monday before the change.
    let nineBefore: Date
    /// 09:00 local on the Monday after the change.
    let nineAfter: Date
    /// +1 if clocks went forward (the old 09:00 UTC instant now reads 10:00),
    /// -1 if back (it now reads 08:00).
    let shift: Int

    var testDescription: String { name }

    static let all: [DSTChange] = [
        // CET (+1) -> CEST (+2) on Sunday 2026-03-29.
        DSTChange(
            name: "Europe/Berlin spring 2026-03-29", zone: "Europe/Berlin",
            nineBefore: utc(2026, 3, 23, 8, 0), nineAfter: utc(2026, 3, 30, 7, 0), shift: +1),
        // CEST (+2) -> CET (+1) on Sunday 2026-10-25.
        DSTChange(
            name: "Europe/Berlin autumn 2026-10-25", zone: "Europe/Berlin",
            nineBefore: utc(2026, 10, 19, 7, 0), nineAfter: utc(2026, 10, 26, 8, 0), shift: -1),
        // EST (-5) -> EDT (-4) on Sunday 2026-03-08.
        DSTChange(
            name: "America/New_York spring 2026-03-08", zone: "America/New_York",
            nineBefore: utc(2026, 3, 2, 14, 0), nineAfter: utc(2026, 3, 9, 13, 0), shift: +1),
        // EDT (-4) -> EST (-5) on Sunday 2026-11-01.
        DSTChange(
            name: "America/New_York autumn 2026-11-01", zone: "America/New_York",
            nineBefore: utc(2026, 10, 26, 13, 0), nineAfter: utc(2026, 11, 2, 14, 0), shift: -1),
    ]
}

@Suite("BusinessHours")
struct BusinessHoursTests {
    // MARK: DST

    @Test(arguments: DSTChange.all)
    func nineLocalOpensOnTheMondayBeforeAndAfterTheChange(change: DSTChange) {
        let team = hours(change.zone)
        #expect(team.isOpen(at: change.nineBefore))
        #expect(team.isOpen(at: change.nineAfter))
        #expect(!team.isOpen(at: change.nineBefore - minute))
        #expect(!team.isOpen(at: change.nineAfter - minute))
    }

    @Test(arguments: DSTChange.all)
    func closesAtSeventeenLocalAfterTheChange(change: DSTChange) {
        let team = hours(change.zone)
        let seventeenAfter = change.nineAfter + 8 * hour
        #expect(!team.isOpen(at: seventeenAfter))
        #expect(team.isOpen(at: seventeenAfter - minute))
    }

    @Test(arguments: DSTChange.all)
    func theSameUTCInstantAWeekLaterReadsAnHourDifferent(change: DSTChange) {
        let sameUTCAfter = change.nineBefore + week
        #expect(sameUTCAfter != change.nineAfter)

        // A one-hour window at 10:00 (spring) or 08:00 (autumn) local catches the
        // old instant after the change, and not before it.
        let shiftedStart = 9 + change.shift
        let shiftedWindow = BusinessHours(
            enabled: true,
            start: ClockTime(hour: shiftedStart, minute: 0)!,
            end: ClockTime(hour: shiftedStart + 1, minute: 0)!,
            timeZone: change.zone)
        #expect(shiftedWindow.isOpen(at: sameUTCAfter))
        #expect(!shiftedWindow.isOpen(at: change.nineBefore))

        // The 09:00–10:00 window is the other way round.
        let nineWindow = hours(change.zone, from: "09:00", to: "10:00")
        #expect(nineWindow.isOpen(at: change.nineBefore))
        #expect(!nineWindow.isOpen(at: sameUTCAfter))
        #expect(nineWindow.isOpen(at: change.nineAfter))
    }

    @Test func theSundayOfEachChangeIsClosed() {
        let berlin = hours("Europe/Berlin", from: "00:00", to: "23:59")
        let newYork = hours("America/New_York", from: "00:00", to: "23:59")
        // Noon local on each change day.
        #expect(!berlin.isOpen(at: utc(2026, 3, 29, 10, 0)))
        #expect(!berlin.isOpen(at: utc(2026, 10, 25, 11, 0)))
        #expect(!newYork.isOpen(at: utc(2026, 3, 8, 16, 0)))
        #expect(!newYork.isOpen(at: utc(2026, 11, 1, 17, 0)))
        // The Monday noon right after is open, so the window itself is not the reason.
        #expect(berlin.isOpen(at: utc(2026, 3, 30, 10, 0)))
        #expect(newYork.isOpen(at: utc(2026, 11, 2, 17, 0)))
    }

    // MARK: Weekdays

    @Test func weekendsAreClosed() {
        let berlin = hours("Europe/Berlin")
        // Friday 2026-06-19 12:00 CEST is open; Saturday and Sunday at noon are not.
        #expect(berlin.isOpen(at: utc(2026, 6, 19, 10, 0)))
        #expect(!berlin.isOpen(at: utc(2026, 6, 20, 10, 0)))
        #expect(!berlin.isOpen(at: utc(2026, 6, 21, 10, 0)))
        #expect(berlin.isOpen(at: utc(2026, 6, 22, 10, 0)))
    }

    @Test func theWeekdayIsTheTeamsNotUTCs() {
        // Auckland is UTC+13 in January: Monday 10:00 local is still Sunday in UTC.
        let auckland = hours("Pacific/Auckland")
        #expect(auckland.isOpen(at: utc(2026, 1, 11, 21, 0)))
        // Saturday 10:00 local is Friday in UTC.
        #expect(!auckland.isOpen(at: utc(2026, 1, 16, 21, 0)))

        // Los Angeles (UTC-8 in January): Friday 16:30 local is Saturday in UTC.
        let losAngeles = hours("America/Los_Angeles")
        #expect(losAngeles.isOpen(at: utc(2026, 1, 17, 0, 30)))
    }

    @Test func halfHourOffsetsAreRespected() {
        // Kolkata is UTC+5:30 all year: Monday 2026-06-15 09:00 local is 03:30 UTC.
        let kolkata = hours("Asia/Kolkata")
        #expect(kolkata.isOpen(at: utc(2026, 6, 15, 3, 30)))
        #expect(!kolkata.isOpen(at: utc(2026, 6, 15, 3, 29)))
        #expect(!kolkata.isOpen(at: utc(2026, 6, 15, 11, 30)))
        #expect(kolkata.isOpen(at: utc(2026, 6, 15, 11, 29)))
    }

    // MARK: Boundaries

    @Test func startMinuteIsOpenAndEndMinuteIsClosed() {
        // Wednesday 2026-06-17 in Berlin (CEST, UTC+2).
        let berlin = hours("Europe/Berlin")
        let start = utc(2026, 6, 17, 7, 0)  // 09:00 local
        let end = utc(2026, 6, 17, 15, 0)  // 17:00 local
        #expect(berlin.isOpen(at: start))
        #expect(!berlin.isOpen(at: start - minute))
        #expect(!berlin.isOpen(at: start - 1))
        #expect(!berlin.isOpen(at: end))
        #expect(berlin.isOpen(at: end - minute))
        #expect(berlin.isOpen(at: end - 1))
        #expect(!berlin.isOpen(at: end + minute))
    }

    @Test func oddMinuteBoundaries() {
        let utcTeam = hours("UTC", from: "08:45", to: "12:15")
        #expect(!utcTeam.isOpen(at: utc(2026, 6, 17, 8, 44)))
        #expect(utcTeam.isOpen(at: utc(2026, 6, 17, 8, 45)))
        #expect(utcTeam.isOpen(at: utc(2026, 6, 17, 12, 14, 59)))
        #expect(!utcTeam.isOpen(at: utc(2026, 6, 17, 12, 15)))
    }

    // MARK: Disabled

    @Test func disabledIsAlwaysOpen() {
        let saturdayNight = utc(2026, 6, 20, 1, 0)
        let disabled = hours("Europe/Berlin", enabled: false)
        #expect(disabled.isOpen(at: saturdayNight))
        #expect(disabled.isOpen(at: utc(2026, 6, 17, 23, 30)))
        // The same settings switched on are closed then.
        #expect(!hours("Europe/Berlin").isOpen(at: saturdayNight))
    }

    @Test func standardIsDisabledNineToFiveUTC() {
        let standard = BusinessHours.standard
        #expect(standard.enabled == false)
        #expect(standard.start.description == "09:00")
        #expect(standard.end.description == "17:00")
        #expect(standard.timeZone == "UTC")
        #expect(standard.isOpen(at: utc(2026, 6, 20, 3, 0)))
        #expect(standard.validationErrors().isEmpty)
    }

    @Test func anUnknownZoneFallsBackToUTCInsteadOfCrashing() {
        let broken = hours("Mars/Olympus_Mons")
        #expect(broken.isOpen(at: utc(2026, 6, 17, 9, 0)))
        #expect(!broken.isOpen(at: utc(2026, 6, 17, 8, 59)))
        #expect(!broken.isOpen(at: utc(2026, 6, 17, 17, 0)))
    }

    // MARK: Validation

    @Test(arguments: [
        "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Calcutta", "America/Indiana/Indianapolis",
        "Australia/Sydney", "UTC", "GMT",
    ])
    func knownZonesAreValid(zone: String) {
        #expect(hours(zone).validationErrors().isEmpty)
    }

    @Test(arguments: [
        "Mars/Olympus_Mons", "Europe/Atlantis", "", "europe/berlin", "GMT+2", "+02:00", "Berlin",
    ])
    func unknownZonesNameTheTimeZoneField(zone: String) {
        let errors = hours(zone).validationErrors()
        #expect(errors.map(\.field) == ["businessHours.timeZone"])
        #expect(errors.first?.message.isEmpty == false)
    }

    @Test(arguments: [("17:00", "09:00"), ("09:00", "09:00"), ("09:01", "09:00")])
    func endNotAfterStartNamesTheEndField(start: String, end: String) {
        let errors = hours("Europe/Berlin", from: start, to: end).validationErrors()
        #expect(errors.map(\.field) == ["businessHours.end"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let errors = hours("Nowhere/Land", from: "18:00", to: "08:00", enabled: false).validationErrors()
        #expect(Set(errors.map(\.field)) == ["businessHours.timeZone", "businessHours.end"])
    }

    // MARK: Codable

    @Test func decodesFromSettingsJSON() throws {
        let json = #"{"enabled":true,"start":"08:30","end":"18:00","timeZone":"America/New_York"}"#
        let decoded = try JSONDecoder().decode(BusinessHours.self, from: Data(json.utf8))
        #expect(decoded == hours("America/New_York", from: "08:30", to: "18:00"))
        let roundTripped = try JSONDecoder().decode(
            BusinessHours.self, from: JSONEncoder().encode(decoded))
        #expect(roundTripped == decoded)
    }

    @Test func rejectsABadTimeInSettingsJSON() {
        let json = #"{"enabled":true,"start":"8:30","end":"18:00","timeZone":"UTC"}"#
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(BusinessHours.self, from: Data(json.utf8))
        }
    }

    @Test func theNextChangeIsTheNextOpeningOrClosingOnAWorkingDay() {
        let berlin = hours("Europe/Berlin")  // 09:00–17:00, UTC+1 in November
        // Friday 2026-11-27 10:00 local (09:00 UTC): open until 17:00 local.
        #expect(berlin.nextChange(after: utc(2026, 11, 27, 9, 0)) == utc(2026, 11, 27, 16, 0))
        // Friday 17:00 local, closed: the next change is Monday 09:00, not Saturday.
        #expect(berlin.nextChange(after: utc(2026, 11, 27, 16, 0)) == utc(2026, 11, 30, 8, 0))
        // Sunday: Monday's opening.
        #expect(berlin.nextChange(after: utc(2026, 11, 29, 12, 0)) == utc(2026, 11, 30, 8, 0))
        // Before opening on a working day: that day's opening.
        #expect(berlin.nextChange(after: utc(2026, 11, 30, 5, 0)) == utc(2026, 11, 30, 8, 0))
        #expect(hours("UTC", enabled: false).nextChange(after: utc(2026, 11, 27, 9, 0)) == nil)
    }

    @Test(arguments: DSTChange.all)
    func theNextChangeAgreesWithIsOpenAcrossDST(change: DSTChange) {
        let zone = hours(change.zone)
        // Walk a fortnight around the change from one predicted change to the next:
        // isOpen must be constant between them and differ across each.
        var instant = change.nineBefore.addingTimeInterval(-3 * 24 * hour)
        let end = change.nineAfter.addingTimeInterval(3 * 24 * hour)
        var steps = 0
        while instant < end, steps < 100 {
            guard let next = zone.nextChange(after: instant) else {
                Issue.record("no next change after \(instant)")
                return
            }
            #expect(next > instant)
            let state = zone.isOpen(at: instant)
            #expect(zone.isOpen(at: next.addingTimeInterval(-minute)) == state, "constant until \(next)")
            #expect(zone.isOpen(at: next) != state, "changes at \(next)")
            instant = next
            steps += 1
        }
        #expect(steps >= 10, "about two changes a working day")
    }
}
