import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

@Suite struct IsolationAndPlanTests {
    @Test func anotherTeamsTicketsAreInvisible() async throws {
        let desk = try TestHelpDesk()
        let a = try await desk.team("Alpha")
        let b = try await desk.team("Bravo")
        let bOperator = try await b.member("Bea")
        try await desk.test { client in
            _ = try await openTicket(client, token: a.ownerToken, subject: "Alpha only")
            _ = try await openTicket(client, token: b.ownerToken, subject: "Bravo secret zebra")
            let bSecond = try await openTicket(client, token: b.ownerToken, subject: "Bravo second zebra")
            #expect(bSecond == 10002)

            // Team A has no 10002: B's ticket of that number is not there for A, under any verb.
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/api/v1/tickets/10002", nil as String?),
                (.patch, "/api/v1/tickets/10002", json(["status": "resolved"])),
                (.post, "/api/v1/tickets/10002/pickup", nil),
                (.get, "/api/v1/tickets/10002/timeline", nil),
                (.post, "/api/v1/tickets/10002/notes", json(["body": "hi"])),
            ] {
                let response = try await client.call(method, path, token: a.ownerToken, json: body)
                #expect(response.status == .notFound, "\(method) \(path)")
            }
            // Both teams have a 10001, each sees its own.
            let aFirst = try await client.call(.get, "/api/v1/tickets/10001", token: a.ownerToken)
            #expect(aFirst.object["subject"] as? String == "Alpha only")

            for view in ["all", "unassigned", "mine", "resolved"] {
                let page = try await client.call(.get, "/api/v1/tickets?view=\(view)", token: a.ownerToken)
                #expect(!page.text.contains("Bravo"))
            }
            let search = try await client.call(.get, "/api/v1/tickets?q=zebra", token: a.ownerToken)
            #expect(search.items.isEmpty)
            let bSearch = try await client.call(.get, "/api/v1/tickets?q=zebra", token: b.ownerToken)
            #expect(bSearch.items.count == 2)

            // Members and assignment stay inside the team too.
            let members = try await client.call(.get, "/api/v1/members", token: a.ownerToken)
            #expect(!members.text.contains(bOperator.member.id))
            let crossAssign = try await client.call(
                .patch, "/api/v1/tickets/10001", token: a.ownerToken, json: json(["assigneeId": bOperator.member.id]))
            #expect(crossAssign.status == .badRequest)
            let crossMember = try await client.call(
                .patch, "/api/v1/members/\(bOperator.member.id)", token: a.ownerToken,
                json: json(["availability": "online"]))
            #expect(crossMember.status == .notFound)
            let crossFilter = try await client.call(
                .get, "/api/v1/tickets?assigneeId=\(bOperator.member.id)", token: a.ownerToken)
            #expect(crossFilter.items.isEmpty)
        }
    }

    @Test(arguments: [Plan.free, .hobby])
    func helpDeskNeedsProOrScale(plan: Plan) async throws {
        let desk = try TestHelpDesk()
        let team = try await desk.team("Small", plan: plan)
        try await desk.test { client in
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/api/v1/tickets", nil as String?),
                (.post, "/api/v1/tickets", json(["subject": "x", "requester": ["name": "y"]])),
                (.get, "/api/v1/tickets/10001", nil),
                (.get, "/api/v1/tickets/10001/timeline", nil),
            ] {
                let response = try await client.call(method, path, token: team.ownerToken, json: body)
                #expect(response.status == .forbidden)
                #expect(response.problemType == "urn:helpdesk:problem:plan-required")
                #expect((response.object["detail"] as? String)?.contains("pro and scale") == true)
            }
            // Members and settings are not Help Desk features.
            let me = try await client.call(.get, "/api/v1/me", token: team.ownerToken)
            #expect(me.status == .ok)
        }
        _ = try await desk.helpDesk.setPlan(teamID: team.team.id, plan: .scale)
        try await desk.test { client in
            let response = try await client.call(.get, "/api/v1/tickets", token: team.ownerToken)
            #expect(response.status == .ok)
        }
    }
}
