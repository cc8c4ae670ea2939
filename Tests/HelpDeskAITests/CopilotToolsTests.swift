import Foundation
import HelpDeskCore
import Testing

@testable import HelpDeskAI

/// The copilot's tools: their schemas mirror the interpreter's filters, and the
/// arguments a model writes are read defensively into the same `CopilotQuery`.
@Suite struct CopilotToolsTests {
    func read(_ name: String, _ arguments: String) -> Result<CopilotToolCall, CopilotTools.Refusal> {
        CopilotTools.read(ChatFunctionCall(name: name, arguments: arguments))
    }

    func refusal(_ name: String, _ arguments: String) -> String? {
        if case .failure(let refusal) = read(name, arguments) { return refusal.message }
        return nil
    }

    @Test func theSchemasNameEveryFilterWithItsValues() throws {
        let data = try JSONEncoder().encode(CopilotTools.definitions)
        let tools = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        func parameters(_ index: Int) -> [String: Any] {
            ((tools[index]["function"] as? [String: Any])?["parameters"] as? [String: Any]) ?? [:]
        }
        func properties(_ index: Int) -> [String: [String: Any]] {
            parameters(index)["properties"] as? [String: [String: Any]] ?? [:]
        }
        let filters = [
            "status", "unassigned", "mine", "assignee", "priority", "channel", "requester", "agent", "text",
            "createdFrom", "createdTo", "updatedFrom", "updatedTo",
        ]
        #expect(Set(properties(0).keys) == Set(filters + ["limit"]))
        #expect(Set(properties(1).keys) == Set(filters + ["groupBy"]))
        #expect(Set(properties(2).keys) == ["number"])
        #expect(parameters(2)["required"] as? [String] == ["number"])
        #expect(properties(0)["status"]?["enum"] as? [String] == ["open", "pending", "resolved", "unresolved"])
        #expect(properties(0)["priority"]?["enum"] as? [String] == ["low", "normal", "high", "urgent"])
        #expect(properties(0)["channel"]?["enum"] as? [String] == ["web", "telegram", "whatsapp", "email"])
        #expect(properties(0)["unassigned"]?["type"] as? String == "boolean")
        #expect(properties(0)["createdFrom"]?["format"] as? String == "date")
        #expect(properties(0)["limit"]?["maximum"] as? Int == 25)
        #expect(
            properties(1)["groupBy"]?["enum"] as? [String] == ["status", "priority", "channel", "assignee", "agent"])
        // Keywords left unset are left out, not sent as null.
        #expect(properties(0)["text"]?.keys.sorted() == ["description", "type"])
    }

    @Test func filtersAreReadIntoTheInterpretersQuery() {
        let call = read(
            "list_tickets",
            #"{"status":"Unresolved","priority":"urgent","channel":"whatsapp","unassigned":true,"requester":" hans@example.de ","agent":"Billing Bot","text":"refund","createdFrom":"2026-11-01T00:00:00Z","createdTo":"2026-11-30","limit":"10"}"#
        )
        let expected = CopilotQuery(
            intent: .list, status: .unresolved, assignee: .unassigned, priority: .urgent, channel: .whatsapp,
            requester: "hans@example.de", agent: "Billing Bot", text: "refund",
            range: DayRange(
                from: CalendarDay(year: 2026, month: 11, day: 1), to: CalendarDay(year: 2026, month: 11, day: 30)))
        #expect(call == .success(.listTickets(expected, limit: 10)))
    }

    @Test func nullsEmptyStringsAndAFiltersObjectAreReadAsModelsWriteThem() {
        #expect(read("list_tickets", "") == .success(.listTickets(CopilotQuery(intent: .list), limit: 25)))
        #expect(
            read("list_tickets", #"{"status":null,"text":"","mine":false,"limit":null}"#)
                == .success(.listTickets(CopilotQuery(intent: .list), limit: 25)))
        #expect(
            read("count_tickets", #"{"filters":{"mine":"true","status":"open"},"groupBy":"Channel"}"#)
                == .success(
                    .countTickets(CopilotQuery(intent: .count, status: .open, assignee: .me, groupBy: .channel))))
        // Double-encoded arguments, as some models send them.
        let doubleEncoded = String(decoding: try! JSONEncoder().encode(#"{"number":10042}"#), as: UTF8.self)
        #expect(read("get_ticket", doubleEncoded) == .success(.getTicket(number: 10042)))
        #expect(read("get_ticket", ##"{"number":"#10042"}"##) == .success(.getTicket(number: 10042)))
        #expect(read("get_ticket", #"{"number":10042.0}"#) == .success(.getTicket(number: 10042)))
    }

    @Test func openRangesLeaveTheOtherEndOpen() {
        let since = CalendarDay(year: 2026, month: 3, day: 1)
        #expect(
            read("count_tickets", #"{"updatedFrom":"2026-03-01"}"#)
                == .success(.countTickets(CopilotQuery(intent: .count, updated: DayRange(from: since, to: .latest)))))
        #expect(
            read("count_tickets", #"{"createdTo":"2026-03-01"}"#)
                == .success(.countTickets(CopilotQuery(intent: .count, range: DayRange(from: .earliest, to: since)))))
    }

    @Test func whatCannotBeReadIsRefusedWithWordsTheModelCanActOn() {
        #expect(refusal("list_tickets", "{oops")?.contains("not JSON") == true)
        #expect(refusal("list_tickets", "[1,2]") == "the arguments must be a JSON object")
        #expect(refusal("list_tickets", #"{"filters":"open"}"#) == "filters must be a JSON object")
        #expect(
            refusal("list_tickets", #"{"assigned_to":"Sam","foo":1}"#)?.hasPrefix("unknown arguments assigned_to, foo;")
                == true)
        #expect(refusal("list_tickets", #"{"groupBy":"status"}"#)?.contains("unknown argument groupBy") == true)
        #expect(refusal("count_tickets", #"{"limit":3}"#)?.contains("unknown argument limit") == true)
        #expect(
            refusal("list_tickets", #"{"mine":true,"assignee":"Sam"}"#)
                == "give at most one of unassigned, mine and assignee")
        #expect(refusal("list_tickets", #"{"status":"closed"}"#)?.hasPrefix("status must be one of") == true)
        #expect(refusal("list_tickets", #"{"priority":"critical"}"#)?.hasPrefix("priority must be one of") == true)
        #expect(refusal("list_tickets", #"{"channel":"fax"}"#)?.hasPrefix("channel must be one of") == true)
        #expect(refusal("list_tickets", #"{"limit":26}"#) == "limit must be from 1 to 25")
        #expect(refusal("list_tickets", #"{"limit":2.5}"#) == "limit must be a whole number")
        #expect(refusal("list_tickets", #"{"unassigned":"yes"}"#) == "unassigned must be true or false")
        #expect(refusal("list_tickets", #"{"text":42}"#) == "text must be a string")
        #expect(
            refusal("list_tickets", #"{"createdFrom":"2026-02-30"}"#)?.hasPrefix("createdFrom must be a day") == true)
        #expect(refusal("list_tickets", #"{"updatedTo":"last week"}"#)?.hasPrefix("updatedTo must be a day") == true)
        #expect(refusal("get_ticket", "{}") == "number is required: the ticket number, such as 10042")
        #expect(refusal("get_ticket", #"{"number":0}"#) == "number is required: the ticket number, such as 10042")
        #expect(
            refusal("handover_to_human", "{}")
                == "there is no tool handover_to_human; use list_tickets, count_tickets, get_ticket")
    }

    @Test func resultsAreCompactJSONWithoutMessageBodies() {
        let ticket = Ticket(
            id: 1, teamID: "tm", number: 10042, conversationID: "cv", status: .open, priority: .high,
            subject: "Refund / order 4821", requester: Requester(name: "Hans Müller", email: "hans@example.de"),
            assignee: MemberRef(id: "m1", displayName: "Riley Quinn"), agent: nil, channel: .email,
            createdAt: Timestamp(microseconds: 0), lastActivityAt: Timestamp(microseconds: 1_000_000), resolvedAt: nil)
        #expect(
            CopilotToolResult.ticket(ticket).json
                == #"{"ticket":{"assignee":"Riley Quinn","channel":"email","createdAt":"1970-01-01T00:00:00.000000Z","lastActivityAt":"1970-01-01T00:00:01.000000Z","number":10042,"priority":"high","requester":"Hans Müller","requesterEmail":"hans@example.de","status":"open","subject":"Refund / order 4821"}}"#
        )
        #expect(CopilotToolResult.tickets([], limit: 25).json == #"{"count":0,"tickets":[]}"#)
        #expect(CopilotToolResult.tickets([ticket], limit: 1).json.contains(#""more":"there may be more"#))
        #expect(CopilotToolResult.count(7).json == #"{"count":7}"#)
        #expect(
            CopilotToolResult.groups(by: .assignee, [CopilotGroupCount(name: "unassigned", count: 3)]).json
                == #"{"groupBy":"assignee","groups":[{"count":3,"name":"unassigned"}]}"#)
        #expect(CopilotToolResult.error("no such ticket #1").json == #"{"error":"no such ticket #1"}"#)
    }
}
