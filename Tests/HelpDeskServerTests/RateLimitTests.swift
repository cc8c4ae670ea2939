import Foundation
import HTTPTypes
import HelpDeskCore
import HelpDeskServer
import HelpDeskService
import Hummingbird
import HummingbirdTesting
import Testing

/// The anonymous widget routes under a flood: bounded work, 429 with Retry-After.
@Suite struct AnonymousRateLimitTests {
    static func outcomes(_ responses: [TestResponse]) -> (ok: Int, limited: Int) {
        for response in responses where response.status == .tooManyRequests {
            #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1, "429 without Retry-After")
            #expect(response.headers[.contentType] == "application/problem+json")
        }
        return (responses.filter { $0.status == .ok }.count, responses.filter { $0.status == .tooManyRequests }.count)
    }

    /// Limits whose refill is too slow to matter while a test runs, however busy the machine.
    static func slowRefill(_ configuration: inout ServerConfiguration) {
        let defaults = AnonymousLimits()
        configuration.anonymousLimits.sessionsPerAddress = RateLimit(
            burst: defaults.sessionsPerAddress.burst, count: 1, per: 3600)
        configuration.anonymousLimits.messagesPerConversation = RateLimit(
            burst: defaults.messagesPerConversation.burst, count: 1, per: 3600)
    }

    /// A refusal is answered late, so a client flooding in a loop is slowed to one request per delay.
    @Test func aRefusalIsAnsweredAfterTheRefusalDelay() async throws {
        let desk = try TestHelpDesk { configuration in
            Self.slowRefill(&configuration)
            configuration.anonymousLimits.sessionsPerAddress = RateLimit(burst: 1, count: 1, per: 3600)
            configuration.anonymousLimits.refusalDelay = .milliseconds(400)
        }
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let clock = ContinuousClock()
            #expect(try await client.call(.post, "\(widget.base)/sessions", json: json(["name": "A"])).status == .ok)
            let started = clock.now
            let refused = try await client.call(.post, "\(widget.base)/sessions", json: json(["name": "B"]))
            let waited = clock.now - started
            #expect(refused.status == .tooManyRequests)
            #expect(waited >= .milliseconds(400), "refused after \(waited)")
        }
    }

    @Test func sixteenClientsOpeningConversationsGetTheBurstAndThen429() async throws {
        let desk = try TestHelpDesk(configure: Self.slowRefill)
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        try await client.call(.post, "\(widget.base)/sessions", json: json(["name": "Flood"]))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let (ok, limited) = Self.outcomes(responses)
            #expect(ok == AnonymousLimits().sessionsPerAddress.burst)
            #expect(limited == 16 - ok)
        }
    }

    @Test func oneConversationCannotFloodMessages() async throws {
        let desk = try TestHelpDesk(configure: Self.slowRefill)
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            let token = try await widget.session(client)
            var responses: [TestResponse] = []
            for index in 0..<14 {
                responses.append(
                    try await client.call(
                        .post, "\(widget.base)/messages", token: token, json: json(["body": "question \(index)"])))
            }
            let (ok, limited) = Self.outcomes(responses)
            #expect(ok == AnonymousLimits().messagesPerConversation.burst)
            #expect(limited == 4)
            // A refused message is not stored: the visitor sees only what was accepted.
            let stored = try await widget.messages(client, token).filter {
                ($0["author"] as? [String: Any])?["kind"] as? String == "customer"
            }
            #expect(stored.count == ok)
        }
    }

    @Test func requestsForAPersonAreLimitedPerAddressAcrossConversations() async throws {
        let desk = try TestHelpDesk(configure: { configuration in
            configuration.anonymousLimits.escalationsPerAddress = RateLimit(burst: 2, count: 1, per: 3600)
        })
        try await desk.test { client in
            let widget = try await WidgetFixture.make(desk, client: client)
            var pressed: [TestResponse] = []
            for _ in 0..<4 {
                let token = try await widget.session(client)
                pressed.append(try await client.call(.post, "\(widget.base)/human", token: token))
            }
            #expect(pressed.map(\.status.code) == [200, 200, 429, 429])
            // Asking in words past the limit: the AI keeps the conversation, no ticket.
            let token = try await widget.session(client)
            let reply = try await widget.say(client, token, "I want to talk to a human")
            #expect(reply["escalated"] as? Bool == false)
            let tickets = try await client.call(.get, "/api/v1/tickets?view=all", token: widget.acme.ownerToken)
            #expect(tickets.items.count == 2)
        }
    }

    @Test func exemptAddressesSkipTheAnonymousLimits() async throws {
        let desk = try TestHelpDesk(configure: { configuration in
            configuration.anonymousLimits.sessionsPerAddress = RateLimit(burst: 1, count: 1, per: 3600)
            configuration.anonymousLimits.exempt = [AddressRange("127.0.0.0/8")!]
        })
        let limited = try TestHelpDesk(configure: { configuration in
            configuration.anonymousLimits.sessionsPerAddress = RateLimit(burst: 1, count: 1, per: 3600)
            configuration.anonymousLimits.exempt = [AddressRange("10.0.0.0/8")!]
        })
        for (helpDesk, expected) in [(desk, [200, 200, 200]), (limited, [200, 429, 429])] {
            // Over real sockets, so the client address is 127.0.0.1.
            try await helpDesk.application.test(.live) { client in
                let widget = try await WidgetFixture.make(helpDesk, client: client)
                var statuses: [Int] = []
                for _ in 0..<3 {
                    statuses.append(
                        try await client.call(.post, "\(widget.base)/sessions", json: json(["name": "Gate"])).status
                            .code)
                }
                #expect(statuses == expected)
            }
        }
    }
}
