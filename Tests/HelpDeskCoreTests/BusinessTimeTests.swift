import Foundation
import Testing

@testable import HelpDeskCore

/// Whether `calendar` is open at `instant`, decided independently of the code
/// under test: from the wall clock Foundation reads in the zone, without
/// intervals. It disagrees with the calendar only within a repeated DST hour.
private func wallClockSaysOpen(_ calendar: BusinessCalendar, at instant: Date) -> Bool {
    var gregorian = Calendar(identifier: .gregorian)
    gregorian.timeZone = TimeZone(identifier: calendar.timeZone)!
    let wall = gregorian.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
    let today = LocalDate(year: wall.year!, month: wall.month!, day: wall.day!)!
    guard !calendar.holidays.contains(where: { $0.date == today }) else { return false }
    let minute = Double(wall.hour! * 60 + wall.minute!) + Double(wall.second!) / 60
    let startedToday = calendar.weekly[today.weekday].contains {
        Double($0.startMinute) <= minute && minute < Double(min($0.endMinute, 1440))
    }
    let startedYesterday = calendar.weekly[today.weekday.previous].contains {
        $0.runsPastMidnight && minute < Double($0.endMinute - 1440)
    }
    return startedToday || startedYesterday
}

private let propertyZones = [
    "UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Auckland",
    "America/Sao_Paulo",
]

/// A random calendar: up to three ranges a day of any length (overlaps
/// included: the calendar joins them), and a few holidays in 2026.
private func randomCalendar(_ random: inout SeededGenerator) -> BusinessCalendar {
    var weekly = WeeklyHours()
    for day in Weekday.allCases {
        weekly[day] = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            let start = Int.random(in: 0..<1440, using: &random)
            let end = (start + Int.random(in: 1...1440, using: &random)) % 1440
            return OpeningRange(
                start: ClockTime(hour: start / 60, minute: start % 60)!,
                end: ClockTime(hour: end / 60, minute: end % 60)!)
        }
    }
    let first = LocalDate("2026-01-01")!
    let holidays = (0..<Int.random(in: 0...6, using: &random)).map { _ in
        Holiday(date: first.adding(days: Int.random(in: 0..<365, using: &random)), name: "Day off")
    }
    return BusinessCalendar(
        timeZone: propertyZones.randomElement(using: &random)!, weekly: weekly, holidays: holidays)
}

/// A whole-second instant in 2026.
private func randomInstant(_ random: inout SeededGenerator) -> Date {
    utcInstant(2026, 1, 1, 0) + TimeInterval(Int.random(in: 0..<(365 * 86_400), using: &random))
}

@Suite("BusinessCalendar: business time")
struct BusinessTimeTests {
    @Test func businessTimeSkipsTheWeekend() {
        let berlin = officeHours("Europe/Berlin")  // UTC+2 in June
        let fridayAfternoon = utcInstant(2026, 6, 19, 14, 30)  // 16:30 local
        #expect(berlin.adding(businessSeconds: 1800, to: fridayAfternoon) == utcInstant(2026, 6, 19, 15, 0))
        #expect(berlin.adding(businessSeconds: 3600, to: fridayAfternoon) == utcInstant(2026, 6, 22, 7, 30))
        #expect(berlin.businessSeconds(from: fridayAfternoon, to: utcInstant(2026, 6, 22, 7, 30)) == 3600)
        // From a closed instant, time starts counting at the next opening.
        #expect(berlin.adding(businessSeconds: 60, to: utcInstant(2026, 6, 20, 12, 0)) == utcInstant(2026, 6, 22, 7, 1))
        #expect(berlin.adding(businessSeconds: 0, to: utcInstant(2026, 6, 20, 12, 0)) == utcInstant(2026, 6, 20, 12, 0))
        #expect(berlin.businessSeconds(from: utcInstant(2026, 6, 22, 7, 30), to: fridayAfternoon) == 0)
    }

    @Test func timeRunningOutAtClosingIsTheClosingInstant() {
        let berlin = officeHours("Europe/Berlin")
        let mondayNine = utcInstant(2026, 6, 22, 7, 0)
        #expect(berlin.adding(businessSeconds: 8 * hourSeconds, to: mondayNine) == utcInstant(2026, 6, 22, 15, 0))
        #expect(berlin.adding(businessSeconds: 8 * hourSeconds + 1, to: mondayNine) == utcInstant(2026, 6, 23, 7, 0, 1))
    }

    @Test func thirtyBusinessDaysSkipWeekendsAndHolidays() {
        let utc = officeHours("UTC")
        let mondayNine = utcInstant(2026, 1, 5, 9, 0)
        // Six working weeks: Friday 2026-02-13 17:00.
        #expect(utc.adding(businessSeconds: 30 * 8 * hourSeconds, to: mondayNine) == utcInstant(2026, 2, 13, 17, 0))
        let withHolidays = officeHours(
            "UTC", holidays: [holiday("2026-01-06"), holiday("2026-02-14"), holiday("2026-02-16")])
        // Tuesday 01-06 pushes the end from Friday 02-13 past Saturday's holiday
        // (which changes nothing) to Monday 02-16, a holiday too: Tuesday.
        #expect(
            withHolidays.adding(businessSeconds: 30 * 8 * hourSeconds, to: mondayNine) == utcInstant(2026, 2, 17, 17, 0)
        )
        #expect(
            withHolidays.businessSeconds(from: mondayNine, to: utcInstant(2026, 2, 17, 17, 0)) == 30 * 8 * hourSeconds)
    }

    @Test func aYearOfBusinessTimeStepsByRangesNotMinutes() {
        // 1,095 working days, over four calendar years: per-minute stepping
        // would take half a million steps; per range it takes about 1,500 days.
        let utc = officeHours("UTC")
        let clock = ContinuousClock()
        var due: Date?
        let elapsed = clock.measure {
            due = utc.adding(businessSeconds: 365 * 24 * hourSeconds, to: utcInstant(2026, 1, 5, 9, 0))
        }
        #expect(due == utcInstant(2030, 3, 15, 17, 0))
        #expect(elapsed < .seconds(5))
    }

    @Test func businessTimeIsRealTimeAcrossDST() {
        let berlin = officeHours("Europe/Berlin")
        // Friday 2026-03-27 16:00 CET (15:00 UTC) plus 8 hours: Monday 16:00 CEST (14:00 UTC).
        #expect(
            berlin.adding(businessSeconds: 8 * hourSeconds, to: utcInstant(2026, 3, 27, 15))
                == utcInstant(2026, 3, 30, 14))
        // Friday 2026-10-23 16:00 CEST (14:00 UTC) plus 8 hours: Monday 16:00 CET (15:00 UTC).
        #expect(
            berlin.adding(businessSeconds: 8 * hourSeconds, to: utcInstant(2026, 10, 23, 14))
                == utcInstant(2026, 10, 26, 15))
        let newYork = officeHours("America/New_York")
        // Friday 2026-03-06 16:00 EST (21:00 UTC) plus 8 hours: Monday 16:00 EDT (20:00 UTC).
        #expect(
            newYork.adding(businessSeconds: 8 * hourSeconds, to: utcInstant(2026, 3, 6, 21))
                == utcInstant(2026, 3, 9, 20))
        // Around the clock, the week of the spring change is an hour short and the autumn one an hour long.
        let always = BusinessCalendar.alwaysOpen(timeZone: "Europe/Berlin")
        let springWeek = always.businessSeconds(from: utcInstant(2026, 3, 22, 23), to: utcInstant(2026, 3, 29, 22))
        #expect(springWeek == 7 * daySeconds - hourSeconds)
        #expect(
            always.businessSeconds(from: utcInstant(2026, 10, 18, 22), to: utcInstant(2026, 10, 25, 23)) == 7
                * daySeconds + hourSeconds)
    }

    @Test func fractionalSecondsAreKept() {
        let utc = officeHours("UTC")
        let start = utcInstant(2026, 6, 17, 16, 59) + 0.25
        #expect(utc.businessSeconds(from: start, to: utcInstant(2026, 6, 18, 9, 0, 30)) == 60 - 0.25 + 30)
        #expect(utc.adding(businessSeconds: 60, to: start) == utcInstant(2026, 6, 18, 9, 0) + 0.25)
        #expect(utc.adding(businessSeconds: .infinity, to: start) == nil)
    }

    // MARK: Properties

    @Test func addingTheBusinessTimeOfAnIntervalLandsInsideIt() {
        var random = SeededGenerator(seed: 2026)
        for _ in 0..<300 {
            let calendar = randomCalendar(&random)
            let a = randomInstant(&random)
            let b = a + TimeInterval(Int.random(in: 0...(20 * 86_400), using: &random))
            let seconds = calendar.businessSeconds(from: a, to: b)
            #expect(seconds >= 0 && seconds <= b.timeIntervalSince(a))
            guard let end = calendar.adding(businessSeconds: seconds, to: a) else {
                Issue.record("no end for \(seconds) s from \(a) in \(calendar)")
                continue
            }
            #expect(end <= b, "\(calendar)")
            #expect(calendar.businessSeconds(from: a, to: end) == seconds)
            #expect(calendar.businessSeconds(from: end, to: b) == 0, "nothing open is left between the end and b")
            let middle = a + TimeInterval(Int.random(in: 0...Int(b.timeIntervalSince(a)), using: &random))
            #expect(
                calendar.businessSeconds(from: a, to: middle) + calendar.businessSeconds(from: middle, to: b) == seconds
            )
        }
    }

    @Test func addedTimeEndsInsideAnOpenStretch() {
        var random = SeededGenerator(seed: 15)
        for _ in 0..<300 {
            let calendar = randomCalendar(&random)
            let start = randomInstant(&random)
            let seconds = TimeInterval(Int.random(in: 1...(40 * 3600), using: &random))
            guard let end = calendar.adding(businessSeconds: seconds, to: start) else {
                #expect(calendar.weekly.isEmpty, "only a calendar without ranges never gets there")
                continue
            }
            #expect(!calendar.weekly.isEmpty)
            #expect(calendar.businessSeconds(from: start, to: end) == seconds)
            #expect(calendar.isOpen(at: end - 1), "the last second counted was open")
        }
    }

    @Test func isOpenAgreesWithTheWallClockAwayFromDSTChanges() {
        var random = SeededGenerator(seed: 9)
        var compared = 0
        for _ in 0..<150 {
            let calendar = randomCalendar(&random)
            let zone = TimeZone(identifier: calendar.timeZone)!
            for _ in 0..<40 {
                let instant = randomInstant(&random)
                let offsets = [-3, 3].map { zone.secondsFromGMT(for: instant + TimeInterval($0) * hourSeconds) }
                guard offsets[0] == offsets[1] else { continue }
                compared += 1
                #expect(
                    calendar.isOpen(at: instant) == wallClockSaysOpen(calendar, at: instant),
                    "\(instant) in \(calendar)")
                #expect(calendar.isOpen(at: instant) == (calendar.businessSeconds(from: instant, to: instant + 1) == 1))
            }
        }
        #expect(compared > 5_000)
    }

    @Test func nothingChangesBeforeTheNextChange() {
        var random = SeededGenerator(seed: 29)
        for _ in 0..<300 {
            let calendar = randomCalendar(&random)
            let instant = randomInstant(&random)
            guard let next = calendar.nextChange(after: instant) else {
                // Never open again, or open for good.
                let month = 30 * daySeconds
                let ahead = calendar.businessSeconds(from: instant, to: instant + month)
                #expect(ahead == (calendar.weekly.isEmpty ? 0 : month), "\(instant) in \(calendar)")
                continue
            }
            #expect(next > instant)
            let open = calendar.isOpen(at: instant)
            let counted = calendar.businessSeconds(from: instant, to: next)
            #expect(counted == (open ? next.timeIntervalSince(instant) : 0), "\(instant) → \(next) in \(calendar)")
            #expect(calendar.isOpen(at: next) != open, "\(next) in \(calendar)")
        }
    }
}
