import Foundation

/// A team's opening hours: ranges on each day of the week and whole days closed
/// for holidays, as wall-clock times in the team's time zone.
///
/// It supersedes ``BusinessHours`` (one Monday–Friday range), which
/// ``from(_:)`` converts. Which instants are open, and how much open time lies
/// between two instants, live in `BusinessCalendar+OpenTime.swift`; what is
/// stored and checked lives here.
///
/// Encoded as `{timeZone, weekly: {mon: [{start, end}], …, sun: [...]}, holidays:
/// [{date, name, autoReply?}]}`. A calendar that is always open is not a special
/// case: it has `[{start: "00:00", end: "24:00"}]` on all seven days (see
/// ``alwaysOpen(timeZone:)`` and ``isAlwaysOpen``).
public struct BusinessCalendar: Sendable, Equatable, Codable {
    /// The team's IANA time zone, e.g. `Europe/Berlin`.
    public var timeZone: String
    /// The ranges of each weekday.
    public var weekly: WeeklyHours
    /// Dates closed all day, in any order.
    public var holidays: [Holiday]

    /// Creates a calendar.
    public init(timeZone: String, weekly: WeeklyHours, holidays: [Holiday] = []) {
        self.timeZone = timeZone
        self.weekly = weekly
        self.holidays = holidays
    }

    /// The most ranges one day may have.
    public static let rangesPerDayLimit = 10
    /// The most holidays a calendar may list: a year's worth.
    public static let holidayLimit = 366
    /// The longest holiday name, in Unicode code points.
    public static let holidayNameLimit = TextLimits.name
    /// The longest holiday auto-reply, in Unicode code points.
    public static let autoReplyLimit = 2_000

    /// A calendar open around the clock on every day, with no holidays.
    public static func alwaysOpen(timeZone: String) -> BusinessCalendar {
        let wholeDay = OpeningRange(start: ClockTime(hour: 0, minute: 0)!, end: ClockTime(hour: 0, minute: 0)!)
        return BusinessCalendar(timeZone: timeZone, weekly: WeeklyHours([wholeDay], on: Weekday.allCases))
    }

    /// The default for a new team, the same as ``BusinessHours/standard``:
    /// always open, in UTC.
    public static let standard = BusinessCalendar.from(.standard)

    /// The calendar that behaves like `hours`.
    ///
    /// Enabled hours become the same range on Monday to Friday; disabled hours
    /// become ``alwaysOpen(timeZone:)`` in the same zone, so switching the
    /// calendar on later starts from the team's zone. Hours whose end is not
    /// after their start, which validation rejects and which were never open,
    /// become a calendar with no ranges rather than a range past midnight.
    public static func from(_ hours: BusinessHours) -> BusinessCalendar {
        guard hours.enabled else { return .alwaysOpen(timeZone: hours.timeZone) }
        guard hours.end > hours.start else { return BusinessCalendar(timeZone: hours.timeZone, weekly: WeeklyHours()) }
        return BusinessCalendar(
            timeZone: hours.timeZone,
            weekly: WeeklyHours([OpeningRange(start: hours.start, end: hours.end)], on: [.mon, .tue, .wed, .thu, .fri]))
    }

    /// The single-range ``BusinessHours`` that describe this calendar, for
    /// clients that predate it.
    ///
    /// Exact when the calendar is what ``from(_:)`` makes: always open gives
    /// disabled hours (09:00–17:00 kept for switching on), and the same one range
    /// on Monday to Friday, nothing on the weekend and no holidays gives that
    /// range. Anything else can only be approximated: enabled, with the first
    /// range found from Monday to Sunday that ends on its own day (09:00–17:00
    /// when there is none); the `calendar` itself says what is really open.
    public var businessHours: BusinessHours {
        let standard = BusinessHours.standard
        if isAlwaysOpen {
            return BusinessHours(enabled: false, start: standard.start, end: standard.end, timeZone: timeZone)
        }
        let sameDay = Weekday.allCases.lazy.flatMap { self.weekly[$0] }.first { $0.end > $0.start }
        return BusinessHours(
            enabled: true, start: sameDay?.start ?? standard.start, end: sameDay?.end ?? standard.end,
            timeZone: timeZone)
    }

    /// Whether the calendar is open at every instant: its weekly ranges cover
    /// the whole week without a gap and it lists no holidays.
    public var isAlwaysOpen: Bool {
        guard holidays.isEmpty else { return false }
        let week = 7 * 1440
        var spans: [(start: Int, end: Int)] = []
        for day in Weekday.allCases {
            for range in weekly[day] {
                let start = day.index * 1440 + range.startMinute
                let end = day.index * 1440 + range.endMinute
                if end <= week {
                    spans.append((start, end))
                } else {
                    spans.append((start, week))
                    spans.append((0, end - week))
                }
            }
        }
        var covered = 0
        for span in spans.sorted(by: { $0.start < $1.start }) {
            guard span.start <= covered else { return false }
            covered = max(covered, span.end)
        }
        return covered >= week
    }

    /// The holiday whose local date, in the calendar's time zone, contains
    /// `instant`; `nil` on an ordinary day.
    ///
    /// Its ``Holiday/autoReply``, when set, is what customers are told that day
    /// instead of the team's usual auto-reply.
    public func holiday(on instant: Date) -> Holiday? {
        let day = ZoneClock(timeZone).localDay(of: instant)
        return holidays.first { $0.date.daysSince1970 == day }
    }

    // MARK: - Validation

    /// Every problem with this calendar, each naming its field under
    /// `calendar.`; empty when valid.
    ///
    /// Ranges of one day may touch (one ending where the next starts) but not
    /// overlap, and neither may a range that runs past midnight overlap the
    /// next day's ranges: an overlap is almost always a typo, and reporting it
    /// beats guessing which range was meant.
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if !BusinessHours.isKnownTimeZone(timeZone) {
            errors.append(
                FieldError(
                    field: "calendar.timeZone",
                    message:
                        "\"\(timeZone)\" is not a known IANA time zone; use a name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\"."
                ))
        }
        for day in Weekday.allCases {
            errors += rangeErrors(on: day)
        }
        errors += holidayErrors()
        return errors
    }

    private func rangeErrors(on day: Weekday) -> [FieldError] {
        let ranges = weekly[day]
        let path = "calendar.weekly.\(day.rawValue)"
        guard ranges.count <= Self.rangesPerDayLimit else {
            return [FieldError(field: path, message: "must have at most \(Self.rangesPerDayLimit) ranges")]
        }
        var errors: [FieldError] = []
        // Sorted by start, each range must begin at or after the latest end so far.
        let order = ranges.indices.sorted { (ranges[$0].startMinute, $0) < (ranges[$1].startMinute, $1) }
        var latest: Int?
        for index in order {
            if let latest, ranges[index].startMinute < ranges[latest].endMinute {
                errors.append(
                    FieldError(
                        field: "\(path)[\(index)]",
                        message:
                            "\(ranges[index]) overlaps \(ranges[latest]); join them into one range, or let one end where the other starts"
                    ))
            }
            if latest.map({ ranges[index].endMinute > ranges[$0].endMinute }) ?? true { latest = index }
        }
        let previous = day.previous
        for earlier in weekly[previous] where earlier.runsPastMidnight {
            for (index, range) in ranges.enumerated() where range.startMinute < earlier.endMinute - 1440 {
                errors.append(
                    FieldError(
                        field: "\(path)[\(index)]",
                        message:
                            "\(range) overlaps \(previous.rawValue)'s \(earlier), which runs past midnight until \(earlier.endText)"
                    ))
            }
        }
        return errors
    }

    private func holidayErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if holidays.count > Self.holidayLimit {
            errors.append(
                FieldError(field: "calendar.holidays", message: "must list at most \(Self.holidayLimit) holidays"))
        }
        var firstIndex: [LocalDate: Int] = [:]
        for (index, holiday) in holidays.enumerated() {
            let path = "calendar.holidays[\(index)]"
            if let first = firstIndex[holiday.date] {
                errors.append(
                    FieldError(
                        field: "\(path).date",
                        message: "\(holiday.date) is already holidays[\(first)]; list each date once"))
            } else {
                firstIndex[holiday.date] = index
            }
            if holiday.name.trimmingWhitespace().isEmpty {
                errors.append(FieldError(field: "\(path).name", message: "must not be empty"))
            } else if !TextLimits.fits(holiday.name, max: Self.holidayNameLimit) {
                errors.append(
                    FieldError(field: "\(path).name", message: "must be at most \(Self.holidayNameLimit) characters"))
            }
            if let reply = holiday.autoReply {
                if reply.trimmingWhitespace().isEmpty {
                    errors.append(
                        FieldError(
                            field: "\(path).autoReply",
                            message: "must not be empty; leave it out to keep the team's usual auto-reply"))
                } else if !TextLimits.fits(reply, max: Self.autoReplyLimit) {
                    errors.append(
                        FieldError(
                            field: "\(path).autoReply", message: "must be at most \(Self.autoReplyLimit) characters"))
                }
            }
        }
        return errors
    }

    // MARK: - Codable

    private enum CodingKeys: String, CodingKey { case timeZone, weekly, holidays }

    /// Decodes `{timeZone, weekly, holidays?}`; `holidays` may be left out
    /// (none) but not sent as `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timeZone = try container.decode(String.self, forKey: .timeZone)
        weekly = try container.decode(WeeklyHours.self, forKey: .weekly)
        holidays = try container.decodeUnlessAbsent([Holiday].self, forKey: .holidays) ?? []
    }

    /// Encodes all three fields, `holidays` as `[]` when there are none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(weekly, forKey: .weekly)
        try container.encode(holidays, forKey: .holidays)
    }
}
