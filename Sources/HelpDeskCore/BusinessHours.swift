import Foundation

/// A team's business hours: Monday–Friday between a start and end time in the
/// team's time zone.
///
/// When enabled, the widget's human button shows only inside these hours. The
/// time zone is an IANA name, and the hours are wall-clock times there, so a team
/// in Berlin stays open 09:00–17:00 local time on both sides of a DST change.
public struct BusinessHours: Sendable, Equatable, Codable {
    /// Whether business hours restrict anything; when `false` the team is
    /// always open.
    public var enabled: Bool
    /// The first open minute of each working day (inclusive).
    public var start: ClockTime
    /// The first closed minute after the working day (exclusive).
    public var end: ClockTime
    /// The team's IANA time zone, e.g. `Europe/Berlin`.
    public var timeZone: String

    /// Creates business hours.
    public init(enabled: Bool, start: ClockTime, end: ClockTime, timeZone: String) {
        self.enabled = enabled
        self.start = start
        self.end = end
        self.timeZone = timeZone
    }

    /// The default for a new team: disabled (always open), 09:00–17:00 UTC once
    /// switched on.
    public static let standard = BusinessHours(
        enabled: false,
        start: ClockTime(hour: 9, minute: 0)!,
        end: ClockTime(hour: 17, minute: 0)!,
        timeZone: "UTC"
    )

    /// The Gregorian calendar in the team's time zone; validation keeps unknown
    /// zones out, and should one slip through, UTC is used rather than crashing.
    private var localCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0)!
        return calendar
    }

    /// Whether the team is open at `instant`.
    ///
    /// Always `true` when disabled. Otherwise `true` iff, seen on a wall clock in
    /// the team's time zone, the instant falls Monday–Friday and its local time
    /// is at or after `start` and before `end`. Validation keeps unknown zones
    /// out; should one slip through, UTC is used rather than crashing.
    public func isOpen(at instant: Date) -> Bool {
        guard enabled else { return true }
        let calendar = localCalendar
        let local = calendar.dateComponents([.weekday, .hour, .minute], from: instant)
        guard let weekday = local.weekday, let hour = local.hour, let minute = local.minute else {
            return false
        }
        // Gregorian weekdays: 1 = Sunday … 7 = Saturday.
        guard (2...6).contains(weekday) else { return false }
        let now = hour * 60 + minute
        return start.minutesSinceMidnight <= now && now < end.minutesSinceMidnight
    }

    /// The first instant after `instant` at which `isOpen` may answer
    /// differently: the next start or end of a working day, as a wall clock in
    /// the team's time zone shows it. `nil` when disabled (always open).
    ///
    /// Live widgets sleep until then instead of asking the clock every few
    /// seconds. A wall-clock time that a DST change skips maps to the instant
    /// after the gap, so the answer is never later than the real change.
    public func nextChange(after instant: Date) -> Date? {
        guard enabled else { return nil }
        let calendar = localCalendar
        let today = calendar.startOfDay(for: instant)
        var earliest: Date?
        // Within eight days a working day always starts (Monday–Friday).
        for offset in 0...8 {
            guard let day = calendar.date(byAdding: .day, value: offset, to: today) else { continue }
            let weekday = calendar.component(.weekday, from: day)
            guard (2...6).contains(weekday) else { continue }
            for time in [start, end] {
                guard
                    let candidate = calendar.date(
                        bySettingHour: time.hour, minute: time.minute, second: 0, of: day,
                        matchingPolicy: .nextTime),
                    candidate > instant
                else { continue }
                earliest = min(earliest ?? candidate, candidate)
            }
            if earliest != nil { return earliest }
        }
        return earliest
    }

    /// Every problem with these settings, each naming its field; empty when valid.
    ///
    /// Checked whether or not the hours are enabled, so a team cannot store
    /// settings that would break the moment they are switched on.
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.isKnownTimeZone(timeZone) {
            errors.append(
                FieldError(
                    field: "businessHours.timeZone",
                    message:
                        "\"\(timeZone)\" is not a known IANA time zone; use a name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\"."
                )
            )
        }
        if end <= start {
            errors.append(
                FieldError(
                    field: "businessHours.end",
                    message: "The end (\(end)) must be after the start (\(start)) on the same day."
                )
            )
        }
        return errors
    }

    /// Whether `identifier` names a real IANA zone (not an abbreviation such as
    /// `EST` or an offset such as `GMT+2`, which Foundation also accepts).
    ///
    /// Foundation must know the zone, and the name must be either in
    /// `TimeZone.knownTimeZoneIdentifiers`, `UTC`/`GMT`, or a region-style
    /// `Area/Location` name. The last case matters: on Linux the known list omits
    /// some canonical IANA names (`Asia/Kolkata` appears only as its old alias
    /// `Asia/Calcutta`), and a team in India must not be told its zone is unknown.
    static func isKnownTimeZone(_ identifier: String) -> Bool {
        guard TimeZone(identifier: identifier) != nil else { return false }
        if identifier == "UTC" || identifier == "GMT" { return true }
        if TimeZone.knownTimeZoneIdentifiers.contains(identifier) { return true }
        return ianaRegions.contains { identifier.hasPrefix($0 + "/") }
    }

    /// The geographic areas that prefix IANA location names.
    private static let ianaRegions = [
        "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian",
        "Pacific",
    ]
}
