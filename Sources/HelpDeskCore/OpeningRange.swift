/// One stretch of opening hours on a weekday, such as 09:00–17:00.
///
/// A range whose end is at or before its start runs past midnight into the next
/// day: `{start: "22:00", end: "06:00"}` on Friday is open from Friday 22:00 to
/// Saturday 06:00, and a range whose start and end are equal lasts 24 hours.
/// Midnight at the end of the day is written `"24:00"`; `"00:00"` as an end
/// means the same instant and is encoded back as `"24:00"`, so
/// `{start: "00:00", end: "24:00"}` is the whole day. Times are wall-clock times
/// in the calendar's time zone (see ``BusinessCalendar`` for DST changes).
public struct OpeningRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first open minute (inclusive).
    public var start: ClockTime
    /// The first closed minute (exclusive); at or before `start` it falls on
    /// the next day, and `00:00` is the midnight that ends the day.
    public var end: ClockTime

    /// Creates a range from its clock times.
    public init(start: ClockTime, end: ClockTime) {
        self.start = start
        self.end = end
    }

    /// Parses a range from `"HH:MM"` texts; `end` may also be `"24:00"`. `nil`
    /// when either does not parse.
    public init?(_ start: String, _ end: String) {
        guard let start = ClockTime(start), let end = Self.parseEnd(end) else { return nil }
        self.init(start: start, end: end)
    }

    /// Minutes from the start day's midnight to the start, 0–1439.
    var startMinute: Int { start.minutesSinceMidnight }

    /// Minutes from the start day's midnight to the end, 1–2880: past 1440 the
    /// range runs into the next day.
    var endMinute: Int { end > start ? end.minutesSinceMidnight : end.minutesSinceMidnight + 1440 }

    /// Whether the range goes on after the midnight that ends its day.
    public var runsPastMidnight: Bool { endMinute > 1440 }

    /// The end as written in settings: `"24:00"` for the midnight that ends the
    /// day, otherwise `"HH:MM"`.
    public var endText: String { end.minutesSinceMidnight == 0 ? "24:00" : end.description }

    /// `"09:00–17:00"`, as error messages quote it.
    public var description: String { "\(start)–\(endText)" }

    private static func parseEnd(_ text: String) -> ClockTime? {
        text == "24:00" ? ClockTime(hour: 0, minute: 0) : ClockTime(text)
    }

    private enum CodingKeys: String, CodingKey { case start, end }

    /// Decodes `{start, end}`; the end may be `"24:00"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decode(ClockTime.self, forKey: .start)
        let text = try container.decode(String.self, forKey: .end)
        guard let end = Self.parseEnd(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .end, in: container,
                debugDescription:
                    "Invalid end time \"\(text)\": expected HH:MM (24-hour, two digits each, 00:00 to 23:59) or 24:00 for midnight."
            )
        }
        self.end = end
    }

    /// Encodes `{start, end}` with the end as ``endText``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(endText, forKey: .end)
    }
}
