import Foundation

/// Which of a ticket's SLA warnings and breaches have been written to its
/// timeline, so each is announced once.
public struct SLAAnnouncements: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let firstResponseWarning = SLAAnnouncements(rawValue: 1)
    public static let firstResponseBreach = SLAAnnouncements(rawValue: 2)
    public static let resolutionWarning = SLAAnnouncements(rawValue: 4)
    public static let resolutionBreach = SLAAnnouncements(rawValue: 8)
}

/// The two SLA clocks, as timeline events name them (`to` of `slaWarning` and `slaBreached`).
public enum SLAClockKind: String, Sendable, CaseIterable {
    case firstResponse, resolution

    var warning: SLAAnnouncements { self == .firstResponse ? .firstResponseWarning : .resolutionWarning }
    var breach: SLAAnnouncements { self == .firstResponse ? .firstResponseBreach : .resolutionBreach }
}

/// What a store keeps of a ticket's SLA clocks between changes, so that inbox
/// pages sort by due time and filter by breach along an index, and a sweeper
/// knows which tickets to look at when.
///
/// Every value is a function of the ticket's timeline, its team's policy and
/// calendar, and the moment it was computed, and none of them goes stale by
/// time alone: a running, unpaused clock's due time does not move while the
/// ticket stays as it is, and a breach once true stays true. A ticket is
/// computed again after every change that can move its clocks (its status,
/// priority, first operator reply, the team's policy or calendar): stores mark
/// it stale in the same transaction as the change.
public struct SLATracked: Sendable, Equatable {
    /// The earliest due time of a clock that runs and is not paused; nil when
    /// none does (no target, all stopped, or the ticket is pending or resolved).
    /// What `sort=due` orders by and `dueBefore` filters on.
    public var dueAt: Timestamp?
    /// Whether a clock had breached when this was computed. A ticket is
    /// breached now when this is true or `dueAt` has passed.
    public var breached: Bool
    /// When a warning or a breach not yet announced falls due; nil when none can
    /// without a change to the ticket.
    public var nextCheckAt: Timestamp?
    /// The warnings and breaches written to the timeline so far.
    public var announced: SLAAnnouncements

    public init(dueAt: Timestamp?, breached: Bool, nextCheckAt: Timestamp?, announced: SLAAnnouncements) {
        self.dueAt = dueAt
        self.breached = breached
        self.nextCheckAt = nextCheckAt
        self.announced = announced
    }

    /// Nothing to track: a ticket without targets, or resolved.
    public static let untracked = SLATracked(dueAt: nil, breached: false, nextCheckAt: nil, announced: [])

    /// Whether the ticket is breached at `now` (what `slaBreached` filters on).
    public func isBreached(at now: Timestamp) -> Bool {
        breached || dueAt.map { $0 < now } ?? false
    }
}

/// Computes a ticket's tracked SLA state and the timeline events it owes.
public enum SLATracking {
    /// How soon a ticket is looked at again when its warning time, as computed,
    /// has come but the clock does not warn yet (an instant at the edge of an
    /// opening range): never sooner, so a sweeper cannot spin on one ticket.
    public static let recheckDelay: TimeInterval = 60

    /// The ticket's tracked state at `now`, given what was `announced` before,
    /// and the events to write now: `slaWarning` when a running clock enters
    /// its warning time, `slaBreached` when a clock misses its target (running
    /// or stopped late), each once per clock, with the clock's name in `to`
    /// and its due time in `detail`. A clock back within its target (a
    /// priority or policy change) may warn and breach again.
    public static func track(
        _ ticket: Ticket, facts: SLAFacts, policy: SLAPolicy, calendar: BusinessCalendar, now: Timestamp,
        announced: SLAAnnouncements
    ) -> (tracked: SLATracked, events: [TicketEvent]) {
        guard ticket.status.rank < 2, let target = policy.targets[ticket.priority] else {
            return (SLATracked(dueAt: nil, breached: false, nextCheckAt: nil, announced: announced), [])
        }
        let pauses = SLAClock.pauses(statusChanges: facts.statusChanges.map { (at: $0.at.date, status: $0.status) })
        let firstResponseStop = [facts.firstResponseAt?.date, ticket.resolvedAt?.date].compactMap { $0 }.min()
        let clocks: [(SLAClockKind, Int?, Date?)] = [
            (.firstResponse, target.firstResponseMinutes, firstResponseStop),
            (.resolution, target.resolutionMinutes, ticket.resolvedAt?.date),
        ]
        var tracked = SLATracked(dueAt: nil, breached: false, nextCheckAt: nil, announced: announced)
        var events: [TicketEvent] = []
        func deadline(_ minutes: Int, stoppedAt: Date?) -> SLADeadline {
            SLAClock.deadline(
                minutes: minutes, calendar: calendar, startedAt: ticket.createdAt.date, stoppedAt: stoppedAt,
                pauses: pauses, warningMinutes: policy.warningMinutes, now: now.date)
        }
        for (kind, minutes, stoppedAt) in clocks {
            guard let minutes else { continue }
            let clock = deadline(minutes, stoppedAt: stoppedAt)
            let due = clock.dueAt.map(Timestamp.init)
            if clock.breached {
                tracked.breached = true
                if !tracked.announced.contains(kind.breach) {
                    events.append(
                        TicketEvent(kind: .slaBreached, to: kind.rawValue, detail: due?.rfc3339))
                    tracked.announced.formUnion([kind.breach, kind.warning])
                }
            } else if clock.isRunning, !clock.paused {
                tracked.announced.remove(kind.breach)
                if clock.warning {
                    if !tracked.announced.contains(kind.warning) {
                        events.append(TicketEvent(kind: .slaWarning, to: kind.rawValue, detail: due?.rfc3339))
                        tracked.announced.insert(kind.warning)
                    }
                } else {
                    tracked.announced.remove(kind.warning)
                }
            }
            guard clock.isRunning, !clock.paused, let due else { continue }
            tracked.dueAt = min(tracked.dueAt ?? due, due)
            // The next moment this clock owes an event: its breach, and before it its warning.
            var check = Timestamp(microseconds: due.microseconds + 1)
            if clock.breached {
                continue
            } else if !tracked.announced.contains(kind.warning), policy.warningMinutes > 0,
                minutes > policy.warningMinutes,
                let warnsAt = deadline(minutes - policy.warningMinutes, stoppedAt: nil).dueAt.map(Timestamp.init)
            {
                check =
                    warnsAt > now
                    ? warnsAt : Timestamp(microseconds: now.microseconds + Int64(recheckDelay * 1_000_000))
            }
            tracked.nextCheckAt = min(tracked.nextCheckAt ?? check, check)
        }
        return (tracked, events)
    }
}
