/// A day a team is closed, such as Christmas, with an optional auto-reply that
/// replaces the team's usual one on that day.
///
/// A holiday closes its whole local date in the calendar's time zone, from
/// midnight to midnight: the morning part of a range that began the evening
/// before is closed, while the part of a range that begins on the holiday and
/// runs past midnight into an ordinary day is open.
public struct Holiday: Sendable, Equatable, Codable {
    /// The local date that is closed.
    public var date: LocalDate
    /// What the holiday is called, e.g. `Christmas`.
    public var name: String
    /// What customers are told on that date instead of the team's usual
    /// auto-reply; `nil` keeps the usual one.
    public var autoReply: String?

    /// Creates a holiday.
    public init(date: LocalDate, name: String, autoReply: String? = nil) {
        self.date = date
        self.name = name
        self.autoReply = autoReply
    }

    private enum CodingKeys: String, CodingKey { case date, name, autoReply }

    /// Decodes `{date, name, autoReply?}`. `autoReply` may be left out but not
    /// sent as `null`, like every optional field of the API.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        date = try container.decode(LocalDate.self, forKey: .date)
        name = try container.decode(String.self, forKey: .name)
        autoReply = try container.decodeUnlessAbsent(String.self, forKey: .autoReply)
    }

    /// Encodes `{date, name}`, with `autoReply` only when there is one.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(autoReply, forKey: .autoReply)
    }
}
