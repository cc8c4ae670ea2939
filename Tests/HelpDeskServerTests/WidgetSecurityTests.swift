import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

@Suite struct WidgetSecurityTests {
    @Test func oneVisitorCannotReadAnothersMessagesOrTickets() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let alice = try await widget.session(client, name: "Alice", email: "alice@example.com")
            let bob = try await widget.session(client, name: "Bob", email: "bob@example.com")
            try await widget.say(client, bob, "my secret account number is 99-1234, get me a person")
            let aliceMessages = try await widget.messages(client, alice)
            #expect(aliceMessages.isEmpty)
            let aliceTickets = try await client.call(.get, "\(widget.base)/tickets", token: alice).items
            #expect(aliceTickets.isEmpty)
            let bobTickets = try await client.call(.get, "\(widget.base)/tickets", token: bob).items
            #expect(bobTickets.count == 1)

            // A resume with Alice's token gives back Alice's conversation, never Bob's.
            let resumed = try await client.call(.post, "\(widget.base)/sessions", json: json(["visitorToken": alice]))
            #expect(resumed.status == .ok)
            let resumedToken = try #require(resumed.object["visitorToken"] as? String)
            #expect(try await widget.messages(client, resumedToken).isEmpty)

            // A token from one channel does not open another team's channel.
            let other = try await WidgetFixture.make(desk, client: client, team: try await desk.team("Other"))
            let cross = try await client.call(.get, "\(other.base)/messages", token: alice)
            #expect(cross.status == .unauthorized)
            // Member tokens are not visitor tokens, and visitor tokens open nothing in the operator API.
            #expect(
                try await client.call(.get, "\(widget.base)/messages", token: widget.acme.ownerToken).status
                    == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/tickets", token: alice).status == .unauthorized)
        }
    }

    @Test func forgedOrExpiredTokensAre401() async throws {
        let clock = TestClock(.now())
        let desk = try TestHelpDesk(clock: clock)
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            let parts = token.split(separator: ".")
            // Same payload, wrong signature; and a changed payload with the old signature.
            let forgedSignature = "\(parts[0]).\(String(parts[1].reversed()))"
            let payload = String(decoding: Data(base64Encoded: String(parts[0]).base64Padded)!, as: UTF8.self)
            let otherPayload = Data(payload.replacingOccurrences(of: "cv_", with: "cv_x").utf8).base64EncodedString()
                .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(
                    of: "/", with: "_")
            for bad in [forgedSignature, "\(otherPayload).\(parts[1])", "garbage", ""] {
                let response = try await client.call(.get, "\(widget.base)/messages", token: bad)
                #expect(response.status == .unauthorized, "\(bad)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            let resume = try await client.call(
                .post, "\(widget.base)/sessions", json: json(["visitorToken": forgedSignature]))
            #expect(resume.status == .unauthorized)
            #expect(try await client.call(.get, "\(widget.base)/messages").status == .unauthorized)

            #expect(try await client.call(.get, "\(widget.base)/messages", token: token).status == .ok)
            clock.advance(seconds: 31 * 24 * 3600)
            let expired = try await client.call(.get, "\(widget.base)/messages", token: token)
            #expect(expired.status == .unauthorized)
        }
    }

    @Test func markupInAMessageComesBackAsText() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client, name: "<img src=x onerror=alert(1)>")
            let payload = "<script>alert('x')</script> & <b>bold</b>"
            try await widget.say(client, token, payload)
            let response = try await client.call(.get, "\(widget.base)/messages", token: token)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(response.items.first?["body"] as? String == payload)
            #expect(
                (response.items.first?["author"] as? [String: Any])?["name"] as? String
                    == "<img src=x onerror=alert(1)>")
        }
    }

    @Test func corsIsLimitedToTheChannelsAllowedOrigins() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let preflight = try await client.call(
                .options, "\(widget.base)/messages",
                headers: [.origin: WidgetFixture.origin, .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == WidgetFixture.origin)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let evilPreflight = try await client.call(
                .options, "\(widget.base)/messages",
                headers: [.origin: "https://evil.example", .accessControlRequestMethod: "POST"])
            #expect(evilPreflight.status == .forbidden)
            #expect(evilPreflight.headers[.accessControlAllowOrigin] == nil)

            let allowed = try await client.call(
                .post, "\(widget.base)/sessions", json: json(["name": "V"]), headers: [.origin: WidgetFixture.origin])
            #expect(allowed.status == .ok)
            #expect(allowed.headers[.accessControlAllowOrigin] == WidgetFixture.origin)
            let evil = try await client.call(
                .post, "\(widget.base)/sessions", json: json(["name": "V"]), headers: [.origin: "https://evil.example"])
            #expect(evil.status == .forbidden)
            #expect(evil.headers[.accessControlAllowOrigin] == nil)
            let unknown = try await client.call(.post, "/widget/v1/ch_nope/sessions", json: "{}")
            #expect(unknown.status == .notFound)
        }
    }

    @Test func agentAndChannelInputIsValidatedAndKeysAreWriteOnly() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam")
        try await desk.test { client in
            let bad = try await client.call(
                .post, "/api/v1/agents", token: acme.ownerToken,
                json: json([
                    "name": "A", "faq": [["question": "", "answer": "x"]],
                    "supportHandover": [
                        "messageThreshold": -1, "waitingLabel": "",
                        "connectedLabel": String(repeating: "c", count: 501),
                    ],
                ]))
            #expect(bad.status == .badRequest)
            #expect(
                Set(BadInputTests.fieldNames(bad)) == [
                    "faq[0].question", "supportHandover.messageThreshold", "supportHandover.waitingLabel",
                    "supportHandover.connectedLabel",
                ])
            let priority = try await client.call(
                .post, "/api/v1/agents", token: acme.ownerToken,
                json: json(["name": "A", "supportHandover": ["defaultPriority": "asap"]]))
            #expect((priority.object["detail"] as? String)?.contains("low, normal, high, urgent") == true)
            let operatorCreate = try await client.call(
                .post, "/api/v1/agents", token: sam.token, json: json(["name": "A"]))
            #expect(operatorCreate.status == .forbidden)

            let llm = try await client.call(
                .post, "/api/v1/agents", token: acme.ownerToken,
                json: json([
                    "name": "LLM",
                    "brain": ["kind": "llm", "baseURL": "http://127.0.0.1:9/v1", "model": "m", "apiKey": "sk-secret"],
                ]))
            #expect(llm.status == .created)
            #expect(!llm.text.contains("sk-secret"))
            let id = try #require(llm.object["id"] as? String)
            let listed = try await client.call(.get, "/api/v1/agents", token: sam.token)
            #expect(!listed.text.contains("sk-secret"))
            #expect(listed.text.contains("\"apiKeySet\":\"true\""))
            let badURL = try await client.call(
                .put, "/api/v1/agents/\(id)", token: acme.ownerToken,
                json: json(["name": "LLM", "brain": ["kind": "llm", "baseURL": "not a url", "model": "m"]]))
            #expect(BadInputTests.fieldNames(badURL) == ["brain.baseURL"])

            let origin = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json(["kind": "web", "agentId": id, "config": ["allowedOrigins": ["javascript:alert(1)"]]]))
            #expect(BadInputTests.fieldNames(origin) == ["config.allowedOrigins[0]"])
            let foreignAgent = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json(["kind": "web", "agentId": "ag_nope", "config": ["allowedOrigins": ["https://a.example"]]]))
            #expect(BadInputTests.fieldNames(foreignAgent) == ["agentId"])
            let telegram = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json(["kind": "telegram", "agentId": id, "config": [:] as [String: String]]))
            #expect(BadInputTests.fieldNames(telegram) == ["config.botToken", "config.secretToken"])
            let whatsapp = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json(["kind": "whatsapp", "agentId": id, "config": [:] as [String: String]]))
            #expect(
                BadInputTests.fieldNames(whatsapp) == [
                    "config.phoneNumberId", "config.accessToken", "config.appSecret", "config.verifyToken",
                ])
            let email = try await client.call(
                .post, "/api/v1/channels", token: acme.ownerToken,
                json: json(["kind": "email", "agentId": id, "config": [:] as [String: String]]))
            #expect(BadInputTests.fieldNames(email) == ["config.address", "config.smtp.host"])
            #expect(try await client.call(.delete, "/api/v1/agents/\(id)", token: acme.ownerToken).status == .noContent)
            #expect(try await client.call(.get, "/api/v1/agents/\(id)", token: acme.ownerToken).status == .notFound)
        }
    }
}

extension String {
    var base64Padded: String {
        var text = replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return text
    }
}
