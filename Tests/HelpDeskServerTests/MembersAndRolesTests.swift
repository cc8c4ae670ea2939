import Foundation
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

@Suite struct MembersAndRolesTests {
    @Test func ownerAddsMembersAndListShowsAvailabilityAndOpenTickets() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let created = try await client.call(
                .post, "/api/v1/members", token: acme.ownerToken,
                json: json([
                    "email": "sam@acme.test", "password": "long enough pw", "role": "operator", "displayName": "Sam",
                ]))
            #expect(created.status == .created)
            let samID = try #require(created.object["id"] as? String)

            let duplicate = try await client.call(
                .post, "/api/v1/members", token: acme.ownerToken,
                json: json([
                    "email": "SAM@acme.test", "password": "long enough pw", "role": "operator", "displayName": "Sam 2",
                ]))
            #expect(duplicate.status == .conflict)

            let number = try await openTicket(client, token: acme.ownerToken)
            let assign = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["assigneeId": samID]))
            #expect(assign.status == .ok)
            let online = try await client.call(
                .patch, "/api/v1/members/\(samID)", token: acme.ownerToken, json: json(["availability": "online"]))
            #expect(online.status == .ok)

            let list = try await client.call(.get, "/api/v1/members", token: acme.ownerToken)
            let sam = try #require(list.items.first { $0["id"] as? String == samID })
            #expect(sam["availability"] as? String == "online")
            #expect(sam["openTickets"] as? Int == 1)

            _ = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["status": "resolved"]))
            let after = try await client.call(.get, "/api/v1/members", token: acme.ownerToken)
            #expect(after.items.first { $0["id"] as? String == samID }?["openTickets"] as? Int == 0)
        }
    }

    @Test func operatorsCannotChangeSettingsOrMembers() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        let riley = try await acme.member("Riley")
        try await desk.test { client in
            let settings = try await client.call(.get, "/api/v1/settings", token: sam.token)
            #expect(settings.status == .ok)
            let put = try await client.call(.put, "/api/v1/settings", token: sam.token, json: settings.text)
            #expect(put.status == .forbidden)
            #expect(put.problemType == "urn:helpdesk:problem:forbidden")

            let add = try await client.call(
                .post, "/api/v1/members", token: sam.token,
                json: json([
                    "email": "x@acme.test", "password": "long enough pw", "role": "operator", "displayName": "X",
                ]))
            #expect(add.status == .forbidden)

            let other = try await client.call(
                .patch, "/api/v1/members/\(riley.member.id)", token: sam.token, json: json(["availability": "online"]))
            #expect(other.status == .forbidden)

            let promote = try await client.call(
                .patch, "/api/v1/members/\(sam.member.id)", token: sam.token, json: json(["role": "manager"]))
            #expect(promote.status == .forbidden)

            // An operator does change their own availability.
            let own = try await client.call(
                .patch, "/api/v1/members/\(sam.member.id)", token: sam.token, json: json(["availability": "away"]))
            #expect(own.status == .ok)
        }
    }

    @Test func managersConfigureButCannotMakeOwnersAndTheLastOwnerStays() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let max = try await acme.member("Max", role: .manager)
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            let settings = try await client.call(.get, "/api/v1/settings", token: max.token)
            #expect(
                try await client.call(.put, "/api/v1/settings", token: max.token, json: settings.text).status == .ok)
            let promote = try await client.call(
                .patch, "/api/v1/members/\(sam.member.id)", token: max.token, json: json(["role": "manager"]))
            #expect(promote.status == .ok)
            #expect(promote.object["role"] as? String == "manager")
            let owner = try await client.call(
                .patch, "/api/v1/members/\(sam.member.id)", token: max.token, json: json(["role": "owner"]))
            #expect(owner.status == .forbidden)
            let demoteSelf = try await client.call(
                .patch, "/api/v1/members/\(acme.owner.id)", token: acme.ownerToken, json: json(["role": "manager"]))
            #expect(demoteSelf.status == .conflict)
        }
    }
}
