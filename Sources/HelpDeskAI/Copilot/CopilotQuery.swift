import HelpDeskCore

/// What an operator's question to the copilot asks for: an intent and the
/// filters to read the inbox with. The built-in interpreter (`CopilotInterpreter`)
/// produces it offline, the LLM mode's tools from the model's arguments
/// (`CopilotTools`); the read-only copilot runs it with the caller's visibility.
public struct CopilotQuery: Sendable, Equatable {
    public enum Intent: String, Sendable, Equatable {
        /// Show the matching tickets.
        case list
        /// How many tickets match (maybe broken down by `groupBy`).
        case count
        /// One ticket by its number.
        case show
        /// The question asks to change something; the copilot only reads.
        case refuse
        /// Not a question about tickets, or not understood.
        case unknown
    }

    public enum StatusFilter: String, Sendable, Equatable {
        case open, pending, resolved
        /// open or pending
        case unresolved
    }

    public enum AssigneeFilter: Sendable, Equatable {
        case unassigned
        case me
        /// A member, by the display name (or first name) the question used.
        case named(String)
    }

    public enum GroupBy: String, Sendable, Equatable, CaseIterable {
        case status, priority, channel, assignee, agent

        /// The names the LLM mode's `groupBy` takes.
        public static var allNames: [String] { allCases.map(\.rawValue) }
    }

    public var intent: Intent
    public var status: StatusFilter?
    public var assignee: AssigneeFilter?
    public var priority: Priority?
    public var channel: Channel?
    public var number: Int?
    public var requester: String?
    public var agent: String?
    public var text: String?
    /// When the tickets were created, in the team's days.
    public var range: DayRange?
    /// When the tickets last had activity, in the team's days (the LLM mode's
    /// tools only; the interpreter reads time ranges as creation).
    public var updated: DayRange?
    public var groupBy: GroupBy?

    public init(
        intent: Intent, status: StatusFilter? = nil, assignee: AssigneeFilter? = nil, priority: Priority? = nil,
        channel: Channel? = nil, number: Int? = nil, requester: String? = nil, agent: String? = nil,
        text: String? = nil, range: DayRange? = nil, updated: DayRange? = nil, groupBy: GroupBy? = nil
    ) {
        self.intent = intent
        self.status = status
        self.assignee = assignee
        self.priority = priority
        self.channel = channel
        self.number = number
        self.requester = requester
        self.agent = agent
        self.text = text
        self.range = range
        self.updated = updated
        self.groupBy = groupBy
    }

    /// Whether any filter is set (a question with none is about the whole inbox).
    public var hasFilters: Bool {
        status != nil || assignee != nil || priority != nil || channel != nil || requester != nil || agent != nil
            || text != nil || range != nil || updated != nil
    }
}

/// A calendar day in the team's time zone.
public struct CalendarDay: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic without a calendar object.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(ordinal: ordinal + days) }

    /// The ends of a range the model left open on one side ("since 2025-03-01"):
    /// no bound is applied there.
    public static let earliest = CalendarDay(year: 1, month: 1, day: 1)
    public static let latest = CalendarDay(year: 9999, month: 12, day: 31)

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

    public static func daysIn(month: Int, year: Int) -> Int {
        CalendarDay(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1).adding(days: -1)
            .day
    }
}

/// An inclusive range of calendar days.
public struct DayRange: Sendable, Equatable {
    public var from: CalendarDay
    public var to: CalendarDay

    public init(from: CalendarDay, to: CalendarDay) {
        self.from = from
        self.to = to
    }
}
