import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// The widget's pre-chat form (per channel: off, optional, required) and what a
/// visitor's session tells the team: the page, the browser and the language.
@Suite struct PreChatTests {
    func setPreChat(_ client: any TestClientProtocol, _ widget: WidgetFixture, _ form: String) async throws
        -> TestResponse
    {
        try await client.call(
            .patch, "/api/v1/channels/\(widget.channelID)", token: widget.acme.ownerToken,
            json: json(["config": ["preChat": form]]))
    }

    func config(_ response: TestResponse) -> [String: Any] { response.object["config"] as? [String: Any] ?? [:] }

    @Test func aChannelsPreChatFormIsSetAloneAndKeepsItsOrigins() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let changed = try await setPreChat(client, widget, "required")
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(config(changed)["preChat"] as? String == "required")
            #expect(config(changed)["allowedOrigins"] as? [String] == [WidgetFixture.origin])
            let listed = try await client.call(.get, "/api/v1/channels", token: widget.acme.ownerToken).items
            #expect((listed.first?["config"] as? [String: Any])?["preChat"] as? String == "required")

            let bad = try await setPreChat(client, widget, "sometimes")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("off, optional, required"), "\(bad.text)")
            // Left out keeps a field; null is no value the document allows.
            for field in ["preChat", "allowedOrigins"] {
                let null = try await client.call(
                    .patch, "/api/v1/channels/\(widget.channelID)", token: widget.acme.ownerToken,
                    json: "{\"config\": {\"\(field)\": null}}")
                #expect(null.status == .badRequest, "\(field): \(null.text)")
                #expect(BadInputTests.fieldNames(null) == ["config.\(field)"], "\(null.text)")
            }
            let nullCreate = try await client.call(
                .post, "/api/v1/channels", token: widget.acme.ownerToken,
                json:
                    "{\"kind\": \"web\", \"agentId\": \"\(widget.agentID)\", \"config\": {\"allowedOrigins\": [\"*\"], \"preChat\": null}}"
            )
            #expect(nullCreate.status == .badRequest, "\(nullCreate.text)")

            let created = try await client.call(
                .post, "/api/v1/channels", token: widget.acme.ownerToken,
                json: json([
                    "kind": "web", "agentId": widget.agentID,
                    "config": ["allowedOrigins": ["https://other.example"], "preChat": "optional"],
                ]))
            #expect(created.status == .created, "\(created.text)")
            #expect(config(created)["preChat"] as? String == "optional")
            let plain = try await client.call(
                .post, "/api/v1/channels", token: widget.acme.ownerToken,
                json: json(["kind": "web", "agentId": widget.agentID, "config": ["allowedOrigins": ["*"]]]))
            #expect(config(plain)["preChat"] as? String == "off")
        }
    }

    @Test func aRequiredFormHoldsMessagesAndTheHumanButtonUntilNameAndEmailArrive() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            #expect(try await setPreChat(client, widget, "required").status == .ok)
            let start = try await client.call(.post, "\(widget.base)/sessions", json: json([:]))
            #expect(start.status == .ok)
            let startConfig = config(start)
            #expect(startConfig["preChat"] as? String == "required")
            #expect((startConfig["visitor"] as? [String: Any])?["name"] as? String == "Visitor")
            #expect((startConfig["visitor"] as? [String: Any])?["email"] == nil)
            let token = try #require(start.object["visitorToken"] as? String)

            let refused = try await client.call(
                .post, "\(widget.base)/messages", token: token, json: json(["body": "Hello?"]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("name and email"), "\(refused.text)")
            #expect(try await widget.messages(client, token).isEmpty, "nothing is stored")
            let human = try await client.call(.post, "\(widget.base)/human", token: token)
            #expect(human.status == .unprocessableContent)

            // The form: the same session, now with a name and an email.
            let badEmail = try await client.call(
                .post, "\(widget.base)/sessions", json: json(["visitorToken": token, "name": "Ada", "email": "nope"]))
            #expect(badEmail.status == .badRequest)
            let filled = try await client.call(
                .post, "\(widget.base)/sessions",
                json: json(["visitorToken": token, "name": "Ada Lovelace", "email": "ada@example.com"]))
            #expect(filled.status == .ok, "\(filled.text)")
            let visitor = config(filled)["visitor"] as? [String: Any]
            #expect(visitor?["name"] as? String == "Ada Lovelace")
            #expect(visitor?["email"] as? String == "ada@example.com")
            let sameToken = try #require(filled.object["visitorToken"] as? String)

            try await widget.say(client, sameToken, "My parcel never came")
            let escalated = try await widget.say(client, sameToken, "I want to talk to a person")
            let number = try #require(escalated["ticketNumber"] as? Int)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: widget.acme.ownerToken)
            let requester = ticket.object["requester"] as? [String: Any]
            #expect(requester?["name"] as? String == "Ada Lovelace")
            #expect(requester?["email"] as? String == "ada@example.com")
        }
    }

    @Test func anOptionalFormLetsTheChatGoOnAndALaterAnswerReachesTheTicket() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            #expect(try await setPreChat(client, widget, "optional").status == .ok)
            let token = try await widget.session(client, name: "Visitor", email: nil)
            try await widget.say(client, token, "My parcel never came")
            let escalated = try await widget.say(client, token, "I want to talk to a person")
            let number = try #require(escalated["ticketNumber"] as? Int)

            let filled = try await client.call(
                .post, "\(widget.base)/sessions",
                json: json(["visitorToken": token, "name": "Grace Hopper", "email": "grace@example.com"]))
            #expect(filled.status == .ok)
            let ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: widget.acme.ownerToken)
            #expect((ticket.object["requester"] as? [String: Any])?["email"] as? String == "grace@example.com")
            // Search finds the ticket by the address given later.
            let found = try await client.call(
                .get, "/api/v1/tickets?view=all&q=grace%40example.com", token: widget.acme.ownerToken)
            #expect(found.items.map { $0["number"] as? Int } == [number], "\(found.text)")
            // Email is now a way to reach the customer.
            let channels = try await client.call(
                .get, "/api/v1/tickets/\(number)/channels", token: widget.acme.ownerToken)
            #expect(channels.text.contains("\"email\""), "\(channels.text)")
        }
    }

    @Test func theTicketPageShowsWhereAndHowTheChatStarted() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let start = try await client.call(
                .post, "\(widget.base)/sessions",
                json: json([
                    "name": "Vera",
                    "page": "https://shop.example/checkout?step=2&coupon=x\"><script>alert(1)</script>#pay",
                    "language": "de-CH",
                ]),
                headers: [
                    .userAgent:
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                    .acceptLanguage: "fr",
                ])
            #expect(start.status == .ok)
            let token = try #require(start.object["visitorToken"] as? String)
            try await widget.say(client, token, "My parcel never came")
            let number = try #require(
                try await widget.say(client, token, "I want to talk to a person")["ticketNumber"] as? Int)

            let owner = try await WebAppTests.signIn(client, email: widget.acme.owner.email)
            let page = try await client.call(.get, "/app/tickets/\(number)", headers: owner).text
            #expect(page.contains("<dt>Started on</dt>"))
            #expect(page.contains("href=\"https://shop.example/checkout?step=2&amp;coupon=x\""), "escaped, no fragment")
            #expect(!page.contains("<script>alert(1)"))
            #expect(page.contains("rel=\"noopener noreferrer nofollow\""))
            #expect(page.contains("<dd>Chrome 131 on Windows</dd>"))
            #expect(page.contains("<dd>de-CH</dd>"))

            // A page that is not a web address is left out, and the session still starts.
            let odd = try await client.call(
                .post, "\(widget.base)/sessions", json: json(["page": "javascript:alert(1)", "language": "??"]),
                headers: [.acceptLanguage: "es-ES,es;q=0.9"])
            #expect(odd.status == .ok)
        }
    }
}
