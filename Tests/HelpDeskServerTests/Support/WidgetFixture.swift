import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import HummingbirdTesting
import Testing

/// A pro team with an agent (FAQ + Support Handover) behind a web widget channel.
struct WidgetFixture: Sendable {
    let acme: TestTeam
    let agentID: String
    let channelID: String
    static let origin = "https://shop.example"

    static let faq: [[String: String]] = [
        ["question": "How do I reset my password?", "answer": "Use Forgot password on the sign-in page."],
        ["question": "How long does delivery take?", "answer": "Orders arrive within 5 working days."],
        ["question": "How do I return an item?", "answer": "Returns are free within 30 days."],
    ]

    static func make(
        _ desk: TestHelpDesk, client: any TestClientProtocol, handover: [String: Any]? = nil, team: TestTeam? = nil,
        allowedOrigins: [String] = [origin]
    ) async throws -> WidgetFixture {
        let acme: TestTeam
        if let team { acme = team } else { acme = try await desk.team() }
        let handoverBody: [String: Any] =
            handover ?? [
                "whenToUse": "When the customer asks for a person.", "defaultPriority": "high", "humanButton": true,
                "messageThreshold": 0, "waitingLabel": "Hang on, a person is coming.",
                "connectedLabel": "You are now talking to our team.",
                "autoReplyMessage": "Nobody is here right now; leave a message and we will write back.",
            ]
        let agent = try await client.call(
            .post, "/api/v1/agents", token: acme.ownerToken,
            json: json([
                "name": "Shop Assistant", "instructions": "Be kind.", "faq": faq, "supportHandover": handoverBody,
            ]))
        #expect(agent.status == .created, "\(agent.text)")
        let agentID = try #require(agent.object["id"] as? String)
        let channel = try await client.call(
            .post, "/api/v1/channels", token: acme.ownerToken,
            json: json(["kind": "web", "agentId": agentID, "config": ["allowedOrigins": allowedOrigins]]))
        #expect(channel.status == .created, "\(channel.text)")
        return WidgetFixture(acme: acme, agentID: agentID, channelID: try #require(channel.object["id"] as? String))
    }

    var base: String { "/widget/v1/\(channelID)" }

    /// Starts a visitor session and returns the visitor token.
    func session(_ client: any TestClientProtocol, name: String = "Vera Visitor", email: String? = "vera@example.com")
        async throws -> String
    {
        var body: [String: Any?] = ["name": name]
        if let email { body["email"] = email }
        let response = try await client.call(.post, "\(base)/sessions", json: json(body))
        #expect(response.status == .ok, "\(response.text)")
        return try #require(response.object["visitorToken"] as? String)
    }

    /// A visitor message; returns the response object.
    @discardableResult
    func say(_ client: any TestClientProtocol, _ token: String, _ text: String) async throws -> [String: Any] {
        let response = try await client.call(.post, "\(base)/messages", token: token, json: json(["body": text]))
        #expect(response.status == .ok, "\(response.text)")
        return response.object
    }

    func messages(_ client: any TestClientProtocol, _ token: String) async throws -> [[String: Any]] {
        let response = try await client.call(.get, "\(base)/messages", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return response.items
    }
}

extension Dictionary where Key == String, Value == Any {
    var replyBody: String? { (self["reply"] as? [String: Any])?["body"] as? String }
    var replyAuthorKind: String? {
        ((self["reply"] as? [String: Any])?["author"] as? [String: Any])?["kind"] as? String
    }
}
