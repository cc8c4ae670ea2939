/// A wall-clock time of day, such as the start or end of business hours.
///
/// Hours run 0–23 and minutes 0–59. It carries no date and no time zone: it is
/// what a clock on the wall shows, and is interpreted in a team's time zone by
/// ``BusinessHours``. The only textual form is exactly `"HH:MM"` (two digits
/// each), which is also how it is encoded, so settings read the same in the API,
/// the database and the CLI.
public struct ClockTime: Sendable, Equatable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The hour, 0–23.
    public let hour: Int
    /// The minute, 0–59.
    public let minute: Int

    /// Creates a time of day from its parts; `nil` unless the hour is 0–23 and
    /// the minute 0–59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses exactly `"HH:MM"`: two ASCII digits, a colon, two ASCII digits.
    ///
    /// Anything else is rejected (`nil`), including `"9:00"`, `"24:00"`,
    /// `"12:60"` and `"ab:cd"`, so a typo in a setting is reported instead of
    /// being guessed at.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return nil }
        func digit(_ byte: UInt8) -> Int? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }
        guard let h1 = digit(bytes[0]), let h2 = digit(bytes[1]),
            let m1 = digit(bytes[3]), let m2 = digit(bytes[4])
        else { return nil }
        self.init(hour: h1 * 10 + h2, minute: m1 * 10 + m2)
    }

    /// Minutes since midnight (0–1439), the natural key for ordering and for
    /// comparing against a local time.
    public var minutesSinceMidnight: Int { hour * 60 + minute }

    /// The `"HH:MM"` form, zero-padded; ``init(_:)`` parses it back.
    public var description: String {
        let h = hour < 10 ? "0\(hour)" : "\(hour)"
        let m = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(h):\(m)"
    }

    /// Earlier in the day sorts first.
    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    /// Decodes from an `"HH:MM"` string; any other string is a
    /// `DecodingError.dataCorrupted` that names the expected format.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = ClockTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "Invalid time of day \"\(text)\": expected HH:MM (24-hour, two digits each, 00:00 to 23:59)."
            )
        }
        self = time
    }

    /// Encodes as the `"HH:MM"` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
