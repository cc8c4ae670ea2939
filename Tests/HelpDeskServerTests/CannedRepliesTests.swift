import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import NIOCore
import Testing

/// Canned replies through the API and the web app: owners and managers manage
/// them, every member of a team with the Help Desk lists them and fills one
/// for a ticket; another team's never show.
@Suite struct CannedRepliesTests {
    static func fields(_ response: TestResponse) -> [String] {
        (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    static func messages(_ response: TestResponse) -> [String] {
        (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
    }

    /// Creates a canned reply and returns its id.
    static func create(
        _ client: any TestClientProtocol, token: String, title: String, body: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await client.call(
            .post, "/api/v1/canned-replies", token: token, json: json(["title": title, "body": body]),
            sourceLocation: sourceLocation)
        #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
        return try #require(response.object["id"] as? String, sourceLocation: sourceLocation)
    }

    @Test func ownersAndManagersManageThemAndEveryoneReadsThem() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let manager = try await acme.member("Max", role: .manager)
        let sam = try await acme.member("Sam", role: .operator)
        try await desk.test { client in
            let created = try await client.call(
                .post, "/api/v1/canned-replies", token: acme.ownerToken,
                json: json(["title": "  Greeting ", "body": "Hi {{customer.name}},\n\nthanks for writing.\n"]))
            #expect(created.status == .created, "\(created.text)")
            let greetingID = try #require(created.object["id"] as? String)
            #expect(created.object["title"] as? String == "Greeting")
            #expect(created.object["body"] as? String == "Hi {{customer.name}},\n\nthanks for writing.")
            #expect(created.object["createdAt"] as? String == created.object["updatedAt"] as? String)
            let closingID = try await Self.create(
                client, token: manager.token, title: "closing", body: "Bye from {{operator.name}}")

            // Everyone reads the list, ordered by title ignoring case.
            for token in [acme.ownerToken, manager.token, sam.token] {
                let list = try await client.call(.get, "/api/v1/canned-replies", token: token)
                #expect(list.status == .ok)
                #expect(list.items.compactMap { $0["id"] as? String } == [closingID, greetingID])
            }

            // An operator changes nothing.
            let refusals = [
                try await client.call(
                    .post, "/api/v1/canned-replies", token: sam.token, json: json(["title": "Mine", "body": "x"])),
                try await client.call(
                    .put, "/api/v1/canned-replies/\(greetingID)", token: sam.token,
                    json: json(["title": "Hijacked", "body": "x"])),
                try await client.call(.delete, "/api/v1/canned-replies/\(greetingID)", token: sam.token),
                // Refused before the body is read.
                try await client.call(.post, "/api/v1/canned-replies", token: sam.token, json: "{not json"),
            ]
            for refusal in refusals {
                #expect(refusal.status == .forbidden, "\(refusal.text)")
                #expect(refusal.problemType == "urn:helpdesk:problem:forbidden")
                #expect((refusal.object["detail"] as? String)?.contains("owners and managers") == true)
            }

            // A manager edits the owner's, the owner deletes the manager's.
            let edited = try await client.call(
                .put, "/api/v1/canned-replies/\(greetingID)", token: manager.token,
                json: json(["title": "Welcome", "body": "Welcome, {{ customer.name }}!"]))
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(edited.object["title"] as? String == "Welcome")
            #expect(edited.object["body"] as? String == "Welcome, {{ customer.name }}!")
            #expect(edited.object["createdAt"] as? String == created.object["createdAt"] as? String)
            #expect(edited.object["updatedAt"] as? String != created.object["updatedAt"] as? String)
            let deleted = try await client.call(.delete, "/api/v1/canned-replies/\(closingID)", token: acme.ownerToken)
            #expect(deleted.status == .noContent)
            #expect(deleted.body.readableBytes == 0)

            let list = try await client.call(.get, "/api/v1/canned-replies", token: sam.token)
            #expect(list.items.count == 1)
            #expect(list.items.first?["title"] as? String == "Welcome")

            for (method, body) in [
                (HTTPRequest.Method.delete, nil as String?), (.put, json(["title": "T", "body": "B"])),
            ] {
                let gone = try await client.call(
                    method, "/api/v1/canned-replies/\(closingID)", token: acme.ownerToken, json: body)
                #expect(gone.status == .notFound, "\(method)")
                #expect((gone.object["detail"] as? String)?.contains(closingID) == true)
            }
            let anonymous = try await client.call(.get, "/api/v1/canned-replies")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func badInputIsRefusedNamingTheField() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        try await desk.test { client in
            let id = try await Self.create(client, token: acme.ownerToken, title: "Greeting", body: "Hi")
            for (method, path) in [
                (HTTPRequest.Method.post, "/api/v1/canned-replies"), (.put, "/api/v1/canned-replies/\(id)"),
            ] {
                let blank = try await client.call(
                    method, path, token: acme.ownerToken, json: json(["title": " \n", "body": "\t "]))
                #expect(blank.status == .badRequest, "\(method)")
                #expect(Self.fields(blank) == ["title", "body"], "\(method)")

                let unknown = try await client.call(
                    method, path, token: acme.ownerToken,
                    json: json(["title": "Follow-up", "body": "Hi {{customer.email}}, {{ ticket.id }}"]))
                #expect(unknown.status == .badRequest)
                #expect(Self.fields(unknown) == ["body"])
                let message = Self.messages(unknown).first ?? ""
                #expect(message.contains("{{customer.email}}") && message.contains("{{ticket.id}}"), "\(message)")
                #expect(message.contains("{{customer.name}}"), "the message lists the variables there are")

                let long = try await client.call(
                    method, path, token: acme.ownerToken,
                    json: json([
                        "title": String(repeating: "t", count: 201), "body": String(repeating: "b", count: 20_001),
                    ]))
                #expect(long.status == .badRequest)
                #expect(Self.fields(long) == ["title", "body"])

                let missing = try await client.call(method, path, token: acme.ownerToken, json: json(["title": "X"]))
                #expect(missing.status == .badRequest)
                #expect(Self.fields(missing) == ["body"])
                let null = try await client.call(
                    method, path, token: acme.ownerToken, json: json(["title": nil, "body": "x"]))
                #expect(Self.fields(null) == ["title"])
                let malformed = try await client.call(method, path, token: acme.ownerToken, json: "{\"title\": ")
                #expect(malformed.status == .badRequest)

                let plain = try await client.execute(
                    uri: path, method: method,
                    headers: [.authorization: "Bearer \(acme.ownerToken)", .contentType: "text/plain"],
                    body: ByteBuffer(string: json(["title": "Plain", "body": "x"])))
                #expect(plain.status == .unsupportedMediaType)
            }
            let list = try await client.call(.get, "/api/v1/canned-replies", token: acme.ownerToken)
            #expect(list.items.map { $0["title"] as? String } == ["Greeting"], "nothing refused was stored")
            #expect(list.items.first?["body"] as? String == "Hi")
        }
    }

    @Test func aTitleTheTeamAlreadyUsesIsAConflict() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let globex = try await desk.team("Globex")
        try await desk.test { client in
            _ = try await Self.create(client, token: acme.ownerToken, title: "Greeting", body: "Hi")
            let closing = try await Self.create(client, token: acme.ownerToken, title: "Closing", body: "Bye")
            let again = try await client.call(
                .post, "/api/v1/canned-replies", token: acme.ownerToken,
                json: json(["title": "greeting ", "body": "Hello"]))
            #expect(again.status == .conflict, "\(again.text)")
            #expect((again.object["detail"] as? String)?.contains("\"Greeting\"") == true)
            let renamed = try await client.call(
                .put, "/api/v1/canned-replies/\(closing)", token: acme.ownerToken,
                json: json(["title": "GREETING", "body": "Bye"]))
            #expect(renamed.status == .conflict)
            // Keeping its own title is no conflict; another team may use the same title.
            let kept = try await client.call(
                .put, "/api/v1/canned-replies/\(closing)", token: acme.ownerToken,
                json: json(["title": "CLOSING", "body": "Bye now"]))
            #expect(kept.status == .ok)
            _ = try await Self.create(client, token: globex.ownerToken, title: "Greeting", body: "Hej")
        }
    }

    @Test func anotherTeamsCannedRepliesAreNotFound() async throws {
        let desk = try TestHelpDesk()
        let alpha = try await desk.team("Alpha")
        let bravo = try await desk.team("Bravo")
        try await desk.test { client in
            let secret = try await Self.create(
                client, token: alpha.ownerToken, title: "Alpha secret", body: "zanzibar {{customer.name}}")
            let bravoTicket = try await openTicket(client, token: bravo.ownerToken)
            let alphaTicket = try await openTicket(client, token: alpha.ownerToken)
            #expect(bravoTicket == alphaTicket, "both teams have a ticket 10001")

            let list = try await client.call(.get, "/api/v1/canned-replies", token: bravo.ownerToken)
            #expect(list.status == .ok)
            #expect(list.items.isEmpty)
            for (method, path, body) in [
                (HTTPRequest.Method.put, "/api/v1/canned-replies/\(secret)", json(["title": "Mine", "body": "x"])),
                (.delete, "/api/v1/canned-replies/\(secret)", nil as String?),
                (.get, "/api/v1/tickets/\(bravoTicket)/canned-replies/\(secret)", nil),
            ] {
                let response = try await client.call(method, path, token: bravo.ownerToken, json: body)
                #expect(response.status == .notFound, "\(method) \(path)")
                #expect(!response.text.contains("zanzibar"))
            }
            let untouched = try await client.call(.get, "/api/v1/canned-replies", token: alpha.ownerToken)
            #expect(untouched.items.map { $0["title"] as? String } == ["Alpha secret"])
            #expect(untouched.items.first?["body"] as? String == "zanzibar {{customer.name}}")
            // Bravo may use the title Alpha uses: titles are unique per team.
            _ = try await Self.create(client, token: bravo.ownerToken, title: "Alpha secret", body: "ours")
        }
    }

    @Test(arguments: [Plan.free, .hobby])
    func cannedRepliesNeedTheHelpDesk(plan: Plan) async throws {
        let desk = try TestHelpDesk()
        let team = try await desk.team("Small", plan: plan)
        try await desk.test { client in
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/api/v1/canned-replies", nil as String?),
                (.post, "/api/v1/canned-replies", json(["title": "Hi", "body": "Hello"])),
                (.put, "/api/v1/canned-replies/cr_x", json(["title": "Hi", "body": "Hello"])),
                (.delete, "/api/v1/canned-replies/cr_x", nil),
                (.get, "/api/v1/tickets/10001/canned-replies/cr_x", nil),
            ] {
                let response = try await client.call(method, path, token: team.ownerToken, json: body)
                #expect(response.status == .forbidden, "\(method) \(path)")
                #expect(response.problemType == "urn:helpdesk:problem:plan-required", "\(method) \(path)")
            }
        }
    }

    @Test func thePreviewFillsTheVariablesForTheTicketAndTheCaller() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let acme = widget.acme
            let sam = try await acme.member("Sam Support", role: .operator)
            let template =
                "Hi {{ customer.name }}, {{operator.name}} here about #{{ticket.number}} (via {{agent.name}})."
            let id = try await Self.create(client, token: acme.ownerToken, title: "Hello", body: template)

            // A ticket escalated from the widget has an agent.
            let visitor = try await widget.session(client, name: "Vera Visitor")
            let escalated = try await widget.say(client, visitor, "I want to talk to a person")
            let number = try #require(escalated["ticketNumber"] as? Int)
            let before = try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: sam.token).items
            let preview = try await client.call(
                .get, "/api/v1/tickets/\(number)/canned-replies/\(id)", token: sam.token)
            #expect(preview.status == .ok, "\(preview.text)")
            #expect(
                preview.object["body"] as? String
                    == "Hi Vera Visitor, Sam Support here about #\(number) (via Shop Assistant).")
            #expect(preview.object.keys.sorted() == ["body"])
            // The caller is the operator: the owner's preview names the owner.
            let owners = try await client.call(
                .get, "/api/v1/tickets/\(number)/canned-replies/\(id)", token: acme.ownerToken)
            #expect((owners.object["body"] as? String)?.contains("Acme Owner here") == true, "\(owners.text)")
            // A preview stores and sends nothing.
            let after = try await client.call(.get, "/api/v1/tickets/\(number)/timeline", token: sam.token).items
            #expect(after.count == before.count)
            let seen = try await widget.messages(client, visitor).compactMap { $0["body"] as? String }
            #expect(!seen.isEmpty && !seen.contains { $0.contains("here about") }, "\(seen)")

            // A ticket opened by hand has no agent: that variable is empty.
            let byHand = try await openTicket(client, token: acme.ownerToken, requester: "Ana Cliente")
            let manual = try await client.call(
                .get, "/api/v1/tickets/\(byHand)/canned-replies/\(id)", token: sam.token)
            #expect(manual.object["body"] as? String == "Hi Ana Cliente, Sam Support here about #\(byHand) (via ).")

            let noTicket = try await client.call(.get, "/api/v1/tickets/99999/canned-replies/\(id)", token: sam.token)
            #expect(noTicket.status == .notFound)
            let noReply = try await client.call(
                .get, "/api/v1/tickets/\(byHand)/canned-replies/cr_nothing", token: sam.token)
            #expect(noReply.status == .notFound)
            #expect((noReply.object["detail"] as? String)?.contains("cr_nothing") == true)
            let badNumber = try await client.call(.get, "/api/v1/tickets/abc/canned-replies/\(id)", token: sam.token)
            #expect(badNumber.status == .badRequest)
            #expect(Self.fields(badNumber) == ["number"])
        }
    }

    @Test func theCannedRepliesPageAndTheComposerPicker() async throws {
        let desk = try TestHelpDesk()
        let acme = try await desk.team()
        let sam = try await acme.member("Sam", role: .operator)
        try await desk.test { client in
            let attack = "<script>alert(1)</script>"
            _ = try await Self.create(
                client, token: acme.ownerToken, title: "Odd \(attack)", body: "Body \(attack) {{customer.name}}")
            let number = try await openTicket(client, token: acme.ownerToken)
            let signedOut = try await client.call(.get, "/app/canned-replies")
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.headers[.location] == "/app/login")
            let owner = try await WebAppTests.signIn(client, email: acme.owner.email)
            let page = try await client.call(.get, "/app/canned-replies", headers: owner)
            #expect(page.status == .ok, "\(page.text)")
            WebAppTests.expectSafePage(page, "/app/canned-replies")
            let html = page.text
            #expect(!html.contains(attack))
            #expect(html.contains("Odd &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("Body &lt;script&gt;alert(1)&lt;/script&gt; {{customer.name}}"))
            for id in ["canned-new", "canned-title", "canned-body", "canned-save"] {
                #expect(html.contains("data-testid=\"\(id)\""), "\(id)")
            }
            #expect(html.contains("href=\"/app/canned-replies\" aria-current=\"page\""))
            #expect(html.contains("class=\"canned-edit\"") && html.contains("canned-delete"))

            // An operator reads the list and may not change it.
            let operatorCookies = try await WebAppTests.signIn(client, email: sam.member.email)
            let readOnly = try await client.call(.get, "/app/canned-replies", headers: operatorCookies)
            #expect(readOnly.status == .ok)
            WebAppTests.expectSafePage(readOnly, "/app/canned-replies")
            #expect(readOnly.text.contains("Odd &lt;script&gt;"))
            #expect(!readOnly.text.contains("canned-editor") && !readOnly.text.contains("canned-edit"))
            #expect(readOnly.text.contains("Only owners and managers can change canned replies"))

            // The ticket composer has the picker: a combobox over a listbox.
            let ticket = try await client.call(.get, "/app/tickets/\(number)", headers: operatorCookies)
            WebAppTests.expectSafePage(ticket, "/app/tickets/\(number)")
            for id in ["canned-open", "canned-panel", "canned-search", "canned-list"] {
                #expect(ticket.text.contains("data-testid=\"\(id)\""), "\(id)")
            }
            #expect(ticket.text.contains("role=\"combobox\"") && ticket.text.contains("role=\"listbox\""))

            let script = try await client.call(.get, "/assets/app.js").text
            #expect(script.contains("/canned-replies/") && script.contains("aria-activedescendant"))
        }
        let hobby = try await desk.team("Hobbyist", plan: .hobby)
        try await desk.test { client in
            let cookies = try await WebAppTests.signIn(client, email: hobby.owner.email)
            let page = try await client.call(.get, "/app/canned-replies", headers: cookies)
            #expect(page.status == .forbidden)
            #expect(page.text.contains("The Help Desk is not in your plan"))
        }
        let empty = try await desk.team("Empty")
        try await desk.test { client in
            let cookies = try await WebAppTests.signIn(client, email: empty.owner.email)
            let page = try await client.call(.get, "/app/canned-replies", headers: cookies)
            #expect(page.text.contains("No canned replies yet."))
        }
    }
}
