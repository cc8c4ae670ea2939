import Foundation
import HelpDeskAI
import HelpDeskCore
import HelpDeskStore

/// The copilot's answer: one sentence that says what it understood (or why it
/// will not or cannot), and the matching tickets as inbox rows.
public struct CopilotAnswer: Sendable {
    public var answer: String
    public var tickets: [Ticket]
}

/// What a copilot question is read against: who asks, the team's names, and
/// the team's calendar (days are the team's days).
struct CopilotScope: Sendable {
    var caller: Caller
    var members: [Member]
    var agents: [Agent]
    var calendar: Calendar
    /// The team's IANA time zone name, as configured.
    var timeZone: String
    var now: Date
    var today: CalendarDay

    /// Operators see only the tickets assigned to them.
    var operatorOnly: Bool { !caller.member.role.seesWholeInbox }

    /// The team's midnight starting `day`.
    func midnight(_ day: CalendarDay) -> Timestamp {
        Timestamp(calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? now)
    }
}

/// A query resolved against the team: the filter to run (with what was
/// understood, in words), or an answer already (a name that is nobody's).
enum CopilotReading {
    case filter(CopilotFilter, understood: [String])
    case answer(String)
}

extension HelpDesk {
    /// The longest question the copilot reads.
    static let copilotMessageLimit = 1_000
    /// The most rows a copilot answer lists.
    static let copilotRows = CopilotTools.maxRows
    /// The longest answer of the model passed on; a longer one is cut.
    static let copilotAnswerLimit = 4_000
    /// Appended to the interpreter's answer when the language model failed.
    public static let copilotFallbackNote =
        " (The language model did not answer, so the built-in interpreter read this.)"
    static let copilotRefusal =
        "I only read the inbox and change nothing; reply, assign, resolve or change tickets in the inbox."

    /// Reads the inbox by asking, read-only, with the caller's visibility
    /// (owners and managers see every ticket; operators only those assigned to
    /// them, and a ticket they may not see answers like one that does not exist).
    ///
    /// Change requests are refused by the built-in interpreter before anything
    /// else, in either mode. In LLM mode the model reads the inbox through tools
    /// that run the very queries the interpreter runs, so it never sees a ticket
    /// the caller may not see; when it fails, the interpreter answers with a note.
    public func copilot(_ caller: Caller, message: String) async throws -> CopilotAnswer {
        try caller.requireHelpDesk()
        let message = try TextLimits.required(message, field: "message", max: Self.copilotMessageLimit)
        let scope = try await copilotScope(caller)
        let query = CopilotInterpreter(members: scope.members.map(\.displayName), agents: scope.agents.map(\.name))
            .interpret(message, today: scope.today)
        if query.intent == .refuse { return CopilotAnswer(answer: Self.copilotRefusal, tickets: []) }

        let settings = try await store.copilotSettings(teamID: caller.team.id)
        guard let endpoint = settings.endpoint else { return try await interpreted(query, scope) }
        do {
            let answer = try await brains.copilot.answer(
                question: message, context: copilotContext(scope),
                endpoint: ChatEndpoint(baseURL: endpoint.baseURL, model: endpoint.model, apiKey: endpoint.apiKey),
                timeout: .seconds(settings.timeoutSeconds),
                subject: ["team.id": "\(caller.team.id)", "member.id": "\(caller.member.id)"]
            ) { call in
                try await runCopilotTool(call, scope: scope)
            }
            var text = answer.text
            if text.unicodeScalars.count > Self.copilotAnswerLimit {
                text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.copilotAnswerLimit))) + "…"
            }
            return CopilotAnswer(answer: text, tickets: answer.tickets)
        } catch is CopilotModelFailure {
            var fallback = try await interpreted(query, scope)
            fallback.answer += Self.copilotFallbackNote
            return fallback
        }
    }

    func copilotScope(_ caller: Caller) async throws -> CopilotScope {
        let members = try await store.members(teamID: caller.team.id).map(\.member)
        let agents = try await store.agents(teamID: caller.team.id)
        let zoneName = try await store.settings(teamID: caller.team.id).calendar.timeZone
        let zone = TimeZone(identifier: zoneName) ?? TimeZone(secondsFromGMT: 0)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let now = clock().date
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let today = CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        return CopilotScope(
            caller: caller, members: members, agents: agents, calendar: calendar, timeZone: zoneName, now: now,
            today: today)
    }

    func copilotContext(_ scope: CopilotScope) -> CopilotContext {
        let time = scope.calendar.dateComponents([.hour, .minute], from: scope.now)
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return CopilotContext(
            teamName: scope.caller.team.name, callerName: scope.caller.member.displayName,
            seesWholeInbox: !scope.operatorOnly, today: scope.today, time: "\(two(time.hour)):\(two(time.minute))",
            timeZone: scope.timeZone, members: scope.members.map(\.displayName),
            agents: scope.agents.map(\.name))
    }

    // MARK: - The built-in interpreter's answers

    /// The interpreter's answer to a query it read: rows, a count, a breakdown,
    /// one ticket, or that it did not understand.
    func interpreted(_ query: CopilotQuery, _ scope: CopilotScope) async throws -> CopilotAnswer {
        switch query.intent {
        case .refuse:
            return CopilotAnswer(answer: Self.copilotRefusal, tickets: [])
        case .unknown:
            return CopilotAnswer(
                answer:
                    "I did not understand that. Try “open tickets assigned to me” or “how many urgent tickets this week?”.",
                tickets: [])
        case .show:
            let number = query.number ?? 0
            guard let ticket = try await visibleTicket(number, scope) else {
                return CopilotAnswer(answer: "There is no ticket #\(number) you can see.", tickets: [])
            }
            let assignee = ticket.assignee.map { "assigned to \($0.displayName)" } ?? "unassigned"
            return CopilotAnswer(
                answer: "Ticket #\(ticket.number) “\(ticket.subject)”: \(ticket.status.rawValue), "
                    + "\(ticket.priority.rawValue) priority, \(assignee), last activity \(ticket.lastActivityAt.rfc3339).",
                tickets: [ticket])
        case .list, .count:
            break
        }

        let filter: CopilotFilter
        let understood: [String]
        switch reading(query, scope) {
        case .answer(let text): return CopilotAnswer(answer: text, tickets: [])
        case .filter(let read, let words): (filter, understood) = (read, words)
        }
        let described = understood.isEmpty ? "all tickets" : "tickets " + understood.joined(separator: ", ")
        let capitalized = described.prefix(1).uppercased() + described.dropFirst()
        let visibility = scope.operatorOnly ? " (among the tickets assigned to you)" : ""

        if query.intent == .count {
            let group = query.groupBy.flatMap { CopilotFilter.GroupBy(rawValue: $0.rawValue) }
            let counts = try await store.copilotCount(teamID: scope.caller.team.id, filter: filter, groupBy: group)
            guard let group else {
                let count = counts.first?.count ?? 0
                return CopilotAnswer(answer: "\(count) \(described)\(visibility).", tickets: [])
            }
            let parts = groupCounts(counts, by: group, scope).map { "\($0.name) \($0.count)" }
            let breakdown = parts.isEmpty ? "none" : parts.joined(separator: ", ")
            return CopilotAnswer(
                answer: "\(capitalized) per \(group.rawValue)\(visibility): \(breakdown).", tickets: [])
        }
        let tickets = try await store.copilotTickets(
            teamID: scope.caller.team.id, filter: filter, limit: Self.copilotRows)
        let shown = tickets.count == Self.copilotRows ? "the \(Self.copilotRows) most recent" : "\(tickets.count)"
        return CopilotAnswer(answer: "\(capitalized)\(visibility): \(shown).", tickets: tickets)
    }

    // MARK: - The LLM mode's tools

    /// Runs one tool call of the model with the caller's visibility: the same
    /// reading and store queries as the interpreter's answers.
    func runCopilotTool(_ call: CopilotToolCall, scope: CopilotScope) async throws -> CopilotToolOutcome {
        switch call {
        case .getTicket(let number):
            // Not visible and not there read the same, so the model cannot tell them apart either.
            guard let ticket = try await visibleTicket(number, scope) else {
                return CopilotToolOutcome(result: .error("no such ticket #\(number)"))
            }
            return CopilotToolOutcome(result: .ticket(ticket), tickets: [ticket])
        case .listTickets(let query, let limit):
            guard case .filter(let filter, _) = reading(query, scope) else {
                return CopilotToolOutcome(result: .error(readingAnswer(query, scope)))
            }
            let tickets = try await store.copilotTickets(
                teamID: scope.caller.team.id, filter: filter, limit: min(limit, Self.copilotRows))
            return CopilotToolOutcome(result: .tickets(tickets, limit: limit), tickets: tickets)
        case .countTickets(let query):
            guard case .filter(let filter, _) = reading(query, scope) else {
                return CopilotToolOutcome(result: .error(readingAnswer(query, scope)))
            }
            let group = query.groupBy.flatMap { CopilotFilter.GroupBy(rawValue: $0.rawValue) }
            let counts = try await store.copilotCount(teamID: scope.caller.team.id, filter: filter, groupBy: group)
            guard let group, let by = query.groupBy else {
                return CopilotToolOutcome(result: .count(counts.first?.count ?? 0))
            }
            return CopilotToolOutcome(result: .groups(by: by, groupCounts(counts, by: group, scope)))
        }
    }

    private func readingAnswer(_ query: CopilotQuery, _ scope: CopilotScope) -> String {
        if case .answer(let text) = reading(query, scope) { return text }
        return "the filters could not be read"
    }

    // MARK: - Shared by both modes

    /// The ticket numbered `number` when the caller may see it; nil when it does
    /// not exist or is not theirs to see, which answer the same.
    func visibleTicket(_ number: Int, _ scope: CopilotScope) async throws -> Ticket? {
        guard let ticket = try await store.ticket(teamID: scope.caller.team.id, number: number),
            !scope.operatorOnly || ticket.assignee?.id == scope.caller.member.id
        else { return nil }
        return ticket
    }

    /// A query's filters resolved against the team (names to ids, days to the
    /// team's midnights), narrowed to the caller's visibility.
    func reading(_ query: CopilotQuery, _ scope: CopilotScope) -> CopilotReading {
        var filter = CopilotFilter(visibleTo: scope.operatorOnly ? scope.caller.member.id : nil)
        var understood: [String] = []
        switch query.status {
        case .open?: filter.statuses = [.open]
        case .pending?: filter.statuses = [.pending]
        case .resolved?: filter.statuses = [.resolved]
        case .unresolved?: filter.statuses = [.open, .pending]
        case nil: break
        }
        if let status = query.status { understood.append(status.rawValue) }
        if let priority = query.priority {
            filter.priority = priority
            understood.append("\(priority.rawValue) priority")
        }
        if let channel = query.channel {
            filter.channel = channel
            understood.append("on \(channel.rawValue)")
        }
        switch query.assignee {
        case .unassigned?:
            filter.assignee = .unassigned
            understood.append("unassigned")
        case .me?:
            filter.assignee = .member(scope.caller.member.id)
            understood.append("assigned to you")
        case .named(let name)?:
            let wanted = name.lowercased()
            let found =
                scope.members.first { $0.displayName.lowercased() == wanted }
                ?? scope.members.first {
                    $0.displayName.lowercased().split(separator: " ").first.map(String.init) == wanted
                }
            guard let found else { return .answer("I found no team member called \(name).") }
            filter.assignee = .member(found.id)
            understood.append("assigned to \(found.displayName)")
        case nil: break
        }
        if let agentName = query.agent {
            let wanted = agentName.lowercased()
            guard let agent = scope.agents.first(where: { $0.name.lowercased() == wanted }) else {
                return .answer("I found no AI agent called \(agentName).")
            }
            filter.agentID = agent.id
            understood.append("from the agent \(agent.name)")
        }
        if let requester = query.requester {
            filter.requester = requester
            understood.append("from \(requester)")
        }
        if let text = query.text {
            filter.text = text
            understood.append("about “\(text)”")
        }
        if let range = query.range {
            if range.from != .earliest { filter.createdFrom = scope.midnight(range.from) }
            if range.to != .latest { filter.createdBefore = scope.midnight(range.to.adding(days: 1)) }
            understood.append(
                range.from == range.to ? "created on \(range.from)" : "created \(range.from) to \(range.to)")
        }
        if let range = query.updated {
            if range.from != .earliest { filter.updatedFrom = scope.midnight(range.from) }
            if range.to != .latest { filter.updatedBefore = scope.midnight(range.to.adding(days: 1)) }
            understood.append("active \(range.from) to \(range.to)")
        }
        return .filter(filter, understood: understood)
    }

    /// A breakdown's keys as names: members' and agents' names, "unassigned", "no agent".
    func groupCounts(_ counts: [(key: String?, count: Int)], by group: CopilotFilter.GroupBy, _ scope: CopilotScope)
        -> [CopilotGroupCount]
    {
        let names = Dictionary(scope.members.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let agentNames = Dictionary(scope.agents.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return counts.map { row in
            let name: String =
                switch group {
                case .assignee: row.key.flatMap { names[$0] } ?? "unassigned"
                case .agent: row.key.flatMap { agentNames[$0] } ?? "no agent"
                default: row.key ?? "none"
                }
            return CopilotGroupCount(name: name, count: row.count)
        }
    }
}
