import Foundation
import HTTPTypes
import HelpDeskCore
import HummingbirdTesting
import Testing

/// `POST /api/v1/copilot`: read-only answers, scoped to what the caller may see.
@Suite struct CopilotTests {
    func ask(_ client: any TestClientProtocol, _ token: String, _ message: String) async throws -> TestResponse {
        try await client.call(.post, "/api/v1/copilot", token: token, json: json(["message": message]))
    }

    @Test func questionsAreAnsweredWithRowsCountsAndBreakdownsAndChangesAreRefused() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let riley = try await acme.member("Riley Quinn")
        try await desk.test { client in
            let urgent = try await openTicket(
                client, token: acme.ownerToken, subject: "Refund missing", priority: "urgent")
            _ = try await openTicket(client, token: acme.ownerToken, subject: "Printer on fire")
            let third = try await openTicket(
                client, token: acme.ownerToken, subject: "Invoice question", requester: "Hans Müller",
                email: "hans@example.de")
            #expect(
                try await client.call(
                    .patch, "/api/v1/tickets/\(third)", token: acme.ownerToken,
                    json: json(["assigneeId": riley.member.id])
                ).status == .ok)

            let list = try await ask(client, acme.ownerToken, "urgent unassigned tickets")
            #expect(list.status == .ok, "\(list.text)")
            #expect((list.object["tickets"] as? [[String: Any]])?.map { $0["number"] as? Int } == [urgent])
            #expect((list.object["answer"] as? String)?.contains("urgent priority") == true)

            let count = try await ask(client, acme.ownerToken, "wie viele offene Tickets?")
            #expect(count.object["answer"] as? String == "3 tickets open.")

            let perAssignee = try await ask(client, acme.ownerToken, "how many open tickets per assignee")
            #expect(
                (perAssignee.object["answer"] as? String)?.contains("unassigned 2, Riley Quinn 1") == true,
                "\(perAssignee.text)")

            let fromHans = try await ask(client, acme.ownerToken, "tickets from Hans Müller")
            #expect((fromHans.object["tickets"] as? [[String: Any]])?.map { $0["number"] as? Int } == [third])

            let show = try await ask(client, acme.ownerToken, "#\(urgent)")
            #expect((show.object["answer"] as? String)?.hasPrefix("Ticket #\(urgent) “Refund missing”: open") == true)

            for change in ["close \(urgent)", "bitte Ticket \(urgent) löschen", "asígname los tickets urgentes"] {
                let refused = try await ask(client, acme.ownerToken, change)
                #expect(refused.status == .ok)
                #expect((refused.object["answer"] as? String)?.contains("change nothing") == true, "\(change)")
            }
            let after = try await client.call(.get, "/api/v1/tickets/\(urgent)", token: acme.ownerToken)
            #expect(after.object["status"] as? String == "open", "nothing changed")

            let unknown = try await ask(client, acme.ownerToken, "thanks, have a nice day")
            #expect((unknown.object["answer"] as? String)?.contains("did not understand") == true)

            #expect(try await ask(client, acme.ownerToken, "   ").status == .badRequest)
        }
    }

    @Test func anOperatorsCopilotSeesOnlyTheirOwnTickets() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let riley = try await acme.member("Riley Quinn")
        let sam = try await acme.member("Sam Lee")
        let other = try await desk.team("Other")
        try await desk.test { client in
            let rileys = try await openTicket(client, token: acme.ownerToken, subject: "Riley's")
            let sams = try await openTicket(client, token: acme.ownerToken, subject: "Sam's")
            _ = try await openTicket(client, token: other.ownerToken, subject: "Other team")
            for (number, member) in [(rileys, riley), (sams, sam)] {
                _ = try await client.call(
                    .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken,
                    json: json(["assigneeId": member.member.id]))
            }
            let all = try await ask(client, riley.token, "open tickets")
            #expect((all.object["tickets"] as? [[String: Any]])?.map { $0["number"] as? Int } == [rileys])
            let count = try await ask(client, riley.token, "how many tickets")
            #expect((count.object["answer"] as? String)?.hasPrefix("1 ") == true, "\(count.text)")
            let samsTickets = try await ask(client, riley.token, "tickets assigned to Sam")
            #expect((samsTickets.object["tickets"] as? [[String: Any]])?.isEmpty == true)
            let show = try await ask(client, riley.token, "show me ticket \(sams)")
            #expect(show.object["answer"] as? String == "There is no ticket #\(sams) you can see.")
            let owner = try await ask(client, acme.ownerToken, "how many tickets")
            #expect((owner.object["answer"] as? String)?.hasPrefix("2 ") == true, "the other team's is not counted")
        }
    }

    @Test func plansWithoutTheHelpDeskAreRefused() async throws {
        let desk = try TestHelpDesk()
        let hobby = try await desk.team("Hobby", plan: .hobby)
        try await desk.test { client in
            let refused = try await ask(client, hobby.ownerToken, "open tickets")
            #expect(refused.status == .forbidden)
        }
    }

    @Test func theAppOffersTheCopilotOnHelpDeskPlansOnly() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let hobby = try await desk.team("Hobby", plan: .hobby)
        try await desk.test { client in
            let pro = try await WebAppTests.signIn(client, email: acme.owner.email)
            #expect(try await client.call(.get, "/app/profile", headers: pro).text.contains("id=\"copilot-open\""))
            let small = try await WebAppTests.signIn(client, email: hobby.owner.email)
            #expect(!(try await client.call(.get, "/app/profile", headers: small).text.contains("copilot-open")))
        }
    }
}
