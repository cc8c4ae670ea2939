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

extension HelpDesk {
    /// The longest question the copilot reads.
    static let copilotMessageLimit = 1_000
    /// The most rows a copilot answer lists.
    static let copilotRows = 25

    /// Reads the inbox by asking, read-only: the built-in interpreter turns the
    /// question into filters, run with the caller's visibility (owners and
    /// managers see every ticket; operators only those assigned to them, and a
    /// ticket they may not see answers like one that does not exist).
    public func copilot(_ caller: Caller, message: String) async throws -> CopilotAnswer {
        try caller.requireHelpDesk()
        let message = try TextLimits.required(message, field: "message", max: Self.copilotMessageLimit)
        let members = try await store.members(teamID: caller.team.id).map(\.member)
        let agents = try await store.agents(teamID: caller.team.id)
        let zone =
            TimeZone(identifier: try await store.settings(teamID: caller.team.id).businessHours.timeZone)
            ?? TimeZone(secondsFromGMT: 0)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let now = clock().date
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let today = CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        let query = CopilotInterpreter(members: members.map(\.displayName), agents: agents.map(\.name))
            .interpret(message, today: today)
        let operatorOnly = !caller.member.role.seesWholeInbox

        switch query.intent {
        case .refuse:
            return CopilotAnswer(
                answer:
                    "I only read the inbox and change nothing; reply, assign, resolve or change tickets in the inbox.",
                tickets: [])
        case .unknown:
            return CopilotAnswer(
                answer:
                    "I did not understand that. Try “open tickets assigned to me” or “how many urgent tickets this week?”.",
                tickets: [])
        case .show:
            let number = query.number ?? 0
            guard let ticket = try await store.ticket(teamID: caller.team.id, number: number),
                !operatorOnly || ticket.assignee?.id == caller.member.id
            else { return CopilotAnswer(answer: "There is no ticket #\(number) you can see.", tickets: []) }
            let assignee = ticket.assignee.map { "assigned to \($0.displayName)" } ?? "unassigned"
            return CopilotAnswer(
                answer: "Ticket #\(ticket.number) “\(ticket.subject)”: \(ticket.status.rawValue), "
                    + "\(ticket.priority.rawValue) priority, \(assignee), last activity \(ticket.lastActivityAt.rfc3339).",
                tickets: [ticket])
        case .list, .count:
            break
        }

        var filter = CopilotFilter(visibleTo: operatorOnly ? caller.member.id : nil)
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
            filter.assignee = .member(caller.member.id)
            understood.append("assigned to you")
        case .named(let name)?:
            let wanted = name.lowercased()
            let found =
                members.first { $0.displayName.lowercased() == wanted }
                ?? members.first { $0.displayName.lowercased().split(separator: " ").first.map(String.init) == wanted }
            guard let found else {
                return CopilotAnswer(answer: "I found no team member called \(name).", tickets: [])
            }
            filter.assignee = .member(found.id)
            understood.append("assigned to \(found.displayName)")
        case nil: break
        }
        if let agentName = query.agent {
            let wanted = agentName.lowercased()
            guard let agent = agents.first(where: { $0.name.lowercased() == wanted }) else {
                return CopilotAnswer(answer: "I found no AI agent called \(agentName).", tickets: [])
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
            func midnight(_ day: CalendarDay) -> Timestamp {
                let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? now
                return Timestamp(date)
            }
            filter.createdFrom = midnight(range.from)
            filter.createdBefore = midnight(range.to.adding(days: 1))
            understood.append(
                range.from == range.to ? "created on \(range.from)" : "created \(range.from) to \(range.to)")
        }
        let described = understood.isEmpty ? "all tickets" : "tickets " + understood.joined(separator: ", ")
        let scope = operatorOnly ? " (among the tickets assigned to you)" : ""

        if query.intent == .count {
            let group = query.groupBy.flatMap { CopilotFilter.GroupBy(rawValue: $0.rawValue) }
            let counts = try await store.copilotCount(teamID: caller.team.id, filter: filter, groupBy: group)
            guard let group else {
                let count = counts.first?.count ?? 0
                return CopilotAnswer(answer: "\(count) \(described)\(scope).", tickets: [])
            }
            let names = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0.displayName) })
            let agentNames = Dictionary(uniqueKeysWithValues: agents.map { ($0.id, $0.name) })
            let parts = counts.map { row -> String in
                let key: String =
                    switch group {
                    case .assignee: row.key.flatMap { names[$0] } ?? "unassigned"
                    case .agent: row.key.flatMap { agentNames[$0] } ?? "no agent"
                    default: row.key ?? "none"
                    }
                return "\(key) \(row.count)"
            }
            let breakdown = parts.isEmpty ? "none" : parts.joined(separator: ", ")
            return CopilotAnswer(
                answer:
                    "\(described.prefix(1).uppercased() + described.dropFirst()) per \(group.rawValue)\(scope): \(breakdown).",
                tickets: [])
        }
        let tickets = try await store.copilotTickets(teamID: caller.team.id, filter: filter, limit: Self.copilotRows)
        let shown = tickets.count == Self.copilotRows ? "the \(Self.copilotRows) most recent" : "\(tickets.count)"
        return CopilotAnswer(
            answer: "\(described.prefix(1).uppercased() + described.dropFirst())\(scope): \(shown).", tickets: tickets)
    }
}
