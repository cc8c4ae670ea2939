import Foundation
import Testing

@testable import HelpDeskCore

/// What is kept of a ticket's clocks between changes, and the warnings and breaches it owes its
/// timeline: each once, at the moment it comes, and none while the clock is paused.
@Suite("SLATracking")
struct SLATrackingTests {
    // Monday 2026-11-30 09:00 UTC; office hours Monday–Friday 09:00–17:00 UTC.
    static let monday = Timestamp(utcInstant(2026, 11, 30, 9, 0))
    static let calendar = officeHours("UTC")
    static let policy = SLAPolicy(
        warningMinutes: 30, targets: [.normal: SLATarget(firstResponseMinutes: 120, resolutionMinutes: 600)])

    static func ticket(_ status: TicketStatus = .open, priority: Priority = .normal, resolvedAt: Timestamp? = nil)
        -> Ticket
    {
        Ticket(
            id: 1, teamID: "tm_1", number: 10001, conversationID: "cv_1", status: status, priority: priority,
            subject: "Late order", requester: Requester(name: "Ana"), assignee: nil, agent: nil, channel: .web,
            createdAt: monday, lastActivityAt: monday, resolvedAt: resolvedAt)
    }

    /// An instant on Monday 2026-11-30, UTC.
    static func at(_ hour: Int, _ minute: Int = 0) -> Timestamp {
        Timestamp(utcInstant(2026, 11, 30, hour, minute))
    }

    static func track(
        _ ticket: Ticket = ticket(), facts: SLAFacts = SLAFacts(), at now: Timestamp,
        announced: SLAAnnouncements = []
    ) -> (tracked: SLATracked, events: [TicketEvent]) {
        SLATracking.track(ticket, facts: facts, policy: policy, calendar: calendar, now: now, announced: announced)
    }

    @Test func aNewTicketIsDueAtItsFirstResponseAndCheckedWhenItsWarningComes() {
        let (tracked, events) = Self.track(at: Self.at(9, 1))
        #expect(tracked.dueAt == Self.at(11))
        #expect(!tracked.breached && events.isEmpty)
        // 30 minutes of open time before 11:00.
        #expect(tracked.nextCheckAt == Self.at(10, 30))
        #expect(!tracked.isBreached(at: Self.at(11)) && tracked.isBreached(at: Self.at(11, 1)))
    }

    @Test func theWarningIsAnnouncedOnceThenTheBreach() {
        let warned = Self.track(at: Self.at(10, 31))
        #expect(
            warned.events == [
                TicketEvent(kind: .slaWarning, to: "firstResponse", detail: "2026-11-30T11:00:00.000000Z")
            ])
        #expect(warned.tracked.announced == [.firstResponseWarning])
        // Next: the breach, just after the due time.
        #expect(warned.tracked.nextCheckAt == Timestamp(microseconds: Self.at(11).microseconds + 1))

        let again = Self.track(at: Self.at(10, 45), announced: warned.tracked.announced)
        #expect(again.events.isEmpty)

        let breached = Self.track(at: Self.at(11, 1), announced: warned.tracked.announced)
        #expect(
            breached.events == [
                TicketEvent(kind: .slaBreached, to: "firstResponse", detail: "2026-11-30T11:00:00.000000Z")
            ])
        #expect(breached.tracked.breached)
        #expect(breached.tracked.announced == [.firstResponseWarning, .firstResponseBreach])
        // Still running, the first response stays the earliest due; next, the resolution clock's
        // warning: 10 hours are Monday's 8 and Tuesday's first 2, so due Tuesday 11:00, warning 10:30.
        #expect(breached.tracked.dueAt == Self.at(11))
        #expect(breached.tracked.nextCheckAt == Timestamp(utcInstant(2026, 12, 1, 10, 30)))
        #expect(Self.track(at: Self.at(11, 2), announced: breached.tracked.announced).events.isEmpty)
    }

    @Test func aSweepThatCameLateStillAnnouncesTheBreachWithoutTheWarning() {
        let late = Self.track(at: Self.at(12))
        #expect(late.events.map(\.kind) == [.slaBreached])
        #expect(late.tracked.announced.contains(.firstResponseWarning))
    }

    @Test func anAnswerAfterTheDueTimeIsABreachAnnouncedOnce() {
        let facts = SLAFacts(firstResponseAt: Self.at(11, 30))
        let answered = Self.track(facts: facts, at: Self.at(11, 31), announced: [.firstResponseWarning])
        #expect(answered.events.map(\.kind) == [.slaBreached])
        #expect(answered.tracked.breached)
        // Only the resolution clock runs now: due Tuesday 11:00 (8 hours on Monday, 2 on Tuesday).
        #expect(answered.tracked.dueAt == Timestamp(utcInstant(2026, 12, 1, 11, 0)))
        #expect(Self.track(facts: facts, at: Self.at(11, 32), announced: answered.tracked.announced).events.isEmpty)
    }

    @Test func aPausedTicketHasNothingDueAndNothingToCheck() {
        let facts = SLAFacts(statusChanges: [.init(at: Self.at(9, 30), status: .pending)])
        let paused = Self.track(Self.ticket(.pending), facts: facts, at: Self.at(15))
        #expect(paused.tracked.dueAt == nil && paused.tracked.nextCheckAt == nil)
        #expect(paused.events.isEmpty && !paused.tracked.breached)
    }

    @Test func aClockBackWithinItsTargetMayWarnAndBreachAgain() {
        // The breach was announced under a tighter target; the policy's target is further away now.
        let relaxed = Self.track(at: Self.at(9, 10), announced: [.firstResponseWarning, .firstResponseBreach])
        #expect(relaxed.tracked.announced.isEmpty)
        #expect(relaxed.events.isEmpty)
        #expect(relaxed.tracked.nextCheckAt == Self.at(10, 30))
    }

    @Test func resolvedTicketsAndPrioritiesWithoutTargetsAreNotTracked() {
        let resolved = Self.track(Self.ticket(.resolved, resolvedAt: Self.at(10)), at: Self.at(12))
        #expect(resolved.tracked == SLATracked(dueAt: nil, breached: false, nextCheckAt: nil, announced: []))
        let low = Self.track(Self.ticket(priority: .low), at: Self.at(12))
        #expect(low.tracked.dueAt == nil && low.events.isEmpty)
    }
}
