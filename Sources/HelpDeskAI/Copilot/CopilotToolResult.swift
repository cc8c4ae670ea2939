import Foundation
import HelpDeskCore

/// What a copilot tool call answers the model, as the compact JSON of a `tool`
/// message. Only tickets the caller may see ever get here: the help desk runs
/// every call with the caller's visibility before a result is built.
public enum CopilotToolResult: Sendable, Equatable {
    /// Rows of `list_tickets`; `limit` tells the model when more may exist.
    case tickets([Ticket], limit: Int)
    /// A `count_tickets` total.
    case count(Int)
    /// A `count_tickets` breakdown: each group's name (a member's or agent's
    /// name, a status…) and count, largest first.
    case groups(by: CopilotQuery.GroupBy, [CopilotGroupCount])
    /// The ticket of `get_ticket`.
    case ticket(Ticket)
    /// Why the call gave nothing, in words the model can act on ("no such
    /// ticket #10042", "there is no team member called Alex").
    case error(String)

    /// The result as the `content` of a `tool` message: compact JSON, keys sorted.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data?
        switch self {
        case .tickets(let tickets, let limit):
            data = try? encoder.encode(
                TicketList(
                    count: tickets.count, tickets: tickets.map(TicketRow.init),
                    more: tickets.count >= limit ? "there may be more; narrow the filters to see them" : nil))
        case .count(let count):
            data = try? encoder.encode(["count": count])
        case .groups(let by, let groups):
            data = try? encoder.encode(Groups(groupBy: by.rawValue, groups: groups))
        case .ticket(let ticket):
            data = try? encoder.encode(["ticket": TicketRow(ticket)])
        case .error(let message):
            data = try? encoder.encode(["error": message])
        }
        return data.map { String(decoding: $0, as: UTF8.self) } ?? #"{"error":"the result could not be written"}"#
    }

    struct TicketList: Encodable {
        var count: Int
        var tickets: [TicketRow]
        var more: String?
    }

    struct Groups: Encodable {
        var groupBy: String
        var groups: [CopilotGroupCount]
    }

    /// A ticket as the model reads it: what a row of the inbox shows, no message bodies.
    struct TicketRow: Encodable {
        var number: Int
        var subject: String
        var status: String
        var priority: String
        var channel: String
        var requester: String
        var requesterEmail: String?
        var assignee: String?
        var agent: String?
        var createdAt: String
        var lastActivityAt: String
        var resolvedAt: String?

        init(_ ticket: Ticket) {
            number = ticket.number
            subject = ticket.subject
            status = ticket.status.rawValue
            priority = ticket.priority.rawValue
            channel = ticket.channel.rawValue
            requester = ticket.requester.name
            requesterEmail = ticket.requester.email
            assignee = ticket.assignee?.displayName
            agent = ticket.agent?.name
            createdAt = ticket.createdAt.rfc3339
            lastActivityAt = ticket.lastActivityAt.rfc3339
            resolvedAt = ticket.resolvedAt?.rfc3339
        }
    }
}

/// One group of a copilot count: its name ("unassigned", "Riley Quinn", "web") and how many.
public struct CopilotGroupCount: Sendable, Equatable, Encodable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

/// What running a tool call gave: the result the model reads, and the tickets
/// it named, which the answer lists beside the model's text.
public struct CopilotToolOutcome: Sendable {
    public var result: CopilotToolResult
    public var tickets: [Ticket]

    public init(result: CopilotToolResult, tickets: [Ticket] = []) {
        self.result = result
        self.tickets = tickets
    }
}
