import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HummingbirdTesting
import Testing

/// Owners and managers edit a web channel's allowed origins, and remove channels and agents.
@Suite struct ChannelAdminTests {
    @Test func aChannelsAllowedOriginsCanBeChangedByOwnersOnly() async throws {
        let desk = try TestHelpDesk()
        let other = try await desk.team("Other")
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let operatorToken = try await widget.acme.member("Olli").token
            let newOrigin = "https://new-shop.example"
            let session = { (origin: String) in
                try await client.call(
                    .post, "\(widget.base)/sessions", json: json(["name": "Vera"]), headers: [.origin: origin])
            }
            #expect(try await session(newOrigin).status == .forbidden)

            let path = "/api/v1/channels/\(widget.channelID)"
            let change = json(["config": ["allowedOrigins": [WidgetFixture.origin, newOrigin]]])
            #expect(try await client.call(.patch, path, token: operatorToken, json: change).status == .forbidden)
            #expect(try await client.call(.patch, path, token: other.ownerToken, json: change).status == .notFound)
            let bad = try await client.call(
                .patch, path, token: widget.acme.ownerToken, json: json(["config": ["allowedOrigins": ["not a url"]]]))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("config.allowedOrigins[0]"))
            let empty = try await client.call(
                .patch, path, token: widget.acme.ownerToken, json: json(["config": ["allowedOrigins": []]]))
            #expect(empty.status == .badRequest)

            let changed = try await client.call(.patch, path, token: widget.acme.ownerToken, json: change)
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(
                (changed.object["config"] as? [String: Any])?["allowedOrigins"] as? [String] == [
                    WidgetFixture.origin, newOrigin,
                ])
            #expect(try await session(newOrigin).status == .ok)
        }
    }

    @Test func theAgentsPageOffersEditingAndRemovalToOwnersOnly() async throws {
        let desk = try TestHelpDesk()
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let olli = try await widget.acme.member("Olli")
            let owner = try await WebAppTests.signIn(client, email: widget.acme.owner.email)
            let page = try await client.call(.get, "/app/agents", headers: owner).text
            #expect(page.contains("channel-origins-form"))
            #expect(page.contains("channel-delete"))
            #expect(page.contains("agent-delete"))
            let asOperator = try await WebAppTests.signIn(client, email: olli.member.email)
            let seen = try await client.call(.get, "/app/agents", headers: asOperator).text
            #expect(!seen.contains("channel-origins-form"))
            #expect(!seen.contains("agent-delete"))
        }
    }
}
