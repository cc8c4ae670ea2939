import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// Tags suggested at handoff: the built-in brain's escalation suggests the team's tags that the
/// customer's messages mention; operators accept (the tag goes on, as any tagging does) or
/// reject each one, and the team's counts say how good the suggestions were.
@Suite struct TagSuggestionsTests {
    static func suggested(_ client: any TestClientProtocol, _ number: Int, token: String) async throws -> [String] {
        let response = try await client.call(.get, "/api/v1/tickets/\(number)/tag-suggestions", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return TagsTests.names(response)
    }

    static func stats(_ client: any TestClientProtocol, token: String) async throws -> [String: Int] {
        let response = try await client.call(.get, "/api/v1/tags/suggestion-stats", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return response.object.compactMapValues { $0 as? Int }
    }

    static func decide(
        _ client: any TestClientProtocol, _ number: Int, _ name: String, _ verb: String, token: String
    ) async throws -> TestResponse {
        try await client.call(.post, "/api/v1/tickets/\(number)/tag-suggestions/\(name)/\(verb)", token: token)
    }

    @Test func anEscalationSuggestsTheMentionedTagsAndAcceptingPutsTheTagOn() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let acme = widget.acme
            let sam = try await acme.member("Sam")
            for name in ["billing", "shipping", "vip"] {
                let made = try await client.call(
                    .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": name]))
                #expect(made.status == .created, "\(made.text)")
            }
            #expect(try await Self.stats(client, token: sam.token) == ["suggested": 0, "accepted": 0, "rejected": 0])

            let visitor = try await widget.session(client)
            try await widget.say(client, visitor, "I was charged twice on my invoices this month")
            let escalated = try await widget.say(client, visitor, "I want to talk to a person")
            let number = try #require(escalated["ticketNumber"] as? Int)

            #expect(try await Self.suggested(client, number, token: sam.token) == ["billing"])
            let ticket = try await client.call(.get, "/api/v1/tickets/\(number)", token: sam.token)
            #expect(TagsTests.tags(ticket) == [], "suggested, not applied")
            let cookies = try await WebAppTests.signIn(client, email: sam.member.email)
            let page = try await client.call(.get, "/app/tickets/\(number)", headers: cookies)
            WebAppTests.expectSafePage(page, "/app/tickets/\(number)")
            #expect(page.text.contains("data-testid=\"tag-suggestion\" data-tag=\"billing\""))
            #expect(page.text.contains("Suggested:"))

            let accepted = try await Self.decide(client, number, "Billing", "accept", token: sam.token)
            #expect(accepted.status == .ok, "\(accepted.text)")
            #expect(TagsTests.tags(accepted) == ["billing"])
            #expect(
                try await TagsTests.tagEvents(client, token: sam.token, number: number) == ["tagAdded billing by Sam"])
            #expect(try await Self.suggested(client, number, token: sam.token) == [])
            let again = try await Self.decide(client, number, "billing", "accept", token: sam.token)
            #expect(again.status == .notFound, "decided once: \(again.text)")
            let after = try await client.call(.get, "/app/tickets/\(number)", headers: cookies)
            #expect(!after.text.contains("data-testid=\"tag-suggestion\""))
            #expect(try await Self.stats(client, token: sam.token) == ["suggested": 1, "accepted": 1, "rejected": 0])
        }
    }

    @Test func theHumanButtonSuggestsTagsToo() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let acme = widget.acme
            for name in ["billing", "shipping"] {
                _ = try await client.call(.post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": name]))
            }
            let visitor = try await widget.session(client)
            _ = try await widget.say(client, visitor, "My parcel shipping is stuck somewhere")
            let pressed = try await client.call(.post, "\(widget.base)/human", token: visitor)
            #expect(pressed.status == .ok, "\(pressed.text)")
            let number = try #require(pressed.object["ticketNumber"] as? Int)
            #expect(try await Self.suggested(client, number, token: acme.ownerToken) == ["shipping"])
        }
    }

    @Test func rejectingDismissesTheSuggestionAndEachTeamCountsItsOwn() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let acme = widget.acme
            let other = try await desk.team("Other")
            for name in ["billing", "shipping", "bug", "vip"] {
                let made = try await client.call(
                    .post, "/api/v1/tags", token: acme.ownerToken, json: json(["name": name]))
                #expect(made.status == .created, "\(made.text)")
            }
            let visitor = try await widget.session(client)
            try await widget.say(client, visitor, "The parcel never came and the app shows an error")
            let escalated = try await widget.say(client, visitor, "I want to talk to a person")
            let number = try #require(escalated["ticketNumber"] as? Int)
            #expect(try await Self.suggested(client, number, token: acme.ownerToken) == ["bug", "shipping"])

            let rejected = try await Self.decide(client, number, "bug", "reject", token: acme.ownerToken)
            #expect(rejected.status == .ok, "\(rejected.text)")
            #expect(TagsTests.tags(rejected) == [])
            #expect(try await TagsTests.tagEvents(client, token: acme.ownerToken, number: number) == [])
            #expect(try await Self.suggested(client, number, token: acme.ownerToken) == ["shipping"])
            #expect(
                try await Self.stats(client, token: acme.ownerToken) == ["suggested": 2, "accepted": 0, "rejected": 1])

            // Another team sees neither the ticket nor the counts; a name never suggested is missing.
            #expect(
                try await Self.decide(client, number, "shipping", "accept", token: other.ownerToken).status == .notFound
            )
            #expect(
                try await Self.stats(client, token: other.ownerToken) == ["suggested": 0, "accepted": 0, "rejected": 0])
            #expect(try await Self.decide(client, number, "vip", "accept", token: acme.ownerToken).status == .notFound)
            let bad = try await Self.decide(client, number, "%20", "accept", token: acme.ownerToken)
            #expect(bad.status == .badRequest, "\(bad.text)")
            #expect(TagsTests.fields(bad) == ["name"])
        }
    }

}
