/// A date on a wall calendar, such as a holiday: a year, a month and a day with
/// no time and no time zone.
///
/// It is interpreted in a team's time zone by ``BusinessCalendar``, so a
/// holiday on 2026-12-25 closes 25 December from local midnight to local
/// midnight. The only textual form is exactly `"YYYY-MM-DD"`, which is also how
/// it is encoded.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1–9999 (four digits in the text form).
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1 to the month's length in that year.
    public let day: Int

    /// Creates a date from its parts; `nil` unless it exists on the
    /// (proleptic) Gregorian calendar, so 2026-02-29 and 2026-04-31 are rejected.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.length(ofMonth: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `"YYYY-MM-DD"`: four, two and two ASCII digits joined by
    /// hyphens, naming a date that exists.
    ///
    /// Anything else is rejected (`nil`), including `"2026-1-5"`,
    /// `"2026-02-30"` and `"2026-12-25T00:00"`, so a typo in a setting is
    /// reported instead of being guessed at.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date `daysSince1970` days after 1970-01-01 (negative before it).
    ///
    /// Howard Hinnant's days-to-civil algorithm: whole-day arithmetic without a
    /// `Calendar`, which is both exact and fast enough to run per day of a
    /// business-time search.
    init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = doy - (153 * mp + 2) / 5 + 1
    }

    /// Days since 1970-01-01 (Hinnant's days-from-civil), the inverse of
    /// ``init(daysSince1970:)``.
    var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day of the week this date falls on.
    public var weekday: Weekday { Weekday.allCases[Self.weekdayIndex(ofDay: daysSince1970)] }

    /// 0 for Monday … 6 for Sunday, for a day counted from 1970-01-01 (a Thursday).
    static func weekdayIndex(ofDay days: Int) -> Int { ((days + 3) % 7 + 7) % 7 }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(daysSince1970: daysSince1970 + days) }

    /// The `"YYYY-MM-DD"` form, zero-padded; ``init(_:)`` parses it back.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Earlier dates sort first.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes from a `"YYYY-MM-DD"` string; any other string is a
    /// `DecodingError.dataCorrupted` that names the expected format.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "Invalid date \"\(text)\": expected YYYY-MM-DD, a date that exists, such as 2026-12-25."
            )
        }
        self = date
    }

    /// Encodes as the `"YYYY-MM-DD"` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
