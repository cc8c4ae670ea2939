import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

@Suite struct TicketTests {
    @Test func fiftyConcurrentCreationsGetGapFreeUniqueNumbersFrom10001() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        try await openTicket(client, token: acme.ownerToken, subject: "Concurrent \(index)")
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(numbers.sorted() == Array(10001...10050))
        }
    }

    @Test func createdTicketHasEveryFieldOfTheContract() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let response = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken,
                json: json([
                    "subject": "  Refund for order 4821  ", "priority": "high", "body": "I was charged twice.",
                    "requester": ["name": "Ana Cliente", "email": "ana@example.com", "phone": "+34600000000"],
                ]))
            #expect(response.status == .created)
            let ticket = response.object
            #expect(ticket["number"] as? Int == 10001)
            #expect(ticket["status"] as? String == "open")
            #expect(ticket["priority"] as? String == "high")
            #expect(ticket["subject"] as? String == "Refund for order 4821")
            #expect(ticket["channel"] as? String == "email")
            let requester = try #require(ticket["requester"] as? [String: Any])
            #expect(requester["name"] as? String == "Ana Cliente")
            #expect(requester["email"] as? String == "ana@example.com")
            #expect(requester["phone"] as? String == "+34600000000")
            #expect(ticket["assignee"] is NSNull)
            #expect(ticket["agent"] is NSNull)
            #expect(ticket["resolvedAt"] is NSNull)
            let created = try #require(ticket["createdAt"] as? String)
            #expect(Timestamp(rfc3339: created) != nil)
            #expect(created.contains("."))  // fractional seconds
            #expect(ticket["lastActivityAt"] as? String == created)

            let fetched = try await client.call(.get, "/api/v1/tickets/10001", token: acme.ownerToken)
            #expect(fetched.status == .ok)
            #expect(fetched.object["subject"] as? String == "Refund for order 4821")
        }
    }

    @Test func patchResolveReopenAndEventsOnTheTimelineInOrder() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken, body: "The printer is on fire.")
            let path = "/api/v1/tickets/\(number)"
            let pending = try await client.call(
                .patch, path, token: sam.token, json: json(["status": "pending", "priority": "urgent"]))
            #expect(pending.status == .ok)
            #expect(pending.object["status"] as? String == "pending")
            #expect(pending.object["priority"] as? String == "urgent")
            let note = try await client.call(
                .post, "\(path)/notes", token: sam.token, json: json(["body": "Called the fire brigade."]))
            #expect(note.status == .created)
            #expect(note.object["kind"] as? String == "note")
            let assigned = try await client.call(
                .patch, path, token: acme.ownerToken, json: json(["assigneeId": sam.member.id]))
            #expect((assigned.object["assignee"] as? [String: Any])?["displayName"] as? String == "Sam")
            let resolved = try await client.call(.patch, path, token: sam.token, json: json(["status": "resolved"]))
            #expect(resolved.object["resolvedAt"] is String)
            let reopened = try await client.call(.patch, path, token: sam.token, json: json(["status": "open"]))
            #expect(reopened.object["resolvedAt"] is NSNull)
            let unassigned = try await client.call(.patch, path, token: sam.token, json: #"{"assigneeId": null}"#)
            #expect(unassigned.object["assignee"] is NSNull)
            let renamed = try await client.call(
                .patch, path, token: sam.token, json: json(["subject": "Printer fire (resolved twice)"]))
            #expect(renamed.object["subject"] as? String == "Printer fire (resolved twice)")
            // A no-op change writes no event.
            _ = try await client.call(.patch, path, token: sam.token, json: json(["priority": "urgent"]))

            let timeline = try await client.call(.get, "\(path)/timeline", token: sam.token)
            #expect(timeline.status == .ok)
            let items = timeline.items
            let summary = items.map { item -> String in
                switch item["kind"] as? String {
                case "message": return "message:\((item["author"] as? [String: Any])?["kind"] as? String ?? "?")"
                case "note": return "note"
                default: return "event:\(item["event"] as? String ?? "?")"
                }
            }
            #expect(
                summary == [
                    "event:created", "message:customer", "event:unassigned", "event:statusChanged",
                    "event:priorityChanged", "note",
                    "event:assigned", "event:resolved", "event:reopened", "event:unassigned", "event:subjectChanged",
                ])
            // The created event (with the handoff summary) comes first; the rest in the order it happened.
            let rest = items.dropFirst()
            let ids = rest.compactMap { ($0["id"] as? String).flatMap(Int.init) }
            #expect(ids == ids.sorted() && Set(ids).count == ids.count)
            let times = rest.compactMap { ($0["at"] as? String).flatMap(Timestamp.init(rfc3339:)) }
            #expect(times == times.sorted())
            let status = try #require(items.first { $0["event"] as? String == "statusChanged" })
            #expect(status["from"] as? String == "open")
            #expect(status["to"] as? String == "pending")
            #expect((status["actor"] as? [String: Any])?["name"] as? String == "Sam")
            let message = items[1]
            #expect(message["channel"] as? String == "email")
            #expect(message["body"] as? String == "The printer is on fire.")
        }
    }

    @Test func pickUpRaceHasExactlyOneWinner() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        var operators: [(member: Member, token: String)] = []
        for index in 0..<20 { operators.append(try await acme.member("Operator \(index)")) }
        let contenders = operators
        try await desk.test { client in
            let number = try await openTicket(client, token: acme.ownerToken)
            let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for contender in contenders {
                    group.addTask {
                        let response = try await client.call(
                            .post, "/api/v1/tickets/\(number)/pickup", token: contender.token)
                        return (Int(response.status.code), response.text)
                    }
                }
                return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
            }
            let winners = results.filter { $0.0 == 200 }
            #expect(winners.count == 1)
            #expect(results.filter { $0.0 == 409 }.count == 19)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: acme.ownerToken)
            let holder = try #require((ticket.object["assignee"] as? [String: Any])?["displayName"] as? String)
            for loser in results where loser.0 == 409 { #expect(loser.1.contains(holder)) }
        }
    }
}
