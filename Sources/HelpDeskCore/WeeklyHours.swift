/// The opening ranges of each day of the week, the repeating part of a
/// ``BusinessCalendar``.
///
/// A day without ranges is closed. Encoded as an object with all seven keys
/// `mon` … `sun`, each an array of ``OpeningRange``; when decoding, a missing
/// key is a closed day and an unknown key (such as `monday`) is an error, so a
/// typo cannot silently close a day.
public struct WeeklyHours: Sendable, Equatable, Codable {
    /// Ranges by ``Weekday/index``, Monday first, in the order given.
    private var days: [[OpeningRange]]

    /// Creates weekly hours from the ranges of each day; missing days are closed.
    public init(_ days: [Weekday: [OpeningRange]] = [:]) {
        self.days = Weekday.allCases.map { days[$0] ?? [] }
    }

    /// The same ranges on each of `weekdays`, every other day closed.
    public init(_ ranges: [OpeningRange], on weekdays: [Weekday]) {
        self.init(Dictionary(uniqueKeysWithValues: weekdays.map { ($0, ranges) }))
    }

    /// The ranges that start on `day`, in the order given.
    public subscript(day: Weekday) -> [OpeningRange] {
        get { days[day.index] }
        set { days[day.index] = newValue }
    }

    /// Whether no day has any range: a calendar with these hours never opens.
    public var isEmpty: Bool { days.allSatisfy(\.isEmpty) }

    private struct DayKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes `{mon: [...], …}`: missing days are closed, unknown keys fail.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DayKey.self)
        var days = [[OpeningRange]](repeating: [], count: 7)
        for key in container.allKeys {
            guard let day = Weekday(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription:
                        "Unknown day \"\(key.stringValue)\": the days are \(Weekday.allowedValues).")
            }
            days[day.index] = try container.decode([OpeningRange].self, forKey: key)
        }
        self.days = days
    }

    /// Encodes all seven days, closed ones as `[]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DayKey.self)
        for day in Weekday.allCases {
            try container.encode(self[day], forKey: DayKey(stringValue: day.rawValue))
        }
    }
}
