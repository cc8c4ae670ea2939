import Foundation

/// Which instants a calendar is open, and how much open ("business") time lies
/// between instants.
///
/// Every answer comes from one sequence of open intervals (``OpenIntervals``),
/// so `isOpen`, `nextChange`, `businessSeconds` and `adding` always agree.
///
/// Each range is a pair of wall-clock times on a local date, and it lasts the
/// real time elapsed between the instants those wall times name: 09:00–17:00 is
/// eight hours on any day, while 01:00–04:00 is two hours on the day clocks go
/// forward and four on the day they go back. A wall time skipped by a DST change
/// names the first instant after the gap; a repeated one names its first
/// occurrence. A holiday closes its local date from midnight to midnight: the
/// morning part of a range that began the evening before is closed, and the part
/// of a range that begins on the holiday and runs past midnight into an ordinary
/// day is open.
extension BusinessCalendar {
    /// Whether the team is open at `instant`.
    public func isOpen(at instant: Date) -> Bool {
        var intervals = openIntervals(from: instant)
        while let interval = intervals.next() {
            if interval.upperBound > instant { return interval.lowerBound <= instant }
        }
        return false
    }

    /// The first instant after `instant` at which ``isOpen(at:)`` answers
    /// differently, or `nil` when it never will (always open from here on, or
    /// never open again).
    ///
    /// Live widgets sleep until then instead of asking the clock every few
    /// seconds. Ranges that touch, such as Monday's 00:00–24:00 and Tuesday's
    /// 00:00–24:00, make one open stretch without a change between them.
    public func nextChange(after instant: Date) -> Date? {
        var intervals = openIntervals(from: instant)
        var current: Range<Date>?
        while let interval = intervals.next() {
            if interval.upperBound > instant {
                current = interval
                break
            }
        }
        guard let current else { return nil }
        if current.lowerBound > instant { return current.lowerBound }
        // Open now: follow touching intervals to the end of this stretch. Open
        // without a break for a week past the last holiday means open for good.
        let clock = ZoneClock(timeZone)
        let lastHoliday = holidays.map(\.date.daysSince1970).max() ?? .min
        let horizon = max(clock.localDay(of: instant), lastHoliday) + 8
        var end = current.upperBound
        while let interval = intervals.next(), interval.lowerBound <= end {
            end = max(end, interval.upperBound)
            if clock.localDay(of: end) > horizon { return nil }
        }
        return end
    }

    /// The open time between `start` and `end`, in seconds; 0 when `end` is not
    /// after `start`.
    public func businessSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var intervals = openIntervals(from: start)
        while let interval = intervals.next(), interval.lowerBound < end {
            let overlap = min(interval.upperBound, end).timeIntervalSince(max(interval.lowerBound, start))
            if overlap > 0 { total += overlap }
        }
        return total
    }

    /// The instant at which `seconds` of open time have elapsed since `start`,
    /// or `nil` when they never will (the calendar has no ranges, or `seconds`
    /// is not finite).
    ///
    /// The answer is always inside or at the end of an open interval: when the
    /// time runs out exactly as a range closes, it is that closing instant.
    /// `seconds` of 0 or less gives `start` itself. The work grows with the days
    /// spanned, not the minutes: each day costs one step per range.
    public func adding(businessSeconds seconds: TimeInterval, to start: Date) -> Date? {
        guard seconds.isFinite else { return nil }
        guard seconds > 0 else { return start }
        var remaining = seconds
        var intervals = openIntervals(from: start)
        while let interval = intervals.next() {
            let from = max(interval.lowerBound, start)
            guard interval.upperBound > from else { continue }
            let available = interval.upperBound.timeIntervalSince(from)
            if available >= remaining { return from.addingTimeInterval(remaining) }
            remaining -= available
        }
        return nil
    }

    /// The open intervals in time order, starting with any that contains
    /// `instant` (earlier ones may come first; callers skip them).
    func openIntervals(from instant: Date) -> OpenIntervals {
        OpenIntervals(self, fromDay: ZoneClock(timeZone).localDay(of: instant) - 1)
    }
}

/// The open intervals of a calendar from a local day on, in time order, as
/// instants: a lazy sequence that computes one local day at a time.
///
/// Intervals never overlap (a range that overlaps an earlier one, which
/// validation rejects, is cut to start where the earlier one ends) but may touch.
/// The sequence ends only when the calendar has no ranges, or after more closed
/// days in a row than holidays and two weeks could explain.
struct OpenIntervals: IteratorProtocol {
    private let clock: ZoneClock
    /// Start and end minutes of each weekday's ranges, Monday first, sorted by start.
    private let ranges: [[(start: Int, end: Int)]]
    private let holidays: Set<Int>
    private let closedDaysLimit: Int
    private var day: Int
    private var lastEnd = Date.distantPast
    private var closedDays = 0
    /// The rest of the current day's intervals, last first.
    private var pending: [Range<Date>] = []

    init(_ calendar: BusinessCalendar, fromDay day: Int) {
        clock = ZoneClock(calendar.timeZone)
        ranges = Weekday.allCases.map { weekday in
            calendar.weekly[weekday].map { ($0.startMinute, $0.endMinute) }.sorted { $0.start < $1.start }
        }
        holidays = Set(calendar.holidays.map(\.date.daysSince1970))
        // Any two weeks without holidays include every weekday twice, and DST
        // can empty a range on one day a year at most.
        closedDaysLimit = ranges.allSatisfy(\.isEmpty) ? 0 : holidays.count + 15
        self.day = day
    }

    mutating func next() -> Range<Date>? {
        while pending.isEmpty {
            guard closedDays < closedDaysLimit else { return nil }
            pending = intervals(onDay: day).reversed()
            closedDays = pending.isEmpty ? closedDays + 1 : 0
            day += 1
        }
        return pending.removeLast()
    }

    /// The intervals of the ranges that start on local day `day`, without the
    /// parts that fall on a holiday.
    private mutating func intervals(onDay day: Int) -> [Range<Date>] {
        let dayClosed = holidays.contains(day)
        let nextDayClosed = holidays.contains(day + 1)
        var result: [Range<Date>] = []
        for range in ranges[LocalDate.weekdayIndex(ofDay: day)] {
            let startMinute = dayClosed ? max(range.start, 1440) : range.start
            let endMinute = nextDayClosed ? min(range.end, 1440) : range.end
            guard endMinute > startMinute else { continue }
            let start = max(clock.instant(day: day, minute: startMinute), lastEnd)
            let end = clock.instant(day: day, minute: endMinute)
            guard end > start else { continue }
            result.append(start..<end)
            lastEnd = end
        }
        return result
    }
}
