import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// The server accepts exactly the requests the OpenAPI document allows: what
/// it documents is taken, and what it does not (a null where no null is
/// allowed, a malformed email) is refused with 400 naming the field.
@Suite struct RequestContractTests {
    static func fields(_ response: TestResponse) -> [String] {
        (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test func anEmptySendingEmailClearsItAndAtCreationMeansTheSignInEmail() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let set = try await client.call(
                .patch, "/api/v1/me", token: acme.ownerToken, json: json(["sendingEmail": "support@acme.test"]))
            #expect(set.object["sendingEmail"] as? String == "support@acme.test")
            let cleared = try await client.call(
                .patch, "/api/v1/me", token: acme.ownerToken, json: json(["sendingEmail": ""]))
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(cleared.object["sendingEmail"] is NSNull)
            // Only empty clears it: blanks are a malformed address.
            let blank = try await client.call(
                .patch, "/api/v1/me", token: acme.ownerToken, json: json(["sendingEmail": "  "]))
            #expect(blank.status == .badRequest)
            #expect(Self.fields(blank) == ["sendingEmail"])

            let added = try await client.call(
                .post, "/api/v1/members", token: acme.ownerToken,
                json: json([
                    "email": "new@\(acme.slug).test", "password": "long enough password", "role": "operator",
                    "displayName": "New", "sendingEmail": "",
                ]))
            #expect(added.status == .created, "\(added.text)")
            #expect(added.object["sendingEmail"] as? String == "new@\(acme.slug).test")
        }
    }

    @Test func nullWhereTheDocumentAllowsNoNullIs400NamingTheField() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let agent = try await client.call(
                .post, "/api/v1/agents", token: acme.ownerToken,
                json: json(["name": "Bot", "supportHandover": ["autoReplyMessage": nil]]))
            #expect(agent.status == .badRequest)
            #expect(Self.fields(agent) == ["supportHandover.autoReplyMessage"])

            let ticket = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken,
                json: json(["subject": "Hi", "requester": ["name": "Ana"], "body": nil]))
            #expect(ticket.status == .badRequest)
            #expect(Self.fields(ticket) == ["body"])

            let number = try await openTicket(client, token: acme.ownerToken)
            let patch = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["status": nil]))
            #expect(patch.status == .badRequest)
            #expect(Self.fields(patch) == ["status"])
            // Where null is documented it still means something: assigneeId null unassigns.
            let unassign = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: json(["assigneeId": nil]))
            #expect(unassign.status == .ok)

            let me = try await client.call(
                .patch, "/api/v1/me", token: acme.ownerToken, json: json(["displayName": nil]))
            #expect(me.status == .badRequest)
            #expect(Self.fields(me) == ["displayName"])

            let brain = try await client.call(
                .post, "/api/v1/agents", token: acme.ownerToken,
                json: json([
                    "name": "Bot",
                    "brain": ["kind": "llm", "baseURL": "https://llm.example/v1", "model": "m", "apiKey": nil],
                ]))
            #expect(brain.status == .badRequest)
            #expect(Self.fields(brain) == ["brain.apiKey"])
        }
    }

    @Test func aWidgetSessionRefusesAMalformedEmailEvenWhenResuming() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            let resume = try await client.call(
                .post, "\(widget.base)/sessions", json: json(["visitorToken": token, "email": "not an email"]))
            #expect(resume.status == .badRequest)
            #expect(Self.fields(resume) == ["email"])
            let nullEmail = try await client.call(.post, "\(widget.base)/sessions", json: json(["email": nil]))
            #expect(nullEmail.status == .badRequest)
            // Empty means none.
            let empty = try await client.call(
                .post, "\(widget.base)/sessions", json: json(["name": "Vera", "email": ""]))
            #expect(empty.status == .ok)
        }
    }

    @Test func settingsNeedTheSupportInboxAddressSentIfOnlyAsNull() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            var settings = try await client.call(.get, "/api/v1/settings", token: acme.ownerToken).object
            settings["supportInbox"] = ["enabled": false]
            let missing = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(settings.mapValues { $0 }))
            #expect(missing.status == .badRequest)
            #expect(Self.fields(missing) == ["supportInbox.address"])
            settings["supportInbox"] = ["enabled": false, "address": NSNull()]
            let null = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(settings.mapValues { $0 }))
            #expect(null.status == .ok, "\(null.text)")
            settings["supportInbox"] = ["enabled": false, "address": "   "]
            let blank = try await client.call(
                .put, "/api/v1/settings", token: acme.ownerToken, json: json(settings.mapValues { $0 }))
            #expect(blank.status == .badRequest)
        }
    }

    @Test func aBlankRequesterEmailIsMalformedWhileAnEmptyOneIsNone() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let blank = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken,
                json: json(["subject": "Hi", "requester": ["name": "Ana", "email": "  "]]))
            #expect(blank.status == .badRequest)
            #expect(Self.fields(blank) == ["requester.email"])
            let empty = try await client.call(
                .post, "/api/v1/tickets", token: acme.ownerToken,
                json: json(["subject": "Hi", "requester": ["name": "Ana", "email": ""]]))
            #expect(empty.status == .created)
        }
    }

    @Test func aMalformedResumePointOnTheLiveEndpointsIs400() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let live = try await client.call(.get, "/api/v1/live?after=-1", token: acme.ownerToken)
            #expect(live.status == .badRequest)
            #expect(Self.fields(live) == ["after"])
            let widget = try await WidgetFixture.make(desk, client: client, team: acme)
            let visitor = try await widget.session(client)
            let widgetLive = try await client.call(.get, "\(widget.base)/live?visitorToken=\(visitor)&after=x")
            #expect(widgetLive.status == .badRequest)
        }
    }

    /// Where the server's rule is unchanged, the document now states it: a request
    /// the document calls invalid is one the server refuses.
    @Test func theDocumentRefusesWhatTheServerRefuses() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let contract = try await desk.test { client in try await OpenAPIContract.load(client) }
        func requestViolations(_ schema: String, _ body: String) -> [String] {
            contract.validator.violations(
                of: JSONValue.parse(Data(body.utf8))!,
                against: .object(["$ref": .string("#/components/schemas/\(schema)")]))
        }
        let nothingKnown = #"{"favouriteColour": "blue"}"#
        #expect(!requestViolations("MePatch", nothingKnown).isEmpty)
        #expect(!requestViolations("TicketPatch", nothingKnown).isEmpty)
        #expect(!requestViolations("MePatch", #"{"role": "owner"}"#).isEmpty)
        let telegram = #"{"kind": "telegram", "agentId": "ag_1", "config": {"allowedOrigins": ["https://a.example"]}}"#
        #expect(!requestViolations("ChannelCreate", telegram).isEmpty)
        #expect(!requestViolations("TicketPatch", #"{"assigneeId": ""}"#).isEmpty)
        #expect(requestViolations("TicketPatch", #"{"assigneeId": null}"#).isEmpty)
        try await desk.test { client in
            #expect(
                try await client.call(.patch, "/api/v1/me", token: acme.ownerToken, json: nothingKnown).status
                    == .badRequest)
            #expect(
                try await client.call(.patch, "/api/v1/me", token: acme.ownerToken, json: #"{"role": "owner"}"#).status
                    == .badRequest)
            let number = try await openTicket(client, token: acme.ownerToken)
            let empty = try await client.call(
                .patch, "/api/v1/tickets/\(number)", token: acme.ownerToken, json: #"{"assigneeId": ""}"#)
            #expect(empty.status == .badRequest)
            let widget = try await WidgetFixture.make(desk, client: client, team: acme)
            let channel = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json([
                    "kind": "telegram", "agentId": widget.agentID, "config": ["allowedOrigins": ["https://a.example"]],
                ]))
            #expect(channel.status == .badRequest)
        }
    }
}
