import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct BadInputTests {
    /// One limit for every message: a visitor may send as much as an operator (20,000 code points).
    @Test func aVisitorMessageHasTheSameLimitAsAnOperatorsReply() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let visitor = try await widget.session(client)
            let long = try await client.call(
                .post, "\(widget.base)/messages", token: visitor,
                json: json(["body": String(repeating: "é", count: TextLimits.messageBody)]))
            #expect(long.status == .ok, "\(long.text)")
            let tooLong = try await client.call(
                .post, "\(widget.base)/messages", token: visitor,
                json: json(["body": String(repeating: "é", count: TextLimits.messageBody + 1)]))
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.text.contains("body"))
        }
    }

    static func fieldNames(_ response: TestResponse) -> [String] {
        (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test func bodyOverOneMebibyteIs413AndNothingIsStored() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let big = json([
                "subject": "big", "requester": ["name": "x"], "body": String(repeating: "a", count: 1 << 20),
            ])
            let response = try await client.call(.post, "/api/v1/tickets", token: acme.ownerToken, json: big)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.problemType == "urn:helpdesk:problem:payload-too-large")
            let list = try await client.call(.get, "/api/v1/tickets", token: acme.ownerToken)
            #expect(list.items.isEmpty)
            // Just under the limit is fine.
            let fits = json([
                "subject": "fits", "requester": ["name": "x"], "body": String(repeating: "a", count: 19_000),
            ])
            #expect(
                try await client.call(.post, "/api/v1/tickets", token: acme.ownerToken, json: fits).status == .created)
        }
    }

    @Test func malformedJSONIs400NamingTheProblem() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let broken = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken, json: #"{"subject": "x",,}"#)
            #expect(broken.status == .badRequest)
            #expect(Self.fieldNames(broken) == ["body"])
            #expect((broken.object["detail"] as? String)?.contains("not valid JSON") == true)

            let empty = try await client.call(.post, "/api/v1/tickets", token: acme.ownerToken, json: "")
            #expect(empty.status == .badRequest)

            let missing = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken, json: json(["subject": "x"]))
            #expect(missing.status == .badRequest)
            #expect(Self.fieldNames(missing) == ["requester"])
            #expect((missing.object["detail"] as? String)?.contains("requester is required") == true)

            let nested = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken,
                json: json(["subject": "x", "requester": ["name": 7]]))
            #expect(Self.fieldNames(nested) == ["requester.name"])

            let wrongType = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken, json: json(["subject": 5]))
            #expect(Self.fieldNames(wrongType) == ["subject"])

            let array = try await client.call(.post, "/api/v1/tickets", token: acme.ownerToken, json: "[1,2]")
            #expect(array.status == .badRequest)
        }
    }

    @Test func unknownViewStatusPriorityAndChannelListTheAllowedValues() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let view = try await client.call(.get, "/api/v1/tickets?view=inbox", token: acme.ownerToken)
            #expect(view.status == .badRequest)
            #expect((view.object["detail"] as? String)?.contains("mine, all, unassigned, resolved") == true)
            let status = try await client.call(.get, "/api/v1/tickets?status=closed", token: acme.ownerToken)
            #expect((status.object["detail"] as? String)?.contains("open, pending, resolved") == true)
            let both = try await client.call(
                .get, "/api/v1/tickets?priority=meh&channel=fax&limit=0", token: acme.ownerToken)
            #expect(Set(Self.fieldNames(both)) == ["priority", "channel", "limit"])
            let limit = try await client.call(.get, "/api/v1/tickets?limit=500", token: acme.ownerToken)
            #expect(Self.fieldNames(limit) == ["limit"])
            let cursor = try await client.call(.get, "/api/v1/tickets?cursor=garbage!", token: acme.ownerToken)
            #expect(Self.fieldNames(cursor) == ["cursor"])

            let number = try await openTicket(client, token: acme.ownerToken)
            let patchStatus = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["status": "closed"]))
            #expect(patchStatus.status == .badRequest)
            #expect((patchStatus.object["detail"] as? String)?.contains("open, pending, resolved") == true)
            #expect(Self.fieldNames(patchStatus) == ["status"])
            let createPriority = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken,
                json: json(["subject": "x", "requester": ["name": "y"], "priority": "asap"]))
            #expect((createPriority.object["detail"] as? String)?.contains("low, normal, high, urgent") == true)
        }
    }

    @Test func invalidFieldsAndUnknownThingsAreClear4xx() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let token = acme.ownerToken
            let blank = try await client.call(
                .post, "/api/v1/tickets", token: token,
                json: json(["subject": "   ", "requester": ["name": "", "email": "not-an-email"]]))
            #expect(blank.status == .badRequest)
            #expect(Set(Self.fieldNames(blank)) == ["subject", "requester.name", "requester.email"])
            let long = try await client.call(
                .post, "/api/v1/tickets", token: token,
                json: json(["subject": String(repeating: "s", count: 501), "requester": ["name": "y"]]))
            #expect(Self.fieldNames(long) == ["subject"])

            let number = try await openTicket(client, token: token)
            let nobody = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: token, json: json(["assigneeId": "mb_nobody"]))
            #expect(nobody.status == .badRequest)
            #expect(Self.fieldNames(nobody) == ["assigneeId"])
            let nothing = try await client.call(.patch, "/api/v1/tickets/\(number)", token: token, json: "{}")
            #expect(nothing.status == .badRequest)
            let emptyNote = try await client.call(
                .post, "/api/v1/tickets/\(number)/notes", token: token, json: json(["body": " "]))
            #expect(Self.fieldNames(emptyNote) == ["body"])

            let notANumber = try await client.call(.get, "/api/v1/tickets/abc", token: token)
            #expect(notANumber.status == .badRequest)
            #expect(Self.fieldNames(notANumber) == ["number"])
            let missingTicket = try await client.call(.get, "/api/v1/tickets/99999", token: token)
            #expect(missingTicket.status == .notFound)
            #expect(missingTicket.problemType == "urn:helpdesk:problem:not-found")

            let noRoute = try await client.call(.get, "/api/v1/nothing-here", token: token)
            #expect(noRoute.status == .notFound)
            #expect(noRoute.problemType == "urn:helpdesk:problem:no-route")

            let badSettings = try await client.call(
                .put, "/api/v1/settings", token: token,
                json: json([
                    "businessHours": ["enabled": true, "start": "9am", "end": "17:00", "timeZone": "Europe/Berlin"],
                    "emailNotifications": true, "assignment": "balanced",
                    "supportInbox": ["enabled": false, "address": nil],
                ]))
            #expect(badSettings.status == .badRequest)
            #expect(Self.fieldNames(badSettings) == ["businessHours.start"])
        }
    }

    @Test func problemDocumentsHaveTheRFC9457Members() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let response = try await client.call(.get, "/api/v1/me")
            #expect(response.headers[.contentType] == "application/problem+json")
            for key in ["type", "title", "status", "detail"] { #expect(response.object.keys.contains(key)) }
            #expect(response.object["status"] as? Int == 401)
        }
    }
}
