import Foundation
import Testing

@testable import HelpDeskCore

/// Walks from `start` to `end` by predicted changes and checks each one against
/// `isOpen`: constant up to a change, different at it. Returns the changes
/// before `end`.
@discardableResult
private func checkChanges(_ calendar: BusinessCalendar, from start: Date, to end: Date) -> [Date] {
    var changes: [Date] = []
    var instant = start
    while instant < end, changes.count < 200 {
        guard let next = calendar.nextChange(after: instant) else { break }
        #expect(next > instant)
        let state = calendar.isOpen(at: instant)
        #expect(calendar.isOpen(at: next - 1) == state, "constant until \(next)")
        #expect(calendar.isOpen(at: next) != state, "changes at \(next)")
        guard next < end else { break }
        changes.append(next)
        instant = next
    }
    return changes
}

@Suite("BusinessCalendar: open and closed")
struct BusinessCalendarOpenTests {
    // MARK: Weekends and weekdays

    @Test func officeHoursCloseForTheWeekend() {
        let berlin = officeHours("Europe/Berlin")  // CEST, UTC+2, in June
        // Friday 2026-06-19.
        #expect(berlin.isOpen(at: utcInstant(2026, 6, 19, 7, 0)))
        #expect(!berlin.isOpen(at: utcInstant(2026, 6, 19, 6, 59, 59)))
        #expect(berlin.isOpen(at: utcInstant(2026, 6, 19, 14, 59, 59)))
        #expect(!berlin.isOpen(at: utcInstant(2026, 6, 19, 15, 0)))
        #expect(!berlin.isOpen(at: utcInstant(2026, 6, 20, 10, 0)))
        #expect(!berlin.isOpen(at: utcInstant(2026, 6, 21, 10, 0)))
        #expect(berlin.isOpen(at: utcInstant(2026, 6, 22, 10, 0)))
        // Friday 17:00 local: the next change is Monday 09:00, not Saturday.
        #expect(berlin.nextChange(after: utcInstant(2026, 6, 19, 15, 0)) == utcInstant(2026, 6, 22, 7, 0))
        #expect(berlin.nextChange(after: utcInstant(2026, 6, 19, 10, 0)) == utcInstant(2026, 6, 19, 15, 0))
        checkChanges(berlin, from: utcInstant(2026, 6, 15, 0, 0), to: utcInstant(2026, 6, 29, 0, 0))
    }

    @Test func theWeekdayIsTheTeamsNotUTCs() {
        // Auckland is UTC+13 in January: Monday 10:00 local is Sunday 21:00 UTC.
        let auckland = officeHours("Pacific/Auckland")
        #expect(auckland.isOpen(at: utcInstant(2026, 1, 11, 21, 0)))
        #expect(!auckland.isOpen(at: utcInstant(2026, 1, 16, 21, 0)))
    }

    @Test func severalRangesADay() {
        let lunchBreak = businessCalendar("UTC", [.wed: [("13:00", "18:00"), ("08:00", "12:00")]])
        // Wednesday 2026-06-17.
        #expect(!lunchBreak.isOpen(at: utcInstant(2026, 6, 17, 7, 59)))
        #expect(lunchBreak.isOpen(at: utcInstant(2026, 6, 17, 8, 0)))
        #expect(!lunchBreak.isOpen(at: utcInstant(2026, 6, 17, 12, 30)))
        #expect(lunchBreak.isOpen(at: utcInstant(2026, 6, 17, 13, 0)))
        let changes = checkChanges(lunchBreak, from: utcInstant(2026, 6, 17, 0, 0), to: utcInstant(2026, 6, 18, 0, 0))
        #expect(
            changes == [
                utcInstant(2026, 6, 17, 8, 0), utcInstant(2026, 6, 17, 12, 0), utcInstant(2026, 6, 17, 13, 0),
                utcInstant(2026, 6, 17, 18, 0),
            ])
    }

    @Test func touchingRangesMakeOneStretch() {
        let split = businessCalendar("UTC", [.wed: [("09:00", "12:00"), ("12:00", "17:00")]])
        #expect(split.isOpen(at: utcInstant(2026, 6, 17, 12, 0)))
        #expect(split.nextChange(after: utcInstant(2026, 6, 17, 10, 0)) == utcInstant(2026, 6, 17, 17, 0))
    }

    // MARK: Past midnight

    /// Open Friday 22:00 to Saturday 07:00, Sunday 23:30 to Monday 01:00, and
    /// Monday 09:00–17:00, in Berlin (UTC+2 in June; Friday is 2026-06-19).
    private let nights = businessCalendar(
        "Europe/Berlin", [.fri: [("22:00", "07:00")], .sun: [("23:30", "01:00")], .mon: [("09:00", "17:00")]])

    @Test func rangesRunPastMidnight() {
        #expect(!nights.isOpen(at: utcInstant(2026, 6, 19, 19, 59)))  // Fri 21:59
        #expect(nights.isOpen(at: utcInstant(2026, 6, 19, 20, 0)))  // Fri 22:00
        #expect(nights.isOpen(at: utcInstant(2026, 6, 19, 22, 0)))  // Sat 00:00
        #expect(nights.isOpen(at: utcInstant(2026, 6, 20, 4, 59)))  // Sat 06:59
        #expect(!nights.isOpen(at: utcInstant(2026, 6, 20, 5, 0)))  // Sat 07:00
        #expect(!nights.isOpen(at: utcInstant(2026, 6, 21, 21, 29)))  // Sun 23:29
        #expect(nights.isOpen(at: utcInstant(2026, 6, 21, 21, 30)))  // Sun 23:30
        #expect(nights.isOpen(at: utcInstant(2026, 6, 21, 22, 30)))  // Mon 00:30
        #expect(!nights.isOpen(at: utcInstant(2026, 6, 21, 23, 0)))  // Mon 01:00
        #expect(nights.isOpen(at: utcInstant(2026, 6, 22, 7, 0)))  // Mon 09:00
    }

    @Test func nextChangeFollowsRangesPastMidnight() {
        let changes = checkChanges(nights, from: utcInstant(2026, 6, 19, 10, 0), to: utcInstant(2026, 6, 22, 16, 0))
        #expect(
            changes == [
                utcInstant(2026, 6, 19, 20, 0), utcInstant(2026, 6, 20, 5, 0), utcInstant(2026, 6, 21, 21, 30),
                utcInstant(2026, 6, 21, 23, 0), utcInstant(2026, 6, 22, 7, 0), utcInstant(2026, 6, 22, 15, 0),
            ])
    }

    @Test func aWeekPastMidnightAddsUp() {
        // 9 h Friday night, 1.5 h Sunday night, 8 h Monday.
        let week = nights.businessSeconds(from: utcInstant(2026, 6, 15, 0, 0), to: utcInstant(2026, 6, 22, 0, 0))
        let nextWeek = nights.businessSeconds(from: utcInstant(2026, 6, 22, 0, 0), to: utcInstant(2026, 6, 29, 0, 0))
        #expect(week == 9 * hourSeconds + 1.5 * hourSeconds + 8 * hourSeconds)
        // Monday 00:00 local is 22:00 UTC Sunday: the week measured in UTC
        // starts two hours into Monday and ends two hours into the next.
        #expect(nextWeek == week)
    }

    // MARK: Holidays

    @Test func aHolidayClosesItsLocalDate() {
        let christmas = holiday("2026-12-25", "Christmas", autoReply: "We are closed for Christmas.")
        let berlin = officeHours("Europe/Berlin", holidays: [christmas])  // UTC+1 in December
        #expect(berlin.isOpen(at: utcInstant(2026, 12, 24, 9, 0)))  // Thursday 10:00
        #expect(!berlin.isOpen(at: utcInstant(2026, 12, 25, 9, 0)))  // Friday 10:00
        #expect(officeHours("Europe/Berlin").isOpen(at: utcInstant(2026, 12, 25, 9, 0)))
        // Thursday 17:00 local: the next opening skips the holiday Friday.
        #expect(berlin.nextChange(after: utcInstant(2026, 12, 24, 16, 0)) == utcInstant(2026, 12, 28, 8, 0))
        checkChanges(berlin, from: utcInstant(2026, 12, 21, 0, 0), to: utcInstant(2026, 12, 31, 0, 0))
    }

    @Test func theHolidayIsFoundByLocalDate() {
        let christmas = holiday("2026-12-25", "Christmas", autoReply: "We are closed for Christmas.")
        let berlin = officeHours("Europe/Berlin", holidays: [holiday("2026-12-26"), christmas])
        #expect(berlin.holiday(on: utcInstant(2026, 12, 24, 23, 0)) == christmas)  // 00:00 local
        #expect(berlin.holiday(on: utcInstant(2026, 12, 25, 22, 59, 59)) == christmas)  // 23:59:59 local
        #expect(berlin.holiday(on: utcInstant(2026, 12, 24, 22, 59, 59)) == nil)
        #expect(berlin.holiday(on: utcInstant(2026, 12, 25, 23, 0))?.name == "Holiday")
        #expect(berlin.holiday(on: utcInstant(2026, 12, 25, 12, 0))?.autoReply == "We are closed for Christmas.")
        // In New York it is still the 24th at 03:00 UTC on the 25th.
        let newYork = officeHours("America/New_York", holidays: [christmas])
        #expect(newYork.holiday(on: utcInstant(2026, 12, 25, 3, 0)) == nil)
        #expect(newYork.holiday(on: utcInstant(2026, 12, 25, 5, 0)) == christmas)
    }

    @Test func aHolidayClosesTheMorningOfANightThatBeganTheDayBefore() {
        // Friday 22:00 → Saturday 06:00 in UTC; Saturday 2026-06-20 is a holiday.
        let night = businessCalendar("UTC", [.fri: [("22:00", "06:00")]], holidays: [holiday("2026-06-20")])
        #expect(night.isOpen(at: utcInstant(2026, 6, 19, 23, 59)))
        #expect(!night.isOpen(at: utcInstant(2026, 6, 20, 0, 0)))
        #expect(!night.isOpen(at: utcInstant(2026, 6, 20, 3, 0)))
        #expect(night.nextChange(after: utcInstant(2026, 6, 19, 22, 30)) == utcInstant(2026, 6, 20, 0, 0))
        #expect(night.isOpen(at: utcInstant(2026, 6, 27, 3, 0)))  // the next Saturday is ordinary
    }

    @Test func aNightThatBeginsOnAHolidayOpensAtMidnight() {
        // Friday 2026-06-19 is a holiday: its 22:00 start is closed, Saturday's part is open.
        let night = businessCalendar("UTC", [.fri: [("22:00", "06:00")]], holidays: [holiday("2026-06-19")])
        #expect(!night.isOpen(at: utcInstant(2026, 6, 19, 23, 0)))
        #expect(night.isOpen(at: utcInstant(2026, 6, 20, 0, 0)))
        #expect(night.isOpen(at: utcInstant(2026, 6, 20, 5, 59)))
        #expect(!night.isOpen(at: utcInstant(2026, 6, 20, 6, 0)))
        #expect(night.nextChange(after: utcInstant(2026, 6, 19, 12, 0)) == utcInstant(2026, 6, 20, 0, 0))
    }

    // MARK: Always and never open

    @Test func alwaysOpenNeverChanges() {
        let always = BusinessCalendar.alwaysOpen(timeZone: "Europe/Berlin")
        #expect(always.isAlwaysOpen)
        for instant in [utcInstant(2026, 3, 29, 1, 0), utcInstant(2026, 10, 25, 1, 30), utcInstant(2026, 6, 21, 0, 0)] {
            #expect(always.isOpen(at: instant))
            #expect(always.nextChange(after: instant) == nil)
        }
        let start = utcInstant(2026, 3, 20, 13, 17)
        let end = utcInstant(2026, 11, 2, 8, 0)
        #expect(always.businessSeconds(from: start, to: end) == end.timeIntervalSince(start))
        #expect(always.adding(businessSeconds: end.timeIntervalSince(start), to: start) == end)
    }

    @Test func alwaysOpenWithAHolidayChangesOnTheHoliday() {
        var always = BusinessCalendar.alwaysOpen(timeZone: "UTC")
        always.holidays = [holiday("2026-12-25")]
        #expect(!always.isAlwaysOpen)
        #expect(always.nextChange(after: utcInstant(2026, 6, 1, 0, 0)) == utcInstant(2026, 12, 25, 0, 0))
        #expect(always.nextChange(after: utcInstant(2026, 12, 25, 0, 0)) == utcInstant(2026, 12, 26, 0, 0))
        #expect(always.nextChange(after: utcInstant(2026, 12, 26, 0, 0)) == nil)
    }

    @Test func isAlwaysOpenLooksAtCoverageNotSpelling() {
        // 24-hour shifts starting 09:00 each day cover the week too.
        let shifts = businessCalendar(
            "UTC", Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, [("09:00", "09:00")]) }))
        #expect(shifts.isAlwaysOpen)
        #expect(shifts.nextChange(after: utcInstant(2026, 6, 17, 3, 0)) == nil)
        var gap = shifts
        gap.weekly[.sun] = [OpeningRange("09:00", "08:59")!]
        #expect(!gap.isAlwaysOpen)
        #expect(gap.nextChange(after: utcInstant(2026, 6, 17, 3, 0)) == utcInstant(2026, 6, 22, 8, 59))
        #expect(!officeHours("UTC").isAlwaysOpen)
    }

    @Test func aCalendarWithoutRangesIsNeverOpen() {
        let closed = BusinessCalendar(timeZone: "UTC", weekly: WeeklyHours())
        #expect(!closed.isOpen(at: utcInstant(2026, 6, 17, 12, 0)))
        #expect(closed.nextChange(after: utcInstant(2026, 6, 17, 12, 0)) == nil)
        #expect(closed.adding(businessSeconds: 60, to: utcInstant(2026, 6, 17, 12, 0)) == nil)
        #expect(closed.businessSeconds(from: utcInstant(2026, 1, 1, 0), to: utcInstant(2027, 1, 1, 0)) == 0)
        #expect(!closed.isAlwaysOpen)
    }

    @Test func anUnknownZoneFallsBackToUTCInsteadOfCrashing() {
        let broken = officeHours("Mars/Olympus_Mons")
        #expect(broken.isOpen(at: utcInstant(2026, 6, 17, 9, 0)))
        #expect(!broken.isOpen(at: utcInstant(2026, 6, 17, 8, 59)))
    }
}

@Suite("BusinessCalendar: DST")
struct BusinessCalendarDSTTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let zone: String
        /// The Sunday of the change.
        let sunday: String
        /// 01:00 and 04:00 local that Sunday, in UTC.
        let one: Date
        let four: Date
        var testDescription: String { name }

        static let all = [
            // 02:00 CET → 03:00 CEST: 01:00 is 00:00 UTC, 04:00 is 02:00 UTC.
            Case(
                name: "Europe/Berlin spring", zone: "Europe/Berlin", sunday: "2026-03-29",
                one: utcInstant(2026, 3, 29, 0), four: utcInstant(2026, 3, 29, 2)),
            // 03:00 CEST → 02:00 CET: 01:00 is 23:00 UTC the day before, 04:00 is 03:00 UTC.
            Case(
                name: "Europe/Berlin autumn", zone: "Europe/Berlin", sunday: "2026-10-25",
                one: utcInstant(2026, 10, 24, 23), four: utcInstant(2026, 10, 25, 3)),
            // 02:00 EST → 03:00 EDT: 01:00 is 06:00 UTC, 04:00 is 08:00 UTC.
            Case(
                name: "America/New_York spring", zone: "America/New_York", sunday: "2026-03-08",
                one: utcInstant(2026, 3, 8, 6), four: utcInstant(2026, 3, 8, 8)),
            // 02:00 EDT → 01:00 EST: the first 01:00 is 05:00 UTC, 04:00 is 09:00 UTC.
            Case(
                name: "America/New_York autumn", zone: "America/New_York", sunday: "2026-11-01",
                one: utcInstant(2026, 11, 1, 5), four: utcInstant(2026, 11, 1, 9)),
        ]
    }

    @Test(arguments: Case.all)
    func aNightRangeLastsTheRealTimeBetweenItsWallTimes(change: Case) {
        let night = businessCalendar(change.zone, [.sun: [("01:00", "04:00")]])
        #expect(night.isOpen(at: change.one))
        #expect(!night.isOpen(at: change.one - 1))
        #expect(night.isOpen(at: change.four - 1))
        #expect(!night.isOpen(at: change.four))
        #expect(night.nextChange(after: change.one - daySeconds) == change.one)
        #expect(night.nextChange(after: change.one) == change.four)
        let dayStart = change.one - 2 * hourSeconds
        let real = change.four.timeIntervalSince(change.one)
        #expect(real == (change.name.hasSuffix("spring") ? 2 : 4) * hourSeconds)
        #expect(night.businessSeconds(from: dayStart, to: dayStart + daySeconds) == real)
        #expect(night.adding(businessSeconds: real, to: dayStart) == change.four)
    }

    @Test(arguments: Case.all)
    func nineToFiveIsEightHoursOnTheDayOfTheChange(change: Case) {
        let sunday = businessCalendar(change.zone, [.sun: [("09:00", "17:00")]])
        let nine = change.one + 8 * hourSeconds + (change.name.hasSuffix("spring") ? -hourSeconds : hourSeconds)
        #expect(sunday.isOpen(at: nine))
        #expect(!sunday.isOpen(at: nine - 1))
        #expect(sunday.nextChange(after: nine) == nine + 8 * hourSeconds)
        #expect(sunday.businessSeconds(from: nine - daySeconds / 3, to: nine + daySeconds / 2) == 8 * hourSeconds)
    }

    @Test(arguments: Case.all)
    func nextChangeAgreesWithIsOpenAroundTheChange(change: Case) {
        let mixed = businessCalendar(
            change.zone,
            [
                .sat: [("22:00", "02:30")], .sun: [("02:30", "03:30"), ("09:00", "17:00"), ("23:00", "01:30")],
                .mon: [("09:00", "17:00")],
            ])
        let changes = checkChanges(mixed, from: change.one - 3 * daySeconds, to: change.one + 3 * daySeconds)
        #expect(changes.count >= 6)
    }

    @Test func aSkippedStartOpensAtTheEndOfTheGap() {
        // Berlin skips 02:00–03:00 on 2026-03-29; 03:00 CEST is 01:00 UTC.
        let early = businessCalendar("Europe/Berlin", [.sun: [("02:30", "05:00")]])
        #expect(!early.isOpen(at: utcInstant(2026, 3, 29, 0, 59, 59)))
        #expect(early.isOpen(at: utcInstant(2026, 3, 29, 1, 0)))
        #expect(early.nextChange(after: utcInstant(2026, 3, 28, 12, 0)) == utcInstant(2026, 3, 29, 1, 0))
        #expect(
            early.businessSeconds(from: utcInstant(2026, 3, 28, 0), to: utcInstant(2026, 3, 30, 0)) == 2 * hourSeconds)
        // A range inside the gap is empty that day, and an hour on others.
        let gap = businessCalendar("Europe/Berlin", [.sun: [("02:00", "03:00")]])
        #expect(gap.businessSeconds(from: utcInstant(2026, 3, 28, 0), to: utcInstant(2026, 3, 30, 0)) == 0)
        #expect(gap.businessSeconds(from: utcInstant(2026, 4, 4, 0), to: utcInstant(2026, 4, 6, 0)) == hourSeconds)
    }

    @Test func aRepeatedWallTimeMeansItsFirstOccurrence() {
        // Berlin repeats 02:00–03:00 on 2026-10-25: 02:30 CEST is 00:30 UTC, 03:30 CET is 02:30 UTC.
        let repeated = businessCalendar("Europe/Berlin", [.sun: [("02:30", "03:30")]])
        #expect(!repeated.isOpen(at: utcInstant(2026, 10, 25, 0, 29)))
        #expect(repeated.isOpen(at: utcInstant(2026, 10, 25, 0, 30)))
        #expect(repeated.isOpen(at: utcInstant(2026, 10, 25, 2, 29)))
        #expect(!repeated.isOpen(at: utcInstant(2026, 10, 25, 2, 30)))
        // 02:00–02:30 happens twice; only the first pass is open.
        let firstPass = businessCalendar("Europe/Berlin", [.sun: [("02:00", "02:30")]])
        #expect(firstPass.isOpen(at: utcInstant(2026, 10, 25, 0, 15)))
        #expect(!firstPass.isOpen(at: utcInstant(2026, 10, 25, 1, 15)))
    }

    @Test func zoneClockMapsWallTimesByTheStatedRules() throws {
        let berlin = ZoneClock("Europe/Berlin")
        let spring = try #require(LocalDate("2026-03-29")).daysSince1970
        let autumn = try #require(LocalDate("2026-10-25")).daysSince1970
        #expect(berlin.instant(day: spring, minute: 0) == utcInstant(2026, 3, 28, 23))
        #expect(berlin.instant(day: spring, minute: 120) == utcInstant(2026, 3, 29, 1))  // skipped 02:00
        #expect(berlin.instant(day: spring, minute: 179) == utcInstant(2026, 3, 29, 1))  // skipped 02:59
        #expect(berlin.instant(day: spring, minute: 180) == utcInstant(2026, 3, 29, 1))  // 03:00 CEST
        #expect(berlin.instant(day: autumn, minute: 150) == utcInstant(2026, 10, 25, 0, 30))  // first 02:30
        #expect(berlin.instant(day: autumn, minute: 1440) == utcInstant(2026, 10, 25, 23))  // next midnight
        #expect(berlin.localDay(of: utcInstant(2026, 10, 25, 22, 59)) == autumn)
        #expect(berlin.localDay(of: utcInstant(2026, 10, 25, 23, 0)) == autumn + 1)
        // Before 1970 the day count is negative and still floors.
        #expect(ZoneClock("UTC").localDay(of: utcInstant(1969, 12, 31, 23, 59)) == -1)
    }
}

@Suite("BusinessCalendar: migration from BusinessHours")
struct BusinessCalendarMigrationTests {
    private static let hours: [BusinessHours] = [
        BusinessHours(enabled: true, start: ClockTime("09:00")!, end: ClockTime("17:00")!, timeZone: "Europe/Berlin"),
        BusinessHours(
            enabled: true, start: ClockTime("08:30")!, end: ClockTime("18:15")!, timeZone: "America/New_York"),
        BusinessHours(
            enabled: true, start: ClockTime("00:00")!, end: ClockTime("23:59")!, timeZone: "Pacific/Auckland"),
        BusinessHours(enabled: true, start: ClockTime("09:00")!, end: ClockTime("17:00")!, timeZone: "Asia/Kolkata"),
    ]

    @Test func enabledHoursBecomeTheSameRangeMondayToFriday() {
        let migrated = BusinessCalendar.from(Self.hours[0])
        #expect(migrated == officeHours("Europe/Berlin"))
        #expect(migrated.validationErrors().isEmpty)
    }

    @Test(arguments: hours)
    func theMigratedCalendarAgreesWithTheHoursAllYear(hours: BusinessHours) {
        let calendar = BusinessCalendar.from(hours)
        var instant = utcInstant(2026, 1, 1, 0, 7)
        while instant < utcInstant(2027, 1, 1, 0) {
            #expect(calendar.isOpen(at: instant) == hours.isOpen(at: instant), "at \(instant)")
            instant += 97 * minuteSeconds
        }
        instant = utcInstant(2026, 3, 1, 0)
        for _ in 0..<60 {
            let next = calendar.nextChange(after: instant)
            #expect(next == hours.nextChange(after: instant), "after \(instant)")
            instant = next ?? instant + daySeconds
        }
    }

    @Test func disabledHoursBecomeAlwaysOpenInTheSameZone() {
        let disabled = BusinessHours(
            enabled: false, start: ClockTime("09:00")!, end: ClockTime("17:00")!, timeZone: "Europe/Berlin")
        let migrated = BusinessCalendar.from(disabled)
        #expect(migrated == .alwaysOpen(timeZone: "Europe/Berlin"))
        #expect(migrated.isAlwaysOpen)
        #expect(BusinessCalendar.standard == .alwaysOpen(timeZone: "UTC"))
        #expect(BusinessCalendar.standard.validationErrors().isEmpty)
    }

    @Test func hoursThatNeverOpenedStayClosed() {
        let inverted = BusinessHours(
            enabled: true, start: ClockTime("17:00")!, end: ClockTime("09:00")!, timeZone: "UTC")
        let migrated = BusinessCalendar.from(inverted)
        #expect(migrated.weekly.isEmpty)
        #expect(!migrated.isOpen(at: utcInstant(2026, 6, 17, 20, 0)))
        #expect(!inverted.isOpen(at: utcInstant(2026, 6, 17, 20, 0)))
    }
}
