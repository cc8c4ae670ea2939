import Foundation
import HelpDeskCore

/// A tool call of the copilot's model, read into what the help desk runs: the
/// same `CopilotQuery` the built-in interpreter produces, so both modes share
/// one visibility-scoped read of the inbox.
public enum CopilotToolCall: Sendable, Equatable {
    /// The matching tickets, most recent activity first, at most `limit`.
    case listTickets(CopilotQuery, limit: Int)
    /// How many tickets match, in all or per `query.groupBy`.
    case countTickets(CopilotQuery)
    /// One ticket by its number.
    case getTicket(number: Int)
}

/// The tools the copilot's model reads the inbox with, their JSON schemas, and
/// the reading of the arguments the model writes.
///
/// The filters are flat arguments rather than one nested `filters` object:
/// small local models fill flat arguments more reliably (a `filters` object
/// the model sends anyway is read too). Arguments are read defensively, as the
/// model writes them: nulls and empty strings are absent, numbers may come as
/// strings, and anything unreadable or unknown is answered with an error the
/// model can correct, never with a guess that would read other tickets.
public enum CopilotTools {
    public static let listTicketsName = "list_tickets"
    public static let countTicketsName = "count_tickets"
    public static let getTicketName = "get_ticket"
    /// The most rows one `list_tickets` call returns.
    public static let maxRows = 25

    /// Why a call cannot be run, in words for the model.
    public struct Refusal: Error, Sendable, Equatable {
        public var message: String
    }

    // MARK: - The schemas

    static let filterProperties: [String: ChatFunctionProperty] = [
        "status": ChatFunctionProperty(
            description: "open, pending, resolved, or unresolved (open or pending).",
            allowed: ["open", "pending", "resolved", "unresolved"]),
        "unassigned": ChatFunctionProperty(
            type: "boolean", description: "true: only tickets nobody is assigned to."),
        "mine": ChatFunctionProperty(
            type: "boolean", description: "true: only tickets assigned to the person asking."),
        "assignee": ChatFunctionProperty(
            description: "Only tickets assigned to this team member, by display name or first name."),
        "priority": ChatFunctionProperty(
            description: "The ticket's priority.", allowed: Priority.allCases.map(\.rawValue)),
        "channel": ChatFunctionProperty(
            description: "Where the customer wrote.", allowed: Channel.allCases.map(\.rawValue)),
        "requester": ChatFunctionProperty(
            description: "Words of the customer's name, email address, phone number or handle."),
        "agent": ChatFunctionProperty(description: "Only tickets escalated by this AI agent, by name."),
        "text": ChatFunctionProperty(
            description: "Words that must all occur in the subject, the customer's details or a message."),
        "createdFrom": ChatFunctionProperty(
            description: "Created on or after this day (YYYY-MM-DD, the team's time zone).", format: "date"),
        "createdTo": ChatFunctionProperty(
            description: "Created on or before this day (YYYY-MM-DD, the team's time zone).", format: "date"),
        "updatedFrom": ChatFunctionProperty(
            description: "Last activity on or after this day (YYYY-MM-DD, the team's time zone).", format: "date"),
        "updatedTo": ChatFunctionProperty(
            description: "Last activity on or before this day (YYYY-MM-DD, the team's time zone).", format: "date"),
    ]

    /// `list_tickets`, `count_tickets` and `get_ticket`, as sent with every request.
    public static let definitions: [ChatTool] = {
        var listProperties = filterProperties
        listProperties["limit"] = ChatFunctionProperty(
            type: "integer", description: "The most tickets to return (default and at most \(maxRows)).",
            minimum: 1, maximum: maxRows)
        var countProperties = filterProperties
        countProperties["groupBy"] = ChatFunctionProperty(
            description:
                "Count per value of this field instead of in all (assignee: per team member; agent: per AI agent).",
            allowed: CopilotQuery.GroupBy.allNames)
        return [
            ChatTool(
                function: ChatFunction(
                    name: listTicketsName,
                    description:
                        "List the tickets that match every given filter, most recent activity first. "
                        + "Without filters: every ticket the person asking may see.",
                    parameters: ChatFunctionParameters(properties: listProperties, required: []))),
            ChatTool(
                function: ChatFunction(
                    name: countTicketsName,
                    description:
                        "Count the tickets that match every given filter, in all or grouped by one field.",
                    parameters: ChatFunctionParameters(properties: countProperties, required: []))),
            ChatTool(
                function: ChatFunction(
                    name: getTicketName,
                    description:
                        "One ticket by its number: subject, status, priority, channel, customer, assignee, "
                        + "AI agent, created and last activity.",
                    parameters: ChatFunctionParameters(
                        properties: [
                            "number": ChatFunctionProperty(
                                type: "integer", description: "The ticket number, such as 10042.", minimum: 1)
                        ], required: ["number"]))),
        ]
    }()

    // MARK: - Reading a call

    /// The call to run, or what to tell the model instead.
    public static func read(_ call: ChatFunctionCall) -> Result<CopilotToolCall, Refusal> {
        let names = [listTicketsName, countTicketsName, getTicketName]
        guard names.contains(call.name) else {
            return .failure(
                Refusal(
                    message: "there is no tool \(call.name); use \(names.joined(separator: ", "))"))
        }
        let arguments: Arguments
        switch Arguments.parse(call.arguments) {
        case .success(let parsed): arguments = parsed
        case .failure(let refusal): return .failure(refusal)
        }
        do {
            switch call.name {
            case getTicketName:
                try arguments.refuseUnknown(allowed: ["number"])
                guard let number = try arguments.integer("number"), number > 0 else {
                    throw Refusal(message: "number is required: the ticket number, such as 10042")
                }
                return .success(.getTicket(number: number))
            case listTicketsName:
                try arguments.refuseUnknown(allowed: Set(filterProperties.keys).union(["limit"]))
                let limit = try arguments.integer("limit") ?? maxRows
                guard (1...maxRows).contains(limit) else {
                    throw Refusal(message: "limit must be from 1 to \(maxRows)")
                }
                return .success(.listTickets(try query(.list, arguments), limit: limit))
            default:
                try arguments.refuseUnknown(allowed: Set(filterProperties.keys).union(["groupBy"]))
                var query = try query(.count, arguments)
                if let group = try arguments.string("groupBy") {
                    guard let groupBy = CopilotQuery.GroupBy(rawValue: group.lowercased()) else {
                        throw Refusal(
                            message: "groupBy must be one of \(CopilotQuery.GroupBy.allNames.joined(separator: ", "))")
                    }
                    query.groupBy = groupBy
                }
                return .success(.countTickets(query))
            }
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch {
            return .failure(Refusal(message: "the arguments could not be read"))
        }
    }

    /// The filters of a list or count call as a query.
    static func query(_ intent: CopilotQuery.Intent, _ arguments: Arguments) throws -> CopilotQuery {
        var query = CopilotQuery(intent: intent)
        if let status = try arguments.string("status") {
            guard let value = CopilotQuery.StatusFilter(rawValue: status.lowercased()) else {
                throw Refusal(message: "status must be one of open, pending, resolved, unresolved")
            }
            query.status = value
        }
        var assignees: [CopilotQuery.AssigneeFilter] = []
        if try arguments.boolean("unassigned") == true { assignees.append(.unassigned) }
        if try arguments.boolean("mine") == true { assignees.append(.me) }
        if let name = try arguments.string("assignee") { assignees.append(.named(name)) }
        guard assignees.count <= 1 else {
            throw Refusal(message: "give at most one of unassigned, mine and assignee")
        }
        query.assignee = assignees.first
        if let priority = try arguments.string("priority") {
            guard let value = Priority(rawValue: priority.lowercased()) else {
                throw Refusal(
                    message: "priority must be one of \(Priority.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.priority = value
        }
        if let channel = try arguments.string("channel") {
            guard let value = Channel(rawValue: channel.lowercased()) else {
                throw Refusal(
                    message: "channel must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.channel = value
        }
        query.requester = try arguments.string("requester")
        query.agent = try arguments.string("agent")
        query.text = try arguments.string("text")
        query.range = try arguments.days("createdFrom", "createdTo")
        query.updated = try arguments.days("updatedFrom", "updatedTo")
        return query
    }

    /// A tool call's arguments: a JSON object, flattened when the model wrapped
    /// the filters in a `filters` object.
    struct Arguments {
        var fields: [String: ChatJSONValue]

        static func parse(_ json: String) -> Result<Arguments, Refusal> {
            let text = json.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { return .success(Arguments(fields: [:])) }
            guard var value = try? JSONDecoder().decode(ChatJSONValue.self, from: Data(text.utf8)) else {
                return .failure(Refusal(message: "the arguments are not JSON; send a JSON object"))
            }
            // Some models encode the object twice, as a string.
            if case .string(let inner) = value,
                let decoded = try? JSONDecoder().decode(ChatJSONValue.self, from: Data(inner.utf8))
            {
                value = decoded
            }
            guard case .object(var fields) = value else {
                return .failure(Refusal(message: "the arguments must be a JSON object"))
            }
            switch fields.removeValue(forKey: "filters") {
            case .object(let nested)?: fields.merge(nested) { outer, _ in outer }
            case .null?, nil: break
            case _?: return .failure(Refusal(message: "filters must be a JSON object"))
            }
            return .success(Arguments(fields: fields.filter { $0.value != .null }))
        }

        func refuseUnknown(allowed: Set<String>) throws {
            let unknown = fields.keys.filter { !allowed.contains($0) }.sorted()
            guard unknown.isEmpty else {
                throw Refusal(
                    message: "unknown argument\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); "
                        + "the arguments are \(allowed.sorted().joined(separator: ", "))")
            }
        }

        /// A non-empty string (trimmed), or nil when absent or empty.
        func string(_ name: String) throws -> String? {
            guard let value = fields[name] else { return nil }
            guard case .string(let text) = value else { throw Refusal(message: "\(name) must be a string") }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.unicodeScalars.count <= 200 else {
                throw Refusal(message: "\(name) must be at most 200 characters")
            }
            return trimmed.isEmpty ? nil : trimmed
        }

        /// A whole number, also when written as a string ("10042", "#10042").
        func integer(_ name: String) throws -> Int? {
            switch fields[name] {
            case nil: return nil
            case .number(let number)?:
                guard number.rounded() == number, abs(number) < 1e12 else { break }
                return Int(number)
            case .string(let text)?:
                let digits = text.trimmingCharacters(in: .whitespaces).drop { $0 == "#" }
                if digits.isEmpty { return nil }
                if let number = Int(digits) { return number }
            default: break
            }
            throw Refusal(message: "\(name) must be a whole number")
        }

        func boolean(_ name: String) throws -> Bool? {
            switch fields[name] {
            case nil: return nil
            case .bool(let value)?: return value
            case .string(let text)? where ["true", "false", ""].contains(text.lowercased()):
                return text.lowercased() == "true"
            default: throw Refusal(message: "\(name) must be true or false")
            }
        }

        /// An inclusive range of days from two optional ISO dates (a date-time is read as its day).
        func days(_ fromName: String, _ toName: String) throws -> DayRange? {
            let from = try day(fromName)
            let to = try day(toName)
            guard from != nil || to != nil else { return nil }
            return DayRange(from: from ?? .earliest, to: to ?? .latest)
        }

        func day(_ name: String) throws -> CalendarDay? {
            guard let text = try string(name) else { return nil }
            let parts = text.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
                (1...9999).contains(year), (1...12).contains(month),
                (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
            else { throw Refusal(message: "\(name) must be a day written YYYY-MM-DD, such as 2025-03-01") }
            return CalendarDay(year: year, month: month, day: day)
        }
    }
}
