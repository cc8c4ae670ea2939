import Foundation

/// A stretch during which a ticket's SLA clocks do not run because the ticket
/// is not waiting on the team (it is pending on the customer, or resolved).
public struct SLAPause: Sendable, Equatable {
    /// When the ticket stopped waiting on the team.
    public var start: Date
    /// When it started waiting again; `nil` while the pause goes on.
    public var end: Date?

    /// Creates a pause.
    public init(start: Date, end: Date? = nil) {
        self.start = start
        self.end = end
    }
}

/// Where one SLA clock (first response or resolution) stands.
public struct SLADeadline: Sendable, Equatable {
    /// When the target is due; `nil` when the calendar never opens, so it never
    /// falls due. While the clock is paused this is the due time should the
    /// pause end now, so it moves later for as long as the pause lasts.
    public var dueAt: Date?
    /// When the clock stopped (the target was met, late or not); `nil` while it runs.
    public var stoppedAt: Date?
    /// Whether the target was missed: the clock stopped after `dueAt`, or is
    /// still running and `now` is after `dueAt`.
    public var breached: Bool
    /// Whether a running, unpaused clock that has not breached has at most the
    /// policy's warning minutes of open time left.
    public var warning: Bool
    /// Whether the clock runs but is paused now.
    public var paused: Bool

    /// Creates a deadline.
    public init(dueAt: Date?, stoppedAt: Date?, breached: Bool, warning: Bool, paused: Bool) {
        self.dueAt = dueAt
        self.stoppedAt = stoppedAt
        self.breached = breached
        self.warning = warning
        self.paused = paused
    }

    /// Whether the clock still runs (paused or not).
    public var isRunning: Bool { stoppedAt == nil }
}

/// Where a ticket stands against its SLA targets: one deadline per target its
/// priority has, `nil` for a target it does not have.
public struct SLAStatus: Sendable, Equatable {
    /// The first-response clock.
    public var firstResponse: SLADeadline?
    /// The resolution clock.
    public var resolution: SLADeadline?

    /// Creates a status.
    public init(firstResponse: SLADeadline?, resolution: SLADeadline?) {
        self.firstResponse = firstResponse
        self.resolution = resolution
    }

    /// No clocks: the ticket's priority has no target.
    public static let none = SLAStatus(firstResponse: nil, resolution: nil)

    /// When the first response is due, if that clock exists and can fall due.
    public var firstResponseDueAt: Date? { firstResponse?.dueAt }
    /// When resolution is due, if that clock exists and can fall due.
    public var resolutionDueAt: Date? { resolution?.dueAt }
    /// Whether either target was missed.
    public var breached: Bool { firstResponse?.breached == true || resolution?.breached == true }
    /// Whether either running clock is about to breach.
    public var warning: Bool { firstResponse?.warning == true || resolution?.warning == true }
    /// The earliest due time of a clock that still runs: what an inbox sorts
    /// by "due" and filters by "due before".
    public var nextDueAt: Date? {
        [firstResponse, resolution].compactMap { $0?.isRunning == true ? $0?.dueAt : nil }.min()
    }
}

/// The SLA clocks of a ticket, as pure functions of its facts.
///
/// A clock counts open calendar time (``BusinessCalendar``) from the ticket's
/// creation, leaving out pauses, until its target's minutes have elapsed: that
/// instant is the due time. The first-response clock stops at the first
/// operator reply, or at resolution if that comes first; the resolution clock
/// stops at resolution. Targets are those of the ticket's current priority.
public enum SLAClock {
    /// Where a ticket stands at `now`.
    ///
    /// - Parameters:
    ///   - createdAt: when the ticket was opened; both clocks start there.
    ///   - firstResponseAt: the first operator reply, if any.
    ///   - resolvedAt: when the ticket was resolved, if it is resolved now.
    ///   - pauses: when the clocks did not run, as ``pauses(statusChanges:)``
    ///     derives them; a pause still going on ends at `now` for the due time.
    public static func status(
        policy: SLAPolicy, calendar: BusinessCalendar, createdAt: Date, priority: Priority,
        firstResponseAt: Date?, resolvedAt: Date?, pauses: [SLAPause], now: Date
    ) -> SLAStatus {
        guard let target = policy.targets[priority] else { return .none }
        let firstResponseStop = [firstResponseAt, resolvedAt].compactMap { $0 }.min()
        func deadline(_ minutes: Int?, stoppedAt: Date?) -> SLADeadline? {
            minutes.map {
                Self.deadline(
                    minutes: $0, calendar: calendar, startedAt: createdAt, stoppedAt: stoppedAt, pauses: pauses,
                    warningMinutes: policy.warningMinutes, now: now)
            }
        }
        return SLAStatus(
            firstResponse: deadline(target.firstResponseMinutes, stoppedAt: firstResponseStop),
            resolution: deadline(target.resolutionMinutes, stoppedAt: resolvedAt))
    }

    /// Where one clock stands at `now`: `minutes` of open, unpaused time from
    /// `startedAt`, stopped at `stoppedAt` if set.
    ///
    /// Only the parts of pauses between `startedAt` and the stop (or `now`) count:
    /// a stopped clock keeps the due time it had when it stopped, and a pause
    /// still going on is taken to end at `now`, so a paused clock cannot breach
    /// unless it had already breached before the pause.
    public static func deadline(
        minutes: Int, calendar: BusinessCalendar, startedAt: Date, stoppedAt: Date?, pauses: [SLAPause],
        warningMinutes: Int, now: Date
    ) -> SLADeadline {
        let limit = stoppedAt ?? now
        let dueAt = due(
            after: TimeInterval(minutes) * 60, calendar: calendar, from: startedAt,
            pauses: merged(pauses, from: startedAt, to: limit))
        let paused =
            stoppedAt == nil && pauses.contains { $0.start <= now && ($0.end.map { $0 > now } ?? true) }
        let breached = dueAt.map { (stoppedAt ?? now) > $0 } ?? false
        var warning = false
        if let dueAt, stoppedAt == nil, !paused, !breached, warningMinutes > 0 {
            warning = calendar.businessSeconds(from: now, to: dueAt) <= TimeInterval(warningMinutes) * 60
        }
        return SLADeadline(dueAt: dueAt, stoppedAt: stoppedAt, breached: breached, warning: warning, paused: paused)
    }

    /// The pauses in a ticket's history of statuses: every stretch in which its
    /// status was not `open` (pending on the customer, or resolved and later
    /// reopened), the last one without an end if the ticket is not open now.
    ///
    /// `statusChanges` is each status the ticket took and when, in any order;
    /// changes at the same instant keep their given order. A ticket starts
    /// `open`, so a history that is empty or starts `open` starts unpaused.
    public static func pauses(statusChanges: [(at: Date, status: TicketStatus)]) -> [SLAPause] {
        let ordered = statusChanges.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        var result: [SLAPause] = []
        var pausedSince: Date?
        for (_, change) in ordered {
            if change.status != .open {
                if pausedSince == nil { pausedSince = change.at }
            } else if let start = pausedSince {
                result.append(SLAPause(start: start, end: change.at))
                pausedSince = nil
            }
        }
        if let pausedSince { result.append(SLAPause(start: pausedSince)) }
        return result
    }

    /// Pauses cut to `from ..< to`, sorted and joined where they overlap or touch.
    private static func merged(_ pauses: [SLAPause], from: Date, to: Date) -> [Range<Date>] {
        let clipped = pauses.compactMap { pause -> Range<Date>? in
            let start = max(pause.start, from)
            let end = min(pause.end ?? to, to)
            return end > start ? start..<end : nil
        }
        var result: [Range<Date>] = []
        for pause in clipped.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, pause.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, pause.upperBound)
            } else {
                result.append(pause)
            }
        }
        return result
    }

    /// The instant `seconds` of open time outside `pauses` (sorted, disjoint)
    /// have elapsed from `start`; `nil` when the calendar never opens.
    private static func due(
        after seconds: TimeInterval, calendar: BusinessCalendar, from start: Date, pauses: [Range<Date>]
    ) -> Date? {
        var remaining = seconds
        var cursor = start
        for pause in pauses {
            guard let candidate = calendar.adding(businessSeconds: remaining, to: cursor) else { return nil }
            if candidate <= pause.lowerBound { return candidate }
            remaining -= calendar.businessSeconds(from: cursor, to: pause.lowerBound)
            cursor = pause.upperBound
        }
        return calendar.adding(businessSeconds: remaining, to: cursor)
    }
}
