import Foundation
import Testing

@testable import HelpDeskCore

private let policy = SLAPolicy(
    warningMinutes: 30,
    targets: [
        .urgent: SLATarget(firstResponseMinutes: 60, resolutionMinutes: 480),
        .high: SLATarget(firstResponseMinutes: 240),
        .normal: SLATarget(resolutionMinutes: 2_400),
    ])

/// The status of a ticket under `policy`, with office hours in Berlin by default.
private func status(
    _ priority: Priority = .urgent, createdAt: Date, firstResponseAt: Date? = nil, resolvedAt: Date? = nil,
    pauses: [SLAPause] = [], calendar: BusinessCalendar = officeHours("Europe/Berlin"), now: Date
) -> SLAStatus {
    SLAClock.status(
        policy: policy, calendar: calendar, createdAt: createdAt, priority: priority,
        firstResponseAt: firstResponseAt, resolvedAt: resolvedAt, pauses: pauses, now: now)
}

@Suite("SLAClock")
struct SLAClockTests {
    // Friday 2026-06-19 16:30 in Berlin (UTC+2).
    private let fridayAfternoon = utcInstant(2026, 6, 19, 14, 30)
    // Monday 2026-06-22 09:30 local.
    private let mondayNineThirty = utcInstant(2026, 6, 22, 7, 30)

    // MARK: Weekend

    @Test func theClockStopsForTheWeekend() {
        let saturday = status(createdAt: fridayAfternoon, now: utcInstant(2026, 6, 20, 10, 0))
        #expect(saturday.firstResponseDueAt == mondayNineThirty)
        // Eight hours: half an hour on Friday, seven and a half on Monday.
        #expect(saturday.resolutionDueAt == utcInstant(2026, 6, 22, 14, 30))
        #expect(!saturday.breached)
        #expect(saturday.firstResponse?.isRunning == true)
        #expect(saturday.nextDueAt == mondayNineThirty)
    }

    @Test func aRunningClockBreachesAfterItsDueTime() {
        let atDue = status(createdAt: fridayAfternoon, now: mondayNineThirty)
        #expect(!atDue.breached)
        let late = status(createdAt: fridayAfternoon, now: mondayNineThirty + 1)
        #expect(late.firstResponse?.breached == true)
        #expect(late.resolution?.breached == false)
        #expect(late.breached)
    }

    @Test func anAnswerBeforeTheDueTimeMeetsTheTarget() {
        let answered = utcInstant(2026, 6, 22, 7, 20)
        let met = status(createdAt: fridayAfternoon, firstResponseAt: answered, now: utcInstant(2026, 6, 23, 12, 0))
        #expect(
            met.firstResponse
                == SLADeadline(
                    dueAt: mondayNineThirty, stoppedAt: answered, breached: false, warning: false, paused: false))
        // Resolution still runs, and was due Monday 16:30: breached by Tuesday.
        #expect(met.resolution?.breached == true)
        #expect(met.nextDueAt == utcInstant(2026, 6, 22, 14, 30))
        let lateAnswer = status(
            createdAt: fridayAfternoon, firstResponseAt: mondayNineThirty + 60, now: utcInstant(2026, 6, 22, 8, 0))
        #expect(lateAnswer.firstResponse?.breached == true)
        #expect(lateAnswer.firstResponse?.isRunning == false)
    }

    @Test func resolutionStopsBothClocks() {
        let resolvedEarly = utcInstant(2026, 6, 22, 7, 10)
        let early = status(createdAt: fridayAfternoon, resolvedAt: resolvedEarly, now: utcInstant(2026, 6, 30, 12, 0))
        #expect(early.firstResponse?.stoppedAt == resolvedEarly)
        #expect(early.resolution?.stoppedAt == resolvedEarly)
        #expect(!early.breached)
        #expect(early.nextDueAt == nil)
        let resolvedLate = utcInstant(2026, 6, 22, 8, 0)
        let late = status(createdAt: fridayAfternoon, resolvedAt: resolvedLate, now: utcInstant(2026, 6, 30, 12, 0))
        #expect(late.firstResponse?.breached == true)
        #expect(late.resolution?.breached == false)
    }

    @Test func warningsComeWithinTheWarningMinutesOfOpenTime() {
        // On Saturday only 30 open minutes remain before Monday 09:30: a warning.
        let saturday = status(createdAt: fridayAfternoon, now: utcInstant(2026, 6, 20, 10, 0))
        #expect(saturday.firstResponse?.warning == true)
        #expect(saturday.resolution?.warning == false)
        #expect(saturday.warning)
        // Created Monday 09:00: at 09:29 31 minutes remain, at 09:30 30 do.
        let monday = utcInstant(2026, 6, 22, 7, 0)
        #expect(status(createdAt: monday, now: monday + 29 * minuteSeconds).warning == false)
        #expect(status(createdAt: monday, now: monday + 30 * minuteSeconds).warning == true)
        // A breached clock no longer warns; nor does any clock with warnings off.
        #expect(status(createdAt: monday, now: monday + 61 * minuteSeconds).firstResponse?.warning == false)
        let quiet = SLAClock.deadline(
            minutes: 60, calendar: officeHours("UTC"), startedAt: monday, stoppedAt: nil, pauses: [], warningMinutes: 0,
            now: monday + 59 * minuteSeconds)
        #expect(!quiet.warning)
    }

    // MARK: Holidays and calendars

    @Test func aHolidayIsSkipped() {
        // Thursday 2026-12-24 16:00 in Berlin (UTC+1), two hours to answer.
        let christmasEve = utcInstant(2026, 12, 24, 15, 0)
        let twoHours = SLAPolicy(targets: [.high: SLATarget(firstResponseMinutes: 120)])
        func due(_ calendar: BusinessCalendar) -> Date? {
            SLAClock.status(
                policy: twoHours, calendar: calendar, createdAt: christmasEve, priority: .high, firstResponseAt: nil,
                resolvedAt: nil, pauses: [], now: christmasEve
            ).firstResponseDueAt
        }
        #expect(due(officeHours("Europe/Berlin")) == utcInstant(2026, 12, 25, 9, 0))
        #expect(due(officeHours("Europe/Berlin", holidays: [holiday("2026-12-25")])) == utcInstant(2026, 12, 28, 9, 0))
    }

    @Test func aCalendarThatNeverOpensNeverFallsDue() {
        let closed = BusinessCalendar(timeZone: "UTC", weekly: WeeklyHours())
        let never = status(createdAt: fridayAfternoon, calendar: closed, now: utcInstant(2027, 1, 1, 0))
        #expect(never.firstResponse != nil)
        #expect(never.firstResponseDueAt == nil)
        #expect(!never.breached)
        #expect(!never.warning)
    }

    @Test func aPriorityWithoutTargetsHasNoClocks() {
        #expect(status(.low, createdAt: fridayAfternoon, now: fridayAfternoon) == .none)
        #expect(
            SLAClock.status(
                policy: .standard, calendar: .standard, createdAt: fridayAfternoon, priority: .urgent,
                firstResponseAt: nil, resolvedAt: nil, pauses: [], now: fridayAfternoon) == .none)
        let high = status(.high, createdAt: fridayAfternoon, now: fridayAfternoon)
        #expect(high.firstResponse != nil)
        #expect(high.resolution == nil)
        #expect(high.resolutionDueAt == nil)
        let normal = status(.normal, createdAt: fridayAfternoon, now: fridayAfternoon)
        #expect(normal.firstResponse == nil)
        // 40 hours: Friday's half hour, then four days of eight and Friday's 07:30.
        #expect(normal.resolutionDueAt == utcInstant(2026, 6, 26, 14, 30))
    }

    // MARK: DST

    @Test(arguments: [
        // Friday 16:00 CET → Monday 16:00 CEST (71 real hours later).
        ("Europe/Berlin", utcInstant(2026, 3, 27, 15), utcInstant(2026, 3, 30, 14)),
        // Friday 16:00 CEST → Monday 16:00 CET (73 real hours later).
        ("Europe/Berlin", utcInstant(2026, 10, 23, 14), utcInstant(2026, 10, 26, 15)),
        // Friday 16:00 EST → Monday 16:00 EDT.
        ("America/New_York", utcInstant(2026, 3, 6, 21), utcInstant(2026, 3, 9, 20)),
        // Friday 16:00 EDT → Monday 16:00 EST.
        ("America/New_York", utcInstant(2026, 10, 30, 20), utcInstant(2026, 11, 2, 21)),
    ])
    func eightBusinessHoursSpanAWeekendWithADSTChange(zone: String, created: Date, due: Date) {
        let result = status(createdAt: created, calendar: officeHours(zone), now: created)
        #expect(result.resolutionDueAt == due)
    }

    @Test func aroundTheClockADayIsTwentyFourRealHoursAcrossTheChange() {
        let always = BusinessCalendar.alwaysOpen(timeZone: "Europe/Berlin")
        let daily = SLAPolicy(targets: [.normal: SLATarget(resolutionMinutes: 24 * 60)])
        let saturdayNoon = utcInstant(2026, 3, 28, 11)  // 12:00 CET
        let result = SLAClock.status(
            policy: daily, calendar: always, createdAt: saturdayNoon, priority: .normal, firstResponseAt: nil,
            resolvedAt: nil, pauses: [], now: saturdayNoon)
        // 13:00 CEST on Sunday: 24 real hours, though the wall clock moved 25.
        #expect(result.resolutionDueAt == utcInstant(2026, 3, 29, 11))
    }

    // MARK: Pauses

    // Monday 2026-06-22 09:00 in Berlin; high priority has four hours to a first response.
    private let mondayNine = utcInstant(2026, 6, 22, 7, 0)

    @Test func aPendingPauseMovesTheDueTime() {
        let pending = SLAPause(start: mondayNine + hourSeconds, end: mondayNine + 5 * hourSeconds)  // 10:00–14:00
        let result = status(.high, createdAt: mondayNine, pauses: [pending], now: mondayNine + 6 * hourSeconds)
        // One hour before the pause, three after it: 17:00 local.
        #expect(result.firstResponseDueAt == mondayNine + 8 * hourSeconds)
        #expect(result.firstResponse?.paused == false)
        #expect(!result.breached)
        #expect(status(.high, createdAt: mondayNine, pauses: [pending], now: mondayNine + 8 * hourSeconds + 1).breached)
        #expect(status(.high, createdAt: mondayNine, now: mondayNine + 4 * hourSeconds + 1).breached)
    }

    @Test func whilePendingTheDueTimeIsAsIfThePauseEndedNow() {
        let pending = SLAPause(start: mondayNine + hourSeconds)  // since 10:00, still going
        let noon = status(.high, createdAt: mondayNine, pauses: [pending], now: mondayNine + 3 * hourSeconds)
        #expect(noon.firstResponseDueAt == mondayNine + 6 * hourSeconds)  // 12:00 + 3 h
        #expect(noon.firstResponse?.paused == true)
        #expect(!noon.breached)
        // Still pending the next morning: never breached, the due time keeps moving.
        let tuesday = status(.high, createdAt: mondayNine, pauses: [pending], now: mondayNine + 25 * hourSeconds)
        #expect(tuesday.firstResponseDueAt == mondayNine + 28 * hourSeconds)
        #expect(!tuesday.breached)
        // Even with a minute of open time left, a paused clock does not warn.
        let nearlyDue = SLAPause(start: mondayNine + 4 * hourSeconds - 60)
        let paused = status(.high, createdAt: mondayNine, pauses: [nearlyDue], now: mondayNine + 5 * hourSeconds)
        #expect(paused.firstResponse?.warning == false)
        #expect(status(.high, createdAt: mondayNine, now: mondayNine + 4 * hourSeconds - 60).warning)
    }

    @Test func aPauseAfterTheDueTimeDoesNotUndoABreach() {
        let latePause = SLAPause(start: mondayNine + 5 * hourSeconds)
        let result = status(.high, createdAt: mondayNine, pauses: [latePause], now: mondayNine + 6 * hourSeconds)
        #expect(result.firstResponseDueAt == mondayNine + 4 * hourSeconds)
        #expect(result.breached)
        #expect(result.firstResponse?.paused == true)
    }

    @Test func pausesAfterTheClockStoppedDoNotMoveItsDueTime() {
        let answered = mondayNine + 2 * hourSeconds
        let later = SLAPause(start: mondayNine + 3 * hourSeconds, end: mondayNine + 20 * hourSeconds)
        let result = status(
            .high, createdAt: mondayNine, firstResponseAt: answered, pauses: [later], now: mondayNine + 30 * hourSeconds
        )
        #expect(result.firstResponseDueAt == mondayNine + 4 * hourSeconds)
        #expect(result.firstResponse?.paused == false)
    }

    @Test func overlappingPausesCountOnce() {
        let pauses = [
            SLAPause(start: mondayNine + 2 * hourSeconds, end: mondayNine + 3 * hourSeconds),
            SLAPause(start: mondayNine + hourSeconds, end: mondayNine + 2.5 * hourSeconds),
            SLAPause(start: mondayNine - hourSeconds, end: mondayNine + 0.5 * hourSeconds),
        ]
        let result = status(.high, createdAt: mondayNine, pauses: pauses, now: mondayNine + 4 * hourSeconds)
        // Paused 09:00–09:30 and 10:00–12:00: four hours of clock end at 15:30.
        #expect(result.firstResponseDueAt == mondayNine + 6.5 * hourSeconds)
    }

    @Test func pausesComeFromTheStatusHistory() {
        let t = { (hours: Double) in mondayNine + hours * hourSeconds }
        #expect(SLAClock.pauses(statusChanges: []) == [])
        #expect(SLAClock.pauses(statusChanges: [(t(0), .open)]) == [])
        // Given out of order, with a repeated status.
        let history: [(at: Date, status: TicketStatus)] = [
            (t(5), .open), (t(1), .pending), (t(0), .open), (t(2), .pending), (t(7), .resolved), (t(9), .open),
            (t(10), .pending),
        ]
        #expect(
            SLAClock.pauses(statusChanges: history) == [
                SLAPause(start: t(1), end: t(5)), SLAPause(start: t(7), end: t(9)), SLAPause(start: t(10)),
            ])
        // At one instant, the given order decides.
        #expect(
            SLAClock.pauses(statusChanges: [(t(1), .pending), (t(1), .open)]) == [SLAPause(start: t(1), end: t(1))])
        #expect(SLAClock.pauses(statusChanges: [(t(1), .open), (t(1), .pending)]) == [SLAPause(start: t(1))])
    }

    @Test func aReopenedTicketDoesNotCountTheTimeItSatResolved() {
        // Resolved 10:00, reopened 13:00, still open at 14:00: resolution (8 h) runs again.
        let history: [(at: Date, status: TicketStatus)] = [
            (mondayNine, .open), (mondayNine + hourSeconds, .resolved), (mondayNine + 4 * hourSeconds, .open),
        ]
        let result = status(
            createdAt: mondayNine, firstResponseAt: mondayNine + 0.5 * hourSeconds,
            pauses: SLAClock.pauses(statusChanges: history), now: mondayNine + 5 * hourSeconds)
        // One hour before, seven after 13:00: Tuesday 12:00 (17:00 closes Monday after four).
        #expect(result.resolutionDueAt == utcInstant(2026, 6, 23, 10, 0))
        #expect(result.resolution?.isRunning == true)
    }
}

@Suite("SLAPolicy")
struct SLAPolicyTests {
    @Test func aTypicalPolicyIsValid() {
        #expect(policy.validationErrors() == [])
        #expect(SLAPolicy.standard.validationErrors() == [])
        #expect(SLAPolicy.standard.targets.isEmpty)
    }

    @Test func outOfRangeMinutesNameTheirField() {
        let bad = SLAPolicy(
            warningMinutes: -1,
            targets: [
                .low: SLATarget(firstResponseMinutes: 0, resolutionMinutes: 525_601),
                .urgent: SLATarget(firstResponseMinutes: -5, resolutionMinutes: 525_600),
            ])
        #expect(
            bad.validationErrors().map(\.field) == [
                "sla.warningMinutes", "sla.targets.low.firstResponseMinutes", "sla.targets.low.resolutionMinutes",
                "sla.targets.urgent.firstResponseMinutes",
            ])
        #expect(SLAPolicy(warningMinutes: 525_601).validationErrors().map(\.field) == ["sla.warningMinutes"])
        #expect(SLAPolicy(warningMinutes: 0).validationErrors() == [])
    }

    @Test func decodesAndEncodesTheSettingsShape() throws {
        let json = #"""
            {"warningMinutes": 30, "targets": {"urgent": {"firstResponseMinutes": 60, "resolutionMinutes": 480},
             "high": {"firstResponseMinutes": 240}, "normal": {"resolutionMinutes": 2400}}}
            """#
        let decoded = try JSONDecoder().decode(SLAPolicy.self, from: Data(json.utf8))
        #expect(decoded == policy)
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(decoded)) as? [String: Any])
        #expect(Set(object.keys) == ["warningMinutes", "targets"])
        #expect(object["warningMinutes"] as? Int == 30)
        let targets = try #require(object["targets"] as? [String: [String: Int]])
        #expect(
            targets == [
                "urgent": ["firstResponseMinutes": 60, "resolutionMinutes": 480], "high": ["firstResponseMinutes": 240],
                "normal": ["resolutionMinutes": 2400],
            ])
    }

    @Test func leftOutFieldsTakeTheirDefaults() throws {
        let empty = try JSONDecoder().decode(SLAPolicy.self, from: Data("{}".utf8))
        #expect(empty == .standard)
        #expect(empty.warningMinutes == 30)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(empty)) as? [String: Any]
        #expect((object?["targets"] as? [String: Any])?.isEmpty == true)
    }

    @Test(arguments: [
        #"{"targets": {"critical": {"firstResponseMinutes": 5}}}"#,
        #"{"targets": {"low": null}}"#,
        #"{"targets": {"low": {"firstResponseMinutes": null}}}"#,
        #"{"targets": {"low": {"firstResponseMinutes": 1.5}}}"#,
        #"{"targets": null}"#,
        #"{"warningMinutes": null}"#,
        #"{"warningMinutes": "30"}"#,
    ])
    func rejectsMalformedPolicies(json: String) {
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(SLAPolicy.self, from: Data(json.utf8))
        }
    }
}
